//! QUIC Connector.

use crate::bounds::{CODE_DEFINED, CONFIGURED};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, MetricGroup};

use crate::hexon::LATENCY;

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{site_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SiteLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site_id: &'a str,
}

/// `{site_id, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SiteReasonLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site_id: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{site_id, target}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SiteTargetLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub site_id: &'a str,
    #[label(unbounded)]
    pub target: &'a str,
}

/// QUIC Connector.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "connectors", section = "QUIC Connector")]
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
    #[metric(allow(counter_total))]
    pub connections_rejected: Family<ReasonLabels<'static>, Counter>,
    /// Connection lifetime
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Family<SiteLabels<'static>, Histogram>,
    // Authentication
    /// Successful authentications
    pub auth_success_total: Family<SiteLabels<'static>, Counter>,
    /// Authentication failures
    pub auth_failures_total: Family<SiteReasonLabels<'static>, Counter>,
    // Instances
    /// Active connector instances
    pub instances_active: Family<SiteLabels<'static>, Gauge>,
    /// Heartbeat round-trip time
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub heartbeat_latency: Family<SiteLabels<'static>, Histogram>,
    // Dial (tunnel dispatch)
    /// Dial attempts through tunnel
    pub dials_total: Family<SiteLabels<'static>, Counter>,
    /// Successful dials
    pub dials_success_total: Family<SiteLabels<'static>, Counter>,
    /// Failed dials
    pub dials_errors_total: Family<SiteReasonLabels<'static>, Counter>,
    /// Dial latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub dial_latency: Family<SiteLabels<'static>, Histogram>,
    /// Active QUIC streams
    pub streams_active: Gauge,
    // Rebalance
    /// Soft-rejected for rebalance
    pub rebalance_reject_total: Family<SiteLabels<'static>, Counter>,
    /// Accepted after rebalance check
    pub rebalance_accept_total: Family<SiteLabels<'static>, Counter>,
    // Inter-node forwarding (TCP-level)
    /// Forward attempts to peer node
    pub forward_total: Family<SiteTargetLabels<'static>, Counter>,
    /// Successful forwards
    pub forward_success_total: Family<SiteTargetLabels<'static>, Counter>,
    /// Failed forwards
    pub forward_errors_total: Family<SiteTargetLabels<'static>, Counter>,
    /// Forward latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub forward_latency: Family<SiteTargetLabels<'static>, Histogram>,
    /// Requests handled locally
    pub forward_local_total: Family<SiteLabels<'static>, Counter>,
    // Relay (QUIC inter-node dispatch)
    /// Client-side relay attempts
    pub relay_total: Family<SiteTargetLabels<'static>, Counter>,
    /// Server-side relay requests handled
    #[metric(allow(counter_total))]
    pub relay_served: Family<SiteTargetLabels<'static>, Counter>,
    /// Successful relay dispatches
    pub relay_success_total: Family<SiteTargetLabels<'static>, Counter>,
    /// Failed relay dispatches
    pub relay_errors_total: Family<SiteReasonLabels<'static>, Counter>,
    /// Relay connections rejected (auth)
    pub relay_rejected_total: Family<ReasonLabels<'static>, Counter>,
}
