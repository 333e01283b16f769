//! Client Access (HexonClient).

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Gauge, Histogram, MetricGroup};

use crate::hexon::LATENCY;

/// Client Access (HexonClient).
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(unbounded, optional)] username: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "clientaccess", section = "Client Access (HexonClient)")]
#[alert(
    name = "ClientAccessNearClientLimit",
    expr = "clientaccess_connections_active > 0.9 * 10000",
    severity = "warning",
    summary = "Approaching client limit",
    correction = "the document compares with `max_clients * 0.9`: `max_clients` is configuration, not a metric, so the expression selects nothing; the rule writes the threshold out for a configured maximum of 10,000 clients (change it with the configuration)"
)]
#[alert(
    name = "ClientAccessRejectionSpike",
    expr = "rate(clientaccess_connections_rejected[5m]) > 10",
    severity = "warning",
    summary = "Connection rejection spike"
)]
#[alert(
    name = "ClientAccessAuthFailureSpike",
    expr = "rate(clientaccess_auth_failures_total[5m]) > 10",
    severity = "warning",
    summary = "Authentication failure spike"
)]
#[alert(
    name = "ClientAccessAclDenialSpike",
    expr = "rate(clientaccess_dials_denied_total[5m]) > 20",
    severity = "warning",
    summary = "ACL denial spike"
)]
pub struct ClientAccess {
    // Connections
    /// QUIC connections accepted
    pub connections_total: Counter,
    /// Currently active QUIC connections
    pub connections_active: Gauge,
    /// Connections rejected before auth
    #[metric(labels(reason), allow(counter_total))]
    pub connections_rejected: Counter,
    /// Connection lifetime
    #[metric(labels(username?), buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    // Authentication
    /// Successful authentications
    #[metric(labels(username?))]
    pub auth_success_total: Counter,
    /// Failed authentications
    #[metric(labels(reason))]
    pub auth_failures_total: Counter,
    // Clients
    /// Registered client instances
    pub clients_active: Gauge,
    // Heartbeat
    /// Heartbeat RTT (raw)
    #[metric(labels(username?), buckets = LATENCY, unit = "seconds")]
    pub heartbeat_latency: Histogram,
    // Dial
    /// Dial requests received
    pub dials_total: Counter,
    /// Dials denied by ACL
    pub dials_denied_total: Counter,
    /// Dials completed successfully
    pub dials_success_total: Counter,
    /// Dial errors (connect refused, timeout)
    pub dials_errors_total: Counter,
    /// Backend dial time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub dial_latency: Histogram,
    /// Active QUIC dial streams
    pub streams_active: Gauge,
    // DNS
    /// DNS queries processed
    pub dns_queries_total: Counter,
}
