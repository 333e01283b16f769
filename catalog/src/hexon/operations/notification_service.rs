//! Notification Service.
//!
//! The document also points at `smtp_send_total` (smtp module) and `render_email_total` (render
//! module) as downstream metrics: they are not this module's, and not declared here.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `channel`: email|webhook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Webhook,
}

/// `result`: success|failure.
pub use crate::hexon::values::SuccessFailure as DeliveryResult;

/// Notification Service.
#[metrics_core::labels(
    channel: Channel,
    result: DeliveryResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "notify", section = "Notification Service")]
pub struct NotificationService {
    /// Incremented after each single-event delivery attempt.
    #[metric(labels(channel, result))]
    pub sent_total: Counter,
    /// Incremented after each digest delivery attempt.
    #[metric(labels(channel, result))]
    pub digest_sent_total: Counter,
}
