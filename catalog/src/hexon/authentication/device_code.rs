//! Device Code Authorization.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of `devicecode_authorizations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AuthorizationResult {
    /// User approved device
    Authorized,
    /// User denied device
    Denied,
}

/// `status` of `devicecode_polls_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum PollStatus {
    /// Awaiting user action
    Pending,
    /// User authorized
    Authorized,
    /// User denied
    Denied,
    /// Client polling too fast
    SlowDown,
    /// Code expired (not instrumented — returns early)
    Expired,
}

/// Device Code Authorization.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] client_id: &str,
    result: AuthorizationResult,
    status: PollStatus,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "devicecode", section = "Device Code Authorization")]
#[alert(
    name = "DeviceCodeDenialsHigh",
    expr = r#"rate(devicecode_authorizations_total{result="denied"}[5m]) > 10"#,
    severity = "warning",
    summary = "High denial rate"
)]
#[alert(
    name = "DeviceCodeClientsIgnoringInterval",
    expr = r#"rate(devicecode_polls_total{status="slow_down"}[5m]) > 50"#,
    severity = "warning",
    summary = "Clients ignoring poll interval"
)]
pub struct DeviceCode {
    // Codes
    /// Device codes generated
    #[metric(labels(client_id))]
    pub codes_issued_total: Counter,
    // Authorization
    /// Authorization decisions
    #[metric(labels(result))]
    pub authorizations_total: Counter,
    // Polling
    /// Poll requests by outcome
    #[metric(
        decision = "lists status=expired as \"not instrumented — returns early\"; kept in the closed set of status values"
    )]
    #[metric(labels(status))]
    pub polls_total: Counter,
}
