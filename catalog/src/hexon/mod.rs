//! hexon, a security gateway (`spec/002_d70fb58de778f465.txt`, 564 families in about 44
//! modules). One Rust module per module of the document, grouped as the document groups them.
//!
//! Conventions, applied throughout rather than repeated at each declaration:
//! - names, types, label names and label order are the document's;
//! - where a description lists a label's values (`(reason: a|b|c)`, `result=a|b`, a list of
//!   `label=value` lines), the values are a closed set (`#[derive(LabelValue)]`), `true|false`
//!   is `bool`, and the help is the description without the list; a label whose values are not
//!   listed is free text;
//! - `reason?` is an optional label (`Option<_>`);
//! - the `latency` type is a histogram with the document's fixed buckets, [`LATENCY`], in
//!   seconds (the document's alerts compare latencies with seconds);
//! - every other departure from the document is a `decision` on the metric.

use metrics_core::AnyFamily;

pub mod authentication;
pub mod bastion;
pub mod connectivity;
pub mod identity;
pub mod operations;
pub mod pki;
pub mod protection;
pub mod reverse_proxy;

/// The `latency` type's buckets: <1ms, <10ms, <100ms, <1s, <10s, and >10s (`+Inf`).
pub const LATENCY: &[f64] = &[0.001, 0.01, 0.1, 1.0, 10.0];

/// For a `histogram` in seconds whose buckets the document does not give: the Prometheus
/// client libraries' default buckets.
pub const DEFAULT_SECONDS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// For a `histogram` in milliseconds whose buckets the document does not give: the default
/// buckets, scaled.
pub const DEFAULT_MILLISECONDS: &[f64] = &[
    5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0,
];

/// Every metric struct of hexon, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    [
        reverse_proxy::families(),
        authentication::families(),
        identity::families(),
        bastion::families(),
        pki::families(),
        protection::families(),
        connectivity::families(),
        operations::families(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
