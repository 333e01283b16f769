//! `#[derive(Service)]`: the family list, and the compile-time collision check per format.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use super::{paths, with_errors};
use crate::ctxt::Ctxt;
use crate::ir::{Format, ServiceModel, format_title};
use crate::parse::service::parse;
use crate::rules;
use crate::validate::service::validate;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = parse(&cx, input).map(|raw| validate(&cx, raw));
    let rules = rules::parse(&cx, &input.attrs);
    match (cx.check(), model) {
        (Ok(()), Some(model)) => expand(&model, &rules),
        (Err(error), _) => with_errors(error, TokenStream::new()),
        (Ok(()), None) => TokenStream::new(),
    }
}

fn expand(model: &ServiceModel<'_>, rules: &[rules::Rule]) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let name = &model.name;
    let fields: Vec<_> = model.fields.iter().map(|(i, _)| *i).collect();
    let tys: Vec<_> = model.fields.iter().map(|(_, t)| *t).collect();
    let formats = model.formats.iter().map(|(f, _)| match f {
        Format::OpenMetrics => quote!(#p::Format::OpenMetrics),
        Format::Prometheus => quote!(#p::Format::Prometheus),
    });
    let structs: Vec<String> = tys.iter().map(|ty| type_name(ty)).collect();
    // Rule: no two families expose the same name in a format the service is served in. The
    // first clash of each format is found once, here; each metric group's check reports it at
    // the clashing field (see `metrics_core::__private::ClashAt`), and the compiler notes this
    // use, at the format.
    let clashes = model.formats.iter().map(|(f, span)| {
        let openmetrics = *f == Format::OpenMetrics;
        let (title, keyword) = (format_title(*f), f.keyword());
        let family_checks = tys.iter().enumerate().map(|(i, ty)| {
            let at = paths::private_at(*span);
            quote_spanned! {*span=>
                const _: () = <#ty as #at::ClashAt<#ident, #openmetrics, #i>>::CHECK;
            }
        });
        quote! {
            #[automatically_derived]
            impl #p::Clashes<#openmetrics> for #ident {
                const FIRST: #p::Option<((usize, usize), #p::Message)> = #p::first_clash_message(
                    <Self as #p::Service>::GROUPS,
                    #openmetrics,
                    #name,
                    &[#(#structs),*],
                    #title,
                    #keyword,
                );
            }
            #(#family_checks)*
        }
    });
    let budget_value = match &model.budget {
        Some(budget) => quote_spanned!(budget.span()=> #p::Some(#budget)),
        None => quote!(#p::None),
    };
    let budget = model.budget.as_ref().map(|budget| {
        // Rule: the whole service's worst case stays within its declared budget.
        let span = budget.span();
        let at = paths::private_at(span);
        quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::service_budget_message(
                <#ident as #at::Service>::GROUPS,
                #name,
                #budget,
            ) {
                ::core::panic!("{}", message.as_str())
            };
        }
    });
    let own_rules = rules::expand(rules, None);
    let rule_checks = rules::checks(
        rules,
        &quote!(<#ident as #p::Service>::GROUPS),
        &quote!(__METRICS_OWN_RULES),
        &quote!(#p::Some(<#ident as #p::Service>::FORMATS)),
    );
    // The families' rules, once more with the formats the service is served in. A rule on a
    // metric group reads only that struct's metrics, so each is checked against its own.
    let span = ident.span();
    let at = paths::private_at(span);
    let family_rules = tys.iter().map(|ty| {
        quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::check_rules(
                &[<#ty as #at::MetricGroup>::DESCRIPTORS],
                &[<#ty as #at::MetricGroup>::RULES],
                <#ident as #at::Service>::FORMATS,
            ) {
                ::core::panic!("{}", message.as_str())
            };
        }
    });
    quote! {
        const _: () = {
            const __METRICS_OWN_RULES: &[#p::Rule] = &[#(#own_rules),*];
            #[automatically_derived]
            impl #p::Service for #ident {
                const NAME: &'static str = #name;
                const GROUPS: &'static [&'static [#p::MetricDescriptor]] =
                    &[#(<#tys as #p::MetricGroup>::DESCRIPTORS),*];
                const FORMATS: &'static [#p::Format] = &[#(#formats),*];
                const BUDGET: #p::Option<usize> = #budget_value;
                const RULES: &'static [&'static [#p::Rule]] =
                    &[#(<#tys as #p::MetricGroup>::RULES,)* __METRICS_OWN_RULES];
                fn new() -> Self {
                    Self { #(#fields: <#tys as #p::MetricGroup>::new(),)* }
                }
                fn groups(&self) -> #p::Vec<&dyn #p::AnyGroup> {
                    #p::Vec::from([#(&self.#fields as &dyn #p::AnyGroup),*])
                }
            }
            #[automatically_derived]
            impl ::core::default::Default for #ident {
                fn default() -> Self {
                    <Self as #p::Service>::new()
                }
            }
            #[automatically_derived]
            impl #p::Register for #ident {
                fn register_groups(&self) -> #p::Vec<&dyn #p::AnyGroup> {
                    <Self as #p::Service>::groups(self)
                }
            }
            #(#clashes)*
            #budget
            #(#family_rules)*
            #rule_checks
        };
    }
}

/// The name of a metric group in messages: the last segment of its path.
fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.to_string()),
        _ => quote!(#ty).to_string(),
    }
}
