//! Reverse Proxy.
//!
//! The file is `proxy.rs` rather than `reverse_proxy.rs`: a module named as its group would
//! trip clippy's `module_inception`.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

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

/// Reverse Proxy.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] app: &str,
    #[label(bound = CONFIGURED)] host: &str,
    #[label(bound = PROTOCOL)] auth: &str,
    r#type: CacheHitType,
    #[label(bound = CODE_DEFINED)] status: &str,
    #[label(bound = CODE_DEFINED)] operation: &str,
    #[label(bound = CONFIGURED, optional)] provider: &str,
    #[label(bound = CODE_DEFINED, optional)] reason: &str,
    #[label(name = "version")] canary_version: CanaryVersion,
    #[label(bound = CODE_DEFINED)] attempt: &str,
    #[label(bound = CODE_DEFINED)] version: &str,
    #[label(bound = CONFIGURED)] route: &str,
    #[label(bound = CONFIGURED)] pool: &str,
    #[label(bound = CODE_DEFINED)] error: &str,
    #[label(bound = CODE_DEFINED)] trigger: &str,
    success: bool,
    #[label(unbounded)] username: &str,
    #[label(bound = CODE_DEFINED)] error_type: &str,
    #[label(bound = CONFIGURED)] mapping: &str,
    status_class: FastcgiStatusClass,
    result: FastcgiPoolResult,
    #[label(bound = CODE_DEFINED)] severity: &str,
    #[label(name = "status")] fastcgi_proto_status: FastcgiProtoStatus,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "proxy", section = "Reverse Proxy", allow(counter_total))]
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
    #[metric(labels(app, host, auth))]
    pub requests: Counter,
    /// Proxy request errors
    #[metric(labels(app, host))]
    pub errors: Counter,
    /// Backend response time
    #[metric(labels(app), buckets = LATENCY, unit = "seconds")]
    pub backend_duration: Histogram,
    /// Authentication failures
    #[metric(labels(app, host))]
    pub auth_failures: Counter,
    /// Group authorization failures
    #[metric(labels(app, host))]
    pub authz_failures: Counter,
    /// Auth bypassed (bypass_auth_cidrs)
    #[metric(labels(app, host))]
    pub auth_bypass_total: Counter,
    /// Subnet restriction failures
    #[metric(labels(app, host))]
    pub subnet_failures: Counter,
    /// Re-authentication triggered
    #[metric(labels(app, host))]
    pub reauth_required: Counter,
    // Caching
    /// Response cache hits
    #[metric(labels(app, r#type))]
    pub cache_hits: Counter,
    /// Response cache misses
    #[metric(labels(app))]
    pub cache_misses: Counter,
    /// Response cache entries
    pub cache_size: Gauge,
    /// Cache entries invalidated on reload
    pub cache_invalidated: Counter,
    // Header Signing
    /// Header signing operations
    #[metric(labels(status, app))]
    pub signing_total: Counter,
    /// Header signing time
    #[metric(labels(app), buckets = LATENCY, unit = "seconds")]
    pub signing_duration: Histogram,
    /// Request signing operations
    #[metric(labels(status, app))]
    pub request_signing_total: Counter,
    /// Request signing time
    #[metric(labels(app), buckets = LATENCY, unit = "seconds")]
    pub request_signing_duration: Histogram,
    /// Payload signing outcomes
    #[metric(labels(status))]
    pub sign_payload_total: Counter,
    /// Key derivation attempts
    #[metric(labels(status))]
    pub key_derivation_total: Counter,
    /// Key rotations
    #[metric(labels(status))]
    pub key_rotation_total: Counter,
    /// Key operation failures
    #[metric(labels(status, operation))]
    pub key_operation_total: Counter,
    /// Public key endpoint requests
    #[metric(labels(status))]
    pub key_request_total: Counter,
    /// Public key endpoint latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub key_request_duration: Histogram,
    /// Signature verification requests
    #[metric(labels(status))]
    pub signature_verify_total: Counter,
    /// Signature verification latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub signature_verify_duration: Histogram,
    /// Request signature verification
    #[metric(labels(status))]
    pub request_signature_verify_total: Counter,
    /// Request signature verify latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub request_signature_verify_duration: Histogram,
    // OIDC SSO
    /// OIDC auth flows started
    #[metric(labels(host, provider))]
    pub oidc_flow_initiated: Counter,
    /// OIDC auth flows completed
    #[metric(labels(host, provider))]
    pub oidc_flow_completed: Counter,
    /// OIDC auth flow failures (provider absent on pre-state errors)
    #[metric(labels(host, reason, provider?))]
    pub oidc_flow_failed: Counter,
    /// State validation failures
    #[metric(labels(reason))]
    pub oidc_state_validation_failed: Counter,
    // Per-User Rate Limiting
    /// Requests denied by per-user rate limit
    #[metric(labels(app))]
    pub rate_limit_per_user_denied: Counter,
    // Canary
    /// Requests routed per version
    #[metric(labels(app, canary_version))]
    pub canary_requests: Counter,
    // Retry
    /// Retry attempts by attempt number
    #[metric(labels(app, attempt))]
    pub retry_attempts_total: Counter,
    /// Retries that succeeded
    #[metric(labels(app))]
    pub retry_success_total: Counter,
    /// Retries blocked by budget
    #[metric(labels(app))]
    pub retry_budget_exceeded: Counter,
    /// All retry attempts failed
    #[metric(labels(app))]
    pub retry_exhausted: Counter,
    // Hedge
    /// Hedge requests sent (primary too slow, value = number of hedges)
    #[metric(labels(app))]
    pub hedge_fired_total: Counter,
    /// Hedge response used (primary was slower or failed)
    #[metric(labels(app))]
    pub hedge_won_total: Counter,
    /// All attempts failed (primary + all hedges)
    #[metric(labels(app))]
    pub hedge_lost_total: Counter,
    /// Hedge skipped (no different backend, body replay failure)
    #[metric(labels(app))]
    pub hedge_skipped_total: Counter,
    // Circuit Breaker
    /// Requests rejected (breaker open)
    #[metric(labels(app))]
    pub circuit_breaker_rejections: Counter,
    /// Fallback service activated
    #[metric(labels(app))]
    pub circuit_breaker_fallbacks: Counter,
    // Transport
    /// HTTP transport reused
    pub transport_cache_hits: Counter,
    /// New HTTP transport created
    pub transport_cache_misses: Counter,
    /// Cached transports
    pub transport_cache_size: Gauge,
    /// Cache invalidated (CA rotation)
    #[metric(
        decision = "\"(CA rotation)\" names the cause, not a list of `reason` values: `reason` is free text and the help keeps the note"
    )]
    #[metric(labels(reason))]
    pub transport_cache_invalidated: Counter,
    /// HTTP/3 transport reused
    pub http3_transport_cache_hits: Counter,
    /// HTTP/3 transport created
    pub http3_transport_cache_misses: Counter,
    /// PROXY protocol headers sent
    #[metric(labels(version))]
    pub proxyprotocol_sent: Counter,
    /// PROXY protocol skipped
    #[metric(labels(reason))]
    pub proxyprotocol_skipped: Counter,
    /// CA pool version
    pub ca_pool_version: Gauge,
    /// Optimized transport cache hits
    #[metric(labels(route, pool))]
    pub optimized_transport_hits: Counter,
    /// Optimized transport fallbacks
    #[metric(labels(route, reason))]
    pub optimized_transport_fallbacks: Counter,
    /// Transport pools created
    #[metric(labels(pool, route))]
    pub transport_pools_created: Counter,
    /// Transport pools cleaned
    #[metric(labels(pool))]
    pub transport_pools_cleaned: Counter,
    /// Pool registration failures
    #[metric(labels(pool, error))]
    pub pool_registration_failures: Counter,
    /// Pool cleanup errors
    #[metric(labels(pool, error))]
    pub pool_cleanup_errors: Counter,
    // Rewriting
    /// HTML rewriting time
    #[metric(labels(app), buckets = LATENCY, unit = "seconds")]
    pub rewrite_duration: Histogram,
    /// Buffer pool acquisitions
    pub buffer_pool_gets: Counter,
    // Reload
    /// Reload attempts
    #[metric(labels(trigger))]
    pub reload_attempts: Counter,
    /// Reload results (reason on failure only)
    #[metric(
        decision = "`success` values are not listed; the alert `proxy_reload_total{success=\"false\"}` shows a boolean: `success` is `bool`"
    )]
    #[metric(labels(success, reason?))]
    pub reload_total: Counter,
    /// Reload skipped
    #[metric(labels(reason))]
    pub reload_skipped: Counter,
    /// Reload time (success path only)
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "`success` values are not listed; as in `proxy_reload_total` (alert `success=\"false\"`): `success` is `bool`"
    )]
    #[metric(labels(success))]
    pub reload_duration: Histogram,
    /// Active routes
    pub routes_configured: Gauge,
    /// Routes changed on reload
    pub routes_changed: Gauge,
    /// Routes unchanged on reload
    pub routes_unchanged: Gauge,
    /// Routes added
    pub routes_added: Counter,
    /// Routes removed
    pub routes_removed: Counter,
    /// Config hash changes
    pub config_hash_changed: Counter,
    /// LB pools preserved
    #[metric(labels(app))]
    pub lb_pools_preserved: Counter,
    /// LB pools created
    #[metric(labels(app, reason))]
    pub lb_pools_created: Counter,
    // Session Monitoring
    /// Group membership changes
    #[metric(labels(username))]
    pub group_monitor_changes_total: Counter,
    /// Session metadata updates
    #[metric(labels(username))]
    pub group_monitor_updates_total: Counter,
    /// Monitor errors
    #[metric(labels(error_type))]
    pub group_monitor_errors_total: Counter,
    /// Check cycle time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub group_monitor_check_duration: Histogram,
    // FastCGI
    /// FastCGI RoundTrip exits
    #[metric(labels(mapping, status_class))]
    pub fastcgi_requests_total: Counter,
    /// RoundTrip wall-clock time (auto-bucketed)
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "\"(auto-bucketed)\" on a `latency`: the `latency` type's fixed buckets, LATENCY, in seconds; the help keeps the note"
    )]
    #[metric(labels(mapping))]
    pub fastcgi_request_duration: Histogram,
    /// Conn pool acquire
    #[metric(labels(mapping, result))]
    pub fastcgi_pool_total: Counter,
    /// PHP-FPM STDERR bytes routed to audit log
    #[metric(
        unit = "bytes",
        decision = "`severity` values are not listed (only the alert names `severity=\"error\"`): `severity` is free text"
    )]
    #[metric(labels(mapping, severity))]
    pub fastcgi_stderr_bytes_total: Counter,
    /// Non-success FCGI_END_REQUEST signals
    #[metric(labels(mapping, fastcgi_proto_status))]
    pub fastcgi_proto_status_total: Counter,
}
