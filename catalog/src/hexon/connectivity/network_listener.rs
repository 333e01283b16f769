//! Network Listener.
//!
//! The module's names start with `listener_` or `hxep_`: no prefix, the fields carry the
//! whole names.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, MetricGroup};

/// Network Listener.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] r#type: &str,
    #[label(bound = CONFIGURED)] name: &str,
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(bound = CONFIGURED)] host: &str,
    #[label(unbounded)] path: &str,
    #[label(bound = PROTOCOL)] protocol: &str,
    #[label(bound = CONFIGURED)] target_node: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "Network Listener", allow(counter_total))]
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
    #[metric(labels(r#type, name))]
    pub listener_starts: Counter,
    /// Listener shutdowns
    #[metric(labels(r#type, name))]
    pub listener_stops: Counter,
    /// Listener restarts
    #[metric(labels(r#type, name))]
    pub listener_restarts: Counter,
    /// Listener errors
    #[metric(labels(r#type, name))]
    pub listener_errors: Counter,
    // Rate & Size Limiting
    /// Requests blocked by rate limit
    #[metric(labels(reason))]
    pub listener_rate_limit_hits: Counter,
    /// Circuit breaker trips
    pub listener_ratelimit_circuit_breaker_trips_total: Counter,
    /// Size limit exceeded
    #[metric(labels(host, path))]
    pub listener_size_limit_hits: Counter,
    // TLS Security
    /// Successful TLS connections
    #[metric(labels(protocol))]
    pub listener_connections_accepted: Counter,
    /// Non-TLS connections rejected
    #[metric(labels(reason))]
    pub listener_security_non_tls_dropped: Counter,
    /// Invalid TLS versions
    #[metric(labels(reason))]
    pub listener_security_malformed_tls: Counter,
    /// TLS records exceeding RFC limits
    #[metric(labels(reason))]
    pub listener_security_oversized_record: Counter,
    /// ClientHello too large
    #[metric(labels(reason))]
    pub listener_security_oversized_clienthello: Counter,
    /// Suspiciously small ClientHello
    #[metric(labels(reason))]
    pub listener_security_small_clienthello: Counter,
    /// Malformed ClientHello
    #[metric(labels(reason))]
    pub listener_security_malformed_clienthello: Counter,
    /// TLS handshakes without SNI
    #[metric(labels(reason))]
    pub listener_security_no_sni: Counter,
    // QUIC Affinity
    /// QUIC packets received
    pub listener_quic_affinity_packets_received: Counter,
    /// QUIC packets dropped
    #[metric(labels(reason))]
    pub listener_quic_affinity_packets_dropped: Counter,
    /// QUIC decryption failures
    pub listener_quic_affinity_decryption_failures: Counter,
    /// QUIC packets processed locally
    pub listener_quic_affinity_packets_local: Counter,
    /// QUIC packets forwarded to cluster
    #[metric(labels(target_node))]
    pub listener_quic_affinity_packets_forwarded: Counter,
    /// Forward failures
    #[metric(labels(target_node))]
    pub listener_quic_affinity_forward_failures: Counter,
    /// QUIC response packets dropped
    #[metric(labels(reason))]
    pub listener_quic_affinity_response_dropped: Counter,
    /// Active connection ID mappings
    pub listener_quic_affinity_cid_mappings: Gauge,
    /// QUIC connection migrations
    pub listener_quic_connection_migrations: Counter,
    // QUIC Forwarding
    /// Forwarding connect errors
    #[metric(labels(target_node))]
    pub listener_quic_forward_connect_errors: Counter,
    /// Forwarding write errors
    #[metric(labels(target_node))]
    pub listener_quic_forward_write_errors: Counter,
    /// Bytes forwarded
    #[metric(labels(target_node), unit = "bytes")]
    pub listener_quic_forward_bytes: Counter,
    // HXEP (Edge Protocol)
    /// TCP HXEP parsed (trusted)
    pub hxep_parsed_trusted: Counter,
    /// TCP HXEP stripped (untrusted)
    pub hxep_stripped_untrusted: Counter,
    /// TCP HXEP parse failures
    pub hxep_parse_failed: Counter,
    /// TCP HXEP incomplete headers
    pub hxep_partial_header: Counter,
    /// UDP HXEP parsed (trusted)
    pub hxep_udp_parsed_trusted: Counter,
    /// UDP HXEP stripped (untrusted)
    pub hxep_udp_stripped_untrusted: Counter,
    /// UDP HXEP parse failures
    pub hxep_udp_parse_failed: Counter,
}
