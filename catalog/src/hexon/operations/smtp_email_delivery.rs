//! SMTP Email Delivery.

use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `type` of `smtp_emails_sent_total`: every email type of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum EmailType {
    Generic,
    Otp,
    CertRenewal,
    PasskeyExpiration,
    VpnEnrollment,
    VpnDeviceCode,
    VpnPskExpiration,
    Magiclink,
    Test,
    PatCreated,
    PatRevoked,
    PatExpired,
    PasskeyCreated,
    PasskeyRevoked,
    TotpCreated,
    TotpRevoked,
    CertCreated,
    CertRevoked,
}

/// `type` of `smtp_send_duration`: the core email types, the only ones that emit latency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CoreEmailType {
    Generic,
    Otp,
    CertRenewal,
    PasskeyExpiration,
    VpnEnrollment,
    VpnDeviceCode,
    VpnPskExpiration,
    Magiclink,
}

/// `result`: success | failure.
pub use crate::hexon::values::SuccessFailure as SendResult;

/// SMTP Email Delivery.
#[metrics_core::labels(
    r#type: EmailType,
    result: SendResult,
    #[label(name = "type")] core_email_type: CoreEmailType,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "smtp", section = "SMTP Email Delivery")]
#[alert(
    name = "SmtpDeliveryFailures",
    expr = r#"rate(smtp_emails_sent_total{result="failure"}[5m]) > 5"#,
    severity = "warning",
    summary = "SMTP delivery issues"
)]
#[alert(
    name = "SmtpLatencyHigh",
    expr = "histogram_quantile(0.99, sum by (le) (rate(smtp_send_duration_bucket[5m]))) > 5",
    severity = "warning",
    summary = "SMTP latency degradation",
    correction = r#"the document writes `smtp_send_duration{quantile="0.99"} > 5s`: the metric is a histogram, which has no `quantile` label (a summary has), and `5s` is a duration, not a number; the rule reads the p99 from the buckets and compares it, in seconds, with 5"#
)]
pub struct SmtpEmailDelivery {
    // Email delivery
    /// Emails sent per type and outcome
    #[metric(labels(r#type, result))]
    pub emails_sent_total: Counter,
    /// Email send duration per type and outcome
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "the Note says only the core email types emit latency; `type` is the closed set of those eight (generic .. magiclink)"
    )]
    #[metric(labels(core_email_type, result))]
    pub send_duration: Histogram,
}
