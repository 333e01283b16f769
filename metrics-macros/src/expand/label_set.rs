//! `#[derive(LabelSet)]`: descriptors, the array index of all-closed sets, and the borrowed
//! lookup of map-stored sets.

use proc_macro2::{Ident, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use super::{paths, with_errors};
use crate::ctxt::Ctxt;
use crate::ir::LabelSet;
use crate::parse::labels::parse_label_set;
use crate::validate::labels::validate_label_set;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = parse_label_set(&cx, input).map(|raw| validate_label_set(&cx, raw));
    match (cx.check(), model) {
        (Ok(()), Some(model)) => expand(&model),
        (Err(error), _) => with_errors(error, TokenStream::new()),
        (Ok(()), None) => TokenStream::new(),
    }
}

fn expand(model: &LabelSet<'_>) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let lifetime = model.lifetime.map(|l| l.ident.to_string());
    // The implementing type and field types, with the struct's lifetime set to `'static`.
    let (self_ty, ref_ty) = match model.lifetime {
        Some(_) => (quote!(#ident<'static>), quote!(#ident<'__metrics_a>)),
        None => (quote!(#ident), quote!(#ident)),
    };
    let tys: Vec<TokenStream> = model
        .fields
        .iter()
        .map(|f| {
            let ty = f.ty;
            make_static(quote!(#ty), lifetime.as_deref())
        })
        .collect();
    let names: Vec<&str> = model.fields.iter().map(|f| f.name.as_str()).collect();
    let members: Vec<&Ident> = model.fields.iter().map(|f| f.ident).collect();
    let indices: Vec<syn::Index> = (0..model.fields.len()).map(syn::Index::from).collect();

    // Stated once per field, so that a field type that is no label is reported once.
    let bounds = model.fields.iter().zip(&tys).map(|(f, ty)| {
        let at = paths::private_at(f.ty.span());
        if f.closed {
            quote_spanned!(f.ty.span()=> #ty: #at::ClosedField)
        } else {
            quote_spanned!(f.ty.span()=> #ty: #at::LabelField)
        }
    });
    let descriptors = tys.iter().zip(&names).map(|(ty, name)| {
        quote! {
            #p::LabelDescriptor {
                name: #name,
                kind: <#ty as #p::LabelField>::KIND,
                optional: <#ty as #p::LabelField>::OPTIONAL,
            }
        }
    });

    let (cardinality, index, visit_index) = if model.all_closed() {
        let values: Vec<Ident> = (0..tys.len())
            .map(|i| format_ident!("__metrics_v{}", i))
            .collect();
        // Mixed radix, first label most significant, so that ascending indices are the series
        // sorted by their label values.
        let decode = tys.iter().zip(&values).rev().map(|(ty, v)| {
            quote! {
                let #v = <#ty as #p::ClosedField>::value_at(
                    __metrics_rest % <#ty as #p::ClosedField>::CARDINALITY,
                );
                __metrics_rest /= <#ty as #p::ClosedField>::CARDINALITY;
            }
        });
        (
            quote!(#p::Some(1usize #(* <#tys as #p::ClosedField>::CARDINALITY)*)),
            quote! {
                let mut __metrics_index = 0usize;
                #(
                    __metrics_index = __metrics_index * <#tys as #p::ClosedField>::CARDINALITY
                        + #p::ClosedField::ordinal(labels.#members);
                )*
                __metrics_index
            },
            quote! {
                let mut __metrics_rest = index;
                #(#decode)*
                let _ = __metrics_rest;
                #(
                    if let #p::Some(__metrics_value) = #values {
                        f(#names, __metrics_value)?;
                    }
                )*
                ::core::result::Result::Ok(())
            },
        )
    } else {
        (
            quote!(#p::None),
            quote!({
                let _ = labels;
                0
            }),
            quote!({
                let _ = (index, f);
                ::core::result::Result::Ok(())
            }),
        )
    };

    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::LabelSet for #self_ty where #(#bounds,)* {
                type Ref<'__metrics_a> = #ref_ty;
                type Key = (#(<#tys as #p::LabelField>::Owned,)*);
                const LABELS: &'static [#p::LabelDescriptor] = &[#(#descriptors),*];
                const CARDINALITY: #p::Option<usize> = #cardinality;

                #[inline]
                fn index(labels: &Self::Ref<'_>) -> usize {
                    #index
                }
                fn visit_index(
                    index: usize,
                    f: &mut dyn FnMut(&'static str, &str) -> #p::FmtResult,
                ) -> #p::FmtResult {
                    #visit_index
                }
                fn to_key(labels: &Self::Ref<'_>) -> Self::Key {
                    (#(#p::LabelField::to_owned_label(labels.#members),)*)
                }
                #[inline]
                fn key_eq(labels: &Self::Ref<'_>, key: &Self::Key) -> bool {
                    true #(&& #p::LabelField::eq_owned(labels.#members, &key.#indices))*
                }
                #[inline]
                fn hash_ref<H: #p::Hasher>(labels: &Self::Ref<'_>, state: &mut H) {
                    let _ = &state;
                    #(#p::LabelField::hash_label(labels.#members, state);)*
                }
                fn hash_key<H: #p::Hasher>(key: &Self::Key, state: &mut H) {
                    let _ = (&key, &state);
                    #(#p::OwnedLabel::hash_label(&key.#indices, state);)*
                }
                fn keys_eq(a: &Self::Key, b: &Self::Key) -> bool {
                    let _ = (&a, &b);
                    true #(&& #p::OwnedLabel::eq_label(&a.#indices, &b.#indices))*
                }
                fn visit_key(
                    key: &Self::Key,
                    f: &mut dyn FnMut(&'static str, &str) -> #p::FmtResult,
                ) -> #p::FmtResult {
                    let _ = (&key, &f);
                    #(
                        if let #p::Some(__metrics_value) = #p::OwnedLabel::value(&key.#indices) {
                            f(#names, __metrics_value)?;
                        }
                    )*
                    ::core::result::Result::Ok(())
                }
                fn cmp_keys(a: &Self::Key, b: &Self::Key) -> #p::Ordering {
                    let _ = (&a, &b);
                    #p::Ordering::Equal #(.then_with(|| #p::cmp_owned(&a.#indices, &b.#indices)))*
                }
            }
        };
    }
}

/// Rewrites the struct's lifetime to `'static` in a field type, keeping spans.
fn make_static(tokens: TokenStream, lifetime: Option<&str>) -> TokenStream {
    let Some(lifetime) = lifetime else {
        return tokens;
    };
    let mut out = Vec::new();
    let mut after_quote = false;
    for tree in tokens {
        match tree {
            TokenTree::Group(group) => {
                let inner = make_static(group.stream(), Some(lifetime));
                let mut new = proc_macro2::Group::new(group.delimiter(), inner);
                new.set_span(group.span());
                out.push(TokenTree::Group(new));
                after_quote = false;
            }
            TokenTree::Ident(ident) if after_quote && ident == lifetime => {
                out.push(TokenTree::Ident(Ident::new("static", ident.span())));
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
