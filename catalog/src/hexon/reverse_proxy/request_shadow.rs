//! Request Shadow/Mirror.

use crate::bounds::{CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{shadow_name}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ShadowLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub shadow_name: &'a str,
}

/// `{shadow_name, error_type}`, and `status_code` when `error_type` is `http_error`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ShadowErrorLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub shadow_name: &'a str,
    pub error_type: ShadowErrorType,
    #[label(bound = PROTOCOL)]
    pub status_code: Option<&'a str>,
}

/// Request Shadow/Mirror.
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
    pub requests_total: Family<ShadowLabels<'static>, Counter>,
    /// Shadow requests with 2xx/3xx responses
    pub success_total: Family<ShadowLabels<'static>, Counter>,
    /// Shadow request errors
    #[metric(
        decision = "a note says error_type `http_error` also includes a `status_code` label: `status_code` is an optional label, free text"
    )]
    pub errors_total: Family<ShadowErrorLabels<'static>, Counter>,
    // Latency
    /// Shadow request round-trip duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub request_duration: Family<ShadowLabels<'static>, Histogram>,
}
