//! OIDC Provider.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::{DEFAULT_MILLISECONDS, DEFAULT_SECONDS};

/// `result` of `oidc_mtls_auth_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum MtlsResult {
    /// Carries `reason`.
    Failure,
    /// Carries `method`.
    Success,
}

/// OIDC Provider.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] result: &str,
    #[label(bound = CODE_DEFINED, optional)] reason: &str,
    #[label(bound = CODE_DEFINED, optional)] attempt: &str,
    #[label(bound = CODE_DEFINED)] r#type: &str,
    #[label(bound = CONFIGURED)] client_id: &str,
    #[label(name = "result")] mtls_result: MtlsResult,
    #[label(bound = PROTOCOL, optional)] method: &str,
    #[label(bound = CODE_DEFINED)] detected: &str,
    #[label(bound = CODE_DEFINED)] token_type: &str,
    #[label(bound = CODE_DEFINED)] active: &str,
    #[label(unbounded)] username: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "oidc", section = "OIDC Provider")]
#[alert(
    name = "OidcDpopReplay",
    expr = "rate(oidc_dpop_jti_replay_total[5m]) > 0",
    severity = "critical",
    summary = "DPoP replay attack"
)]
#[alert(
    name = "OidcValidationFailures",
    expr = "rate(oidc_validation_failure_total[5m]) > 10",
    severity = "warning",
    summary = "High validation failure rate"
)]
#[alert(
    name = "OidcSigningRetries",
    expr = "increase(oidc_token_signing_retry_total[5m]) > 0",
    severity = "warning",
    summary = "Signing key issues",
    correction = "the document compares the counter `oidc_token_signing_retry_total > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "OidcParReplay",
    expr = r#"rate(oidc_par_consume_total{result="replay_attempt"}[5m]) > 0"#,
    severity = "critical",
    summary = "PAR replay attempt"
)]
pub struct Oidc {
    // Token Issuance
    /// Auth code generation
    #[metric(labels(result, reason))]
    pub authcode_generation_total: Counter,
    /// Code-for-token exchanges
    #[metric(labels(result, reason))]
    pub token_exchange_total: Counter,
    /// Token refreshes
    #[metric(labels(result, reason))]
    pub token_refresh_total: Counter,
    /// Tokens revoked on logout
    #[metric(allow(counter_total))]
    pub tokens_revoked: Counter,
    /// Signing retries (threshold signer)
    #[metric(
        decision = "labels {result, reason|attempt}; reason and attempt are two optional labels, one or the other present"
    )]
    #[metric(labels(result, reason?, attempt?))]
    pub token_signing_retry_total: Counter,
    // Client Auth
    /// PKCE/scope/redirect failures
    #[metric(
        decision = "the help names PKCE/scope/redirect failures but not the values of type; type is free text"
    )]
    #[metric(labels(r#type, client_id))]
    pub validation_failure_total: Counter,
    /// mTLS auth
    // `{result, reason|method}` of `oidc_mtls_auth_total`: `reason` on failure, `method` on success.
    #[metric(
        decision = "labels {result, reason|method}, \"(failure: reason, success: method)\"; result is success|failure, reason and method two optional labels"
    )]
    #[metric(labels(mtls_result, reason?, method?))]
    pub mtls_auth_total: Counter,
    // DPoP
    /// Proof validation
    #[metric(labels(result, reason))]
    pub dpop_validation_total: Counter,
    /// Replay detections
    #[metric(labels(detected))]
    pub dpop_jti_replay_total: Counter,
    /// JTI cache operations
    #[metric(labels(result))]
    pub dpop_jti_storage_total: Counter,
    /// Nonce generation
    #[metric(labels(result))]
    pub dpop_nonce_generation_total: Counter,
    /// Nonce cache operations
    #[metric(labels(result))]
    pub dpop_nonce_storage_total: Counter,
    /// Nonce validation
    #[metric(labels(result, reason))]
    pub dpop_nonce_validation_total: Counter,
    // PAR
    /// PAR creation
    #[metric(labels(result, client_id))]
    pub par_requests_total: Counter,
    /// PAR consumption
    #[metric(labels(result, client_id))]
    pub par_consume_total: Counter,
    /// PAR processing latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; DEFAULT_SECONDS buckets, in seconds"
    )]
    #[metric(labels(client_id))]
    pub par_request_duration: Histogram,
    // M2M
    /// Client Credentials grants
    #[metric(labels(result, reason))]
    pub client_credentials_total: Counter,
    /// JWT Bearer grants
    #[metric(labels(result, reason))]
    pub jwt_bearer_total: Counter,
    // Operations
    /// Token introspection
    #[metric(labels(result, token_type, active))]
    pub token_introspection_total: Counter,
    /// Token revocation
    #[metric(labels(result, token_type))]
    pub token_revocation_total: Counter,
    /// UserInfo requests
    #[metric(labels(result, reason))]
    pub userinfo_requests_total: Counter,
    /// Logouts
    #[metric(labels(result))]
    pub logout_total: Counter,
    /// Device code grants
    #[metric(labels(result, reason))]
    pub device_code_total: Counter,
    /// PAT issuance
    #[metric(labels(username))]
    pub pat_issued_total: Counter,
    // Latency
    /// ID token generation
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a histogram without buckets; DEFAULT_MILLISECONDS buckets, in milliseconds (`_ms`)"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub id_token_generation_duration_ms: Histogram,
    /// Access token generation
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a histogram without buckets; DEFAULT_MILLISECONDS buckets, in milliseconds (`_ms`)"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub access_token_generation_duration_ms: Histogram,
    /// Auth code generation
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a histogram without buckets; DEFAULT_MILLISECONDS buckets, in milliseconds (`_ms`)"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub auth_code_generation_duration_ms: Histogram,
    /// Entropy validation
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a histogram without buckets; DEFAULT_MILLISECONDS buckets, in milliseconds (`_ms`)"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub entropy_validation_duration_ms: Histogram,
}
