//! Reverse Proxy.
//!
//! The file is `proxy.rs` rather than `reverse_proxy.rs`: a module named as its group would
//! trip clippy's `module_inception`.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `type` of `proxy_cache_hits`: "(304/full)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CacheHitType {
    #[label(rename = "304")]
    NotModified,
    Full,
}

/// `version` of `proxy_canary_requests`: "(stable/canary label)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CanaryVersion {
    Stable,
    Canary,
}

/// `status_class` of `proxy_fastcgi_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum FastcgiStatusClass {
    #[label(rename = "2xx")]
    Status2xx,
    #[label(rename = "3xx")]
    Status3xx,
    #[label(rename = "4xx")]
    Status4xx,
    #[label(rename = "5xx")]
    Status5xx,
    Error,
}

/// `result` of `proxy_fastcgi_pool_total`: "(hit/fresh/retry)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum FastcgiPoolResult {
    Hit,
    Fresh,
    Retry,
}

/// `status` of `proxy_fastcgi_proto_status_total`: "(cant_mpx/overloaded/unknown_role)".
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum FastcgiProtoStatus {
    CantMpx,
    Overloaded,
    UnknownRole,
}

/// `{app, host, auth}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AppHostAuthLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
    #[label(bound = PROTOCOL)]
    pub auth: &'a str,
}

/// `{app, host}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AppHostLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
}

/// `{app}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AppLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
}

/// `{app, type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CacheHitLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    pub r#type: CacheHitType,
}

/// `{status, app}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StatusAppLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
}

/// `{status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StatusLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
}

/// `{status, operation}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StatusOperationLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub status: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub operation: &'a str,
}

/// `{host, provider}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HostProviderLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
}

/// `{host, reason, provider?}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OidcFlowFailedLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
    #[label(bound = CONFIGURED)]
    pub provider: Option<&'a str>,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{app, version}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CanaryLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    pub version: CanaryVersion,
}

/// `{app, attempt}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RetryAttemptLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub attempt: &'a str,
}

/// `{version}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct VersionLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub version: &'a str,
}

/// `{route, pool}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RoutePoolLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub route: &'a str,
    #[label(bound = CONFIGURED)]
    pub pool: &'a str,
}

/// `{route, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RouteReasonLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub route: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{pool, route}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolRouteLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool: &'a str,
    #[label(bound = CONFIGURED)]
    pub route: &'a str,
}

/// `{pool}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool: &'a str,
}

/// `{pool, error}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolErrorLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub error: &'a str,
}

/// `{trigger}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TriggerLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub trigger: &'a str,
}

/// `{success, reason?}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReloadLabels<'a> {
    pub success: bool,
    #[label(bound = CODE_DEFINED)]
    pub reason: Option<&'a str>,
}

/// `{success}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SuccessLabels {
    pub success: bool,
}

/// `{app, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AppReasonLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub app: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{username}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UsernameLabels<'a> {
    #[label(unbounded)]
    pub username: &'a str,
}

/// `{error_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ErrorTypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub error_type: &'a str,
}

/// `{mapping, status_class}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct FastcgiRequestLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
    pub status_class: FastcgiStatusClass,
}

/// `{mapping}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct MappingLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
}

/// `{mapping, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct FastcgiPoolLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
    pub result: FastcgiPoolResult,
}

/// `{mapping, severity}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct FastcgiStderrLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub severity: &'a str,
}

/// `{mapping, status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct FastcgiProtoStatusLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
    pub status: FastcgiProtoStatus,
}

