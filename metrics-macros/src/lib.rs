//! Derive macros of `metrics-core`, and the attribute that writes label sets for them. Use them
//! through `metrics_core`, which documents them.
//!
//! Each macro runs three stages: `parse` reads the attributes into raw structs (syntax errors
//! only), `validate` turns them into the checked model of `ir` and reports every mistake at once,
//! and `expand` writes the code. On error the macro still emits stub items, so that one bad
//! declaration does not cascade into errors at every use.

mod ctxt;
mod expand;
mod ir;
mod parse;
#[cfg(feature = "promql")]
mod rules;
#[cfg(not(feature = "promql"))]
#[path = "rules_disabled.rs"]
mod rules;
// Its tests run in every build, the feature on or off (only `parse` is tested there).
#[cfg(all(test, feature = "promql"))]
#[allow(dead_code)]
#[path = "rules_disabled.rs"]
mod rules_disabled;
mod validate;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// See `metrics_core::MetricGroup`.
#[proc_macro_derive(MetricGroup, attributes(metrics, metric, alert, record))]
pub fn derive_metric_family(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::family::derive(&input).into()
}

/// See `metrics_core::Service`.
#[proc_macro_derive(Service, attributes(service, alert, record))]
pub fn derive_service(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::service::derive(&input).into()
}

/// See `metrics_core::LabelSet`.
#[proc_macro_derive(LabelSet, attributes(label))]
pub fn derive_label_set(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::label_set::derive(&input).into()
}

/// See `metrics_core::labels`.
#[proc_macro_attribute]
pub fn labels(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::declared::attribute(args.into(), item.into()).into()
}

/// See `metrics_core::LabelValue`.
#[proc_macro_derive(LabelValue, attributes(label))]
pub fn derive_label_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::label_value::derive(&input).into()
}
