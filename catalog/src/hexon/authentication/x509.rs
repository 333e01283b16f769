//! X.509 Client Certificate Authentication.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Gauge, LabelValue, MetricGroup};

/// `result` of the validation, enrollment, CRL refresh, OCSP query and auto-renewal counters.
pub use crate::hexon::values::SuccessFailure;

/// `result` of `x509_revocation_total`: the document lists `success` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RevocationResult {
    /// Revocation completed
    Success,
}

/// Failure `reason` of `x509_validation_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidationFailureReason {
    /// Certificate NotBefore in future
    NotYetValid,
    /// Certificate past NotAfter
    Expired,
    /// No CA certs configured
    NoCaAvailable,
    /// Chain/signature verification failed
    ChainValidationFailed,
    /// Revoked via CRL (external cert)
    RevokedCrl,
    /// Identity field missing from cert
    InvalidIdentity,
    /// Directory lookup call failed
    DirectoryError,
    /// Directory lookup timed out
    DirectoryTimeout,
    /// User not in directory
    UserNotFound,
    /// Revoked via serial index (internal cert)
    RevokedInternal,
    /// Internal cert not in enrollment registry
    NotRegistered,
    /// Revoked via OCSP (external cert)
    RevokedOcsp,
}

/// Failure `reason` of `x509_enrollment_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum EnrollmentFailureReason {
    /// Username validation failed
    InvalidUsername,
}

/// `reason` of `x509_auto_renewal_skipped_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RenewalSkipReason {
    /// User has no email in directory
    NoEmail,
    /// No stored cert for key extraction
    NoCertificateDer,
}

/// X.509 Client Certificate Authentication.
#[metrics_core::labels(
    result: SuccessFailure,
    #[label(name = "reason", optional)] validation_failure_reason: ValidationFailureReason,
    #[label(name = "reason", optional)] enrollment_failure_reason: EnrollmentFailureReason,
    #[label(name = "result")] revocation_result: RevocationResult,
    /// The RFC 5280 reason code.
    #[label(bound = CODE_DEFINED)] reason: &str,
    cached: bool,
    #[label(name = "result", bound = CODE_DEFINED)] renewal_check_result: &str,
    #[label(name = "reason")] renewal_skip_reason: RenewalSkipReason,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "x509", section = "X.509 Client Certificate Authentication")]
#[alert(
    name = "X509ValidationFailures",
    expr = r#"rate(x509_validation_total{result="failure"}[5m]) > 10"#,
    severity = "warning",
    summary = "High validation failure rate"
)]
#[alert(
    name = "X509CrlRevokedCertUsed",
    expr = r#"rate(x509_validation_total{reason="revoked_crl"}[5m]) > 0"#,
    severity = "critical",
    summary = "CRL-revoked cert used (possible compromise)"
)]
#[alert(
    name = "X509InternalRevokedCertUsed",
    expr = r#"rate(x509_validation_total{reason="revoked_internal"}[5m]) > 0"#,
    severity = "critical",
    summary = "Revoked internal cert used"
)]
#[alert(
    name = "X509CrlServerUnreachable",
    expr = r#"increase(x509_crl_refresh_total{result="failure"}[15m]) > 0"#,
    severity = "warning",
    summary = "CRL server unreachable",
    correction = r#"the document writes `x509_crl_refresh_total{result="failure"} increasing`: "increasing" is prose, not PromQL; the rule alerts when failures increased in the last 15 minutes"#
)]
#[alert(
    name = "X509OcspResponderDown",
    expr = r#"rate(x509_ocsp_query_total{result="failure"}[5m]) > 0"#,
    severity = "critical",
    summary = "OCSP responder down"
)]
#[alert(
    name = "X509AutoRenewalErrors",
    expr = "x509_auto_renewal_errors > 0",
    severity = "warning",
    summary = "Auto-renewal failures need attention"
)]
pub struct X509 {
    // Validation
    /// Certificate validation attempts
    #[metric(labels(result, validation_failure_reason?))]
    pub validation_total: Counter,
    // Enrollment
    /// Certificate enrollment attempts
    #[metric(labels(result, enrollment_failure_reason?))]
    pub enrollment_total: Counter,
    // Revocation
    /// Certificate revocations
    #[metric(
        decision = "lists only \"result=success, reason=<RFC5280 code>\"; result a closed set of that one value, reason free text"
    )]
    #[metric(labels(revocation_result, reason))]
    pub revocation_total: Counter,
    // CRL
    /// CRL download/refresh attempts
    #[metric(labels(result))]
    pub crl_refresh_total: Counter,
    /// Number of revoked certs in CRL
    #[metric(allow(reserved_suffix))]
    pub crl_revoked_count: Gauge,
    /// Raw CRL size in bytes
    #[metric(unit = "bytes")]
    pub crl_size_bytes: Gauge,
    // OCSP
    /// OCSP lookups
    #[metric(labels(result, cached))]
    pub ocsp_query_total: Counter,
    // Auto-Renewal
    /// Renewal check runs
    #[metric(
        decision = "the result=success|failure lines follow x509_auto_renewal_total, not this metric; result free text"
    )]
    #[metric(labels(renewal_check_result))]
    pub auto_renewal_check_total: Counter,
    /// Individual cert renewals
    #[metric(labels(result))]
    pub auto_renewal_total: Counter,
    /// Renewals skipped
    #[metric(labels(renewal_skip_reason))]
    pub auto_renewal_skipped_total: Counter,
    /// Certs checked in last run
    pub auto_renewal_certs_checked: Gauge,
    /// Certs renewed in last run
    pub auto_renewal_certs_renewed: Gauge,
    /// Certs skipped (opt-out) in last run
    pub auto_renewal_certs_skipped: Gauge,
    /// Errors in last renewal run
    pub auto_renewal_errors: Gauge,
}
