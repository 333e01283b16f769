//! Kerberos Ticket Management & SPNEGO Browser SSO.

use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricFamily};

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

/// `{result, reason?}` of `kerberos_spnego_validation_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SpnegoLabels {
    pub result: SuccessFailure,
    pub reason: Option<SpnegoFailureReason>,
}

/// `{result, reason?}` of `kerberos_ticket_acquisition_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AcquisitionLabels {
    pub result: SuccessFailure,
    pub reason: Option<AcquisitionFailureReason>,
}

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultLabels {
    pub result: SuccessFailure,
}

/// `{result}` of `kerberos_ticket_revocation_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RevocationLabels {
    pub result: RevocationResult,
}

/// Kerberos Ticket Management & SPNEGO Browser SSO.
#[derive(Debug, MetricFamily)]
#[metrics(
    prefix = "kerberos",
    section = "Kerberos Ticket Management & SPNEGO Browser SSO"
)]
pub struct Kerberos {
    // SPNEGO
    /// SPNEGO validation results
    pub spnego_validation_total: Family<SpnegoLabels, Counter>,
    // Tickets
    /// Ticket acquisition
    pub ticket_acquisition_total: Family<AcquisitionLabels, Counter>,
    /// Ticket refresh
    pub ticket_refresh_total: Family<ResultLabels, Counter>,
    /// Ticket revocation
    #[metric(
        decision = "\"Ticket revocation (success)\" lists one result value; a closed set of that one value"
    )]
    pub ticket_revocation_total: Family<RevocationLabels, Counter>,
    /// Total tickets revoked (bulk count)
    #[metric(allow(counter_total))]
    pub tickets_revoked: Counter,
    // Password
    /// Password changes
    pub password_change_total: Family<ResultLabels, Counter>,
}
