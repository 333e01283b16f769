//! Request Size Limiting.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of `sizelimit_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RequestResult {
    Allowed,
    Rejected,
}

/// Request Size Limiting.
#[metrics_core::labels(
    result: RequestResult,
    #[label(bound = CONFIGURED)] host: &str,
    #[label(unbounded)] path: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "sizelimit", section = "Request Size Limiting")]
pub struct RequestSizeLimiting {
    // Counters
    /// Requests processed
    #[metric(labels(result))]
    pub requests_total: Counter,
    /// Requests that matched a size limit exception
    #[metric(labels(host, path), allow(counter_total))]
    pub exception_matched: Counter,
}
