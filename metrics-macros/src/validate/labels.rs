//! `#[derive(LabelSet)]` and `#[derive(LabelValue)]`: label names, field types, values.

use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase,
    ToUpperCamelCase,
};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Fields, GenericArgument, GenericParam, PathArguments, Type};

use super::names::label_name_error;

use crate::ctxt::Ctxt;
use crate::ir::{Bound, LabelField, LabelSet, LabelValueEnum};
use crate::parse::labels::{RawLabelField, RawLabelSet, RawLabelValue};
use metrics_internals::MAX_LABELS;

pub(crate) fn validate_label_set<'a>(cx: &Ctxt, raw: RawLabelSet<'a>) -> LabelSet<'a> {
    // Rule: a label set borrows its free-text values through at most one lifetime, and has no
    // type parameters: the family field names it with that lifetime set to `'static`.
    let mut lifetime = None;
    for param in &raw.input.generics.params {
        match param {
            GenericParam::Lifetime(l) if lifetime.is_none() => lifetime = Some(&l.lifetime),
            other => cx.error_spanned_by(
                other,
                "a label set takes at most one lifetime parameter (for borrowed `&'a str` labels) and no type or const parameters",
            ),
        }
    }

    let (fields, fields_expandable) = validate_label_fields(cx, &raw.fields, false);
    let expandable = fields_expandable && raw.input.generics.params.len() <= 1;
    // Rule: the runtime handles label sets of up to 16 labels (a series with more is rarely
    // what anyone meant).
    if let Some(extra) = raw.fields.get(MAX_LABELS) {
        cx.error_spanned_by(
            extra.ident,
            format!("a label set has at most {MAX_LABELS} labels: split the metric or drop labels"),
        );
    }
    LabelSet {
        expandable,
        ident: &raw.input.ident,
        lifetime,
        fields,
    }
}

/// The checks of each label, in a label set or in a declaration: its name, its type, its
/// allowances and its bound. Also whether the code can be generated despite the errors.
/// `declared`: the labels of `#[metrics_core::labels(...)]` rather than of one set.
pub(crate) fn validate_label_fields<'a>(
    cx: &Ctxt,
    raw: &[RawLabelField<'a>],
    declared: bool,
) -> (Vec<LabelField<'a>>, bool) {
    let mut fields: Vec<LabelField<'a>> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut expandable = true;
    for field in raw {
        let name = field
            .name
            .as_ref()
            .map_or_else(|| field.ident.unraw().to_string(), |n| n.value());
        let span = field.name.as_ref().map_or(field.ident.span(), |n| n.span());
        if let Some(message) = label_name_error(&name) {
            cx.error_at(span, message);
        }
        // Rule: a label appears once per series (in a set, by its exposed name; among declared
        // labels, by its field name: two may be exposed under one name, for different metrics).
        let twice = if declared {
            fields.iter().position(|f| f.ident == field.ident)
        } else {
            fields.iter().position(|f| f.name == name)
        };
        if let Some(index) = twice {
            let message = if declared {
                format!(
                    "label `{}` is declared twice: remove one, or give one another field name and #[label(name = \"{name}\")] if the metrics mean different labels",
                    field.ident.unraw()
                )
            } else {
                format!(
                    "label `{name}` is declared twice: rename one with #[label(name = \"...\")] or remove it"
                )
            };
            cx.duplicate(span, spans[index], message, "first declared here");
        }
        // Rule: recording into an existing series must not allocate, so free text is borrowed
        // at the call site. (Other field types are checked by the compiler against
        // `LabelField`.)
        if is_owned_string(field.ty) {
            expandable = false;
            cx.error_spanned_by(
                field.ty,
                "a free-text label is `&'a str` (or `Option<&'a str>`), borrowed at the call site so that recording does not allocate",
            );
        }
        let mut allowances = Vec::new();
        let violations = super::lint::label_violations(&name);
        for (rule, rule_span) in &field.allow {
            if rule != "camel_case" {
                cx.error_at(*rule_span, format!("unknown rule `{rule}` for a label: only `camel_case` applies to label names"));
            } else if violations.is_empty() {
                cx.error_at(
                    *rule_span,
                    format!("label `{name}` keeps the rule `camel_case`: remove the allowance"),
                );
            } else {
                allowances.push(rule.clone());
            }
        }
        for v in violations {
            if !allowances.iter().any(|a| a == v.rule) {
                cx.error_at(span, v.message);
            }
        }
        let bound = bound(cx, field, &name);
        spans.push(span);
        fields.push(LabelField {
            ident: field.ident,
            ty: field.ty,
            name,
            name_span: span,
            allowances,
            bound,
            help: field.help.clone(),
        });
    }
    (fields, expandable)
}

