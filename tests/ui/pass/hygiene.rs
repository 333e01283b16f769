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

#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::metrics_core::LabelValue)]
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

// The attribute form, on a struct: the generated label structs and field types name the
// runtime by absolute paths too.
#[::metrics_core::labels(
    kind: Kind,
    #[label(bound = 64, optional)]
    host: &str,
    cached: bool,
)]
#[derive(::metrics_core::MetricGroup)]
#[metrics(prefix = "declared")]
struct Declared {
    /// By kind and host.
    #[metric(labels(kind, host?))]
    by_host_total: ::metrics_core::Counter,
    /// By kind and host, the same labels (an alias of the struct above).
    #[metric(labels(kind, host?), unit = "seconds", buckets(0.1, 1))]
    latency_seconds: ::metrics_core::Histogram,
    /// Cached or not.
    #[metric(labels(cached, host))]
    cached: ::metrics_core::Gauge,
}

// And on a module.
#[::metrics_core::labels(
    #[label(unbounded)]
    path: &str,
)]
mod in_a_module {
    #[derive(::metrics_core::MetricGroup)]
    #[metrics(prefix = "module")]
    pub(crate) struct Paths {
        /// By path.
        #[metric(labels(path))]
        pub(crate) requests_total: ::metrics_core::Counter,
    }
}

#[derive(::metrics_core::Service)]
#[service(name = "hygiene", formats(openmetrics, prometheus))]
struct HygieneService {
    metrics: Metrics,
    declared: Declared,
    paths: in_a_module::Paths,
}

fn main() {
    let _service = <HygieneService as ::metrics_core::Service>::new();
    let metrics = <Metrics as ::metrics_core::MetricGroup>::new();
    metrics.by_host_total.inc(Labels { kind: Kind::NotFound, host: "a", region: ::core::option::Option::None });
    metrics.closed.set(ClosedLabels { kind: Kind::Ok, cached: true }, 1);
    ::std::assert_eq!(<Metrics as ::metrics_core::MetricGroup>::DESCRIPTORS.len(), 5);
    let declared = <Declared as ::metrics_core::MetricGroup>::new();
    declared.by_host_total.inc(ByHostTotalLabels { kind: Kind::Ok, host: ::core::option::Option::Some("a") });
    declared.latency_seconds.observe(LatencySecondsLabels { kind: Kind::Ok, host: ::core::option::Option::None }, 0.5);
    declared.cached.set(CachedLabels { cached: true, host: "a" }, 1);
    let paths = <in_a_module::Paths as ::metrics_core::MetricGroup>::new();
    paths.requests_total.inc(in_a_module::RequestsTotalLabels { path: "/" });
    ::std::assert_eq!(<Declared as ::metrics_core::MetricGroup>::DESCRIPTORS.len(), 3);
}
