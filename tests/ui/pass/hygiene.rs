//! Generated code names everything by absolute path: it compiles next to items that shadow
//! the prelude and the standard crates.
#![allow(dead_code, non_camel_case_types)]

struct Result;
struct Ok;
struct Err;
struct Some;
struct None;
struct Option;
struct Box;
struct Vec;
struct Default;
mod std {}
mod core {}
mod metrics_core_private {}

#[derive(::core::clone::Clone, ::core::marker::Copy, ::metrics_core::LabelValue)]
#[label(rename_all = "snake_case")]
enum Kind {
    Ok,
    NotFound,
}

#[derive(::metrics_core::LabelSet)]
struct Labels<'a> {
    kind: Kind,
    #[label(bound = 64)]
    host: &'a str,
    #[label(bound = 64)]
    region: ::core::option::Option<&'a str>,
}

#[derive(::metrics_core::LabelSet)]
struct ClosedLabels {
    kind: Kind,
    cached: bool,
}

#[derive(::metrics_core::MetricGroup)]
#[metrics(prefix = "hygiene", section = "All forms", since = "1.0.0")]
struct Metrics {
    /// A counter.
    requests_total: ::metrics_core::Counter,
    /// A gauge.
    #[metric(deprecated = "use something else")]
    in_flight: ::metrics_core::Gauge<f64>,
    /// A histogram.
    #[metric(unit = "seconds", buckets(0.1, 1))]
    duration_seconds: ::metrics_core::Histogram,
    /// A free-text family.
    by_host_total: ::metrics_core::Family<Labels<'static>, ::metrics_core::Counter>,
    /// A closed family.
    #[metric(name = "hygiene_closed")]
    closed: ::metrics_core::Family<ClosedLabels, ::metrics_core::Gauge>,
}

#[derive(::metrics_core::Service)]
#[service(name = "hygiene", formats(openmetrics, prometheus))]
struct HygieneService {
    metrics: Metrics,
}

fn main() {
    let _service = <HygieneService as ::metrics_core::Service>::new();
    let metrics = <Metrics as ::metrics_core::MetricGroup>::new();
    metrics.by_host_total.inc(Labels { kind: Kind::NotFound, host: "a", region: ::core::option::Option::None });
    metrics.closed.set(ClosedLabels { kind: Kind::Ok, cached: true }, 1);
    ::std::assert_eq!(<Metrics as ::metrics_core::MetricGroup>::DESCRIPTORS.len(), 5);
}
