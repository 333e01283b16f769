//! DNS Resolution.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{result, cached, dnssec}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResolveLabels<'a> {
    pub result: ResolveResult,
    pub cached: bool,
    #[label(bound = PROTOCOL)]
    pub dnssec: &'a str,
}

/// `{operation, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CacheOperationLabels {
    pub operation: CacheOperation,
    pub result: CacheOperationResult,
}

/// `{resolver, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResolverQueryLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
    pub result: ResolveResult,
}

/// `{result}` of `dns_system_dns_queries_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SystemQueryLabels {
    pub result: ResolveResult,
}

/// `{type, resolver}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TransportLabels<'a> {
    pub r#type: Transport,
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
}

/// `{status}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CnameLabels {
    pub status: CnameStatus,
}

/// `{result, resolver}` of `dns_dnssec_validations_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AdBitLabels<'a> {
    pub result: AdBitResult,
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
}

/// `{result, resolver}` of `dns_dnssec_full_validations`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct FullValidationLabels<'a> {
    pub result: Validity,
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
}

/// `{result, algorithm}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SignatureLabels<'a> {
    pub result: ValidOnly,
    #[label(bound = PROTOCOL)]
    pub algorithm: &'a str,
}

/// `{result}` of `dns_dnssec_dnskey_queries`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DnskeyQueryLabels {
    pub result: SuccessOnly,
}

/// `{result}` of `dns_dnssec_response_validations`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResponseValidationLabels {
    pub result: ValidOnly,
}

/// `{result}` of `dns_dnssec_chain_validations` and `dns_dnssec_root_validations`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ValidityLabels {
    pub result: Validity,
}

/// `{result, type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct NsecLabels {
    pub result: Validity,
    pub r#type: NsecType,
}

/// `{type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DnssecCacheLabels {
    pub r#type: DnssecRecordType,
}

/// `{resolver}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResolverLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
}

/// `{resolver, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AdaptiveSelectedLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{mode, resolver}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SelectionModeLabels<'a> {
    pub mode: SelectionMode,
    #[label(bound = CONFIGURED)]
    pub resolver: &'a str,
}

/// DNS Resolution.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "dns", section = "DNS Resolution")]
pub struct DnsResolution {
    // Resolution (namespace: dns)
    /// Resolution outcomes
    pub resolve_total: Family<ResolveLabels<'static>, Counter>,
    /// NXDOMAIN responses (uncached)
    pub nxdomain_total: Counter,
    /// Cache hits
    #[metric(allow(counter_total))]
    pub cache_hits: Counter,
    /// Cache misses
    #[metric(allow(counter_total))]
    pub cache_misses: Counter,
    /// Lookups coalesced (shared concurrent result)
    #[metric(allow(counter_total))]
    pub lookup_coalesced: Counter,
    /// Lookups actually performed
    #[metric(allow(counter_total))]
    pub lookup_performed: Counter,
    /// Cache write operations
    #[metric(
        decision = "lists only operation=set (\"Broadcast cache set outcomes\"); `operation` is a closed set of that one value"
    )]
    pub cache_operations_total: Family<CacheOperationLabels, Counter>,
    // Resolver Selection (namespace: dns)
    /// Per-resolver query outcomes
    pub resolver_queries_total: Family<ResolverQueryLabels<'static>, Counter>,
    /// System DNS fallback queries
    pub system_dns_queries_total: Family<SystemQueryLabels, Counter>,
    // Transport (namespace: dns)
    /// DNS transport protocol used
    #[metric(allow(counter_total))]
    pub transport_used: Family<TransportLabels<'static>, Counter>,
    // CNAME Resolution (namespace: dns)
    /// CNAME chain resolution outcomes
    pub cname_resolutions_total: Family<CnameLabels, Counter>,
    // DNSSEC Validation (namespace: dns)
    /// Resolver-trust mode validations
    pub dnssec_validations_total: Family<AdBitLabels<'static>, Counter>,
    /// Full cryptographic validations
    #[metric(allow(counter_total))]
    pub dnssec_full_validations: Family<FullValidationLabels<'static>, Counter>,
    /// RRSIG signature verifications
    #[metric(
        decision = "lists only result=valid (\"Successful signature check\"); `result` is a closed set of that one value"
    )]
    #[metric(allow(counter_total))]
    pub dnssec_signature_validations: Family<SignatureLabels<'static>, Counter>,
    /// DNSKEY record fetches
    #[metric(
        decision = "lists only result=success (\"DNSKEY query succeeded\"); `result` is a closed set of that one value"
    )]
    #[metric(allow(counter_total))]
    pub dnssec_dnskey_queries: Family<DnskeyQueryLabels, Counter>,
    /// Full response validations
    #[metric(
        decision = "lists only result=valid (\"All RRsets validated\"); `result` is a closed set of that one value"
    )]
    #[metric(allow(counter_total))]
    pub dnssec_response_validations: Family<ResponseValidationLabels, Counter>,
    /// Chain of trust DS validations
    #[metric(allow(counter_total))]
    pub dnssec_chain_validations: Family<ValidityLabels, Counter>,
    /// Root trust anchor validations
    #[metric(allow(counter_total))]
    pub dnssec_root_validations: Family<ValidityLabels, Counter>,
    /// NSEC/NSEC3 denial validations
    #[metric(allow(counter_total))]
    pub dnssec_nsec_validations: Family<NsecLabels, Counter>,
    // DNSSEC Cache (namespace: dns)
    /// DNSSEC record cache hits
    #[metric(allow(counter_total))]
    pub dnssec_cache_hits: Family<DnssecCacheLabels, Counter>,
    /// DNSSEC record cache misses
    #[metric(allow(counter_total))]
    pub dnssec_cache_misses: Family<DnssecCacheLabels, Counter>,
    /// DNSSEC cache full clears
    #[metric(allow(counter_total))]
    pub dnssec_cache_clears: Counter,
    // Health Management (namespace: dns)
    /// Per-resolver query latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub resolver_latency: Family<ResolverLabels<'static>, Histogram>,
    /// Resolver health status (1=healthy, 0=unhealthy)
    pub resolver_healthy: Family<ResolverLabels<'static>, Gauge>,
    /// Resolver average latency EMA (ms)
    #[metric(unit = "milliseconds")]
    #[metric(allow(base_units, unit_abbreviation))]
    pub resolver_avg_latency_ms: Family<ResolverLabels<'static>, Gauge>,
    /// Consecutive failure count per resolver
    pub resolver_consecutive_failures: Family<ResolverLabels<'static>, Gauge>,
    /// Total resolver failures
    pub resolver_failures_total: Family<ResolverLabels<'static>, Counter>,
    /// System DNS fallback active (1=active, 0=inactive)
    pub system_fallback: Gauge,
    /// System DNS fallback activations
    #[metric(allow(counter_total))]
    pub fallback_activations: Counter,
    // Adaptive Selection (namespace: dns)
    /// Adaptive resolver selections
    #[metric(
        decision = "reason=exploration|best_score|round_robin|... is an explicitly partial list; `reason` is free text"
    )]
    #[metric(allow(counter_total))]
    pub adaptive_resolver_selected: Family<AdaptiveSelectedLabels<'static>, Counter>,
    /// Selection mode distribution
    pub adaptive_selection_total: Family<SelectionModeLabels<'static>, Counter>,
    /// Resolver scores (intelligent phase)
    #[metric(
        buckets = SCORE,
        decision = "a histogram of unitless scores without buckets or range; the module-local SCORE preset (0.01 to 1000)"
    )]
    pub resolver_score: Family<ResolverLabels<'static>, Histogram>,
}
