//! `#[derive(LabelSet)]`: descriptors, the array index of all-closed sets, and the borrowed
//! lookup of map-stored sets.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use super::{finish, paths};
use crate::ctxt::Ctxt;
use crate::ir::{Bound, LabelSet};
use crate::parse::labels::parse_label_set;
use crate::validate::labels::validate_label_set;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = parse_label_set(&cx, input).map(|raw| validate_label_set(&cx, raw));
    finish(cx, model, |m| m.expandable, expand)
}

fn expand(model: &LabelSet<'_>) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let lifetime = model.lifetime.map(|l| l.ident.to_string());
    let (self_ty, ref_ty) = match model.lifetime {
        Some(_) => (quote!(#ident<'static>), quote!(#ident<'__metrics_a>)),
        None => (quote!(#ident), quote!(#ident)),
    };
    // The field types, with the struct's lifetime set to `'static` (for the key and the
    // descriptors) or to the lifetime of the borrowed labels (for the fields tuple).
    let with_lifetime = |name: &str| -> Vec<TokenStream> {
        model
            .fields
            .iter()
            .map(|f| {
                let ty = f.ty;
                replace_lifetime(quote!(#ty), lifetime.as_deref(), name)
            })
            .collect()
    };
    let tys = with_lifetime("static");
    let borrowed = with_lifetime("__metrics_a");
    let names = model.fields.iter().map(|f| f.name.as_str());
    let allowances = model.fields.iter().map(|f| {
        let rules = &f.allowances;
        quote!(&[#(#rules),*])
    });
    let helps = model.fields.iter().map(|f| match &f.help {
        Some(help) => quote!(#p::Some(#help)),
        None => quote!(#p::None),
    });
    let members = model.fields.iter().map(|f| f.ident);
    let field_bounds = model.fields.iter().map(|f| match &f.bound {
        Bound::At(expr) => quote_spanned!(expr.span()=> #p::Some(#expr)),
        Bound::Unbounded | Bound::None => quote!(#p::None),
    });
    // Stated once per field, so that a field type that is no label is reported once, there.
    let bounds = model.fields.iter().zip(&tys).map(|(f, ty)| {
        let at = paths::private_at(f.ty.span());
        quote_spanned!(f.ty.span()=> #ty: #at::LabelField)
    });
    let reserved = reserved_labels(model, &self_ty);
    let free_text = free_text_bounds(model, &self_ty);
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::LabelSet for #self_ty where #(#bounds,)* {
                type Ref<'__metrics_a> = #ref_ty;
                type Fields<'__metrics_a> = (#(#borrowed,)*);
                type Key = (#(<#tys as #p::LabelField>::Owned,)*);
                const LABELS: &'static [#p::LabelDescriptor] = &[#(
                    #p::LabelDescriptor {
                        name: #names,
                        kind: <#tys as #p::LabelField>::KIND,
                        optional: <#tys as #p::LabelField>::OPTIONAL,
                        bound: #field_bounds,
                        allowances: #allowances,
                        help: #helps,
                    }
                ),*];
                #[inline]
                fn fields<'__metrics_a>(
                    labels: &Self::Ref<'__metrics_a>,
                ) -> Self::Fields<'__metrics_a> {
                    (#(labels.#members,)*)
                }
            }
            #reserved
            #free_text
        };
    }
}

/// The check of the fields with no bound, which may be free text behind a type alias that the
/// macro cannot see through: once a family uses the set, their kind is known (see
/// `metrics_core::__private::LabelBounds`). The panic is spelled here, with the field type's
/// span, so that the error points at it.
fn free_text_bounds(model: &LabelSet<'_>, self_ty: &TokenStream) -> TokenStream {
    let p = paths::private();
    let checks: Vec<TokenStream> = model
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f.bound, Bound::None))
        .map(|(i, f)| {
            // The panic's head at the type's first token and its arguments at the last, so that
            // the whole type is underlined.
            let (first, last) = super::span_range(f.ty);
            let at = paths::private_at(first);
            let message = format!(
                "add #[label(bound = N)] (a literal or a `const`) or, if nothing bounds it, #[label(unbounded)] to label `{}`: it is free text behind a type alias, which the derive cannot see through, and free text declares a bound on its distinct values",
                f.name
            );
            let panic = quote_spanned!(first=> ::core::panic!);
            let arguments = quote_spanned!(last=> ("{}", #message));
            quote_spanned! {first=>
                if let #at::LabelKind::FreeText = <__L as #at::LabelSet>::LABELS[#i].kind {
                    #panic #arguments
                }
            }
        })
        .collect();
    let check = (!checks.is_empty()).then(|| quote!(const CHECK: () = { #(#checks)* };));
    quote! {
        #[automatically_derived]
        impl<__L: #p::LabelSet> #p::LabelBounds<__L> for #self_ty {
            #check
        }
    }
}

/// The check of a label named `le` or `quantile`, which a histogram or summary using the set
/// evaluates (see `metrics_core::__private::ReservedLabels`); its panic is spelled here, with
/// the label's span, so that the error points at the label.
fn reserved_labels(model: &LabelSet<'_>, self_ty: &TokenStream) -> TokenStream {
    let p = paths::private();
    let labels = model.ident.to_string();
    let checks: Vec<TokenStream> = model
        .fields
        .iter()
        .filter(|f| f.name == "le" || f.name == "quantile")
        .map(|f| {
            let span = f.name_span;
            let at = paths::private_at(span);
            let name = &f.name;
            quote_spanned! {span=>
                if let #at::Some(message) = #at::reserved_label_message(
                    &<__F as #at::MetricGroup>::DESCRIPTORS[__I],
                    #name,
                    #labels,
                ) {
                    ::core::panic!("{}", message.as_str())
                }
            }
        })
        .collect();
    let check = (!checks.is_empty()).then(|| quote!(const CHECK: () = { #(#checks)* };));
    quote! {
        #[automatically_derived]
        impl<__F: #p::MetricGroup, const __I: usize> #p::ReservedLabels<__F, __I> for #self_ty {
            #check
        }
    }
}

/// Rewrites the struct's lifetime to `'replacement` in a field type, keeping spans.
fn replace_lifetime(tokens: TokenStream, lifetime: Option<&str>, replacement: &str) -> TokenStream {
    let Some(lifetime) = lifetime else {
        return tokens;
    };
    let mut out = Vec::new();
    let mut after_quote = false;
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let inner = replace_lifetime(group.stream(), Some(lifetime), replacement);
                let mut new = proc_macro2::Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                out.push(TokenTree::Group(new));
                after_quote = false;
            }
            TokenTree::Ident(ident) if after_quote && ident == lifetime => {
                out.push(TokenTree::Ident(Ident::new(replacement, ident.span())));
                after_quote = false;
            }
            TokenTree::Punct(punct) => {
                after_quote = punct.as_char() == '\'';
                out.push(TokenTree::Punct(punct));
            }
            other => {
                after_quote = false;
                out.push(other);
            }
        }
    }
    out.into_iter().collect()
}
