//! DNS Resolution.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// Buckets of `dns_resolver_score`: the document gives neither buckets nor the score's range,
/// so a wide spread that resolves both normalised (0-1) scores and millisecond-like scores.
pub const SCORE: &[f64] = &[
    0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0,
];

/// `result` of `dns_resolve_total`, `dns_resolver_queries_total` and
/// `dns_system_dns_queries_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ResolveResult {
    Success,
    Nxdomain,
    Failure,
}

/// `operation` of `dns_cache_operations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CacheOperation {
    Set,
}

/// `result` of `dns_cache_operations_total`.
pub use crate::hexon::values::SuccessError as CacheOperationResult;

/// `type` of `dns_transport_used`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Transport {
    Udp,
    Dot,
}

/// `status` of `dns_cname_resolutions_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CnameStatus {
    Success,
    DepthExceeded,
}

/// `result` of `dns_dnssec_validations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AdBitResult {
    Valid,
    Invalid,
    Unsigned,
}

/// `result` of `dns_dnssec_full_validations`, `dns_dnssec_chain_validations`,
/// `dns_dnssec_root_validations` and `dns_dnssec_nsec_validations`.
pub use crate::hexon::values::ValidInvalid as Validity;

/// `result` of `dns_dnssec_signature_validations` and `dns_dnssec_response_validations`: the
/// document lists `valid` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ValidOnly {
    Valid,
}

/// `result` of `dns_dnssec_dnskey_queries`: the document lists `success` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SuccessOnly {
    Success,
}

/// `type` of `dns_dnssec_nsec_validations`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum NsecType {
    Nsec,
    Nsec3,
}

/// `type` of `dns_dnssec_cache_hits` and `dns_dnssec_cache_misses`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum DnssecRecordType {
    Dnskey,
    Ds,
}

/// `mode` of `dns_adaptive_selection_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SelectionMode {
    Explore,
    Exploit,
}

/// DNS Resolution.
#[metrics_core::labels(
    result: ResolveResult,
    cached: bool,
    #[label(bound = PROTOCOL)] dnssec: &str,
    operation: CacheOperation,
    #[label(name = "result")] cache_operation_result: CacheOperationResult,
    #[label(bound = CONFIGURED)] resolver: &str,
    r#type: Transport,
    status: CnameStatus,
    #[label(name = "result")] ad_bit_result: AdBitResult,
    #[label(name = "result")] validity: Validity,
    #[label(name = "result")] valid_only: ValidOnly,
    #[label(bound = PROTOCOL)] algorithm: &str,
    #[label(name = "result")] success_only: SuccessOnly,
    #[label(name = "type")] nsec_type: NsecType,
    #[label(name = "type")] dnssec_record_type: DnssecRecordType,
    #[label(bound = CODE_DEFINED)] reason: &str,
    mode: SelectionMode,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "dns", section = "DNS Resolution", allow(counter_total))]
