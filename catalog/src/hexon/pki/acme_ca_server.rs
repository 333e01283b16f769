//! ACME CA Server.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{limit_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct LimitTypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub limit_type: &'a str,
}

/// `{limit_type, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CheckResultLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub limit_type: &'a str,
    pub result: CheckResult,
}

/// `{domain}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DomainLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub domain: &'a str,
}

/// `{limit_type, operation}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StateErrorLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub limit_type: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub operation: &'a str,
}

/// `{workload}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct WorkloadLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub workload: &'a str,
}

/// `{workload, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct WorkloadReasonLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub workload: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// ACME CA Server.
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
    pub acme_provider_ratelimit_check_results_total: Family<CheckResultLabels<'static>, Counter>,
    /// Rate limit check duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub acme_provider_ratelimit_check_duration: Histogram,
    /// Circuit breaker trips (blocking after consecutive state errors)
    pub acme_provider_ratelimit_circuit_breaker_trips_total:
        Family<LimitTypeLabels<'static>, Counter>,
    /// Orders recorded for rate limiting
    pub acme_provider_ratelimit_orders_created_total: Counter,
    /// Certificates recorded for rate limiting
    pub acme_provider_ratelimit_certs_issued_total: Counter,
    /// Issuances per registered domain
    pub acme_provider_ratelimit_domain_issuances_total: Family<DomainLabels<'static>, Counter>,
    /// Authorization failures per registered domain
    pub acme_provider_ratelimit_auth_failures_total: Family<DomainLabels<'static>, Counter>,
    /// Failed finalization attempts recorded
    pub acme_provider_ratelimit_finalization_failures_total: Counter,
    /// Distributed state access errors
    pub acme_provider_ratelimit_state_errors_total: Family<StateErrorLabels<'static>, Counter>,
    /// Warning: nearing rate limit capacity (80%+)
    pub acme_provider_ratelimit_approaching_total: Family<LimitTypeLabels<'static>, Counter>,
    /// Current usage count for limit dimension
    pub acme_provider_ratelimit_current_usage: Family<LimitTypeLabels<'static>, Gauge>,
    /// Configured limit for dimension
    pub acme_provider_ratelimit_limit: Family<LimitTypeLabels<'static>, Gauge>,
    /// Usage as percentage of limit
    #[metric(unit = "percent")]
    #[metric(allow(base_units))]
    pub acme_provider_ratelimit_usage_percent: Family<LimitTypeLabels<'static>, Gauge>,
    // SPIFFE (namespace: spiffe)
    /// SPIFFE accounts created
    pub spiffe_accounts_created_total: Family<WorkloadLabels<'static>, Counter>,
    /// SPIFFE orders created
    pub spiffe_orders_created_total: Family<WorkloadLabels<'static>, Counter>,
    /// SPIFFE orders finalized (issuance started)
    pub spiffe_orders_finalized_total: Family<WorkloadLabels<'static>, Counter>,
    /// SPIFFE certificates issued successfully
    pub spiffe_certificates_issued_total: Family<WorkloadLabels<'static>, Counter>,
    /// SPIFFE certificate issuance failures
    pub spiffe_certificate_issuance_errors_total: Family<WorkloadReasonLabels<'static>, Counter>,
    /// SPIFFE certificates revoked
    pub spiffe_certificates_revoked_total: Family<WorkloadLabels<'static>, Counter>,
    /// SPIFFE certificate downloads
    pub spiffe_certificate_retrievals_total: Counter,
    /// SPIFFE certificate download errors
    pub spiffe_certificate_retrieval_errors_total: Family<ReasonLabels<'static>, Counter>,
    /// SPIFFE trust bundle requests
    pub spiffe_trust_bundle_requests_total: Counter,
    /// Current concurrent issuance goroutines
    pub spiffe_issuance_queue_depth: Gauge,
    /// Issuance rejected due to queue full
    pub spiffe_issuance_queue_full_total: Family<WorkloadLabels<'static>, Counter>,
    /// CA signing ceremony latency (ms)
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub spiffe_ca_signing_duration_ms: Histogram,
    /// Current rate limit usage per workload
    pub spiffe_ratelimit_current_usage: Family<WorkloadLabels<'static>, Gauge>,
    /// Requests blocked by rate limit
    pub spiffe_ratelimit_blocked_total: Family<WorkloadLabels<'static>, Counter>,
    /// Rate limit check errors (fail-open)
    pub spiffe_ratelimit_check_error_total: Family<WorkloadReasonLabels<'static>, Counter>,
    /// Rate limit recording errors
    pub spiffe_ratelimit_record_error_total: Family<WorkloadReasonLabels<'static>, Counter>,
    /// Rate limit entries recorded successfully
    pub spiffe_ratelimit_record_success_total: Family<WorkloadLabels<'static>, Counter>,
}
