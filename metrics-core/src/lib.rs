//! Declare Prometheus metrics once, as a typed catalog, and let the compiler keep the code,
//! the docs and the exposition in agreement.
//!
//! A metric family is a field of a struct with `#[derive(MetricGroup)]`; its help is the doc
//! comment, its labels a struct with `#[derive(LabelSet)]`, and closed sets of label values
//! enums with `#[derive(LabelValue)]`. A misspelled or missing label, or a value outside a
//! closed set, does not compile.
//!
//! ```
//! use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, LabelValue)]
//! #[label(rename_all = "UPPERCASE")]
//! pub enum Method { Get, Post }
//!
//! #[derive(Clone, Copy, LabelSet)]
//! pub struct RequestLabels<'a> {
//!     pub method: Method,
//!     #[label(bound = 64)]
//!     pub resource: &'a str,
//!     /// Optional: left out of the series when `None`.
//!     #[label(bound = 64)]
//!     pub code: Option<&'a str>,
//! }
//!
//! #[derive(MetricGroup)]
//! #[metrics(prefix = "shop", section = "HTTP")]
//! pub struct HttpMetrics {
//!     /// Total number of responses.
//!     #[metric(since = "1.2.0")]
//!     pub responses_total: Family<RequestLabels<'static>, Counter>,
//!     /// Request duration.
//!     #[metric(unit = "seconds", buckets(0.05, 0.1, 0.5, 1.0))]
//!     pub request_duration_seconds: Histogram,
//! }
//!
//! let metrics = HttpMetrics::default();
//! let mut registry = metrics_core::Registry::new();
//! registry.register(&metrics);
//!
//! metrics.responses_total.inc(RequestLabels { method: Method::Get, resource: "/cart", code: Some("200") });
//! metrics.request_duration_seconds.observe(0.07);
//!
//! let text = registry.encode(metrics_core::Format::OpenMetrics).unwrap();
//! assert!(text.contains(r#"shop_responses_total{method="GET",resource="/cart",code="200"} 1"#));
//! assert!(text.contains(r#"shop_request_duration_seconds_bucket{le="0.1"} 1"#));
//! assert_eq!(HttpMetrics::DESCRIPTORS[0].name, "shop_responses_total");
//! ```

// The derives name this crate `::metrics_core`, also when used inside it (`process`).
extern crate self as metrics_core;

// The bottom layer: the model (descriptors, metric types, formats, the exposed names of
// `metrics-internals`), the compile-time message builder and the writers' pieces.
mod descriptor;
mod encoding;
mod message;
// Labels, and the metric types with their storage and bucket presets.
pub mod buckets;
mod label;
pub mod metrics;
// Alert and recording rules; metric groups and services; the checks the compiler evaluates on
// them.
mod checks;
mod group;
pub mod rules;
// The registry and its exposition, the process metrics; the endpoint, the test helpers and the
// tools on top.
pub mod exposition;
#[cfg(feature = "http")]
pub mod http;
pub mod process;
pub mod testing;
pub mod tools;

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled (and the first run) as doctests so that they cannot drift
/// from the API; the second calls the command line (feature `cli`, on in the workspace's tests).
#[cfg(all(doctest, feature = "cli"))]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;

pub use descriptor::Format;
pub use descriptor::{LabelDescriptor, LabelKind, MetricDescriptor, MetricType};
pub use exposition::Registry;
pub use group::{AnyGroup, AnyMetric, MetricGroup, PrometheusClientExt, Register, Service};
pub use label::{DEFAULT_SERIES_CAP, LabelSet, LabelValue, MAX_LABELS, OVERFLOW_VALUE};
pub use metrics::{Counter, Family, Gauge, Histogram, Metric, Permanent, Removable, Summary};

// The attributes of each derive, with doctests, are documented in `docs/`.
#[doc = include_str!("docs/metric_group.md")]
#[doc = include_str!("docs/rules.md")]
pub use metrics_macros::MetricGroup;

#[doc = include_str!("docs/labels.md")]
pub use metrics_macros::labels;

#[doc = include_str!("docs/label_set.md")]
pub use metrics_macros::LabelSet;

#[doc = include_str!("docs/label_value.md")]
pub use metrics_macros::LabelValue;

#[doc = include_str!("docs/service.md")]
pub use metrics_macros::Service;
