//! Distributed Sessions.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, LabelValue, MetricGroup};

/// `reason` of `sessions_validations_failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidationFailure {
    StorageError,
    WaitError,
    NotFound,
    InvalidType,
}

/// Distributed Sessions.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] r#type: &str,
    reason: ValidationFailure,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "sessions",
    section = "Distributed Sessions",
    allow(counter_total)
)]
#[alert(
    name = "SessionsNotFoundHigh",
    expr = r#"rate(sessions_validations_failed{reason="not_found"}[5m]) > 50"#,
    severity = "warning",
    summary = "High session-not-found rate (expired or stale cookies)"
)]
#[alert(
    name = "SessionsBulkRevoked",
    expr = "rate(sessions_sessions_bulk_revoked[5m]) > 0",
    severity = "info",
    summary = "Bulk revocation event (user disabled or password change)"
)]
#[alert(
    name = "SessionsStorageErrors",
    expr = r#"rate(sessions_validations_failed{reason="storage_error"}[5m]) > 0"#,
    severity = "critical",
    summary = "Storage backend issues"
)]
pub struct DistributedSessions {
    // Lifecycle
    /// Sessions created
    #[metric(labels(r#type))]
    pub sessions_created: Counter,
    /// Sessions revoked (single)
    pub sessions_revoked: Counter,
    /// Sessions bulk-revoked
    #[metric(labels(r#type))]
    pub sessions_bulk_revoked: Counter,
    /// Session IDs regenerated
    #[metric(labels(r#type))]
    pub sessions_regenerated: Counter,
    /// Session TTLs extended
    #[metric(labels(r#type))]
    pub sessions_extended: Counter,
    /// Activity timestamps persisted
    #[metric(labels(r#type))]
    pub activity_persisted: Counter,
    // Validation
    /// Successful validations
    #[metric(labels(r#type))]
    pub validations_success: Counter,
    /// Failed validations
    #[metric(labels(reason))]
    pub validations_failed: Counter,
}
