//! `#[metrics_core::labels(...)]`: the labels it declares (its arguments, written as struct
//! fields with their `#[label(...)]`), the metric groups it rewrites (the struct it is on, or
//! each struct of the module it is on that derives `MetricGroup`), and in each the labels a
//! metric names inline, `#[metric(labels(pool_id, reason?))]`, taken out of the `#[metric(...)]`
//! that the derive reads.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Field, Fields, Ident, Item, ItemStruct, Meta, Token, Type};

use crate::ctxt::Ctxt;

/// What the attribute applies to, and how to write it: every message about its placement says
/// it the same way.
pub(crate) const APPLIES_TO: &str = "#[metrics_core::labels(...)] goes above #[derive(MetricGroup)] on a metric group, or on an inline module holding metric groups";

/// A metric that names its labels inline.
pub(crate) struct RawUse {
    /// The position of its metric group among the rewritten ones, and of its field.
    pub(crate) group: usize,
    pub(crate) field: usize,
    pub(crate) group_ident: Ident,
    /// The group's visibility, which its generated label structs have.
    pub(crate) vis: syn::Visibility,
    pub(crate) field_ident: Ident,
    pub(crate) ty: Type,
    /// Where `labels` is written.
    pub(crate) key: Span,
    pub(crate) labels: Vec<RawLabelRef>,
}

/// One label named in `labels(...)`: the declared label's field name, and the span of `?`.
pub(crate) struct RawLabelRef {
    pub(crate) ident: Ident,
    pub(crate) optional: Option<Span>,
}

/// The declared labels: the attribute's arguments, as named fields.
pub(crate) fn declarations(cx: &Ctxt, args: TokenStream) -> Vec<Field> {
    let parser = |input: ParseStream<'_>| {
        Punctuated::<Field, Token![,]>::parse_terminated_with(input, Field::parse_named)
    };
    match parser.parse2(args) {
        Ok(fields) if fields.is_empty() => {
            cx.error_at(
                Span::call_site(),
                "declare the labels that the metrics name, as struct fields: #[metrics_core::labels(#[label(bound = 64)] host: &str, outcome: Outcome)]",
            );
            Vec::new()
        }
        Ok(fields) => fields.into_iter().collect(),
        Err(error) => {
            cx.error_at(
                error.span(),
                format!(
                    "{error}: each label is declared as a struct field, such as `#[label(bound = 64)] host: &str` or `outcome: Outcome`"
                ),
            );
            Vec::new()
        }
    }
}

/// Reports an item the attribute cannot apply to: anything but a metric group, or an inline
/// module holding some. Returns whether it can.
pub(crate) fn check_placement(cx: &Ctxt, item: &Item) -> bool {
    let (at, message) = match item {
        Item::Struct(s) if derives_metric_group(s) => return true,
        Item::Struct(s) => (
            s.ident.to_token_stream(),
            format!(
                "`{}` does not derive MetricGroup where the attribute can see it: {APPLIES_TO}",
                s.ident
            ),
        ),
        Item::Mod(m) => match &m.content {
            None => (
                m.ident.to_token_stream(),
                format!(
                    "module `{}` is in another file, which an attribute cannot read: {APPLIES_TO}",
                    m.ident
                ),
            ),
            Some((_, items)) => {
                let mut structs = items.iter().filter_map(|item| match item {
                    Item::Struct(s) => Some(s),
                    _ => None,
                });
                if structs.any(derives_metric_group) {
                    return true;
                }
                (
                    m.ident.to_token_stream(),
                    format!(
                        "module `{}` holds no struct deriving MetricGroup: {APPLIES_TO}",
                        m.ident
                    ),
                )
            }
        },
        other => {
            let at = match other {
                Item::Enum(e) => e.ident.to_token_stream(),
                Item::Fn(f) => f.sig.ident.to_token_stream(),
                Item::Trait(t) => t.ident.to_token_stream(),
                Item::Union(u) => u.ident.to_token_stream(),
                Item::Type(t) => t.ident.to_token_stream(),
                Item::Impl(i) => i.self_ty.to_token_stream(),
                item => item.to_token_stream(),
            };
            (
                at,
                format!("this item has no metrics to label: {APPLIES_TO}"),
            )
        }
    };
    cx.error_spanned_by(at, message);
    false
}

