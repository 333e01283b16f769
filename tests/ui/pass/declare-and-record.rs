//! A realistic declaration, a call site of every form, registration next to a hand-written
//! prometheus-client metric, and the descriptors read in a `const` context.

use metrics_core::{
    Counter, Family, Gauge, Histogram, LabelKind, LabelSet, LabelValue, MetricDescriptor,
    MetricGroup, MetricType, PrometheusClientExt,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Reason {
    PoolNotFound,
    NoHealthyBackends,
    #[label(rename = "algorithm_returned_nil")]
    Nil,
}

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SelectFailure<'a> {
    #[label(bound = 64)]
    pub pool_id: &'a str,
    pub reason: Reason,
}

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OidcFailure<'a> {
    #[label(bound = 64)]
    pub host: &'a str,
    #[label(bound = 64)]
    pub reason: &'a str,
    /// Absent on pre-state errors.
    #[label(bound = 64)]
    pub provider: Option<&'a str>,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "loadbalancer", section = "Backend Selection")]
pub struct LoadBalancer {
    /// Failed selections
    #[metric(since = "2.1.0")]
    pub select_failures_total: Family<SelectFailure<'static>, Counter>,
    /// OIDC auth flow failures
    #[metric(name = "proxy_oidc_flow_failures_total")]
    pub oidc_flow_failed: Family<OidcFailure<'static>, Counter>,
    /// Backends in the pool
    pub backends: Gauge,
    /// Backend selection duration
    #[metric(unit = "seconds", buckets(0.001, 0.01, 0.1, 1, 10))]
    pub select_latency_seconds: Histogram,
}

const FAILURES: &MetricDescriptor = &LoadBalancer::DESCRIPTORS[0];
const _: () = assert!(matches!(FAILURES.metric_type, MetricType::Counter));
const _: () = assert!(FAILURES.labels.len() == 2);
const _: () = assert!(matches!(FAILURES.labels[1].kind, LabelKind::Closed(values) if values.len() == 3));

fn main() {
    let lb = LoadBalancer::default();
    let mut registry = prometheus_client::registry::Registry::default();
    registry.register_metrics(&lb);
    let handwritten = prometheus_client::metrics::counter::Counter::<u64>::default();
    registry.register("handwritten", "Written by hand", handwritten.clone());
    handwritten.inc();

    let pool = String::from("pool-a");
    lb.select_failures_total.inc(SelectFailure { pool_id: &pool, reason: Reason::NoHealthyBackends });
    lb.oidc_flow_failed.inc(OidcFailure { host: "sso", reason: "state_mismatch", provider: None });
    lb.backends.set(3);
    lb.select_latency_seconds.observe(0.004);

    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &registry).unwrap();
    assert!(text.contains(
        "loadbalancer_select_failures_total{pool_id=\"pool-a\",reason=\"no_healthy_backends\"} 1\n"
    ));
    assert!(text.contains("proxy_oidc_flow_failures_total{host=\"sso\",reason=\"state_mismatch\"} 1\n"));
    assert!(text.contains("handwritten_total 1\n"));
    assert_eq!(FAILURES.since, Some("2.1.0"));
    assert_eq!(Reason::VALUES, ["algorithm_returned_nil", "no_healthy_backends", "pool_not_found"]);
}
