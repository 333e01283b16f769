//! `#[metrics_core::labels(...)]`, a thin front end to the derives: each metric that names its
//! labels inline gets a generated `#[derive(LabelSet)]` struct, `<Field>Labels`, and the field
//! type `Family<<Field>Labels, M>`; `#[derive(MetricGroup)]` then does everything else, as for
//! a hand-written label set.

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Fields, Item};

use super::paths;
use crate::ctxt::Ctxt;
use crate::ir::{Bound, Declarations, DeclaredLabel, LabelledMetric};
use crate::parse::declared::{
    RawUse, check_placement, declarations, derives_metric_group, groups_mut, take_uses,
};
use crate::parse::labels::{DECLARED_KEYS, parse_label_field};
use crate::validate::declared::validate;

pub(crate) fn attribute(args: TokenStream, input: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let fields = declarations(&cx, args);
    let mut item: Item = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(error) => {
            drop(cx.check());
            let mut out = error.to_compile_error();
            out.extend(input);
            return out;
        }
    };
    let placed = check_placement(&cx, &item);
    let uses: Vec<RawUse> = groups_mut(&mut item)
        .into_iter()
        .enumerate()
        .flat_map(|(group, s)| take_uses(&cx, group, s))
        .collect();
    let raw: Vec<_> = fields
        .iter()
        .filter_map(|field| parse_label_field(&cx, field, DECLARED_KEYS))
        .collect();
    let model = validate(&cx, &raw, &uses, placed);
    if let Err(error) = cx.check() {
        // The item without `labels(...)`: the derive then reports its own mistakes, and none
        // that follow from these.
        let mut out = error.to_compile_error();
        out.extend(quote!(#item));
        return out;
    }
    expand(&model, item)
}

fn expand(model: &Declarations<'_>, mut item: Item) -> TokenStream {
    let mut generated: Vec<Vec<TokenStream>> = Vec::new();
    for (group, s) in groups_mut(&mut item).into_iter().enumerate() {
        let mut structs = Vec::new();
        for metric in model.metrics.iter().filter(|m| m.group == group) {
            let (tokens, borrows) = label_struct(model, metric);
            structs.push(tokens);
            if let Fields::Named(fields) = &mut s.fields {
                let field = &mut fields.named[metric.field];
                let p = paths::private();
                let name = &metric.struct_ident;
                let labels = if borrows {
                    quote!(#name<'static>)
                } else {
                    quote!(#name)
                };
                let ty = metric.ty;
                field.ty = syn::parse_quote!(#p::Family<#labels, #ty>);
            }
        }
        generated.push(structs);
    }
    match &mut item {
        Item::Mod(m) => {
            let Some((_, items)) = &mut m.content else {
                return quote!(#item);
            };
            let mut groups = generated.into_iter();
            let mut out = Vec::new();
            for inner in items.drain(..) {
                if matches!(&inner, Item::Struct(s) if derives_metric_group(s)) {
                    let structs = groups.next().unwrap_or_default();
                    out.extend(structs.into_iter().map(Item::Verbatim));
                }
                out.push(inner);
            }
            *items = out;
            quote!(#item)
        }
        _ => {
            let structs = generated.into_iter().flatten();
            quote!(#(#structs)* #item)
        }
    }
}

/// The label struct of one metric (or an alias of an earlier one with the same labels), and
/// whether it borrows (has a lifetime).
fn label_struct(model: &Declarations<'_>, metric: &LabelledMetric<'_>) -> (TokenStream, bool) {
    let p = paths::private();
    let mut borrows = false;
    let mut fields = Vec::new();
    let mut listed = Vec::new();
    for &(index, optional) in &metric.labels {
        let declared = &model.labels[index];
        let (ty, borrowed) = with_lifetime(declared.label.ty);
        borrows |= borrowed;
        let ty = if optional {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        };
        let attrs = label_attributes(declared);
        let ident = declared.label.ident;
        let vis = metric.vis;
        fields.push(quote!(#(#attrs)* #vis #ident: #ty));
        listed.push(format!(
            "{}{}",
            declared.label.name,
            if optional { "?" } else { "" }
        ));
    }
    let name = &metric.struct_ident;
    let mut doc = format!(
        " The labels of [`{group}::{field}`]: `{{{labels}}}`.",
        group = metric.group_ident,
        field = metric.field_ident.unraw(),
        labels = listed.join(", "),
    );
    let generics = borrows.then(|| quote!(<'a>));
    let vis = metric.vis;
    if let Some(first) = &metric.same_as {
        doc.push_str(&format!(" The same labels as [`{first}`]'s."));
        let tokens = quote! {
            #[doc = #doc]
            #vis type #name #generics = #first #generics;
        };
        return (tokens, borrows);
    }
    let tokens = quote! {
        #[doc = #doc]
        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            #p::LabelSet,
        )]
        #vis struct #name #generics {
            #(#fields,)*
        }
    };
    (tokens, borrows)
}

/// What the derive reads of a label: its exposed name when renamed, its allowances, its bound
/// and its help. (`optional` is the front end's own.)
fn label_attributes(declared: &DeclaredLabel<'_>) -> Vec<TokenStream> {
    let label = &declared.label;
    let mut attrs = Vec::new();
    if let Some(help) = &label.help {
        let help = format!(" {help}");
        attrs.push(quote!(#[doc = #help]));
    }
    if label.ident.unraw() != label.name {
        let name = syn::LitStr::new(&label.name, label.name_span);
        attrs.push(quote!(#[label(name = #name)]));
    }
    if !label.allowances.is_empty() {
        let rules = label
            .allowances
            .iter()
            .map(|rule| Ident::new(rule, label.name_span));
        attrs.push(quote!(#[label(allow(#(#rules),*))]));
    }
    match &label.bound {
        Bound::At(expr) => attrs.push(quote!(#[label(bound = #expr)])),
        Bound::Unbounded => attrs.push(quote!(#[label(unbounded)])),
        Bound::None => {}
    }
    attrs
}

/// A declared type with every reference and lifetime given the struct's lifetime `'a` (`&str`
/// is `&'a str`), and whether it has any.
fn with_lifetime(ty: &syn::Type) -> (TokenStream, bool) {
    let mut borrows = false;
    let tokens = relifetime(quote!(#ty), &mut borrows);
    (tokens, borrows)
}

fn relifetime(tokens: TokenStream, borrows: &mut bool) -> TokenStream {
    let lifetime = |span: Span| -> TokenStream {
        let mut tick = proc_macro2::Punct::new('\'', proc_macro2::Spacing::Joint);
        tick.set_span(span);
        let mut out = TokenStream::new();
        out.extend([
            TokenTree::Punct(tick),
            TokenTree::Ident(format_ident!("a", span = span)),
        ]);
        out
    };
    let mut out = TokenStream::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Group(group) => {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), relifetime(group.stream(), borrows));
                new.set_span(group.span());
                out.extend([TokenTree::Group(new)]);
            }
            TokenTree::Punct(p) if p.as_char() == '\'' => {
                // A lifetime: `'` and its name, which becomes `a`.
                *borrows = true;
                let span = p.span();
                trees.next();
                out.extend(lifetime(span));
            }
            TokenTree::Punct(p) if p.as_char() == '&' => {
                *borrows = true;
                let span = p.span();
                out.extend([TokenTree::Punct(p)]);
                if !matches!(trees.peek(), Some(TokenTree::Punct(next)) if next.as_char() == '\'') {
                    out.extend(lifetime(span));
                }
            }
            other => out.extend([other]),
        }
    }
    out
}
