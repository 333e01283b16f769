//! ACME CA Server.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

use crate::hexon::{DEFAULT_MILLISECONDS, LATENCY};

/// `result` of `acme_provider_ratelimit_check_results_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CheckResult {
    /// All checks passed (with `limit_type=all`).
    Passed,
    /// Operation blocked by a specific limit type.
    Blocked,
}

/// ACME CA Server.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] limit_type: &str,
    result: CheckResult,
    #[label(bound = CONFIGURED)] domain: &str,
    #[label(bound = CODE_DEFINED)] operation: &str,
    #[label(bound = CONFIGURED)] workload: &str,
    #[label(bound = CODE_DEFINED)] reason: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "ACME CA Server")]
pub struct AcmeCaServer {
    // ACME Provider Rate Limiting (namespace: acme_provider)
    /// Total rate limit check invocations
    pub acme_provider_ratelimit_checks_total: Counter,
    /// Rate limit check outcomes
    #[metric(
        decision = "values listed as `limit_type=all, result=passed` and `limit_type=<type>, result=blocked`: `result` is the closed set passed|blocked, `limit_type` free text (`<type>` names no values)"
    )]
    #[metric(labels(limit_type, result))]
    pub acme_provider_ratelimit_check_results_total: Counter,
    /// Rate limit check duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub acme_provider_ratelimit_check_duration: Histogram,
    /// Circuit breaker trips (blocking after consecutive state errors)
    #[metric(labels(limit_type))]
    pub acme_provider_ratelimit_circuit_breaker_trips_total: Counter,
    /// Orders recorded for rate limiting
    pub acme_provider_ratelimit_orders_created_total: Counter,
    /// Certificates recorded for rate limiting
    pub acme_provider_ratelimit_certs_issued_total: Counter,
    /// Issuances per registered domain
    #[metric(labels(domain))]
    pub acme_provider_ratelimit_domain_issuances_total: Counter,
    /// Authorization failures per registered domain
    #[metric(labels(domain))]
    pub acme_provider_ratelimit_auth_failures_total: Counter,
    /// Failed finalization attempts recorded
    pub acme_provider_ratelimit_finalization_failures_total: Counter,
    /// Distributed state access errors
    #[metric(labels(limit_type, operation))]
    pub acme_provider_ratelimit_state_errors_total: Counter,
    /// Warning: nearing rate limit capacity (80%+)
    #[metric(labels(limit_type))]
    pub acme_provider_ratelimit_approaching_total: Counter,
    /// Current usage count for limit dimension
    #[metric(labels(limit_type))]
    pub acme_provider_ratelimit_current_usage: Gauge,
    /// Configured limit for dimension
    #[metric(labels(limit_type))]
    pub acme_provider_ratelimit_limit: Gauge,
    /// Usage as percentage of limit
    #[metric(labels(limit_type), allow(base_units), unit = "percent")]
    pub acme_provider_ratelimit_usage_percent: Gauge,
    // SPIFFE (namespace: spiffe)
    /// SPIFFE accounts created
    #[metric(labels(workload))]
    pub spiffe_accounts_created_total: Counter,
    /// SPIFFE orders created
    #[metric(labels(workload))]
    pub spiffe_orders_created_total: Counter,
    /// SPIFFE orders finalized (issuance started)
    #[metric(labels(workload))]
    pub spiffe_orders_finalized_total: Counter,
    /// SPIFFE certificates issued successfully
    #[metric(labels(workload))]
    pub spiffe_certificates_issued_total: Counter,
    /// SPIFFE certificate issuance failures
    #[metric(labels(workload, reason))]
    pub spiffe_certificate_issuance_errors_total: Counter,
    /// SPIFFE certificates revoked
    #[metric(labels(workload))]
    pub spiffe_certificates_revoked_total: Counter,
    /// SPIFFE certificate downloads
    pub spiffe_certificate_retrievals_total: Counter,
    /// SPIFFE certificate download errors
    #[metric(labels(reason))]
    pub spiffe_certificate_retrieval_errors_total: Counter,
    /// SPIFFE trust bundle requests
    pub spiffe_trust_bundle_requests_total: Counter,
    /// Current concurrent issuance goroutines
    pub spiffe_issuance_queue_depth: Gauge,
    /// Issuance rejected due to queue full
    #[metric(labels(workload))]
    pub spiffe_issuance_queue_full_total: Counter,
    /// CA signing ceremony latency (ms)
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub spiffe_ca_signing_duration_ms: Histogram,
    /// Current rate limit usage per workload
    #[metric(labels(workload))]
    pub spiffe_ratelimit_current_usage: Gauge,
    /// Requests blocked by rate limit
    #[metric(labels(workload))]
    pub spiffe_ratelimit_blocked_total: Counter,
    /// Rate limit check errors (fail-open)
    #[metric(labels(workload, reason))]
    pub spiffe_ratelimit_check_error_total: Counter,
    /// Rate limit recording errors
    #[metric(labels(workload, reason))]
    pub spiffe_ratelimit_record_error_total: Counter,
    /// Rate limit entries recorded successfully
    #[metric(labels(workload))]
    pub spiffe_ratelimit_record_success_total: Counter,
}
