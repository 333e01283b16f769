//! Email OTP.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `type` of `otp_codes_generated`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CodeType {
    Numeric,
    Base20,
}

/// `result` of `otp_validations_total`.
pub use crate::hexon::values::ValidInvalid as ValidationResult;

/// `reason` of `otp_validation_failures`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidationFailureReason {
    NotFound,
    Locked,
    Expired,
    MaxRetries,
    InvalidCode,
}

/// Email OTP.
#[metrics_core::labels(
    r#type: CodeType,
    result: ValidationResult,
    reason: ValidationFailureReason,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "otp", section = "Email OTP", allow(counter_total))]
#[alert(
    name = "OtpLockedAfterMaxRetries",
    expr = r#"rate(otp_validation_failures{reason="max_retries"}[5m]) > 0"#,
    severity = "critical",
    summary = "Brute-force attempt (OTP locked after max retries)"
)]
#[alert(
    name = "OtpProbing",
    expr = r#"rate(otp_validation_failures{reason="not_found"}[5m]) > 5"#,
    severity = "warning",
    summary = "Probing for non-existent OTPs"
)]
#[alert(
    name = "OtpGenerationUnusual",
    expr = "rate(otp_codes_generated[5m]) > 20",
    severity = "warning",
    summary = "Unusual OTP generation rate"
)]
pub struct EmailOtp {
    // Generation
    /// OTP codes generated
    #[metric(labels(r#type))]
    pub codes_generated: Counter,
    // Validation
    /// Validation outcomes
    #[metric(labels(result))]
    pub validations_total: Counter,
    /// Failure breakdown
    #[metric(labels(reason))]
    pub validation_failures: Counter,
    /// OTPs deleted after successful validation (replay prevention)
    pub replay_prevented: Counter,
}
