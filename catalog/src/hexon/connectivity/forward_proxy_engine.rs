//! Forward Proxy Engine.

use crate::bounds::{CODE_DEFINED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, MetricGroup};

use crate::hexon::LATENCY;

/// `{protocol, user_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ConnectionLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub protocol: &'a str,
    #[label(unbounded)]
    pub user_id: &'a str,
}

/// `{protocol, error}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ErrorLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub protocol: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub error: &'a str,
}

/// Forward Proxy Engine.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "forwardproxy", section = "Forward Proxy Engine")]
pub struct ForwardProxyEngine {
    // Connection Metrics (namespace: forwardproxy)
    /// Proxy connections recorded
    pub connections_total: Family<ConnectionLabels<'static>, Counter>,
    /// Bytes sent through proxy
    #[metric(unit = "bytes")]
    pub bytes_sent_total: Family<ConnectionLabels<'static>, Counter>,
    /// Bytes received through proxy
    #[metric(unit = "bytes")]
    pub bytes_received_total: Family<ConnectionLabels<'static>, Counter>,
    /// Connection duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Family<ConnectionLabels<'static>, Histogram>,
    /// Failed proxy connections
    pub errors_total: Family<ErrorLabels<'static>, Counter>,
    /// Currently active proxy connections
    pub active_connections: Gauge,
}
