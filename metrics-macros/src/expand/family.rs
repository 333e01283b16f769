//! `#[derive(MetricFamily)]`: the descriptors, the constructor, the metric list, and the
//! compile-time checks that need the label sets (which another derive declares).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::DeriveInput;
use syn::spanned::Spanned;

use super::{paths, with_errors};
use crate::ctxt::Ctxt;
use crate::ir::{Buckets, Kind, Metric, MetricSet};
use crate::parse::family::parse;
use crate::rules;
use crate::validate::family::validate;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let model = parse(&cx, input).map(|raw| validate(&cx, raw));
    let rules = rules::parse(&cx, &input.attrs);
    let failed = cx.has_errors();
    match (cx.check(), model) {
        (Ok(()), Some(model)) if !failed => expand(&model, &rules),
        (Err(error), _) => with_errors(error, stub(input)),
        _ => stub(input),
    }
}

/// After an error: the trait and `Default`, so that uses of the struct report nothing more.
fn stub(input: &DeriveInput) -> TokenStream {
    let p = paths::private();
    let ident = &input.ident;
    if !input.generics.params.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::MetricFamily for #ident {
                const DESCRIPTORS: &'static [#p::MetricDescriptor] = &[];
                fn new() -> Self {
                    ::core::unreachable!("this struct did not compile")
                }
                fn metrics(&self) -> #p::Vec<&dyn #p::AnyMetric> {
                    #p::Vec::new()
                }
            }
            #[automatically_derived]
            impl ::core::default::Default for #ident {
                fn default() -> Self {
                    <Self as #p::MetricFamily>::new()
                }
            }
        };
    }
}

fn expand(model: &MetricSet<'_>, rules: &[rules::Rule]) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let section = model.metrics.first().and_then(|m| m.section.as_deref());
    let rule_consts = rules::expand(rules, section);
    // Rules on a family struct read its own metrics; the formats are the service's to check.
    let rule_checks = rules::checks(
        rules,
        &quote!(&[<#ident as #p::MetricFamily>::DESCRIPTORS]),
        &quote!(<#ident as #p::MetricFamily>::RULES),
        &quote!(#p::None),
    );
    let descriptors = model.metrics.iter().map(|m| descriptor(m));
    let fields: Vec<&syn::Ident> = model.metrics.iter().map(|m| m.ident).collect();
    let tys: Vec<&syn::Type> = model.metrics.iter().map(|m| m.ty).collect();
    let positions = 0..model.metrics.len();
    let checks = model
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| checks(ident, i, m));
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::MetricFamily for #ident {
                const DESCRIPTORS: &'static [#p::MetricDescriptor] = &[#(#descriptors),*];
                const RULES: &'static [#p::Rule] = &[#(#rule_consts),*];
                fn new() -> Self {
                    Self {
                        #(
                            #fields: <#tys as #p::Metric>::from_descriptor(
                                &<Self as #p::MetricFamily>::DESCRIPTORS[#positions],
                            ),
                        )*
                    }
                }
                fn metrics(&self) -> #p::Vec<&dyn #p::AnyMetric> {
                    #p::Vec::from([#(&self.#fields as &dyn #p::AnyMetric),*])
                }
            }
            #[automatically_derived]
            impl ::core::default::Default for #ident {
                fn default() -> Self {
                    <Self as #p::MetricFamily>::new()
                }
            }
            #(#checks)*
            #rule_checks
        };
    }
}

