//! OIDC Relying Party.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `reason` of `oidc_rp_state_validation_failures_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum StateValidationFailureReason {
    DecryptionFailed,
    VersionMismatch,
    StateExpired,
    SessionNotFound,
    StateMismatch,
    CsrfMismatch,
}

/// OIDC Relying Party.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] provider: &str,
    #[label(name = "reason")] state_validation_failure_reason: StateValidationFailureReason,
    #[label(bound = CODE_DEFINED)] reason: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "oidc_rp", section = "OIDC Relying Party")]
#[alert(
    name = "OidcRpCsrfAttempt",
    expr = r#"rate(oidc_rp_state_validation_failures_total{reason="csrf_mismatch"}[5m]) > 0"#,
    severity = "critical",
    summary = "CSRF attack attempt"
)]
#[alert(
    name = "OidcRpStateTampering",
    expr = r#"rate(oidc_rp_state_validation_failures_total{reason="decryption_failed"}[5m]) > 5"#,
    severity = "warning",
    summary = "State tampering or key mismatch"
)]
#[alert(
    name = "OidcRpDpopReplay",
    expr = "rate(oidc_rp_dpop_jti_replay_total[5m]) > 0",
    severity = "critical",
    summary = "DPoP replay attack attempt"
)]
#[alert(
    name = "OidcRpDiscoveryUnreachable",
    expr = "rate(oidc_rp_discovery_fetch_failures_total[5m]) > 3",
    severity = "warning",
    summary = "IdP discovery unreachable"
)]
#[alert(
    name = "OidcRpTokenExchangeFailures",
    expr = "rate(oidc_rp_token_exchange_failures_total[5m]) > 10",
    severity = "warning",
    summary = "Elevated token exchange failures"
)]
pub struct OidcRelyingParty {
    // Authorization flow
    /// Authorization URL built successfully
    #[metric(labels(provider))]
    pub authorization_initiated_total: Counter,
    /// State validated and session consumed
    #[metric(labels(provider))]
    pub state_validation_success_total: Counter,
    /// State validation failures
    #[metric(labels(state_validation_failure_reason))]
    pub state_validation_failures_total: Counter,
    // Token exchange
    /// Code-for-tokens exchange succeeded
    #[metric(labels(provider))]
    pub token_exchange_success_total: Counter,
    /// Exchange failures
    // `{provider, reason}`: the reasons include the IdP's error codes, an open set.
    #[metric(
        decision = "reason: network_error, id_token_invalid, at_hash_mismatch, \"or IdP error code\", an open set; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub token_exchange_failures_total: Counter,
    /// Token endpoint round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub token_exchange_duration: Histogram,
    // Token refresh
    /// Refresh token exchange succeeded
    #[metric(labels(provider))]
    pub token_refresh_success_total: Counter,
    /// Refresh failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub token_refresh_failures_total: Counter,
    /// Token refresh round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub token_refresh_duration: Histogram,
    // Token revocation
    /// Revocation acknowledged by IdP
    #[metric(labels(provider))]
    pub token_revocation_success_total: Counter,
    /// Revocation failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub token_revocation_failures_total: Counter,
    // Token introspection
    /// Introspection returned active=true
    #[metric(labels(provider))]
    pub token_introspection_active_total: Counter,
    /// Introspection returned active=false
    #[metric(labels(provider))]
    pub token_introspection_inactive_total: Counter,
    /// Introspection failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub token_introspection_failures_total: Counter,
    /// Introspection round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub token_introspection_duration: Histogram,
    // ID token validation
    /// ID token signature and claims validated
    #[metric(labels(provider))]
    pub id_token_validation_success_total: Counter,
    // Discovery
    /// Discovery served from cache
    #[metric(labels(provider))]
    pub discovery_cache_hits_total: Counter,
    /// Discovery cache miss, fetched from IdP
    #[metric(labels(provider))]
    pub discovery_cache_misses_total: Counter,
    /// Discovery fetched and validated
    #[metric(labels(provider))]
    pub discovery_fetch_success_total: Counter,
    /// Discovery fetch failed
    #[metric(labels(provider))]
    pub discovery_fetch_failures_total: Counter,
    /// Discovery endpoint round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub discovery_fetch_duration: Histogram,
    // JWKS
    /// JWKS key found in cache
    #[metric(labels(provider))]
    pub jwks_cache_hits_total: Counter,
    /// JWKS fetched from IdP
    #[metric(labels(provider))]
    pub jwks_fetch_success_total: Counter,
    /// JWKS fetch failed
    #[metric(labels(provider))]
    pub jwks_fetch_failures_total: Counter,
    /// JWKS endpoint round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub jwks_fetch_duration: Histogram,
    // DPoP
    /// DPoP JTI replay attack detected
    #[metric(labels(provider))]
    pub dpop_jti_replay_total: Counter,
    /// DPoP proof validated successfully
    #[metric(labels(provider))]
    pub dpop_validation_success_total: Counter,
    // PAR (Pushed Authorization Requests)
    /// PAR request accepted by IdP
    #[metric(labels(provider))]
    pub par_success_total: Counter,
    /// PAR failures
    #[metric(
        decision = "reason: discovery_failed, not_supported, invalid_redirect_uri, network_error, http_error, invalid_expires_in, expires_in_too_large, \"or IdP error code\", an open set; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub par_failures_total: Counter,
    /// PAR endpoint round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub par_request_duration: Histogram,
    /// Authorization URL built via PAR flow
    #[metric(labels(provider))]
    pub par_authorization_success_total: Counter,
    // UserInfo
    /// UserInfo fetched successfully
    #[metric(labels(provider))]
    pub userinfo_success_total: Counter,
    /// UserInfo failures
    #[metric(
        decision = "reason: network_error, http_<status>, a pattern over HTTP status codes; `reason` is free text"
    )]
    #[metric(labels(provider, reason))]
    pub userinfo_failures_total: Counter,
    /// UserInfo endpoint round-trip time
    #[metric(labels(provider), buckets = LATENCY, unit = "seconds")]
    pub userinfo_fetch_duration: Histogram,
}
