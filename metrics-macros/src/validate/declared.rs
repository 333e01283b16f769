//! `#[metrics_core::labels(...)]`: each declared label is checked as a label set's field is
//! (once, at the declaration, however many metrics use it), then each metric's `labels(...)`
//! against the declarations.

use std::collections::HashMap;

use heck::ToUpperCamelCase;
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Ident, Type};

use super::labels::validate_label_fields;
use crate::ctxt::Ctxt;
use crate::ir::{Declarations, DeclaredLabel, LabelledMetric};
use crate::parse::closest;
use crate::parse::declared::RawUse;
use crate::parse::labels::RawLabelField;

/// `placed`: whether the attribute is where it can apply (if not, no metric names a label, and
/// saying each is unused would only repeat that).
pub(crate) fn validate<'a>(
    cx: &Ctxt,
    raw: &[RawLabelField<'a>],
    uses: &'a [RawUse],
    placed: bool,
) -> Declarations<'a> {
    let (fields, _) = validate_label_fields(cx, raw, true);
    let labels: Vec<DeclaredLabel<'a>> = fields
        .into_iter()
        .zip(raw)
        .map(|(label, raw)| {
            // Rule: whether a label may be absent is said where a metric omits it (`reason?`),
            // so the declaration is the label's own type.
            if let Some(inner) = option_inner(label.ty) {
                cx.error_spanned_by(
                    label.ty,
                    format!(
                        "declare label `{}` with its own type, `{}`, and #[label(optional)]: the metrics that may omit it say so with `{}?` in labels(...)",
                        label.ident.unraw(),
                        quote::quote!(#inner).to_string().replace(" ", ""),
                        label.ident.unraw(),
                    ),
                );
            }
            DeclaredLabel {
                label,
                optional: raw.optional.is_some(),
            }
        })
        .collect();
    let idents: Vec<String> = labels
        .iter()
        .map(|l| l.label.ident.unraw().to_string())
        .collect();

    let mut used = vec![false; labels.len()];
    let mut structs: HashMap<String, &RawUse> = HashMap::new();
    let mut lists: HashMap<Vec<(usize, bool)>, Ident> = HashMap::new();
    let mut metrics = Vec::new();
    for u in uses {
        let field = u.field_ident.unraw().to_string();
        // Whatever else is wrong with the metric, the labels it names are not unused.
        for r in &u.labels {
            if let Some(i) = idents.iter().position(|i| r.ident.unraw() == i) {
                used[i] = true;
            }
        }
        // Rule: a metric's labels are said once, inline or by the label struct in its type.
        if names_family(&u.ty) {
            cx.error_at(
                u.key,
                format!(
                    "`{field}` names its labels twice, in labels(...) and in its field type: keep one (labels(...) with the metric type, such as `Counter`, or the `Family` of a label struct without labels(...))"
                ),
            );
            continue;
        }
        if u.labels.is_empty() {
            cx.error_at(
                u.key,
                format!(
                    "`{field}` names no label in labels(): name its labels, or remove labels() for a metric without any"
                ),
            );
            continue;
        }
        let mut positions: Vec<(usize, bool)> = Vec::new();
        let mut named: Vec<(String, Span)> = Vec::new();
        for r in &u.labels {
            let name = r.ident.unraw().to_string();
            let span = r.ident.span();
            if let Some((_, first)) = named.iter().find(|(n, _)| *n == name) {
                cx.duplicate(
                    span,
                    *first,
                    format!("label `{name}` is named twice: remove one"),
                    "first named here",
                );
                continue;
            }
            named.push((name.clone(), span));
            let Some(index) = idents.iter().position(|i| *i == name) else {
                cx.error_at(span, unknown_label(&name, &idents));
                // The label it is a misspelling of is used: reporting it unused would only
                // repeat this error.
                if let Some(close) = closest(&name, idents.iter().map(String::as_str)) {
                    for (i, ident) in idents.iter().enumerate() {
                        used[i] |= ident == close;
                    }
                }
                continue;
            };
            // Rule: a label appears once per series, by its exposed name.
            let exposed = &labels[index].label.name;
            if let Some(&(other, _)) = positions
                .iter()
                .find(|(other, _)| labels[*other].label.name == *exposed)
            {
                cx.error_at(
                    span,
                    format!(
                        "`{name}` and `{}` are both exposed as `{exposed}`: a metric has one of them",
                        idents[other]
                    ),
                );
            }
            if let Some(question) = r.optional
                && !labels[index].optional
            {
                cx.error_at(
                    question,
                    format!(
                        "label `{name}` is declared required: remove the `?`, or add #[label(optional)] to its declaration if some metrics omit it"
                    ),
                );
            }
            positions.push((index, r.optional.is_some()));
        }
        let struct_ident = Ident::new(
            &format!("{}Labels", field.to_upper_camel_case()),
            u.field_ident.span(),
        );
        // Rule: a generated label struct's name is the metric's, so two metrics of the same
        // field name cannot both generate one.
        if let Some(first) = structs.insert(struct_ident.to_string(), u) {
            cx.duplicate(
                u.field_ident.span(),
                first.field_ident.span(),
                format!(
                    "`{}::{field}` and `{}::{}` would both generate `{struct_ident}`: give one group's labels a struct of their own (#[derive(LabelSet)]) and name it in the field type, or move the groups under attributes of their own",
                    u.group_ident, first.group_ident, first.field_ident
                ),
                format!("`{struct_ident}` is generated for this metric first"),
            );
        }
        let same_as = lists.get(&positions).cloned();
        if same_as.is_none() {
            lists.insert(positions.clone(), struct_ident.clone());
        }
        metrics.push(LabelledMetric {
            group: u.group,
            field: u.field,
            group_ident: &u.group_ident,
            vis: &u.vis,
            field_ident: &u.field_ident,
            ty: &u.ty,
            struct_ident,
            labels: positions,
            same_as,
        });
    }
    // Rule: a declared label is one that some metric has. (A second declaration of one name is
    // reported as such, not as unused.)
    for (i, (label, used)) in labels.iter().zip(used).enumerate() {
        if placed && !used && !idents[..i].contains(&idents[i]) {
            cx.error_at(
                label.label.name_span,
                format!(
                    "label `{}` is declared but no metric names it in labels(...): remove the declaration",
                    label.label.ident.unraw()
                ),
            );
        }
    }
    Declarations { labels, metrics }
}

fn unknown_label(name: &str, declared: &[String]) -> String {
    let list = declared
        .iter()
        .map(|d| format!("`{d}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest(name, declared.iter().map(String::as_str)) {
        Some(close) => {
            format!("label `{name}` is not declared: did you mean `{close}`? (declared: {list})")
        }
        None => format!(
            "label `{name}` is not declared: declare it in #[metrics_core::labels(...)] (declared: {list})"
        ),
    }
}

/// Whether the field type is written as a `Family`, which names its label struct.
fn names_family(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    path.path
        .segments
        .last()
        .is_some_and(|last| last.ident == "Family")
}

/// `T` when `ty` is written `Option<T>`.
fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}