fn descriptor(m: &Metric<'_>) -> TokenStream {
    let p = paths::private();
    let ty = m.ty;
    let name = &m.name;
    let field = m.ident.to_string();
    let field = field.strip_prefix("r#").unwrap_or(&field);
    let kind = kind_tokens(m.kind);
    let help = &m.help;
    let unit = option(m.unit.as_deref());
    let buckets = match &m.buckets {
        Buckets::List(values) => quote!(&[#(#values),*]),
        Buckets::Path(path) => quote!(#path),
    };
    let decision = option(m.decision.as_deref());
    let quantiles = &m.quantiles;
    let allowances = &m.allowances;
    let since = option(m.since.as_deref());
    let deprecated = option(m.deprecated.as_deref());
    let section = option(m.section.as_deref());
    let budget = match &m.budget {
        Some(expr) => quote_spanned!(expr.span()=> #p::Some(#expr)),
        None => quote!(#p::None),
    };
    quote! {
        #p::MetricDescriptor {
            name: #name,
            field: #field,
            metric_type: #kind,
            help: #help,
            unit: #unit,
            labels: <#ty as #p::Metric>::LABELS,
            buckets: #buckets,
            quantiles: &[#(#quantiles),*],
            since: #since,
            deprecated: #deprecated,
            section: #section,
            decision: #decision,
            allowances: &[#(#allowances),*],
            budget: #budget,
        }
    }
}

/// Checks evaluated by the compiler, pointing at the field type: a metric type stated in the
/// attribute matches the field's real type (a type read off the field type needs no check), and
/// a histogram or summary uses no reserved label. The panic is spelled here,
/// not through `paths`, so that its tokens carry the field type's span.
fn checks(family: &syn::Ident, index: usize, m: &Metric<'_>) -> TokenStream {
    let p = paths::private();
    let ty = m.ty;
    let kind = kind_tokens(m.kind);
    let span = ty.span();
    let type_message = format!(
        "metric `{}` is declared as a {}, but its field type is another kind of metric: state the kind the field type has, or change the field type",
        m.name,
        m.kind.as_str()
    );
    let mut out = TokenStream::new();
    if m.kind_stated {
        out.extend(quote_spanned! {span=>
            const _: () = if !#p::same_type(<#ty as #p::Metric>::TYPE, #kind) {
                ::core::panic!(#type_message)
            };
        });
    }
    if let Buckets::Path(path) = &m.buckets {
        // Rule: a preset's bounds are finite and strictly increasing, like a written list.
        let message = format!(
            "the buckets of `{}` must be finite and strictly increasing, with at least one bound",
            m.name
        );
        let span = path.span();
        out.extend(quote_spanned! {span=>
            const _: () = if !#p::buckets_valid(#path) {
                ::core::panic!(#message)
            };
        });
    }
    if let Some(budget) = &m.budget {
        // Rule: the worst-case number of series stays within the declared budget.
        let span = budget.span();
        let at = paths::private_at(span);
        out.extend(quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::budget_message(
                &<#family as #at::MetricFamily>::DESCRIPTORS[#index],
            ) {
                ::core::panic!("{}", message.as_str())
            };
        });
    }
    if matches!(m.kind, Kind::Histogram | Kind::Summary) {
        // Rule: `le` holds a histogram's bucket bounds and `quantile` a summary's quantiles; a
        // label of either name on either breaks its samples and every query.
        for reserved in ["le", "quantile"] {
            let message = format!(
                "{} `{}` has a label named `{reserved}`, which is reserved for bucket bounds and quantiles: rename the label with #[label(name = \"...\")]",
                m.kind.as_str(),
                m.name
            );
            out.extend(quote_spanned! {span=>
                const _: () = if #p::has_label(<#ty as #p::Metric>::LABELS, #reserved) {
                    ::core::panic!(#message)
                };
            });
        }
    }
    out
}

fn kind_tokens(kind: Kind) -> TokenStream {
    let p = paths::private();
    match kind {
        Kind::Counter => quote!(#p::MetricType::Counter),
        Kind::Gauge => quote!(#p::MetricType::Gauge),
        Kind::Histogram => quote!(#p::MetricType::Histogram),
        Kind::Summary => quote!(#p::MetricType::Summary),
    }
}

fn option(value: Option<&str>) -> TokenStream {
    let p = paths::private();
    match value {
        Some(v) => quote!(#p::Some(#v)),
        None => quote!(#p::None),
    }
}
