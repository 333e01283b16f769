//! Just-In-Time Two-Factor Authentication.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `result` of `jit2fa_webhook_validations_total` and `jit2fa_handoff_refresh_total`.
pub use crate::hexon::values::SuccessFailure;

/// `result` of `jit2fa_otp_verifications_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum OtpResult {
    Success,
    Invalid,
    Expired,
    MaxRetries,
    Error,
}

/// `reason` of `jit2fa_handoff_entry_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum EntryReason {
    MissingReturnUrl,
    InvalidReturnUrl,
    MissingDpopJkt,
    InvalidDpopJkt,
    RedirectLogin,
    DirectMint,
    /// Parallel entry: the login POST carried `_jit2fa_return_url` + optional
    /// `_jit2fa_dpop_jkt`, and the middleware treated the whole thing as a handoff request rather
    /// than the traditional credential-replay flow.
    FormPost,
}

/// Failure `reason` of `jit2fa_handoff_mints_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum MintFailureReason {
    RevalidateFailed,
    MalformedReturnUrl,
    MissingIdentity,
    MissingDpopJkt,
    OidcError,
}

/// Rejected `reason` of `jit2fa_handoff_bearer_checks_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum BearerRejectReason {
    EmptyToken,
    ValidatorError,
    InvalidToken,
    AudienceMismatch,
    TokenNotDpopBound,
    MissingDpopHeader,
    DpopValidatorError,
    DpopProofInvalid,
    DpopJktMismatch,
}

/// Failure `reason` of `jit2fa_handoff_refresh_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RefreshFailureReason {
    Disabled,
    ParseError,
    MissingToken,
    InvalidToken,
    WrongAudience,
    NotDpopBound,
    MissingDpop,
    DpopInvalid,
    DpopMismatch,
    MissingAuthTime,
    MaxSession,
    MintFailed,
}

/// Just-In-Time Two-Factor Authentication.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] mapping_id: &str,
    #[label(name = "result")] success_failure: SuccessFailure,
    #[label(name = "result")] otp_result: OtpResult,
    #[label(bound = CODE_DEFINED, optional)] reason: &str,
    #[label(bound = CODE_DEFINED)] result: &str,
    #[label(name = "reason")] entry_reason: EntryReason,
    /// `true` when the caller supplied a valid `dpop_jkt` query parameter (or form field),
    /// `false` otherwise. Early-rejection paths (before `dpop_jkt` parse) always emit `false`.
    dpop_bound: bool,
    #[label(name = "reason", optional)] mint_failure_reason: MintFailureReason,
    /// `true` when the minted (or attempted) token carries a `cnf.jkt` confirmation claim. Use
    /// this dimension for DPoP adoption tracking:
    /// `sum by (dpop_bound) (rate(jit2fa_handoff_mints_total{result="success"}[5m]))`.
    #[label(name = "dpop_bound")] mint_dpop_bound: bool,
    #[label(name = "reason", optional)] bearer_reject_reason: BearerRejectReason,
    /// `true` when the presented token has a `cnf.jkt` claim, `false` otherwise. Early-rejection
    /// paths (`empty_token`, `validator_error`, `invalid_token`) emit `false` since the token was
    /// not parsed. DPoP usage query:
    /// `sum by (dpop_bound) (rate(jit2fa_handoff_bearer_checks_total{result="accepted"}[5m]))`.
    #[label(name = "dpop_bound")] bearer_check_dpop_bound: bool,
    #[label(name = "reason", optional)] refresh_failure_reason: RefreshFailureReason,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "jit2fa", section = "Just-In-Time Two-Factor Authentication")]
