//! Declare Prometheus metrics once, as a typed catalog, and let the compiler keep the code,
//! the docs and the exposition in agreement.
//!
//! A metric family is a field of a struct with `#[derive(MetricFamily)]`; its help is the doc
//! comment, its labels a struct with `#[derive(LabelSet)]`, and closed sets of label values
//! enums with `#[derive(LabelValue)]`. A misspelled or missing label, or a value outside a
//! closed set, does not compile.
//!
//! ```
//! use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricFamily};
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
//! #[derive(MetricFamily)]
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

pub mod descriptor;
pub mod exposition;
mod family_check;
mod family_set;
#[cfg(feature = "http")]
pub mod http;
pub mod label;
pub mod metrics;
pub mod process;
pub mod rules;

pub mod service_check;
pub mod testing;
pub mod tools;

#[doc(hidden)]
pub mod __private;

/// The README's example, compiled and run as a doctest so that it cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExample;

pub use descriptor::{LabelDescriptor, LabelKind, MetricDescriptor, MetricType};
pub use exposition::{Format, Registry};
pub use family_set::{AnyFamily, AnyMetric, MetricFamily, Service};
pub use label::{LabelSet, LabelValue};
pub use metrics::{Counter, Family, Gauge, Histogram, Metric, Summary};

/// Derives [`MetricFamily`](trait@MetricFamily) for a struct whose fields are metrics.
///
/// Each field is one metric family: its type is [`Counter`], [`Gauge`], [`Histogram`], or
/// [`Family`] of a label set and one of them; its doc comment is the help text.
///
/// Struct attribute `#[metrics(...)]`: `prefix = "svc"` (prepended with `_` to every field's
/// name), `section = "..."` (documentation section), `since = "x.y.z"` (default for fields).
///
/// Field attribute `#[metric(...)]`: `counter` / `gauge` / `histogram` (the type, when the field
/// type is an alias), `name = "..."` (the exposed name, instead of prefix and field name),
/// `help = "..."` (instead of the doc comment), `unit = "seconds"`, `buckets(0.1, 1, 10)` or
/// `buckets = PRESET` (a `const` `&[f64]`, checked at compile time), `since = "x.y.z"`,
/// `deprecated` or `deprecated = "note"`, `decision = "..."` (where the specification is wrong
/// or ambiguous: what it says and what the catalog does; listed in the generated docs),
/// `budget = N` (the most series the family may expose; see [`LabelSet`](macro@LabelSet)).
pub use metrics_macros::MetricFamily;

/// Derives [`LabelSet`](trait@LabelSet) for a struct whose fields are labels.
///
/// Field types: `&'a str` (free text), a [`LabelValue`](trait@LabelValue) enum or `bool`
/// (closed set), or `Option` of either (optional). `#[label(name = "...")]` sets the exposed
/// label name (default: the field name, without `r#`).
///
/// Free text declares its cardinality: `#[label(bound = N)]` (a literal or a `const`: the most
/// distinct values it takes) or `#[label(unbounded)]` (client addresses, user names, paths). The
/// bound is multiplied into each family's worst case ([`MetricDescriptor::max_series`]), shown in
/// the docs and held to budgets: `#[metric(budget = N)]` on a family and `#[service(budget = N)]`
/// on a service fail the build when the worst case exceeds them or a label is unbounded.
pub use metrics_macros::LabelSet;

/// Derives [`LabelValue`](trait@LabelValue) for an enum of unit variants: a closed set of label
/// values.
///
/// `#[label(rename_all = "snake_case")]` on the enum (also `lowercase`, `UPPERCASE`,
/// `SCREAMING_SNAKE_CASE`, `kebab-case`, `camelCase`, `PascalCase`), `#[label(rename = "...")]`
/// on a variant.
pub use metrics_macros::LabelValue;

/// Derives [`Service`](trait@Service) for a struct whose fields are `#[derive(MetricFamily)]`
/// structs: the whole service.
///
/// `#[service(name = "...", formats(openmetrics, prometheus))]`: the name (default: the struct's
/// name in snake_case) and the formats the service is served in (default: both). The build fails
/// when two families of the service expose the same name in one of those formats, naming both.
pub use metrics_macros::Service;
