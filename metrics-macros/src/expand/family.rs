//! `#[derive(MetricGroup)]`: the descriptors, the constructor, the metric list, and the
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
            impl #p::MetricGroup for #ident {
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
                    <Self as #p::MetricGroup>::new()
                }
            }
            #[automatically_derived]
            impl #p::Register for #ident {
                fn register_groups(&self) -> #p::Vec<&dyn #p::AnyGroup> {
                    #p::Vec::from([self as &dyn #p::AnyGroup])
                }
            }
            #[automatically_derived]
            impl<__S: #p::Clashes<__OM>, const __OM: bool, const __F: usize>
                #p::ClashAt<__S, __OM, __F> for #ident {}
        };
    }
}

fn expand(model: &MetricSet<'_>, rules: &[rules::Rule]) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let section = model.metrics.first().and_then(|m| m.section.as_deref());
    let rule_consts = rules::expand(rules, section);
    // Rules on a metric group read its own metrics; the formats are the service's to check.
    let rule_checks = rules::checks(
        rules,
        &quote!(&[<#ident as #p::MetricGroup>::DESCRIPTORS]),
        &quote!(<#ident as #p::MetricGroup>::RULES),
        &quote!(#p::None),
    );
    let descriptors = model.metrics.iter().map(|m| descriptor(m));
    let fields: Vec<&syn::Ident> = model.metrics.iter().map(|m| m.ident).collect();
    let tys: Vec<&syn::Type> = model.metrics.iter().map(|m| m.ty).collect();
    let positions = 0..model.metrics.len();
    let clash_at = clash_at(model);
    let checks = model
        .metrics
        .iter()
        .enumerate()
        .map(|(i, m)| checks(ident, i, m));
    quote! {
        const _: () = {
            #[automatically_derived]
            impl #p::MetricGroup for #ident {
                const DESCRIPTORS: &'static [#p::MetricDescriptor] = &[#(#descriptors),*];
                const RULES: &'static [#p::Rule] = &[#(#rule_consts),*];
                fn new() -> Self {
                    Self {
                        #(
                            #fields: <#tys as #p::Metric>::from_descriptor(
                                &<Self as #p::MetricGroup>::DESCRIPTORS[#positions],
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
                    <Self as #p::MetricGroup>::new()
                }
            }
            #[automatically_derived]
            impl #p::Register for #ident {
                fn register_groups(&self) -> #p::Vec<&dyn #p::AnyGroup> {
                    #p::Vec::from([self as &dyn #p::AnyGroup])
                }
            }
            #clash_at
            #(#checks)*
            #rule_checks
        };
    }
}

/// The check a service makes of this struct (see `metrics_core::__private::ClashAt`): when the
/// second metric of the service's first clash in a format is one of this struct's, the build
/// fails at that metric's name, which is why each panic is spelled here with its span.
fn clash_at(model: &MetricSet<'_>) -> TokenStream {
    let p = paths::private();
    let ident = model.ident;
    let arms = model.metrics.iter().enumerate().map(|(i, m)| {
        let span = m.name_span;
        quote_spanned! {span=>
            if *__metrics_metric == #i {
                ::core::panic!("{}", __metrics_message.as_str())
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl<__S: #p::Clashes<__OM>, const __OM: bool, const __F: usize>
            #p::ClashAt<__S, __OM, __F> for #ident
        {
            const CHECK: () = if let #p::Some(((__metrics_family, __metrics_metric), __metrics_message)) =
                &<__S as #p::Clashes<__OM>>::FIRST
            {
                if *__metrics_family == __F {
                    #(#arms)*
                }
            };
        }
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
    let cap = match &m.series_cap {
        Some(expr) => quote_spanned!(expr.span()=> #p::Some(#expr)),
        None => quote!(#p::None),
    };
    let idle = match m.idle {
        Some((ms, _)) => quote!(#p::Some(::core::time::Duration::from_millis(#ms))),
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
            cap: #cap,
            idle: #idle,
        }
    }
}

/// Checks evaluated by the compiler: a metric type stated in the attribute matches the field's
/// real type (a type read off the field type needs no check), a bucket preset is in order, the
/// budget holds, and a histogram or summary uses no reserved label. Each panic is spelled here,
/// not through `paths`, so that its tokens carry the span of what to change.
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
        let span = path.span();
        let at = paths::private_at(span);
        let preset = path_text(path);
        let name = &m.name;
        out.extend(quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::bucket_preset_message(#path, #preset, #name) {
                ::core::panic!("{}", message.as_str())
            };
        });
    }
    if let Some(budget) = &m.budget {
        // Rule: the worst-case number of series stays within the declared budget.
        let span = budget.span();
        let at = paths::private_at(span);
        out.extend(quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::budget_message(
                &<#family as #at::MetricGroup>::DESCRIPTORS[#index],
            ) {
                ::core::panic!("{}", message.as_str())
            };
        });
    }
    if let Some(span) = m
        .series_cap
        .as_ref()
        .map(|cap| cap.span())
        .or(m.idle.map(|(_, span)| span))
    {
        // Rule: a cap is at least 1, and a cap or an idle duration is for free-text labels.
        let at = paths::private_at(span);
        out.extend(quote_spanned! {span=>
            const _: () = if let #at::Some(message) = #at::lifecycle_message(
                &<#family as #at::MetricGroup>::DESCRIPTORS[#index],
                <#ty as #at::Metric>::REMOVABLE,
            ) {
                ::core::panic!("{}", message.as_str())
            };
        });
    }
    if is_unlabelled(ty) {
        return out;
    }
    // The checks of the labels, which the label set's derive reports at the label; the compiler
    // notes this use, underlining the whole field type. Rule: a label with no bound is a closed
    // set.
    let (first, last) = super::span_range(ty);
    let at = paths::private_at(first);
    let labels = quote_spanned!(first=> <#ty as #at::Labelled>::Labels);
    let check = quote_spanned!(last=> ::CHECK);
    out.extend(quote_spanned! {first=>
        const _: () = <#labels as #at::LabelBounds<#labels>>#check;
    });
    if matches!(m.kind, Kind::Histogram | Kind::Summary) {
        // Rule: no label named `le` or `quantile`.
        out.extend(quote_spanned! {first=>
            const _: () = <#labels as #at::ReservedLabels<#family, #index>>#check;
        });
    }
    out
}

/// Whether the field type is written as one of the unlabelled metric types, whose labels need
/// no check (a `Family`, or an alias, may have labels).
fn is_unlabelled(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    path.path.segments.last().is_some_and(|last| {
        ["Counter", "Gauge", "Histogram", "Summary"]
            .iter()
            .any(|t| last.ident == t)
    })
}

/// A path as written, without the spaces of its tokens: `buckets::LATENCY`.
fn path_text(path: &syn::Path) -> String {
    quote!(#path).to_string().replace(' ', "")
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