#[alert(
    name = "Jit2faWebhookFailures",
    expr = r#"rate(jit2fa_webhook_validations_total{result="failure"}[5m]) > 5"#,
    severity = "warning",
    summary = "Webhook backend issues"
)]
#[alert(
    name = "Jit2faOtpBruteForce",
    expr = r#"increase(jit2fa_otp_verifications_total{reason="max_retries"}[5m]) > 0"#,
    severity = "critical",
    summary = "OTP brute-force attempt",
    correction = r#"the document compares the counter `jit2fa_otp_verifications_total{reason="max_retries"} > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"#
)]
#[alert(
    name = "Jit2faRateLimited",
    expr = "rate(jit2fa_rate_limited_total[5m]) > 10",
    severity = "warning",
    summary = "High rate limiting"
)]
#[alert(
    name = "Jit2faOpenRedirectProbing",
    expr = r#"rate(jit2fa_handoff_entry_total{reason="invalid_return_url"}[5m]) > 2"#,
    severity = "critical",
    summary = "Possible open-redirect probing against the whitelist"
)]
#[alert(
    name = "Jit2faCrossMappingReplay",
    expr = r#"rate(jit2fa_handoff_bearer_checks_total{reason="audience_mismatch"}[5m]) > 0"#,
    severity = "critical",
    summary = "Cross-mapping token replay attempt (alert immediately)"
)]
#[alert(
    name = "Jit2faInvalidTokens",
    expr = r#"rate(jit2fa_handoff_bearer_checks_total{reason="invalid_token"}[5m]) > 20"#,
    severity = "critical",
    summary = "High invalid-token rate (bot scan or clock drift)"
)]
#[alert(
    name = "Jit2faDpopThumbprintMismatch",
    expr = r#"rate(jit2fa_handoff_bearer_checks_total{reason="dpop_jkt_mismatch"}[5m]) > 0"#,
    severity = "critical",
    summary = "DPoP thumbprint mismatch — possible stolen token (alert immediately)"
)]
#[alert(
    name = "Jit2faStolenRefreshToken",
    expr = r#"rate(jit2fa_handoff_refresh_total{reason="dpop_mismatch"}[5m]) > 0"#,
    severity = "critical",
    summary = "Refresh with wrong DPoP key — stolen refresh token attempt"
)]
#[alert(
    name = "Jit2faMintSlow",
    expr = "histogram_quantile(0.99, sum by (le, mapping_id) (rate(jit2fa_handoff_mint_duration_bucket[5m]))) > 0.5",
    severity = "warning",
    summary = "Token signing p99 slow (OIDC signer degraded)",
    correction = "the document writes `histogram_quantile(0.99, jit2fa_handoff_mint_duration_bucket)`: over the cumulative buckets that is the quantile since the process started, which a slow spell barely moves; the quantile is read from their 5-minute rate, kept per mapping"
)]
#[alert(
    name = "Jit2faBearerCheckSlow",
    expr = "histogram_quantile(0.99, sum by (le, mapping_id) (rate(jit2fa_handoff_bearer_check_duration_bucket[5m]))) > 0.1",
    severity = "warning",
    summary = "Bearer check p99 slow (hexdcall / oidc validation contention)",
    correction = "the document writes `histogram_quantile(0.99, jit2fa_handoff_bearer_check_duration_bucket)`: over the cumulative buckets that is the quantile since the process started, which a slow spell barely moves; the quantile is read from their 5-minute rate, kept per mapping"
)]
#[alert(
    name = "Jit2faDpopValidationSlow",
    expr = "histogram_quantile(0.99, sum by (le, mapping_id) (rate(jit2fa_handoff_dpop_validation_duration_bucket[5m]))) > 0.05",
    severity = "warning",
    summary = "DPoP proof validation p99 slow (ECDSA cost or replay cache contention)",
    correction = "the document writes `histogram_quantile(0.99, jit2fa_handoff_dpop_validation_duration_bucket)`: over the cumulative buckets that is the quantile since the process started, which a slow spell barely moves; the quantile is read from their 5-minute rate, kept per mapping"
)]
// Mint-time DPoP adoption ratio
#[record(
    name = "dpop_bound:jit2fa_handoff_mints:rate5m",
    expr = r#"sum by (dpop_bound) (rate(jit2fa_handoff_mints_total{result="success"}[5m]))"#,
    correction = r#"the document lists this query under "DPoP rollout tracking (not alerts, dashboard panels)": it is a recording rule"#
)]
// Bearer-use DPoP adoption ratio
#[record(
    name = "dpop_bound:jit2fa_handoff_bearer_checks_accepted:rate5m",
    expr = r#"sum by (dpop_bound) (rate(jit2fa_handoff_bearer_checks_total{result="accepted"}[5m]))"#,
    correction = r#"the document lists this query under "DPoP rollout tracking (not alerts, dashboard panels)": it is a recording rule"#
)]
// Legacy clients on a require_dpop mapping (expected to drop to 0 after rollout)
#[record(
    name = "jit2fa_handoff_bearer_checks_not_dpop_bound:rate5m",
    expr = r#"rate(jit2fa_handoff_bearer_checks_total{reason="token_not_dpop_bound"}[5m])"#,
    correction = r#"the document lists this query under "DPoP rollout tracking (not alerts, dashboard panels)": it is a recording rule"#
)]
// Clients hitting a require_dpop entry without dpop_jkt (same signal, earlier in the flow)
#[record(
    name = "jit2fa_handoff_entry_missing_dpop_jkt:rate5m",
    expr = r#"rate(jit2fa_handoff_entry_total{reason="missing_dpop_jkt"}[5m])"#,
    correction = r#"the document lists this query under "DPoP rollout tracking (not alerts, dashboard panels)": it is a recording rule"#
)]
pub struct Jit2fa {
    // Operations
    /// Login interceptions
    #[metric(labels(mapping_id))]
    pub login_attempts_total: Counter,
    /// Webhook results
    #[metric(labels(mapping_id, success_failure))]
    pub webhook_validations_total: Counter,
    /// Webhook response time
    #[metric(labels(mapping_id), buckets = LATENCY, unit = "seconds")]
    pub webhook_validation_duration: Histogram,
    /// OTP results
    #[metric(
        decision = "\"OTP results (success/invalid/expired/max_retries/error)\", but its alert filters reason=\"max_retries\"; result is that closed set, reason free text"
    )]
    #[metric(labels(mapping_id, otp_result, reason?))]
    pub otp_verifications_total: Counter,
    /// Sessions created
    #[metric(labels(mapping_id))]
    pub sessions_created_total: Counter,
    /// OTP resend attempts
    #[metric(labels(mapping_id, result))]
    pub otp_resends_total: Counter,
    /// Rate-limited requests
    #[metric(labels(mapping_id))]
    pub rate_limited_total: Counter,
    // Token Handoff
    /// Entry path visits by outcome and DPoP binding state
    #[metric(labels(mapping_id, entry_reason, dpop_bound))]
    pub handoff_entry_total: Counter,
    /// Mint step outcomes by result, reason, and binding
    #[metric(
        decision = "result values not listed (\"success\" in the example query, failure implied by \"failure reasons\"); result free text, reason the listed failure reasons; dpop_bound is described by its \"true\" case only (the token carries a cnf.jkt claim), \"false\" being every other: `bool`, as on the other handoff counters"
    )]
    #[metric(labels(mapping_id, result, mint_failure_reason?, mint_dpop_bound))]
    pub handoff_mints_total: Counter,
    /// Time from finalizeTokenHandoff entry to mint response
    #[metric(labels(mapping_id), buckets = LATENCY, unit = "seconds")]
    pub handoff_mint_duration: Histogram,
    /// Bearer check outcomes by result, reason, binding
    #[metric(
        decision = "result values not listed (\"accepted\" in the example query, rejected implied by \"rejected reasons\"); result free text, reason the listed rejected reasons"
    )]
    #[metric(labels(mapping_id, result, bearer_reject_reason?, bearer_check_dpop_bound))]
    pub handoff_bearer_checks_total: Counter,
    /// Time from bearer header parse to validation outcome (full cost: JWT validate + optional
    /// DPoP proof validate)
    #[metric(labels(mapping_id), buckets = LATENCY, unit = "seconds")]
    pub handoff_bearer_check_duration: Histogram,
    /// Isolated cost of oidc.ValidateDPoP alone — component of handoff_bearer_check_duration,
    /// emitted on every DPoP proof validation attempt (success or failure). Use this to tell JWT
    /// slowness apart from DPoP slowness when the bearer check p99 regresses.
    #[metric(labels(mapping_id), buckets = LATENCY, unit = "seconds")]
    pub handoff_dpop_validation_duration: Histogram,
    // Token Refresh
    /// Refresh endpoint outcomes
    #[metric(labels(mapping_id, success_failure, refresh_failure_reason?))]
    pub handoff_refresh_total: Counter,
    /// Full refresh handler wall-clock latency
    #[metric(labels(mapping_id), buckets = LATENCY, unit = "seconds")]
    pub handoff_refresh_duration: Histogram,
}