pub struct DnsResolution {
    // Resolution (namespace: dns)
    /// Resolution outcomes
    #[metric(labels(result, cached, dnssec))]
    pub resolve_total: Counter,
    /// NXDOMAIN responses (uncached)
    pub nxdomain_total: Counter,
    /// Cache hits
    pub cache_hits: Counter,
    /// Cache misses
    pub cache_misses: Counter,
    /// Lookups coalesced (shared concurrent result)
    pub lookup_coalesced: Counter,
    /// Lookups actually performed
    pub lookup_performed: Counter,
    /// Cache write operations
    #[metric(
        decision = "lists only operation=set (\"Broadcast cache set outcomes\"); `operation` is a closed set of that one value"
    )]
    #[metric(labels(operation, cache_operation_result))]
    pub cache_operations_total: Counter,
    // Resolver Selection (namespace: dns)
    /// Per-resolver query outcomes
    #[metric(labels(resolver, result))]
    pub resolver_queries_total: Counter,
    /// System DNS fallback queries
    #[metric(labels(result))]
    pub system_dns_queries_total: Counter,
    // Transport (namespace: dns)
    /// DNS transport protocol used
    #[metric(labels(r#type, resolver))]
    pub transport_used: Counter,
    // CNAME Resolution (namespace: dns)
    /// CNAME chain resolution outcomes
    #[metric(labels(status))]
    pub cname_resolutions_total: Counter,
    // DNSSEC Validation (namespace: dns)
    /// Resolver-trust mode validations
    #[metric(labels(ad_bit_result, resolver))]
    pub dnssec_validations_total: Counter,
    /// Full cryptographic validations
    #[metric(labels(validity, resolver))]
    pub dnssec_full_validations: Counter,
    /// RRSIG signature verifications
    #[metric(
        decision = "lists only result=valid (\"Successful signature check\"); `result` is a closed set of that one value"
    )]
    #[metric(labels(valid_only, algorithm))]
    pub dnssec_signature_validations: Counter,
    /// DNSKEY record fetches
    #[metric(
        decision = "lists only result=success (\"DNSKEY query succeeded\"); `result` is a closed set of that one value"
    )]
    #[metric(labels(success_only))]
    pub dnssec_dnskey_queries: Counter,
    /// Full response validations
    #[metric(
        decision = "lists only result=valid (\"All RRsets validated\"); `result` is a closed set of that one value"
    )]
    #[metric(labels(valid_only))]
    pub dnssec_response_validations: Counter,
    /// Chain of trust DS validations
    #[metric(labels(validity))]
    pub dnssec_chain_validations: Counter,
    /// Root trust anchor validations
    #[metric(labels(validity))]
    pub dnssec_root_validations: Counter,
    /// NSEC/NSEC3 denial validations
    #[metric(labels(validity, nsec_type))]
    pub dnssec_nsec_validations: Counter,
    // DNSSEC Cache (namespace: dns)
    /// DNSSEC record cache hits
    #[metric(labels(dnssec_record_type))]
    pub dnssec_cache_hits: Counter,
    /// DNSSEC record cache misses
    #[metric(labels(dnssec_record_type))]
    pub dnssec_cache_misses: Counter,
    /// DNSSEC cache full clears
    pub dnssec_cache_clears: Counter,
    // Health Management (namespace: dns)
    /// Per-resolver query latency
    #[metric(labels(resolver), buckets = LATENCY, unit = "seconds")]
    pub resolver_latency: Histogram,
    /// Resolver health status (1=healthy, 0=unhealthy)
    #[metric(labels(resolver))]
    pub resolver_healthy: Gauge,
    /// Resolver average latency EMA (ms)
    #[metric(
        labels(resolver),
        allow(base_units, unit_abbreviation),
        unit = "milliseconds"
    )]
    pub resolver_avg_latency_ms: Gauge,
    /// Consecutive failure count per resolver
    #[metric(labels(resolver))]
    pub resolver_consecutive_failures: Gauge,
    /// Total resolver failures
    #[metric(labels(resolver))]
    pub resolver_failures_total: Counter,
    /// System DNS fallback active (1=active, 0=inactive)
    pub system_fallback: Gauge,
    /// System DNS fallback activations
    pub fallback_activations: Counter,
    // Adaptive Selection (namespace: dns)
    /// Adaptive resolver selections
    #[metric(
        decision = "reason=exploration|best_score|round_robin|... is an explicitly partial list; `reason` is free text"
    )]
    #[metric(labels(resolver, reason))]
    pub adaptive_resolver_selected: Counter,
    /// Selection mode distribution
    #[metric(labels(mode, resolver))]
    pub adaptive_selection_total: Counter,
    /// Resolver scores (intelligent phase)
    #[metric(
        buckets = SCORE,
        decision = "a histogram of unitless scores without buckets or range; the module-local SCORE preset (0.01 to 1000)"
    )]
    #[metric(labels(resolver))]
    pub resolver_score: Histogram,
}
