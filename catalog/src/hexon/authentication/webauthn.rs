//! WebAuthn Passkeys.

use metrics_core::{Counter, Family, Gauge, LabelSet, MetricFamily};

/// `result` of the expiration check and reminder counters.
pub use crate::hexon::values::SuccessFailure;

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultLabels {
    pub result: SuccessFailure,
}

/// WebAuthn Passkeys.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "webauthn", section = "WebAuthn Passkeys")]
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
    #[metric(allow(counter_total))]
    pub auth_attempts: Counter,
    /// Successful authentications
    #[metric(allow(counter_total))]
    pub auth_success: Counter,
    /// Failed authentications
    #[metric(allow(counter_total))]
    pub auth_failed: Counter,
    // Expiration Monitoring
    /// Expiration checks
    pub expiration_check_total: Family<ResultLabels, Counter>,
    /// Passkeys checked in last run
    pub expiration_passkeys_checked: Gauge,
    /// Reminder emails sent in last run
    pub expiration_emails_sent: Gauge,
    /// Reminder send attempts
    pub expiration_reminder_total: Family<ResultLabels, Counter>,
}
