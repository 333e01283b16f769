//! `#[derive(LabelValue)]`: the sorted values and the ordinal mapping.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::{finish, paths};
use crate::ctxt::Ctxt;
use crate::ir::LabelValueEnum;
use crate::parse::labels::parse_label_value;
use crate::validate::labels::validate_label_value;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = parse_label_value(&cx, input).map(|raw| validate_label_value(&cx, raw));
    finish(cx, model, |m| m.expandable, expand)
}

fn expand(model: &LabelValueEnum<'_>) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let values = model.variants.iter().map(|(_, v)| v);
    let to_ordinal = model
        .variants
        .iter()
        .enumerate()
        .map(|(i, (variant, _))| quote!(#ident::#variant => #i));
    let from_ordinal = model
        .variants
        .iter()
        .enumerate()
        .map(|(i, (variant, _))| quote!(#i => #ident::#variant));
    let count = model.variants.len();
    let message = format!("{ident} has {count} label values; ordinal {{}} is out of range");
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::LabelValue for #ident {
                const VALUES: &'static [&'static str] = &[#(#values),*];
                #[inline]
                fn ordinal(self) -> usize {
                    match self { #(#to_ordinal,)* }
                }
                fn from_ordinal(__metrics_ordinal: usize) -> Self {
                    match __metrics_ordinal {
                        #(#from_ordinal,)*
                        _ => #p::panic!(#message, __metrics_ordinal),
                    }
                }
            }
        };
    }
}
