//! OIDC Relying Party.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{provider}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StateValidationFailureLabels {
    pub reason: StateValidationFailureReason,
}

/// `{provider, reason}`: the reasons include the IdP's error codes, an open set.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProviderFailureLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub provider: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// OIDC Relying Party.
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
    pub authorization_initiated_total: Family<ProviderLabels<'static>, Counter>,
    /// State validated and session consumed
    pub state_validation_success_total: Family<ProviderLabels<'static>, Counter>,
    /// State validation failures
    pub state_validation_failures_total: Family<StateValidationFailureLabels, Counter>,
    // Token exchange
    /// Code-for-tokens exchange succeeded
    pub token_exchange_success_total: Family<ProviderLabels<'static>, Counter>,
    /// Exchange failures
    #[metric(
        decision = "reason: network_error, id_token_invalid, at_hash_mismatch, \"or IdP error code\", an open set; `reason` is free text"
    )]
    pub token_exchange_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    /// Token endpoint round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub token_exchange_duration: Family<ProviderLabels<'static>, Histogram>,
    // Token refresh
    /// Refresh token exchange succeeded
    pub token_refresh_success_total: Family<ProviderLabels<'static>, Counter>,
    /// Refresh failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    pub token_refresh_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    /// Token refresh round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub token_refresh_duration: Family<ProviderLabels<'static>, Histogram>,
    // Token revocation
    /// Revocation acknowledged by IdP
    pub token_revocation_success_total: Family<ProviderLabels<'static>, Counter>,
    /// Revocation failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    pub token_revocation_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    // Token introspection
    /// Introspection returned active=true
    pub token_introspection_active_total: Family<ProviderLabels<'static>, Counter>,
    /// Introspection returned active=false
    pub token_introspection_inactive_total: Family<ProviderLabels<'static>, Counter>,
    /// Introspection failures
    #[metric(
        decision = "reason: network_error, \"or IdP error code\", an open set; `reason` is free text"
    )]
    pub token_introspection_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    /// Introspection round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub token_introspection_duration: Family<ProviderLabels<'static>, Histogram>,
    // ID token validation
    /// ID token signature and claims validated
    pub id_token_validation_success_total: Family<ProviderLabels<'static>, Counter>,
    // Discovery
    /// Discovery served from cache
    pub discovery_cache_hits_total: Family<ProviderLabels<'static>, Counter>,
    /// Discovery cache miss, fetched from IdP
    pub discovery_cache_misses_total: Family<ProviderLabels<'static>, Counter>,
    /// Discovery fetched and validated
    pub discovery_fetch_success_total: Family<ProviderLabels<'static>, Counter>,
    /// Discovery fetch failed
    pub discovery_fetch_failures_total: Family<ProviderLabels<'static>, Counter>,
    /// Discovery endpoint round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub discovery_fetch_duration: Family<ProviderLabels<'static>, Histogram>,
    // JWKS
    /// JWKS key found in cache
    pub jwks_cache_hits_total: Family<ProviderLabels<'static>, Counter>,
    /// JWKS fetched from IdP
    pub jwks_fetch_success_total: Family<ProviderLabels<'static>, Counter>,
    /// JWKS fetch failed
    pub jwks_fetch_failures_total: Family<ProviderLabels<'static>, Counter>,
    /// JWKS endpoint round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub jwks_fetch_duration: Family<ProviderLabels<'static>, Histogram>,
    // DPoP
    /// DPoP JTI replay attack detected
    pub dpop_jti_replay_total: Family<ProviderLabels<'static>, Counter>,
    /// DPoP proof validated successfully
    pub dpop_validation_success_total: Family<ProviderLabels<'static>, Counter>,
    // PAR (Pushed Authorization Requests)
    /// PAR request accepted by IdP
    pub par_success_total: Family<ProviderLabels<'static>, Counter>,
    /// PAR failures
    #[metric(
        decision = "reason: discovery_failed, not_supported, invalid_redirect_uri, network_error, http_error, invalid_expires_in, expires_in_too_large, \"or IdP error code\", an open set; `reason` is free text"
    )]
    pub par_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    /// PAR endpoint round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub par_request_duration: Family<ProviderLabels<'static>, Histogram>,
    /// Authorization URL built via PAR flow
    pub par_authorization_success_total: Family<ProviderLabels<'static>, Counter>,
    // UserInfo
    /// UserInfo fetched successfully
    pub userinfo_success_total: Family<ProviderLabels<'static>, Counter>,
    /// UserInfo failures
    #[metric(
        decision = "reason: network_error, http_<status>, a pattern over HTTP status codes; `reason` is free text"
    )]
    pub userinfo_failures_total: Family<ProviderFailureLabels<'static>, Counter>,
    /// UserInfo endpoint round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub userinfo_fetch_duration: Family<ProviderLabels<'static>, Histogram>,
}
