//! Snapshots of the generated code, pretty-printed: the contract between the macros and the
//! runtime. Read every diff before accepting it.

use syn::{DeriveInput, parse_quote};

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

#[test]
fn metric_family() {
    let input: DeriveInput = parse_quote! {
        #[metrics(prefix = "proxy", section = "Reload")]
        pub struct Reload {
            /// Reload results
            #[metric(since = "2.0.0")]
            pub reload_total: Family<ReloadLabels<'static>, Counter>,
            /// Reload time
            #[metric(unit = "seconds", buckets(0.1, 1))]
            pub reload_duration_seconds: Histogram,
        }
    };
    insta::assert_snapshot!(pretty(super::family::derive(&input)));
}

#[test]
fn label_set_with_free_text_and_closed_labels() {
    let input: DeriveInput = parse_quote! {
        pub struct ReloadLabels<'a> {
            pub success: bool,
            #[label(name = "why", bound = 32)]
            pub reason: Option<&'a str>,
        }
    };
    insta::assert_snapshot!(pretty(super::label_set::derive(&input)));
}

#[test]
fn label_set_all_closed() {
    let input: DeriveInput = parse_quote! {
        pub struct Closed {
            pub success: bool,
            pub r#type: Option<Kind>,
        }
    };
    insta::assert_snapshot!(pretty(super::label_set::derive(&input)));
}

#[test]
fn label_value() {
    let input: DeriveInput = parse_quote! {
        #[label(rename_all = "snake_case")]
        pub enum Reason {
            PoolNotFound,
            #[label(rename = "nil")]
            AlgorithmReturnedNil,
        }
    };
    insta::assert_snapshot!(pretty(super::label_value::derive(&input)));
}

#[test]
#[cfg(feature = "promql")]
fn rules_on_a_family() {
    let input: DeriveInput = parse_quote! {
        #[alert(
            name = "SelectFailures",
            expr = r#"sum by (pool) (rate(lb_select_failures_total{reason=~"no_.*"}[5m])) > 0"#,
            for = "5m",
            severity = "critical",
            summary = "No healthy backends",
        )]
        #[record(name = "pool:lb_selects:rate5m", expr = "sum by (pool) (rate(lb_selects_total[5m]))")]
        pub struct LoadBalancer {
            /// Failed selections.
            pub lb_select_failures_total: Family<FailureLabels<'static>, Counter>,
            /// Selections.
            pub lb_selects_total: Family<PoolLabels<'static>, Counter>,
        }
    };
    insta::assert_snapshot!(pretty(super::family::derive(&input)));
}

#[test]
fn errors_leave_as_compile_error_and_a_stub() {
    let input: DeriveInput = parse_quote! {
        pub struct Broken {
            pub undocumented: Counter,
        }
    };
    insta::assert_snapshot!(pretty(super::family::derive(&input)));
}

#[test]
fn service() {
    let input: DeriveInput = parse_quote! {
        #[service(name = "signaling", formats(prometheus))]
        pub struct SignalingService {
            pub proxy: Proxy,
            pub hub: Hub,
        }
    };
    insta::assert_snapshot!(pretty(super::service::derive(&input)));
}

#[test]
fn labels_attribute() {
    let args = quote::quote! {
        /// The pool.
        #[label(bound = POOLS)]
        pool_id: &str,
        #[label(name = "reason", unbounded, optional)]
        why: &str,
        healthy: bool,
    };
    let item = quote::quote! {
        /// Load balancing.
        #[derive(Debug, MetricGroup)]
        #[metrics(prefix = "lb")]
        pub struct LoadBalancer {
            /// Successful backend selections
            #[metric(labels(pool_id, why?), allow(counter_total))]
            pub selects: Counter,
            /// Failed selections
            #[metric(labels(pool_id, why?))]
            pub failures_total: Counter,
            /// Healthy pools
            #[metric(labels(healthy))]
            pub pools: Gauge,
            /// Not labelled
            pub deleted_total: Counter,
        }
    };
    insta::assert_snapshot!(pretty(super::declared::attribute(args, item)));
}
