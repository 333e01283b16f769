//! WebAuthn Passkeys.

use metrics_core::{Counter, Gauge, MetricGroup};

/// `result` of the expiration check and reminder counters.
pub use crate::hexon::values::SuccessFailure;

/// WebAuthn Passkeys.
#[metrics_core::labels(
    result: SuccessFailure,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "webauthn",
    section = "WebAuthn Passkeys",
    allow(counter_total)
)]
#[alert(
    name = "WebauthnAuthFailures",
    expr = "rate(webauthn_auth_failed[5m]) > 20",
    severity = "warning",
    summary = "High auth failure rate"
)]
#[alert(
    name = "WebauthnNoPasskeys",
    expr = "webauthn_passkeys_active == 0",
    severity = "critical",
    summary = "No active passkeys (service unusable)"
)]
#[alert(
    name = "WebauthnExpirationCheckFailing",
    expr = r#"rate(webauthn_expiration_check_total{result="failure"}[1h]) > 0"#,
    severity = "warning",
    summary = "Expiration check failing",
    correction = r#"the document writes `rate(webauthn_expiration_check_total{result="failure"}[1h])` without a threshold: as an alert it would fire for every series, failures or not; the rule compares with `> 0`"#
)]
pub struct Webauthn {
    // Passkey Inventory
    /// Total passkeys ever issued
    pub passkeys_issued: Gauge,
    /// Currently active passkeys
    pub passkeys_active: Gauge,
    /// Revoked passkeys
    pub passkeys_revoked: Gauge,
    /// Expired passkeys
    pub passkeys_expired: Gauge,
    // Authentication
    /// Authentication attempts
    pub auth_attempts: Counter,
    /// Successful authentications
    pub auth_success: Counter,
    /// Failed authentications
    pub auth_failed: Counter,
    // Expiration Monitoring
    /// Expiration checks
    #[metric(labels(result))]
    pub expiration_check_total: Counter,
    /// Passkeys checked in last run
    pub expiration_passkeys_checked: Gauge,
    /// Reminder emails sent in last run
    pub expiration_emails_sent: Gauge,
    /// Reminder send attempts
    #[metric(labels(result))]
    pub expiration_reminder_total: Counter,
}
