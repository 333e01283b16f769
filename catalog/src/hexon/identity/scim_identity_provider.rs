//! SCIM Identity Provider: the SCIM client (`scim_client_*`) and the sync into the directory
//! (`identity_scim_*`).

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{provider}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
}

/// `{provider, endpoint, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ListFailureLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CONFIGURED)]
    pub endpoint: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{provider, reason}` of `scim_client_request_errors_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestErrorLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    pub reason: RequestErrorReason,
}

/// `{provider, status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderStatusLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
}

/// `{provider, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderReasonLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{provider, method}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderMethodLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = PROTOCOL)]
    pub method: &'a str,
}

/// `{provider, endpoint}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderEndpointLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CONFIGURED)]
    pub endpoint: &'a str,
}

/// `{provider, sync_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SyncTypeLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub sync_type: &'a str,
}

/// `{provider, sync_type, status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SyncStatusLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub sync_type: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
}

/// `{provider, source}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderSourceLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub source: &'a str,
}

/// `{provider, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct WebhookLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    pub result: WebhookResult,
}

/// SCIM Identity Provider.
#[derive(Debug, MetricGroup)]
#[metrics(section = "SCIM Identity Provider")]
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
    pub scim_client_list_failures_total: Family<ListFailureLabels<'static>, Counter>,
    /// HTTP request errors
    #[metric(
        decision = "the description ends \"(network/timeout)\", read as the values of `reason`: a closed set network|timeout, left out of the help"
    )]
    pub scim_client_request_errors_total: Family<RequestErrorLabels<'static>, Counter>,
    /// HTTP requests by status code
    pub scim_client_requests_total: Family<ProviderStatusLabels<'static>, Counter>,
    /// OAuth2 token refresh failures
    pub scim_client_oauth2_failures_total: Family<ProviderReasonLabels<'static>, Counter>,
    /// OAuth2 token refresh successes
    pub scim_client_oauth2_success_total: Family<ProviderLabels<'static>, Counter>,
    // SCIM client latency (module: scim_client)
    /// Per-request HTTP latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; seconds, `DEFAULT_SECONDS`"
    )]
    pub scim_client_request_duration: Family<ProviderMethodLabels<'static>, Histogram>,
    /// Full paginated list latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; seconds, `DEFAULT_SECONDS`"
    )]
    pub scim_client_list_duration: Family<ProviderEndpointLabels<'static>, Histogram>,
    // SCIM client gauges (module: scim_client)
    /// Resources returned from last list
    pub scim_client_list_results: Family<ProviderEndpointLabels<'static>, Gauge>,
    // Sync counters (module: identity.scim)
    /// Sync operations started
    #[metric(allow(counter_total))]
    pub identity_scim_sync_started: Family<SyncTypeLabels<'static>, Counter>,
    /// Sync operations completed
    #[metric(allow(counter_total))]
    pub identity_scim_sync_completed: Family<SyncStatusLabels<'static>, Counter>,
    /// Sync operations failed
    #[metric(allow(counter_total))]
    pub identity_scim_sync_failed: Family<SyncStatusLabels<'static>, Counter>,
    /// Delta syncs that fell back to full
    #[metric(allow(counter_total))]
    pub identity_scim_delta_fallback_to_full: Family<ProviderLabels<'static>, Counter>,
    /// Circuit breaker open events
    #[metric(allow(counter_total))]
    pub identity_scim_circuit_opened: Family<ProviderLabels<'static>, Counter>,
    /// Circuit breaker close events
    #[metric(allow(counter_total))]
    pub identity_scim_circuit_closed: Family<ProviderLabels<'static>, Counter>,
    /// Deletion operations blocked by safety thresholds
    #[metric(allow(counter_total))]
    pub identity_scim_deletions_blocked: Family<ProviderReasonLabels<'static>, Counter>,
    // Sync gauges (module: identity.scim)
    /// Users from last sync
    pub identity_scim_users_synced: Family<ProviderLabels<'static>, Gauge>,
    /// Groups from last sync
    pub identity_scim_groups_synced: Family<ProviderLabels<'static>, Gauge>,
    // Sync latency (module: identity.scim)
    /// Sync processing time
    #[metric(
        buckets = SYNC_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets, in seconds (an alert compares it with 120s); module-local `SYNC_SECONDS` (0.1s to 600s), as `DEFAULT_SECONDS` stops at 10s"
    )]
    pub identity_scim_sync_duration: Family<SyncStatusLabels<'static>, Histogram>,
    // Directory apply counters (module: identity.scim)
    /// Users created in directory
    #[metric(allow(counter_total))]
    pub identity_scim_users_created: Family<ProviderSourceLabels<'static>, Counter>,
    /// Users updated in directory
    #[metric(allow(counter_total))]
    pub identity_scim_users_updated: Family<ProviderSourceLabels<'static>, Counter>,
    /// Users disabled in directory
    #[metric(allow(counter_total))]
    pub identity_scim_users_disabled: Family<ProviderSourceLabels<'static>, Counter>,
    /// Users deleted from directory
    #[metric(allow(counter_total))]
    pub identity_scim_users_deleted: Family<ProviderSourceLabels<'static>, Counter>,
    /// Groups created in directory
    #[metric(allow(counter_total))]
    pub identity_scim_groups_created: Family<ProviderSourceLabels<'static>, Counter>,
    /// Groups updated in directory
    #[metric(allow(counter_total))]
    pub identity_scim_groups_updated: Family<ProviderSourceLabels<'static>, Counter>,
    /// Groups deleted from directory
    #[metric(allow(counter_total))]
    pub identity_scim_groups_deleted: Family<ProviderSourceLabels<'static>, Counter>,
    /// Per-operation sync errors
    #[metric(allow(counter_total))]
    pub identity_scim_sync_errors: Family<ProviderSourceLabels<'static>, Counter>,
    // Webhook counters (module: identity.scim)
    /// Webhook events by result
    pub identity_scim_webhook_total: Family<WebhookLabels<'static>, Counter>,
}
