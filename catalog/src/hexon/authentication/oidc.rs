//! OIDC Provider.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{result, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
}

/// `{result, reason|attempt}` of `oidc_token_signing_retry_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SigningRetryLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: Option<&'a str>,
    #[label(bound = CODE_DEFINED)]
    pub attempt: Option<&'a str>,
}

/// `{type, client_id}` of `oidc_validation_failure_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ValidationFailureLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub r#type: &'a str,
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `{result, reason|method}` of `oidc_mtls_auth_total`: `reason` on failure, `method` on success.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct MtlsLabels<'a> {
    pub result: MtlsResult,
    #[label(bound = CODE_DEFINED)]
    pub reason: Option<&'a str>,
    #[label(bound = PROTOCOL)]
    pub method: Option<&'a str>,
}

/// `{detected}` of `oidc_dpop_jti_replay_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReplayLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub detected: &'a str,
}

/// `{result, client_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultClientLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `{client_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub client_id: &'a str,
}

/// `{result, token_type, active}` of `oidc_token_introspection_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct IntrospectionLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub token_type: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub active: &'a str,
}

/// `{result, token_type}` of `oidc_token_revocation_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RevocationLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub result: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub token_type: &'a str,
}

/// `{username}` of `oidc_pat_issued_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UsernameLabels<'a> {
    #[label(unbounded)]
    pub username: &'a str,
}

/// OIDC Provider.
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
    pub authcode_generation_total: Family<ResultReasonLabels<'static>, Counter>,
    /// Code-for-token exchanges
    pub token_exchange_total: Family<ResultReasonLabels<'static>, Counter>,
    /// Token refreshes
    pub token_refresh_total: Family<ResultReasonLabels<'static>, Counter>,
    /// Tokens revoked on logout
    #[metric(allow(counter_total))]
    pub tokens_revoked: Counter,
    /// Signing retries (threshold signer)
    #[metric(
        decision = "labels {result, reason|attempt}; reason and attempt are two optional labels, one or the other present"
    )]
    pub token_signing_retry_total: Family<SigningRetryLabels<'static>, Counter>,
    // Client Auth
    /// PKCE/scope/redirect failures
    #[metric(
        decision = "the help names PKCE/scope/redirect failures but not the values of type; type is free text"
    )]
    pub validation_failure_total: Family<ValidationFailureLabels<'static>, Counter>,
    /// mTLS auth
    #[metric(
        decision = "labels {result, reason|method}, \"(failure: reason, success: method)\"; result is success|failure, reason and method two optional labels"
    )]
    pub mtls_auth_total: Family<MtlsLabels<'static>, Counter>,
    // DPoP
    /// Proof validation
    pub dpop_validation_total: Family<ResultReasonLabels<'static>, Counter>,
    /// Replay detections
    pub dpop_jti_replay_total: Family<ReplayLabels<'static>, Counter>,
    /// JTI cache operations
    pub dpop_jti_storage_total: Family<ResultLabels<'static>, Counter>,
    /// Nonce generation
    pub dpop_nonce_generation_total: Family<ResultLabels<'static>, Counter>,
    /// Nonce cache operations
    pub dpop_nonce_storage_total: Family<ResultLabels<'static>, Counter>,
    /// Nonce validation
    pub dpop_nonce_validation_total: Family<ResultReasonLabels<'static>, Counter>,
    // PAR
    /// PAR creation
    pub par_requests_total: Family<ResultClientLabels<'static>, Counter>,
    /// PAR consumption
    pub par_consume_total: Family<ResultClientLabels<'static>, Counter>,
    /// PAR processing latency
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets or unit; DEFAULT_SECONDS buckets, in seconds"
    )]
    pub par_request_duration: Family<ClientLabels<'static>, Histogram>,
    // M2M
    /// Client Credentials grants
    pub client_credentials_total: Family<ResultReasonLabels<'static>, Counter>,
    /// JWT Bearer grants
    pub jwt_bearer_total: Family<ResultReasonLabels<'static>, Counter>,
    // Operations
    /// Token introspection
    pub token_introspection_total: Family<IntrospectionLabels<'static>, Counter>,
    /// Token revocation
    pub token_revocation_total: Family<RevocationLabels<'static>, Counter>,
    /// UserInfo requests
    pub userinfo_requests_total: Family<ResultReasonLabels<'static>, Counter>,
    /// Logouts
    pub logout_total: Family<ResultLabels<'static>, Counter>,
    /// Device code grants
    pub device_code_total: Family<ResultReasonLabels<'static>, Counter>,
    /// PAT issuance
    pub pat_issued_total: Family<UsernameLabels<'static>, Counter>,
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
