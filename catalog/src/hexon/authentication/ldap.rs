//! LDAP Authentication, with the `magiclink_*` metrics the document lists under it.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of `ldap_authentication_total`.
pub use crate::hexon::values::SuccessFailure as AuthenticationResult;

/// Failure `reason` of `ldap_authentication_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AuthenticationFailureReason {
    /// Missing username
    EmptyUsername,
    /// Missing password
    EmptyPassword,
    /// LDAP service error
    ServiceUnavailable,
    /// Wrong password
    InvalidCredentials,
}

/// `result` of `magiclink_verifications_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum VerificationResult {
    /// User approved sign-in
    Authorized,
    /// User rejected the request
    Denied,
    /// User chose local sign-in
    SigninHere,
}

/// `status` of `magiclink_polls_total`: the status a Poll returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum PollStatus {
    Pending,
    Authorized,
    Denied,
    Expired,
    SlowDown,
    CompletedElsewhere,
    /// Empty device code
    Invalid,
}

/// LDAP Authentication.
#[metrics_core::labels(
    result: AuthenticationResult,
    #[label(optional)] reason: AuthenticationFailureReason,
    #[label(name = "result")] verification_result: VerificationResult,
    status: PollStatus,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "LDAP Authentication")]
#[alert(
    name = "LdapServerDown",
    expr = r#"rate(ldap_authentication_total{result="failure",reason="service_unavailable"}[5m]) > 0"#,
    severity = "critical",
    summary = "LDAP server down"
)]
#[alert(
    name = "LdapBruteForce",
    expr = r#"rate(ldap_authentication_total{result="failure",reason="invalid_credentials"}[5m]) > 20"#,
    severity = "critical",
    summary = "Brute-force attempt"
)]
pub struct Ldap {
    /// Authentication attempts
    #[metric(labels(result, reason?))]
    pub ldap_authentication_total: Counter,
    // Magic link (no heading of its own in the document)
    /// Incremented when a magic link email is successfully queued (valid user, within rate
    /// limits). Not incremented for decoy flows or unknown emails.
    #[metric(
        decision = "listed under LDAP Authentication after its alerts, with no heading of its own; kept in that section"
    )]
    pub magiclink_initiated_total: Counter,
    /// Incremented when Verify completes a user action.
    #[metric(
        decision = "listed under LDAP Authentication with no heading of its own, its labels on the next line; kept in that section"
    )]
    #[metric(labels(verification_result))]
    pub magiclink_verifications_total: Counter,
    /// Incremented on every Poll response. Labels mirror the returned status.
    #[metric(
        decision = "listed under LDAP Authentication with no heading of its own, its labels on the next line; kept in that section; \"Labels mirror the returned status:\" introduces the list of statuses, which the help leaves out, ending the sentence with a period"
    )]
    #[metric(labels(status))]
    pub magiclink_polls_total: Counter,
}
