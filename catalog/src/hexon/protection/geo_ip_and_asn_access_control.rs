//! Geo/IP and ASN Access Control.
//!
//! `blocked_by_country` and `blocked_by_asn` are emitted alongside `requests_total` for
//! per-entity breakdown. `requests_total` with `reason=asn_not_allowed` and
//! `reason=country_not_allowed` intentionally omit the per-entity label to avoid unbounded
//! cardinality (the blocked entity is not in any configured list).

use crate::bounds::{CODE_DEFINED, COUNTRIES};
use metrics_core::{Counter, LabelValue, MetricGroup};

/// `status` of `geoaccess_requests_total`.
pub use crate::hexon::values::AllowedBlocked as Status;

/// `reason` of `geoaccess_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Reason {
    BypassCidr,
    Passed,
    AsnDenied,
    AsnNotAllowed,
    CountryDenied,
    CountryNotAllowed,
}

/// `result` of `geoaccess_cache`.
pub use crate::hexon::values::HitMiss as CacheResult;

/// Geo/IP and ASN Access Control.
#[metrics_core::labels(
    status: Status,
    reason: Reason,
    #[label(bound = COUNTRIES)] country: &str,
    #[label(unbounded)] asn: &str,
    result: CacheResult,
    #[label(bound = CODE_DEFINED)] r#type: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "geoaccess",
    section = "Geo/IP and ASN Access Control",
    allow(counter_total)
)]
#[alert(
    name = "GeoAccessBlockSpike",
    expr = r#"sum(rate(geoaccess_requests_total{status="blocked"}[5m])) > 3 * sum(rate(geoaccess_requests_total{status="blocked"}[1h] offset 1h))"#,
    severity = "warning",
    summary = "Unusual geo-block volume — verify rules or check for attack",
    correction = r#"the document writes `rate(geoaccess_requests_total{status="blocked"}[5m]) spike`: "spike" is prose; the rule calls three times the rate of the hour before a spike"#
)]
#[alert(
    name = "GeoAccessCacheMissesHigh",
    expr = r#"sum(rate(geoaccess_cache{result="miss"}[5m])) > 2 * sum(rate(geoaccess_cache{result="hit"}[5m]))"#,
    severity = "info",
    summary = "Low cache hit rate — high IP diversity or short TTL",
    correction = r#"the document writes `geoaccess_cache{result="miss"} >> geoaccess_cache{result="hit"}`: `>>` is no PromQL operator, the counters are compared raw, and the two sides differ in `result` so they would never match; the rule compares the summed rates, "much greater" as twice"#
)]
pub struct GeoIpAndAsnAccessControl {
    // Request outcomes
    /// Per-request outcome
    #[metric(labels(status, reason))]
    pub requests_total: Counter,
    /// Blocked requests by country code
    #[metric(labels(country))]
    pub blocked_by_country: Counter,
    /// Blocked requests by ASN number
    #[metric(labels(asn))]
    pub blocked_by_asn: Counter,
    /// Requests using CDN-provided country header
    #[metric(labels(country))]
    pub cdn_country_used: Counter,
    // Cache performance
    /// Cache hit/miss tracking
    #[metric(
        decision = "`type` is \"(empty for full lookup) | asn_only\": an empty value cannot be a closed-set value (Prometheus reads it as an absent label), so `type` is free text, empty or `asn_only`"
    )]
    // `{result, type}`: `type` is empty for a full lookup, `asn_only` for an ASN-only lookup (CDN
    // country mode).
    #[metric(labels(result, r#type))]
    pub cache: Counter,
}