/// Reverse Proxy.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "proxy", section = "Reverse Proxy")]
#[alert(
    name = "ProxyErrorRateHigh",
    expr = "sum by (app) (rate(proxy_errors[5m])) / sum by (app) (rate(proxy_requests[5m])) > 0.05",
    severity = "warning",
    summary = "Error rate > 5%",
    correction = "the document divides `rate(proxy_errors[5m]) / rate(proxy_requests[5m])`: the two have different labels (`proxy_requests` adds `auth`), so one-to-one matching pairs no series and the alert could never fire; both sides are summed per app"
)]
#[alert(
    name = "ProxyCircuitBreakerRejecting",
    expr = "increase(proxy_circuit_breaker_rejections[5m]) > 0",
    severity = "warning",
    summary = "Backend unhealthy",
    correction = "the document compares the counter `proxy_circuit_breaker_rejections > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "ProxyAuthBruteForce",
    expr = "rate(proxy_auth_failures[5m]) > 10",
    severity = "critical",
    summary = "Brute-force attempt"
)]
#[alert(
    name = "ProxyOidcStateAttack",
    expr = "rate(proxy_oidc_state_validation_failed[5m]) > 5",
    severity = "critical",
    summary = "CSRF/state attack"
)]
#[alert(
    name = "ProxyTransportCacheInvalidated",
    expr = "increase(proxy_transport_cache_invalidated[5m]) > 0",
    severity = "info",
    summary = "CA rotation event",
    correction = "the document compares the counter `proxy_transport_cache_invalidated > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "ProxyReloadFailing",
    expr = r#"rate(proxy_reload_total{success="false"}[5m]) > 0"#,
    severity = "critical",
    summary = "Config reload failing"
)]
#[alert(
    name = "ProxyRetryStorm",
    expr = "rate(proxy_retry_budget_exceeded[5m]) > 10",
    severity = "warning",
    summary = "Retry storm — budget protecting cluster"
)]
#[alert(
    name = "ProxyRetriesExhausted",
    expr = "rate(proxy_retry_exhausted[5m]) > 5",
    severity = "warning",
    summary = "Backend failures exhausting retries"
)]
#[alert(
    name = "ProxyHedgingHigh",
    expr = "sum by (app) (rate(proxy_hedge_fired_total[5m])) / sum by (app) (rate(proxy_requests[5m])) > 0.1",
    severity = "warning",
    summary = ">10% requests hedging — check tail latency",
    correction = "the document divides `rate(proxy_hedge_fired_total[5m]) / rate(proxy_requests[5m])`: `proxy_requests` has `host` and `auth` besides `app`, so one-to-one matching pairs no series; both sides are summed per app"
)]
#[alert(
    name = "ProxyFastcgiTransportFailures",
    expr = r#"rate(proxy_fastcgi_requests_total{status_class="error"}[5m]) > 5"#,
    severity = "warning",
    summary = "FastCGI transport-level failures (backend unreachable)"
)]
#[alert(
    name = "ProxyFastcgiStderrErrors",
    expr = r#"rate(proxy_fastcgi_stderr_bytes_total{severity="error"}[5m]) > 1000"#,
    severity = "warning",
    summary = "Sustained PHP-FPM error output (investigate php-fpm.log)"
)]
pub struct ReverseProxy {
    // Request Flow
    /// Successful proxied requests
    #[metric(allow(counter_total))]
    pub requests: Family<AppHostAuthLabels<'static>, Counter>,
    /// Proxy request errors
    #[metric(allow(counter_total))]
    pub errors: Family<AppHostLabels<'static>, Counter>,
    /// Backend response time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub backend_duration: Family<AppLabels<'static>, Histogram>,
    /// Authentication failures
    #[metric(allow(counter_total))]
    pub auth_failures: Family<AppHostLabels<'static>, Counter>,
    /// Group authorization failures
    #[metric(allow(counter_total))]
    pub authz_failures: Family<AppHostLabels<'static>, Counter>,
    /// Auth bypassed (bypass_auth_cidrs)
    pub auth_bypass_total: Family<AppHostLabels<'static>, Counter>,
    /// Subnet restriction failures
    #[metric(allow(counter_total))]
    pub subnet_failures: Family<AppHostLabels<'static>, Counter>,
    /// Re-authentication triggered
    #[metric(allow(counter_total))]
    pub reauth_required: Family<AppHostLabels<'static>, Counter>,
    // Caching
    /// Response cache hits
    #[metric(allow(counter_total))]
    pub cache_hits: Family<CacheHitLabels<'static>, Counter>,
    /// Response cache misses
    #[metric(allow(counter_total))]
    pub cache_misses: Family<AppLabels<'static>, Counter>,
    /// Response cache entries
    pub cache_size: Gauge,
    /// Cache entries invalidated on reload
    #[metric(allow(counter_total))]
    pub cache_invalidated: Counter,
    // Header Signing
    /// Header signing operations
    pub signing_total: Family<StatusAppLabels<'static>, Counter>,
    /// Header signing time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub signing_duration: Family<AppLabels<'static>, Histogram>,
    /// Request signing operations
    pub request_signing_total: Family<StatusAppLabels<'static>, Counter>,
    /// Request signing time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub request_signing_duration: Family<AppLabels<'static>, Histogram>,
    /// Payload signing outcomes
    pub sign_payload_total: Family<StatusLabels<'static>, Counter>,
    /// Key derivation attempts
    pub key_derivation_total: Family<StatusLabels<'static>, Counter>,
    /// Key rotations
    pub key_rotation_total: Family<StatusLabels<'static>, Counter>,
    /// Key operation failures
    pub key_operation_total: Family<StatusOperationLabels<'static>, Counter>,
    /// Public key endpoint requests
    pub key_request_total: Family<StatusLabels<'static>, Counter>,
    /// Public key endpoint latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub key_request_duration: Histogram,
    /// Signature verification requests
    pub signature_verify_total: Family<StatusLabels<'static>, Counter>,
    /// Signature verification latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub signature_verify_duration: Histogram,
    /// Request signature verification
    pub request_signature_verify_total: Family<StatusLabels<'static>, Counter>,
    /// Request signature verify latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub request_signature_verify_duration: Histogram,
    // OIDC SSO
    /// OIDC auth flows started
    #[metric(allow(counter_total))]
    pub oidc_flow_initiated: Family<HostProviderLabels<'static>, Counter>,
    /// OIDC auth flows completed
    #[metric(allow(counter_total))]
    pub oidc_flow_completed: Family<HostProviderLabels<'static>, Counter>,
    /// OIDC auth flow failures (provider absent on pre-state errors)
    #[metric(allow(counter_total))]
    pub oidc_flow_failed: Family<OidcFlowFailedLabels<'static>, Counter>,
    /// State validation failures
    #[metric(allow(counter_total))]
    pub oidc_state_validation_failed: Family<ReasonLabels<'static>, Counter>,
    // Per-User Rate Limiting
    /// Requests denied by per-user rate limit
    #[metric(allow(counter_total))]
    pub rate_limit_per_user_denied: Family<AppLabels<'static>, Counter>,
    // Canary
    /// Requests routed per version
    #[metric(allow(counter_total))]
    pub canary_requests: Family<CanaryLabels<'static>, Counter>,
    // Retry
    /// Retry attempts by attempt number
    pub retry_attempts_total: Family<RetryAttemptLabels<'static>, Counter>,
    /// Retries that succeeded
    pub retry_success_total: Family<AppLabels<'static>, Counter>,
    /// Retries blocked by budget
    #[metric(allow(counter_total))]
    pub retry_budget_exceeded: Family<AppLabels<'static>, Counter>,
    /// All retry attempts failed
    #[metric(allow(counter_total))]
    pub retry_exhausted: Family<AppLabels<'static>, Counter>,
    // Hedge
    /// Hedge requests sent (primary too slow, value = number of hedges)
    pub hedge_fired_total: Family<AppLabels<'static>, Counter>,
    /// Hedge response used (primary was slower or failed)
    pub hedge_won_total: Family<AppLabels<'static>, Counter>,
    /// All attempts failed (primary + all hedges)
    pub hedge_lost_total: Family<AppLabels<'static>, Counter>,
    /// Hedge skipped (no different backend, body replay failure)
    pub hedge_skipped_total: Family<AppLabels<'static>, Counter>,
    // Circuit Breaker
    /// Requests rejected (breaker open)
    #[metric(allow(counter_total))]
    pub circuit_breaker_rejections: Family<AppLabels<'static>, Counter>,
    /// Fallback service activated
    #[metric(allow(counter_total))]
    pub circuit_breaker_fallbacks: Family<AppLabels<'static>, Counter>,
    // Transport
    /// HTTP transport reused
    #[metric(allow(counter_total))]
    pub transport_cache_hits: Counter,
    /// New HTTP transport created
    #[metric(allow(counter_total))]
    pub transport_cache_misses: Counter,
    /// Cached transports
    pub transport_cache_size: Gauge,
    /// Cache invalidated (CA rotation)
    #[metric(
        decision = "\"(CA rotation)\" names the cause, not a list of `reason` values: `reason` is free text and the help keeps the note"
    )]
    #[metric(allow(counter_total))]
    pub transport_cache_invalidated: Family<ReasonLabels<'static>, Counter>,
    /// HTTP/3 transport reused
    #[metric(allow(counter_total))]
    pub http3_transport_cache_hits: Counter,
    /// HTTP/3 transport created
    #[metric(allow(counter_total))]
    pub http3_transport_cache_misses: Counter,
    /// PROXY protocol headers sent
    #[metric(allow(counter_total))]
    pub proxyprotocol_sent: Family<VersionLabels<'static>, Counter>,
    /// PROXY protocol skipped
    #[metric(allow(counter_total))]
    pub proxyprotocol_skipped: Family<ReasonLabels<'static>, Counter>,
    /// CA pool version
    pub ca_pool_version: Gauge,
    /// Optimized transport cache hits
    #[metric(allow(counter_total))]
    pub optimized_transport_hits: Family<RoutePoolLabels<'static>, Counter>,
    /// Optimized transport fallbacks
    #[metric(allow(counter_total))]
    pub optimized_transport_fallbacks: Family<RouteReasonLabels<'static>, Counter>,
    /// Transport pools created
    #[metric(allow(counter_total))]
    pub transport_pools_created: Family<PoolRouteLabels<'static>, Counter>,
    /// Transport pools cleaned
    #[metric(allow(counter_total))]
    pub transport_pools_cleaned: Family<PoolLabels<'static>, Counter>,
    /// Pool registration failures
    #[metric(allow(counter_total))]
    pub pool_registration_failures: Family<PoolErrorLabels<'static>, Counter>,
    /// Pool cleanup errors
    #[metric(allow(counter_total))]
    pub pool_cleanup_errors: Family<PoolErrorLabels<'static>, Counter>,
    // Rewriting
    /// HTML rewriting time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub rewrite_duration: Family<AppLabels<'static>, Histogram>,
    /// Buffer pool acquisitions
    #[metric(allow(counter_total))]
    pub buffer_pool_gets: Counter,
    // Reload
    /// Reload attempts
    #[metric(allow(counter_total))]
    pub reload_attempts: Family<TriggerLabels<'static>, Counter>,
    /// Reload results (reason on failure only)
    #[metric(
        decision = "`success` values are not listed; the alert `proxy_reload_total{success=\"false\"}` shows a boolean: `success` is `bool`"
    )]
    pub reload_total: Family<ReloadLabels<'static>, Counter>,
    /// Reload skipped
    #[metric(allow(counter_total))]
    pub reload_skipped: Family<ReasonLabels<'static>, Counter>,
    /// Reload time (success path only)
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "`success` values are not listed; as in `proxy_reload_total` (alert `success=\"false\"`): `success` is `bool`"
    )]
    pub reload_duration: Family<SuccessLabels, Histogram>,
    /// Active routes
    pub routes_configured: Gauge,
    /// Routes changed on reload
    pub routes_changed: Gauge,
    /// Routes unchanged on reload
    pub routes_unchanged: Gauge,
    /// Routes added
    #[metric(allow(counter_total))]
    pub routes_added: Counter,
    /// Routes removed
    #[metric(allow(counter_total))]
    pub routes_removed: Counter,
    /// Config hash changes
    #[metric(allow(counter_total))]
    pub config_hash_changed: Counter,
    /// LB pools preserved
    #[metric(allow(counter_total))]
    pub lb_pools_preserved: Family<AppLabels<'static>, Counter>,
    /// LB pools created
    #[metric(allow(counter_total))]
    pub lb_pools_created: Family<AppReasonLabels<'static>, Counter>,
    // Session Monitoring
    /// Group membership changes
    pub group_monitor_changes_total: Family<UsernameLabels<'static>, Counter>,
    /// Session metadata updates
    pub group_monitor_updates_total: Family<UsernameLabels<'static>, Counter>,
    /// Monitor errors
    pub group_monitor_errors_total: Family<ErrorTypeLabels<'static>, Counter>,
    /// Check cycle time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub group_monitor_check_duration: Histogram,
    // FastCGI
    /// FastCGI RoundTrip exits
    pub fastcgi_requests_total: Family<FastcgiRequestLabels<'static>, Counter>,
    /// RoundTrip wall-clock time (auto-bucketed)
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "\"(auto-bucketed)\" on a `latency`: the `latency` type's fixed buckets, LATENCY, in seconds; the help keeps the note"
    )]
    pub fastcgi_request_duration: Family<MappingLabels<'static>, Histogram>,
    /// Conn pool acquire
    pub fastcgi_pool_total: Family<FastcgiPoolLabels<'static>, Counter>,
    /// PHP-FPM STDERR bytes routed to audit log
    #[metric(
        unit = "bytes",
        decision = "`severity` values are not listed (only the alert names `severity=\"error\"`): `severity` is free text"
    )]
    pub fastcgi_stderr_bytes_total: Family<FastcgiStderrLabels<'static>, Counter>,
    /// Non-success FCGI_END_REQUEST signals
    pub fastcgi_proto_status_total: Family<FastcgiProtoStatusLabels<'static>, Counter>,
}
