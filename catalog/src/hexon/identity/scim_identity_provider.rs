//! SCIM Identity Provider: the SCIM client (`scim_client_*`) and the sync into the directory
//! (`identity_scim_*`).

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

use crate::hexon::DEFAULT_SECONDS;

/// Buckets for sync durations, in seconds: from a fast delta sync to a full sync of minutes
/// (the document alerts on a sync above 120s).
pub const SYNC_SECONDS: &[f64] = &[0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// `reason` of `scim_client_request_errors_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RequestErrorReason {
    Network,
    Timeout,
}

/// `result` of `identity_scim_webhook_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum WebhookResult {
    Success,
    UnknownProvider,
    ProviderDisabled,
    NoSecretConfigured,
    EmptyPayload,
    PayloadTooLarge,
    MissingSignature,
    InvalidSignature,
    ParseError,
    UnknownEventType,
    MissingTimestamp,
    StaleEvent,
    Duplicate,
    DedupFailedClosed,
    DedupImpossible,
    DeletionBudgetExceeded,
    ApplyError,
}

/// SCIM Identity Provider.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] provider: &str,
    #[label(bound = CONFIGURED)] endpoint: &str,
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(name = "reason")] request_error_reason: RequestErrorReason,
    #[label(bound = CODE_DEFINED)] status: &str,
    #[label(bound = PROTOCOL)] method: &str,
    #[label(bound = CODE_DEFINED)] sync_type: &str,
    #[label(bound = CODE_DEFINED)] source: &str,
    result: WebhookResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "SCIM Identity Provider", allow(counter_total))]
#[alert(
    name = "ScimNoSuccessfulSyncs",
    expr = r#"changes(identity_scim_sync_completed{status="success"}[30m]) == 0"#,
    severity = "critical",
    summary = "No successful syncs"
)]
#[alert(
    name = "ScimCircuitOpened",
    expr = "increase(identity_scim_circuit_opened[5m]) > 0",
    severity = "warning",
    summary = "Circuit breaker tripped",
    correction = "the document compares the counter `identity_scim_circuit_opened > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "ScimWebhookSignatureFailures",
    expr = r#"rate(identity_scim_webhook_total{result="invalid_signature"}[5m]) > 0"#,
    severity = "critical",
    summary = "Webhook signature failures"
)]
#[alert(
    name = "ScimSyncSlow",
    expr = "histogram_quantile(0.99, sum by (le, provider) (rate(identity_scim_sync_duration_bucket[30m]))) > 120",
    severity = "warning",
    summary = "Sync taking too long",
    correction = "the document writes `identity_scim_sync_duration > 120s`: `120s` is a duration, not a number, and a histogram has no series of its own; the rule compares the p99 sync time per provider over 30 minutes, in seconds, with 120"
)]
pub struct ScimIdentityProvider {
    // SCIM client counters (module: scim_client)
    /// Paginated list failures
    #[metric(labels(provider, endpoint, reason))]
    pub scim_client_list_failures_total: Counter,
    /// HTTP request errors
    #[metric(
        decision = "the description ends \"(network/timeout)\", read as the values of `reason`: a closed set network|timeout, left out of the help"
    )]
    #[metric(labels(provider, request_error_reason))]
    pub scim_client_request_errors_total: Counter,
    /// HTTP requests by status code
    #[metric(labels(provider, status))]
    pub scim_client_requests_total: Counter,
    /// OAuth2 token refresh failures
    #[metric(labels(provider, reason))]
    pub scim_client_oauth2_failures_total: Counter,
    /// OAuth2 token refresh successes
    #[metric(labels(provider))]
    pub scim_client_oauth2_success_total: Counter,
    // SCIM client latency (module: scim_client)
    /// Per-request HTTP latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; seconds, `DEFAULT_SECONDS`"
    )]
    #[metric(labels(provider, method))]
    pub scim_client_request_duration: Histogram,
    /// Full paginated list latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; seconds, `DEFAULT_SECONDS`"
    )]
    #[metric(labels(provider, endpoint))]
    pub scim_client_list_duration: Histogram,
    // SCIM client gauges (module: scim_client)
    /// Resources returned from last list
    #[metric(labels(provider, endpoint))]
    pub scim_client_list_results: Gauge,
    // Sync counters (module: identity.scim)
    /// Sync operations started
    #[metric(labels(provider, sync_type))]
    pub identity_scim_sync_started: Counter,
    /// Sync operations completed
    #[metric(labels(provider, sync_type, status))]
    pub identity_scim_sync_completed: Counter,
    /// Sync operations failed
    #[metric(labels(provider, sync_type, status))]
    pub identity_scim_sync_failed: Counter,
    /// Delta syncs that fell back to full
    #[metric(labels(provider))]
    pub identity_scim_delta_fallback_to_full: Counter,
    /// Circuit breaker open events
    #[metric(labels(provider))]
    pub identity_scim_circuit_opened: Counter,
    /// Circuit breaker close events
    #[metric(labels(provider))]
    pub identity_scim_circuit_closed: Counter,
    /// Deletion operations blocked by safety thresholds
    #[metric(labels(provider, reason))]
    pub identity_scim_deletions_blocked: Counter,
    // Sync gauges (module: identity.scim)
    /// Users from last sync
    #[metric(labels(provider))]
    pub identity_scim_users_synced: Gauge,
    /// Groups from last sync
    #[metric(labels(provider))]
    pub identity_scim_groups_synced: Gauge,
    // Sync latency (module: identity.scim)
    /// Sync processing time
    #[metric(
        buckets = SYNC_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets, in seconds (an alert compares it with 120s); module-local `SYNC_SECONDS` (0.1s to 600s), as `DEFAULT_SECONDS` stops at 10s"
    )]
    #[metric(labels(provider, sync_type, status))]
    pub identity_scim_sync_duration: Histogram,
    // Directory apply counters (module: identity.scim)
    /// Users created in directory
    #[metric(labels(provider, source))]
    pub identity_scim_users_created: Counter,
    /// Users updated in directory
    #[metric(labels(provider, source))]
    pub identity_scim_users_updated: Counter,
    /// Users disabled in directory
    #[metric(labels(provider, source))]
    pub identity_scim_users_disabled: Counter,
    /// Users deleted from directory
    #[metric(labels(provider, source))]
    pub identity_scim_users_deleted: Counter,
    /// Groups created in directory
    #[metric(labels(provider, source))]
    pub identity_scim_groups_created: Counter,
    /// Groups updated in directory
    #[metric(labels(provider, source))]
    pub identity_scim_groups_updated: Counter,
    /// Groups deleted from directory
    #[metric(labels(provider, source))]
    pub identity_scim_groups_deleted: Counter,
    /// Per-operation sync errors
    #[metric(labels(provider, source))]
    pub identity_scim_sync_errors: Counter,
    // Webhook counters (module: identity.scim)
    /// Webhook events by result
    #[metric(labels(provider, result))]
    pub identity_scim_webhook_total: Counter,
}
