//! QUIC Connector.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Gauge, Histogram, MetricGroup};

use crate::hexon::LATENCY;

/// QUIC Connector.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(bound = CONFIGURED)] site_id: &str,
    #[label(unbounded)] target: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "connectors",
    section = "QUIC Connector",
    allow(counter_total)
)]
#[alert(
    name = "ConnectorAuthFailures",
    expr = "rate(connectors_auth_failures_total[5m]) > 5",
    severity = "warning",
    summary = "High auth failure rate (brute force or misconfiguration)"
)]
#[alert(
    name = "ConnectorNoInstances",
    expr = "connectors_instances_active == 0",
    severity = "critical",
    summary = "No connector instances (site unreachable)"
)]
#[alert(
    name = "ConnectorDialFailures",
    expr = "rate(connectors_dials_errors_total[5m]) > 10",
    severity = "warning",
    summary = "High dial failure rate (tunnel health)"
)]
#[alert(
    name = "ConnectorRelayRejected",
    expr = "rate(connectors_relay_rejected_total[5m]) > 0",
    severity = "warning",
    summary = "Relay auth failures (cluster misconfiguration)"
)]
#[alert(
    name = "ConnectorConnectionsHigh",
    expr = "connectors_connections_active > 100",
    severity = "warning",
    summary = "High connection count"
)]
pub struct QuicConnector {
    // Connections
    /// Total connector connections
    pub connections_total: Counter,
    /// Active connector connections
    pub connections_active: Gauge,
    /// Rejected connections
    #[metric(labels(reason))]
    pub connections_rejected: Counter,
    /// Connection lifetime
    #[metric(labels(site_id), buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    // Authentication
    /// Successful authentications
    #[metric(labels(site_id))]
    pub auth_success_total: Counter,
    /// Authentication failures
    #[metric(labels(site_id, reason))]
    pub auth_failures_total: Counter,
    // Instances
    /// Active connector instances
    #[metric(labels(site_id))]
    pub instances_active: Gauge,
    /// Heartbeat round-trip time
    #[metric(labels(site_id), buckets = LATENCY, unit = "seconds")]
    pub heartbeat_latency: Histogram,
    // Dial (tunnel dispatch)
    /// Dial attempts through tunnel
    #[metric(labels(site_id))]
    pub dials_total: Counter,
    /// Successful dials
    #[metric(labels(site_id))]
    pub dials_success_total: Counter,
    /// Failed dials
    #[metric(labels(site_id, reason))]
    pub dials_errors_total: Counter,
    /// Dial latency
    #[metric(labels(site_id), buckets = LATENCY, unit = "seconds")]
    pub dial_latency: Histogram,
    /// Active QUIC streams
    pub streams_active: Gauge,
    // Rebalance
    /// Soft-rejected for rebalance
    #[metric(labels(site_id))]
    pub rebalance_reject_total: Counter,
    /// Accepted after rebalance check
    #[metric(labels(site_id))]
    pub rebalance_accept_total: Counter,
    // Inter-node forwarding (TCP-level)
    /// Forward attempts to peer node
    #[metric(labels(site_id, target))]
    pub forward_total: Counter,
    /// Successful forwards
    #[metric(labels(site_id, target))]
    pub forward_success_total: Counter,
    /// Failed forwards
    #[metric(labels(site_id, target))]
    pub forward_errors_total: Counter,
    /// Forward latency
    #[metric(labels(site_id, target), buckets = LATENCY, unit = "seconds")]
    pub forward_latency: Histogram,
    /// Requests handled locally
    #[metric(labels(site_id))]
    pub forward_local_total: Counter,
    // Relay (QUIC inter-node dispatch)
    /// Client-side relay attempts
    #[metric(labels(site_id, target))]
    pub relay_total: Counter,
    /// Server-side relay requests handled
    #[metric(labels(site_id, target))]
    pub relay_served: Counter,
    /// Successful relay dispatches
    #[metric(labels(site_id, target))]
    pub relay_success_total: Counter,
    /// Failed relay dispatches
    #[metric(labels(site_id, reason))]
    pub relay_errors_total: Counter,
    /// Relay connections rejected (auth)
    #[metric(labels(reason))]
    pub relay_rejected_total: Counter,
}