/// The metric groups to rewrite, in order: the struct itself, or the module's structs that
/// derive `MetricGroup`.
pub(crate) fn groups_mut(item: &mut Item) -> Vec<&mut ItemStruct> {
    match item {
        Item::Struct(s) if derives_metric_group(s) => vec![s],
        Item::Mod(m) => m
            .content
            .iter_mut()
            .flat_map(|(_, items)| items.iter_mut())
            .filter_map(|item| match item {
                Item::Struct(s) if derives_metric_group(s) => Some(s),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether a struct has `#[derive(..., MetricGroup, ...)]`, by any path.
pub(crate) fn derives_metric_group(s: &ItemStruct) -> bool {
    s.attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .any(|path| {
            path.segments
                .last()
                .is_some_and(|s| s.ident == "MetricGroup")
        })
}

/// Takes `labels(...)` out of each field's `#[metric(...)]` (an attribute left empty goes), and
/// returns the metrics that named their labels so.
pub(crate) fn take_uses(cx: &Ctxt, group: usize, s: &mut ItemStruct) -> Vec<RawUse> {
    let Fields::Named(fields) = &mut s.fields else {
        return Vec::new();
    };
    let group_ident = s.ident.clone();
    let vis = s.vis.clone();
    let mut uses = Vec::new();
    for (index, field) in fields.named.iter_mut().enumerate() {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let mut found: Option<RawUse> = None;
        field.attrs.retain_mut(|attr| {
            if !attr.path().is_ident("metric") {
                return true;
            }
            let Meta::List(list) = &mut attr.meta else {
                return true;
            };
            let mut kept = Vec::new();
            for entry in split_entries(list.tokens.clone()) {
                let Some((key, labels)) = labels_entry(cx, &entry) else {
                    kept.push(entry);
                    continue;
                };
                if let Some(first) = &mut found {
                    cx.duplicate(
                        key,
                        first.key,
                        "`labels` is given twice: name every label in one list",
                        "`labels` is first given here",
                    );
                    // Read as one list, so that its labels are not also reported unused.
                    first.labels.extend(labels);
                    continue;
                }
                found = Some(RawUse {
                    group,
                    field: index,
                    group_ident: group_ident.clone(),
                    vis: vis.clone(),
                    field_ident: ident.clone(),
                    ty: field.ty.clone(),
                    key,
                    labels,
                });
            }
            let keep = !kept.is_empty();
            list.tokens = join_entries(kept);
            keep
        });
        uses.extend(found);
    }
    uses
}

/// The top-level comma-separated entries of an attribute's list.
fn split_entries(tokens: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut entries = vec![Vec::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => entries.push(Vec::new()),
            _ => entries.last_mut().expect("one entry at least").push(tree),
        }
    }
    entries.retain(|e| !e.is_empty());
    entries
}

fn join_entries(entries: Vec<Vec<TokenTree>>) -> TokenStream {
    let mut out = TokenStream::new();
    for (i, entry) in entries.into_iter().enumerate() {
        if i > 0 {
            out.extend(quote::quote!(,));
        }
        out.extend(entry);
    }
    out
}

/// `labels(a, b?)`: the span of `labels` and the labels, or `None` for another key. A malformed
/// list is reported and read as empty.
fn labels_entry(cx: &Ctxt, entry: &[TokenTree]) -> Option<(Span, Vec<RawLabelRef>)> {
    let TokenTree::Ident(key) = entry.first()? else {
        return None;
    };
    if key != "labels" {
        return None;
    }
    let span = key.span();
    let list = match &entry[1..] {
        [TokenTree::Group(g)] if g.delimiter() == Delimiter::Parenthesis => g.stream(),
        _ => {
            cx.error_at(
                span,
                "`labels` lists the declared labels the metric has, in order, `?` after an optional one: labels(host, reason?)",
            );
            return Some((span, Vec::new()));
        }
    };
    let parser = |input: ParseStream<'_>| {
        Punctuated::<RawLabelRef, Token![,]>::parse_terminated_with(input, |input| {
            Ok(RawLabelRef {
                ident: Ident::parse_any(input)?,
                optional: input.parse::<Option<Token![?]>>()?.map(|q| q.span()),
            })
        })
    };
    match parser.parse2(list) {
        Ok(labels) => Some((span, labels.into_iter().collect())),
        Err(error) => {
            cx.error_at(
                error.span(),
                format!("{error}: `labels` lists label names, `?` after an optional one: labels(host, reason?)"),
            );
            Some((span, Vec::new()))
        }
    }
}
