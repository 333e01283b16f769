//! Kerberos Ticket Management & SPNEGO Browser SSO.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of the SPNEGO, ticket acquisition, ticket refresh and password change counters.
pub use crate::hexon::values::SuccessFailure;

/// `result` of `kerberos_ticket_revocation_total`: the document lists `success` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RevocationResult {
    Success,
}

/// Failure `reason` of `kerberos_spnego_validation_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SpnegoFailureReason {
    InvalidBase64,
    InvalidToken,
    AuthFailed,
    NoCredentials,
    UserDisabled,
}

/// Failure `reason` of `kerberos_ticket_acquisition_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AcquisitionFailureReason {
    AuthFailed,
}

/// Kerberos Ticket Management & SPNEGO Browser SSO.
#[metrics_core::labels(
    result: SuccessFailure,
    #[label(optional)] reason: SpnegoFailureReason,
    #[label(name = "reason", optional)] acquisition_failure_reason: AcquisitionFailureReason,
    #[label(name = "result")] revocation_result: RevocationResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "kerberos",
    section = "Kerberos Ticket Management & SPNEGO Browser SSO"
)]
#[alert(
    name = "KerberosSpnegoFailures",
    expr = r#"rate(kerberos_spnego_validation_total{result="failure"}[5m]) > 10"#,
    severity = "warning",
    summary = "SPNEGO failures (keytab/config)"
)]
#[alert(
    name = "KerberosTicketRefreshFailing",
    expr = r#"rate(kerberos_ticket_refresh_total{result="failure"}[5m]) > 0"#,
    severity = "critical",
    summary = "Ticket refresh failing (KDC)"
)]
#[alert(
    name = "KerberosDisabledUserAttempt",
    expr = r#"increase(kerberos_spnego_validation_total{reason="user_disabled"}[5m]) > 0"#,
    severity = "warning",
    summary = "Disabled user SPNEGO attempt",
    correction = r#"the document compares the counter `kerberos_spnego_validation_total{reason="user_disabled"} > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"#
)]
pub struct Kerberos {
    // SPNEGO
    /// SPNEGO validation results
    #[metric(labels(result, reason?))]
    pub spnego_validation_total: Counter,
    // Tickets
    /// Ticket acquisition
    #[metric(labels(result, acquisition_failure_reason?))]
    pub ticket_acquisition_total: Counter,
    /// Ticket refresh
    #[metric(labels(result))]
    pub ticket_refresh_total: Counter,
    /// Ticket revocation
    #[metric(
        decision = "\"Ticket revocation (success)\" lists one result value; a closed set of that one value"
    )]
    #[metric(labels(revocation_result))]
    pub ticket_revocation_total: Counter,
    /// Total tickets revoked (bulk count)
    #[metric(allow(counter_total))]
    pub tickets_revoked: Counter,
    // Password
    /// Password changes
    #[metric(labels(result))]
    pub password_change_total: Counter,
}
