//! Time-Based Access Control.

use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricFamily};

/// `status` of `timeaccess_requests_total`.
pub use crate::hexon::values::AllowedBlocked as Status;

/// `reason` of `timeaccess_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Reason {
    BypassCidr,
    Passed,
    DayDenied,
    DayNotAllowed,
    HoursDenied,
    HoursNotAllowed,
}

/// `matched_by` of `timeaccess_windows_checked`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum MatchedBy {
    Cidr,
    Country,
    Default,
}

/// `{status, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels {
    pub status: Status,
    pub reason: Reason,
}

/// `{matched_by}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct WindowLabels {
    pub matched_by: MatchedBy,
}

/// Time-Based Access Control.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "timeaccess", section = "Time-Based Access Control")]
pub struct TimeBasedAccessControl {
    // Operations
    /// Allowed/blocked requests
    pub requests_total: Family<RequestLabels, Counter>,
    /// Window match distribution
    #[metric(allow(counter_total))]
    pub windows_checked: Family<WindowLabels, Counter>,
}
