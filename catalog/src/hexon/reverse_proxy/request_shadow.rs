//! Request Shadow/Mirror.

use crate::bounds::{CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricFamily};

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
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "shadow", section = "Request Shadow/Mirror")]
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
