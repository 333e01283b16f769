//! Time-Based Access Control.

use metrics_core::{Counter, LabelValue, MetricGroup};

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

/// Time-Based Access Control.
#[metrics_core::labels(
    status: Status,
    reason: Reason,
    matched_by: MatchedBy,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "timeaccess", section = "Time-Based Access Control")]
#[alert(
    name = "TimeAccessBlocksHigh",
    expr = r#"rate(timeaccess_requests_total{status="blocked"}[5m]) > 10"#,
    severity = "warning",
    summary = "High block rate may indicate misconfigured time windows"
)]
#[alert(
    name = "TimeAccessDefaultWindowFallthrough",
    expr = r#"rate(timeaccess_windows_checked{matched_by="default"}[15m]) > 1"#,
    severity = "info",
    summary = "Many requests falling through to default window — consider adding country/CIDR windows",
    correction = r#"the document writes `timeaccess_windows_checked{matched_by="default"} increasing`: "increasing" is prose and the counter always increases; the rule calls more than one fall-through per second over 15 minutes "many""#
)]
pub struct TimeBasedAccessControl {
    // Operations
    /// Allowed/blocked requests
    #[metric(labels(status, reason))]
    pub requests_total: Counter,
    /// Window match distribution
    #[metric(labels(matched_by), allow(counter_total))]
    pub windows_checked: Counter,
}
