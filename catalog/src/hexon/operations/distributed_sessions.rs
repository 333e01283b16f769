//! Distributed Sessions.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

/// `reason` of `sessions_validations_failed`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidationFailure {
    StorageError,
    WaitError,
    NotFound,
    InvalidType,
}

/// `{type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub r#type: &'a str,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ValidationFailureLabels {
    pub reason: ValidationFailure,
}

/// Distributed Sessions.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "sessions", section = "Distributed Sessions")]
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
    #[metric(allow(counter_total))]
    pub sessions_created: Family<TypeLabels<'static>, Counter>,
    /// Sessions revoked (single)
    #[metric(allow(counter_total))]
    pub sessions_revoked: Counter,
    /// Sessions bulk-revoked
    #[metric(allow(counter_total))]
    pub sessions_bulk_revoked: Family<TypeLabels<'static>, Counter>,
    /// Session IDs regenerated
    #[metric(allow(counter_total))]
    pub sessions_regenerated: Family<TypeLabels<'static>, Counter>,
    /// Session TTLs extended
    #[metric(allow(counter_total))]
    pub sessions_extended: Family<TypeLabels<'static>, Counter>,
    /// Activity timestamps persisted
    #[metric(allow(counter_total))]
    pub activity_persisted: Family<TypeLabels<'static>, Counter>,
    // Validation
    /// Successful validations
    #[metric(allow(counter_total))]
    pub validations_success: Family<TypeLabels<'static>, Counter>,
    /// Failed validations
    #[metric(allow(counter_total))]
    pub validations_failed: Family<ValidationFailureLabels, Counter>,
}
