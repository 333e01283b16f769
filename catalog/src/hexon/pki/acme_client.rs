//! ACME Client.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

use crate::hexon::DEFAULT_SECONDS;

/// End-to-end ACME issuance (orders, challenges, DNS propagation, retries) takes seconds to
/// minutes: up to 10 minutes.
pub const ISSUANCE_SECONDS: &[f64] = &[1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// `error_type` of `acmeclient_issuance_failed_total` (and `acmeclient_renewal_failed_total`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ErrorType {
    Timeout,
    RateLimit,
    Authorization,
    Network,
    Dns,
    InvalidRequest,
    NotFound,
    Unknown,
    None,
}

/// `status` of `acmeclient_challenges_served_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ChallengeStatus {
    Success,
    NotFound,
    InvalidToken,
    LookupError,
    InternalError,
    InvalidValue,
    WriteError,
}

/// `result` of `acmeclient_ari_fetch_total`.
pub use crate::hexon::values::SuccessError as FetchResult;

/// `result` of `acmeclient_ari_cache_total`.
pub use crate::hexon::values::HitMiss as CacheResult;

/// `limit_type` of `acmeclient_ratelimit_check_results_total` (and of the other rate limit
/// families).
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum LimitType {
    RetryAfter,
    MinOrderInterval,
    OrdersPerAccount,
    CertsPerDomain,
    AuthFailuresPerDomain,
    CertsPerExactSet,
    All,
}

/// `result` of `acmeclient_ratelimit_check_results_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CheckResult {
    Blocked,
    Passed,
    Error,
}

/// `status_code` of `acmeclient_ratelimit_retry_after_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RetryAfterStatusCode {
    #[label(rename = "429")]
    TooManyRequests,
    #[label(rename = "503")]
    ServiceUnavailable,
    Other,
}

/// `operation` of `acmeclient_ratelimit_state_errors_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum StateOperation {
    Set,
    Get,
}

/// ACME Client.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] domain: &str,
    #[label(bound = CODE_DEFINED)] key_type: &str,
    error_type: ErrorType,
    status: ChallengeStatus,
    result: FetchResult,
    #[label(name = "result")] cache_result: CacheResult,
    limit_type: LimitType,
    #[label(name = "result")] check_result: CheckResult,
    status_code: RetryAfterStatusCode,
    operation: StateOperation,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "acmeclient", section = "ACME Client")]
