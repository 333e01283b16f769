//! Network Listener.
//!
//! The module's names start with `listener_` or `hxep_`: no prefix, the fields carry the
//! whole names.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, LabelSet, MetricGroup};

/// `{type, name}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ListenerLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub r#type: &'a str,
    #[label(bound = CONFIGURED)]
    pub name: &'a str,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{host, path}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HostPathLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
    #[label(unbounded)]
    pub path: &'a str,
}

/// `{protocol}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ProtocolLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub protocol: &'a str,
}

/// `{target_node}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TargetNodeLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub target_node: &'a str,
}

/// Network Listener.
#[derive(Debug, MetricGroup)]
#[metrics(section = "Network Listener")]
#[alert(
    name = "ListenerRateLimitingHigh",
    expr = "rate(listener_rate_limit_hits[5m]) > 50",
    severity = "warning",
    summary = "High rate limiting (possible attack)"
)]
#[alert(
    name = "ListenerCircuitBreakerTripped",
    expr = "increase(listener_ratelimit_circuit_breaker_trips_total[5m]) > 0",
    severity = "warning",
    summary = "Circuit breaker tripped",
    correction = "the document compares the counter `listener_ratelimit_circuit_breaker_trips_total > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "ListenerSniProbing",
    expr = "rate(listener_security_no_sni[5m]) > 10",
    severity = "warning",
    summary = "SNI probing"
)]
#[alert(
    name = "ListenerHxepSpoofing",
    expr = "rate(hxep_stripped_untrusted[5m]) > 0",
    severity = "critical",
    summary = "HXEP spoofing attempt"
)]
#[alert(
    name = "ListenerQuicForwardingFailures",
    expr = "rate(listener_quic_affinity_forward_failures[5m]) > 0",
    severity = "warning",
    summary = "Cluster QUIC forwarding issues"
)]
pub struct NetworkListener {
    // Lifecycle
    /// Listener startups
    #[metric(allow(counter_total))]
    pub listener_starts: Family<ListenerLabels<'static>, Counter>,
    /// Listener shutdowns
    #[metric(allow(counter_total))]
    pub listener_stops: Family<ListenerLabels<'static>, Counter>,
    /// Listener restarts
    #[metric(allow(counter_total))]
    pub listener_restarts: Family<ListenerLabels<'static>, Counter>,
    /// Listener errors
    #[metric(allow(counter_total))]
    pub listener_errors: Family<ListenerLabels<'static>, Counter>,
    // Rate & Size Limiting
    /// Requests blocked by rate limit
    #[metric(allow(counter_total))]
    pub listener_rate_limit_hits: Family<ReasonLabels<'static>, Counter>,
    /// Circuit breaker trips
    pub listener_ratelimit_circuit_breaker_trips_total: Counter,
    /// Size limit exceeded
    #[metric(allow(counter_total))]
    pub listener_size_limit_hits: Family<HostPathLabels<'static>, Counter>,
    // TLS Security
    /// Successful TLS connections
    #[metric(allow(counter_total))]
    pub listener_connections_accepted: Family<ProtocolLabels<'static>, Counter>,
    /// Non-TLS connections rejected
    #[metric(allow(counter_total))]
    pub listener_security_non_tls_dropped: Family<ReasonLabels<'static>, Counter>,
    /// Invalid TLS versions
    #[metric(allow(counter_total))]
    pub listener_security_malformed_tls: Family<ReasonLabels<'static>, Counter>,
    /// TLS records exceeding RFC limits
    #[metric(allow(counter_total))]
    pub listener_security_oversized_record: Family<ReasonLabels<'static>, Counter>,
    /// ClientHello too large
    #[metric(allow(counter_total))]
    pub listener_security_oversized_clienthello: Family<ReasonLabels<'static>, Counter>,
    /// Suspiciously small ClientHello
    #[metric(allow(counter_total))]
    pub listener_security_small_clienthello: Family<ReasonLabels<'static>, Counter>,
    /// Malformed ClientHello
    #[metric(allow(counter_total))]
    pub listener_security_malformed_clienthello: Family<ReasonLabels<'static>, Counter>,
    /// TLS handshakes without SNI
    #[metric(allow(counter_total))]
    pub listener_security_no_sni: Family<ReasonLabels<'static>, Counter>,
    // QUIC Affinity
    /// QUIC packets received
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_packets_received: Counter,
    /// QUIC packets dropped
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_packets_dropped: Family<ReasonLabels<'static>, Counter>,
    /// QUIC decryption failures
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_decryption_failures: Counter,
    /// QUIC packets processed locally
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_packets_local: Counter,
    /// QUIC packets forwarded to cluster
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_packets_forwarded: Family<TargetNodeLabels<'static>, Counter>,
    /// Forward failures
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_forward_failures: Family<TargetNodeLabels<'static>, Counter>,
    /// QUIC response packets dropped
    #[metric(allow(counter_total))]
    pub listener_quic_affinity_response_dropped: Family<ReasonLabels<'static>, Counter>,
    /// Active connection ID mappings
    pub listener_quic_affinity_cid_mappings: Gauge,
    /// QUIC connection migrations
    #[metric(allow(counter_total))]
    pub listener_quic_connection_migrations: Counter,
    // QUIC Forwarding
    /// Forwarding connect errors
    #[metric(allow(counter_total))]
    pub listener_quic_forward_connect_errors: Family<TargetNodeLabels<'static>, Counter>,
    /// Forwarding write errors
    #[metric(allow(counter_total))]
    pub listener_quic_forward_write_errors: Family<TargetNodeLabels<'static>, Counter>,
    /// Bytes forwarded
    #[metric(unit = "bytes")]
    #[metric(allow(counter_total))]
    pub listener_quic_forward_bytes: Family<TargetNodeLabels<'static>, Counter>,
    // HXEP (Edge Protocol)
    /// TCP HXEP parsed (trusted)
    #[metric(allow(counter_total))]
    pub hxep_parsed_trusted: Counter,
    /// TCP HXEP stripped (untrusted)
    #[metric(allow(counter_total))]
    pub hxep_stripped_untrusted: Counter,
    /// TCP HXEP parse failures
    #[metric(allow(counter_total))]
    pub hxep_parse_failed: Counter,
    /// TCP HXEP incomplete headers
    #[metric(allow(counter_total))]
    pub hxep_partial_header: Counter,
    /// UDP HXEP parsed (trusted)
    #[metric(allow(counter_total))]
    pub hxep_udp_parsed_trusted: Counter,
    /// UDP HXEP stripped (untrusted)
    #[metric(allow(counter_total))]
    pub hxep_udp_stripped_untrusted: Counter,
    /// UDP HXEP parse failures
    #[metric(allow(counter_total))]
    pub hxep_udp_parse_failed: Counter,
}
