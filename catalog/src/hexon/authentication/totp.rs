//! TOTP Authenticator.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of `totp_validations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidationResult {
    Valid,
    Invalid,
    Replay,
    ClockBackward,
}

/// `result` of `totp_recovery_validations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RecoveryResult {
    Valid,
    Invalid,
    NoCodes,
}

/// TOTP Authenticator.
#[metrics_core::labels(
    result: ValidationResult,
    #[label(name = "result")] recovery_result: RecoveryResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "totp", section = "TOTP Authenticator", allow(counter_total))]
#[alert(
    name = "TotpReplay",
    expr = r#"rate(totp_validations_total{result="replay"}[5m]) > 0"#,
    severity = "critical",
    summary = "Replay attack attempt detected"
)]
#[alert(
    name = "TotpBruteForce",
    expr = r#"rate(totp_validations_total{result="invalid"}[5m]) > 10"#,
    severity = "critical",
    summary = "Brute-force attempt on TOTP codes"
)]
#[alert(
    name = "TotpClockBackward",
    expr = r#"rate(totp_validations_total{result="clock_backward"}[5m]) > 0"#,
    severity = "warning",
    summary = "Server clock drift — check NTP sync"
)]
#[alert(
    name = "TotpRecoveryCodeProbing",
    expr = r#"rate(totp_recovery_validations_total{result="invalid"}[5m]) > 5"#,
    severity = "warning",
    summary = "Recovery code probing attempt"
)]
pub struct Totp {
    // Enrollment
    /// Enroll calls (QR + secret generated)
    pub enrollments_initiated: Counter,
    /// First code verified, secret persisted
    pub enrollments_confirmed: Counter,
    /// TOTP enrollment deleted
    pub enrollments_deleted: Counter,
    // Validation
    /// Validation outcomes
    #[metric(labels(result))]
    pub validations_total: Counter,
    // Recovery
    /// Recovery code outcomes
    #[metric(labels(recovery_result))]
    pub recovery_validations_total: Counter,
}