#[alert(
    name = "AcmeIssuanceFailing",
    expr = "increase(acmeclient_issuance_failed_total[1h]) > 0",
    severity = "warning",
    summary = "Check CA reachability, DNS, port 80 access",
    correction = r#"the document writes `issuance_failed_total increasing` with the module prefix left out (the metrics are `acmeclient_*`) and "increasing" as prose; the rule alerts when issuance failures increased in the last hour"#
)]
#[alert(
    name = "AcmeRenewalFailing",
    expr = "acmeclient_certificates_expiring > 0",
    for = "1h",
    severity = "warning",
    summary = "Renewal failing, check error_type labels",
    correction = r#"the document writes `certificates_expiring > 0 persisting` with the module prefix left out (the metrics are `acmeclient_*`) and "persisting" as prose; persisting is the alert's `for` of one hour"#
)]
#[alert(
    name = "AcmeCertificateNearExpiry",
    expr = "acmeclient_certificate_days_until_expiry < 7",
    severity = "critical",
    summary = "Urgent: cert near expiry, check renewal logs",
    correction = "the document writes `certificate_days_until_expiry < 7` with the module prefix left out (the metric is `acmeclient_certificate_days_until_expiry`)"
)]
#[alert(
    name = "AcmeClientRateLimited",
    expr = r#"increase(acmeclient_ratelimit_check_results_total{result="blocked"}[1h]) > 0"#,
    severity = "warning",
    summary = "Client-side rate limit preventing issuance",
    correction = "the document writes `ratelimit_check_results_total{blocked}`: no prefix, a matcher without a label, and no condition; the rule alerts when checks were blocked in the last hour"
)]
#[alert(
    name = "AcmeEarlyRenewalSuggested",
    expr = "increase(acmeclient_ari_early_renewal_suggestions_total[1h]) > 0",
    severity = "info",
    summary = "CA suggesting early renewal, possible revocation",
    correction = "the document writes `ari_early_renewal_suggestions_total` with the prefix left out and no condition; the rule alerts when suggestions arrived in the last hour"
)]
#[alert(
    name = "AcmeChallengeFailures",
    expr = r#"increase(acmeclient_challenges_served_total{status!="success"}[1h]) > 0"#,
    severity = "warning",
    summary = "Challenge failures, check port 80 and DNS",
    correction = "the document writes `challenges_served_total{status!=success}`: no prefix, an unquoted value, and no condition; the rule alerts when failed challenges were served in the last hour"
)]
pub struct AcmeClient {
    // Issuance counters (module: acmeclient)
    /// Certificate issuance started
    #[metric(labels(domain))]
    pub issuance_started_total: Counter,
    /// Certificate issuance succeeded
    #[metric(labels(domain, key_type))]
    pub issuance_success_total: Counter,
    /// Certificate issuance failed
    #[metric(labels(domain, error_type))]
    pub issuance_failed_total: Counter,
    // Issuance latency (module: acmeclient)
    /// End-to-end issuance time
    #[metric(
        buckets = ISSUANCE_SECONDS,
        unit = "seconds",
        decision = "a `histogram` without buckets or unit: seconds, with the module's ISSUANCE_SECONDS (1 s to 10 min), as an end-to-end ACME issuance often exceeds DEFAULT_SECONDS' 10 s"
    )]
    #[metric(labels(domain, key_type))]
    pub issuance_duration: Histogram,
    // Renewal counters (module: acmeclient)
    /// Renewal check cycles executed
    pub renewal_checks_total: Counter,
    /// Certificate renewals succeeded
    #[metric(labels(domain))]
    pub renewal_success_total: Counter,
    /// Certificate renewals failed
    #[metric(
        decision = "the `error_type` values are listed once, under issuance_failed_total; the same closed set here"
    )]
    #[metric(labels(domain, error_type))]
    pub renewal_failed_total: Counter,
    // Challenge counters (module: acmeclient)
    /// Challenge tokens stored in distributed cache
    #[metric(labels(domain))]
    pub challenges_stored_total: Counter,
    /// Challenge responses served
    #[metric(labels(status))]
    pub challenges_served_total: Counter,
    // Certificate gauges (module: acmeclient)
    /// Certificates checked in last renewal cycle
    pub certificates_checked: Gauge,
    /// Certificates needing renewal in last cycle
    pub certificates_expiring: Gauge,
    /// Total certificates in memory cache
    pub certificates_loaded: Gauge,
    /// Days until certificate expires
    #[metric(labels(domain), allow(base_units), unit = "days")]
    pub certificate_days_until_expiry: Gauge,
    // ARI counters (module: acmeclient)
    /// ARI fetch attempts
    #[metric(labels(result))]
    pub ari_fetch_total: Counter,
    /// CA-suggested early renewals (possible revocation)
    pub ari_early_renewal_suggestions_total: Counter,
    /// ARI-guided certificate renewals completed
    #[metric(labels(domain))]
    pub ari_renewals_total: Counter,
    /// ARI renewals marked as replaced
    pub ari_marked_replaced_total: Counter,
    /// ARI cache lookups
    #[metric(labels(cache_result))]
    pub ari_cache_total: Counter,
    // Rate limit counters (module: acmeclient)
    /// Rate limit pre-flight checks executed
    pub ratelimit_checks_total: Counter,
    /// Rate limit check outcomes
    #[metric(labels(limit_type, check_result))]
    pub ratelimit_check_results_total: Counter,
    /// ACME orders created (tracked for limits)
    pub ratelimit_orders_created_total: Counter,
    /// Certificates issued per domain (tracked for limits)
    #[metric(labels(domain))]
    pub ratelimit_certs_issued_total: Counter,
    /// Authorization failures per domain
    #[metric(labels(domain))]
    pub ratelimit_auth_failures_total: Counter,
    /// Retry-After responses from CA
    #[metric(labels(status_code))]
    pub ratelimit_retry_after_total: Counter,
    /// Rate limit state storage errors
    #[metric(labels(operation))]
    pub ratelimit_state_errors_total: Counter,
    /// Rate limit approaching capacity warnings (>80%)
    #[metric(
        decision = "the `limit_type` values are listed once, under ratelimit_check_results_total; the same closed set here"
    )]
    #[metric(labels(limit_type))]
    pub ratelimit_approaching_total: Counter,
    // Rate limit gauges (module: acmeclient)
    /// Current usage count per limit type
    #[metric(
        decision = "the `limit_type` values are listed once, under ratelimit_check_results_total; the same closed set here"
    )]
    #[metric(labels(limit_type))]
    pub ratelimit_current_usage: Gauge,
    /// Effective limit value per limit type
    #[metric(
        decision = "the `limit_type` values are listed once, under ratelimit_check_results_total; the same closed set here"
    )]
    #[metric(labels(limit_type))]
    pub ratelimit_limit: Gauge,
    /// Usage percentage per limit type
    #[metric(
        unit = "percent",
        decision = "the `limit_type` values are listed once, under ratelimit_check_results_total; the same closed set here"
    )]
    #[metric(labels(limit_type), allow(base_units))]
    pub ratelimit_usage_percent: Gauge,
    // Rate limit latency (module: acmeclient)
    /// Pre-flight rate limit check duration
    #[metric(
        buckets = DEFAULT_SECONDS,
        unit = "seconds",
        decision = "a `histogram` without buckets or unit: seconds, with DEFAULT_SECONDS"
    )]
    pub ratelimit_check_duration: Histogram,
}
