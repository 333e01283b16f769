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
    let members = model.fields.iter().map(|f| f.ident);
    // A type the macro cannot see through (an alias of `&str`) is checked once its kind is
    // known, where the descriptors are evaluated.
    let field_bounds = model.fields.iter().zip(&tys).map(|(f, ty)| match &f.bound {
        Bound::At(expr) => quote_spanned!(expr.span()=> #p::Some(#expr)),
        Bound::Unbounded => quote!(#p::None),
        Bound::None => {
            let span = f.ty.span();
            let at = paths::private_at(span);
            let message = format!(
                "label `{}` is free text behind an alias: declare #[label(bound = N)] or #[label(unbounded)]",
                f.name
            );
            quote_spanned!(span=> #at::closed_or_panic(<#ty as #at::LabelField>::KIND, #message))
        }
    });
    // Stated once per field, so that a field type that is no label is reported once, there.
    let bounds = model.fields.iter().zip(&tys).map(|(f, ty)| {
        let at = paths::private_at(f.ty.span());
        quote_spanned!(f.ty.span()=> #ty: #at::LabelField)
    });
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
                    }
                ),*];
                #[inline]
                fn fields<'__metrics_a>(
                    labels: &Self::Ref<'__metrics_a>,
                ) -> Self::Fields<'__metrics_a> {
                    (#(labels.#members,)*)
                }
            }
        };
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
