//! Email OTP.

use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

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

/// `{type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CodeTypeLabels {
    pub r#type: CodeType,
}

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ValidationLabels {
    pub result: ValidationResult,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ValidationFailureLabels {
    pub reason: ValidationFailureReason,
}

/// Email OTP.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "otp", section = "Email OTP")]
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
    #[metric(allow(counter_total))]
    pub codes_generated: Family<CodeTypeLabels, Counter>,
    // Validation
    /// Validation outcomes
    pub validations_total: Family<ValidationLabels, Counter>,
    /// Failure breakdown
    #[metric(allow(counter_total))]
    pub validation_failures: Family<ValidationFailureLabels, Counter>,
    /// OTPs deleted after successful validation (replay prevention)
    #[metric(allow(counter_total))]
    pub replay_prevented: Counter,
}
