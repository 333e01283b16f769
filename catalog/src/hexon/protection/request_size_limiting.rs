//! Request Size Limiting.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

/// `result` of `sizelimit_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RequestResult {
    Allowed,
    Rejected,
}

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels {
    pub result: RequestResult,
}

/// `{host, path}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ExceptionLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
    #[label(unbounded)]
    pub path: &'a str,
}

/// Request Size Limiting.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "sizelimit", section = "Request Size Limiting")]
pub struct RequestSizeLimiting {
    // Counters
    /// Requests processed
    pub requests_total: Family<RequestLabels, Counter>,
    /// Requests that matched a size limit exception
    #[metric(allow(counter_total))]
    pub exception_matched: Family<ExceptionLabels<'static>, Counter>,
}
