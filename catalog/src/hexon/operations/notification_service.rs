//! Notification Service.
//!
//! The document also points at `smtp_send_total` (smtp module) and `render_email_total` (render
//! module) as downstream metrics: they are not this module's, and not declared here.

use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

/// `channel`: email|webhook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Webhook,
}

/// `result`: success|failure.
pub use crate::hexon::values::SuccessFailure as DeliveryResult;

/// `{channel, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DeliveryLabels {
    pub channel: Channel,
    pub result: DeliveryResult,
}

/// Notification Service.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "notify", section = "Notification Service")]
pub struct NotificationService {
    /// Incremented after each single-event delivery attempt.
    pub sent_total: Family<DeliveryLabels, Counter>,
    /// Incremented after each digest delivery attempt.
    pub digest_sent_total: Family<DeliveryLabels, Counter>,
}
