//! Request Shadow/Mirror.

use crate::bounds::{CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `error_type` of `shadow_errors_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ShadowErrorType {
    RequestCreation,
    Timeout,
    Network,
    HttpError,
}

/// Request Shadow/Mirror.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] shadow_name: &str,
    error_type: ShadowErrorType,
    #[label(bound = PROTOCOL, optional)] status_code: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow", section = "Request Shadow/Mirror")]
#[alert(
    name = "ShadowErrors",
    expr = "rate(shadow_errors_total[5m]) > 0",
    severity = "warning",
    summary = "Shadow errors occurring — check backend health"
)]
#[alert(
    name = "ShadowTimeouts",
    expr = r#"rate(shadow_errors_total{error_type="timeout"}[5m]) > 5"#,
    severity = "warning",
    summary = "High timeout rate — increase timeout or check backend"
)]
#[alert(
    name = "ShadowLatencyHigh",
    expr = "histogram_quantile(0.99, sum by (le, shadow_name) (rate(shadow_request_duration_bucket[5m]))) > 5",
    severity = "warning",
    summary = "p99 latency exceeds 5s — shadow backend slow",
    correction = "the document writes `histogram_quantile(0.99, shadow_request_duration)`: a histogram has no series of its own; the quantile is read from the rate of its `_bucket` series, kept per shadow"
)]
pub struct RequestShadow {
    // Request Counts
    /// Shadow requests dispatched
    #[metric(labels(shadow_name))]
    pub requests_total: Counter,
    /// Shadow requests with 2xx/3xx responses
    #[metric(labels(shadow_name))]
    pub success_total: Counter,
    /// Shadow request errors
    // `{shadow_name, error_type}`, and `status_code` when `error_type` is `http_error`.
    #[metric(
        decision = "a note says error_type `http_error` also includes a `status_code` label: `status_code` is an optional label, free text"
    )]
    #[metric(labels(shadow_name, error_type, status_code?))]
    pub errors_total: Counter,
    // Latency
    /// Shadow request round-trip duration
    #[metric(labels(shadow_name), buckets = LATENCY, unit = "seconds")]
    pub request_duration: Histogram,
}