/// Rule: free text declares how many distinct values it can take, or that it is unbounded, so
/// that the worst-case number of series is known; a closed set's size is already known.
fn bound(cx: &Ctxt, field: &RawLabelField<'_>, name: &str) -> Bound {
    let declared = field.bound.as_ref().map(|(_, at)| *at);
    match (declared, field.unbounded, is_free_text(field.ty)) {
        (Some(at), Some(unbounded), _) => {
            cx.duplicate(
                unbounded,
                at,
                format!("label `{name}` is declared both bounded and unbounded: keep one"),
                "first declared here",
            );
            Bound::Unbounded
        }
        (Some(at), None, false) | (None, Some(at), false) => {
            cx.error_at(
                at,
                format!("label `{name}` is a closed set, whose size is known: remove the bound (bounds are for free-text `&'a str` labels)"),
            );
            Bound::None
        }
        (None, None, true) => {
            cx.error_spanned_by(
                field.ty,
                format!("free-text label `{name}` needs a bound on its distinct values: add #[label(bound = N)] (a literal or a `const`) or, if nothing bounds it, #[label(unbounded)]"),
            );
            // Reported once: no check of the type follows.
            Bound::Unbounded
        }
        (Some(_), None, true) => match &field.bound {
            Some((expr, _)) => Bound::At(expr.clone()),
            None => Bound::None,
        },
        (None, Some(_), true) => Bound::Unbounded,
        (None, None, false) => Bound::None,
    }
}

/// `&str` or `Option<&str>`, with any lifetime.
fn is_free_text(ty: &Type) -> bool {
    match ty {
        Type::Reference(r) => matches!(&*r.elem, Type::Path(p) if p.path.is_ident("str")),
        Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            match &last.arguments {
                PathArguments::AngleBracketed(args) if last.ident == "Option" => {
                    matches!(args.args.first(), Some(GenericArgument::Type(inner)) if is_free_text(inner))
                }
                _ => false,
            }
        }
        Type::Paren(p) => is_free_text(&p.elem),
        Type::Group(g) => is_free_text(&g.elem),
        _ => false,
    }
}

/// `String` or `Option<String>`.
fn is_owned_string(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    if last.ident == "String" {
        return true;
    }
    match &last.arguments {
        PathArguments::AngleBracketed(args) if last.ident == "Option" => {
            matches!(args.args.first(), Some(GenericArgument::Type(inner)) if is_owned_string(inner))
        }
        _ => false,
    }
}

pub(crate) fn validate_label_value<'a>(cx: &Ctxt, raw: RawLabelValue<'a>) -> LabelValueEnum<'a> {
    if !raw.input.generics.params.is_empty() {
        cx.error_spanned_by(&raw.input.generics, "a LabelValue enum cannot be generic");
    }
    // Rule: `rename_all` names one of the usual case conventions.
    let convert: Option<fn(&str) -> String> = match raw.rename_all.as_ref().map(|r| r.value()) {
        None => None,
        Some(rule) => {
            let f: Option<fn(&str) -> String> = match rule.as_str() {
                "lowercase" => Some(|s| s.to_lowercase()),
                "UPPERCASE" => Some(|s| s.to_uppercase()),
                "snake_case" => Some(|s| s.to_snake_case()),
                "SCREAMING_SNAKE_CASE" => Some(|s| s.to_shouty_snake_case()),
                "kebab-case" => Some(|s| s.to_kebab_case()),
                "SCREAMING-KEBAB-CASE" => Some(|s| s.to_shouty_kebab_case()),
                "camelCase" => Some(|s| s.to_lower_camel_case()),
                "PascalCase" => Some(|s| s.to_upper_camel_case()),
                _ => {
                    cx.error_spanned_by(
                        raw.rename_all.as_ref(),
                        format!("unknown rename_all rule `{rule}`: expected one of \"lowercase\", \"UPPERCASE\", \"snake_case\", \"SCREAMING_SNAKE_CASE\", \"kebab-case\", \"SCREAMING-KEBAB-CASE\", \"camelCase\", \"PascalCase\""),
                    );
                    None
                }
            };
            f
        }
    };

    // Rule: a closed set has at least one value.
    if raw.variants.is_empty() {
        cx.error_spanned_by(
            &raw.input.ident,
            "a LabelValue enum needs at least one variant: its variants are the allowed values",
        );
    }
    let mut variants: Vec<(&'a syn::Ident, String)> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut expandable = raw.input.generics.params.is_empty();
    for v in &raw.variants {
        // Rule: each variant is one value, so it carries no data.
        if !matches!(v.variant.fields, Fields::Unit) {
            expandable = false;
            cx.error_spanned_by(
                &v.variant.fields,
                "a label value is a unit variant: remove the fields",
            );
        }
        let ident = &v.variant.ident;
        let value = match (&v.rename, convert) {
            (Some(r), _) => r.value(),
            (None, Some(convert)) => convert(&ident.unraw().to_string()),
            (None, None) => ident.unraw().to_string(),
        };
        let span = v.rename.as_ref().map_or(ident.span(), |r| r.span());
        // Rule: an empty label value is the same as an absent label in Prometheus.
        if value.is_empty() {
            cx.error_at(
                span,
                "a label value cannot be empty: Prometheus treats an empty value as an absent label; use `Option<_>` for an optional label",
            );
        }
        // Rule: two variants exposed as the same value would be one series.
        if let Some(index) = variants.iter().position(|(_, other)| *other == value) {
            cx.duplicate(
                span,
                spans[index],
                format!("two variants are exposed as `{value}`: rename one with #[label(rename = \"...\")]"),
                "first declared here",
            );
        }
        spans.push(span);
        variants.push((ident, value));
    }
    variants.sort_by(|a, b| a.1.cmp(&b.1));
    LabelValueEnum {
        expandable,
        ident: &raw.input.ident,
        variants,
    }
}
