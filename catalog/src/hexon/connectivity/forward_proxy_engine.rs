//! Forward Proxy Engine.

use crate::bounds::{CODE_DEFINED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, MetricGroup};

use crate::hexon::LATENCY;

/// Forward Proxy Engine.
#[metrics_core::labels(
    #[label(bound = PROTOCOL)] protocol: &str,
    #[label(unbounded)] user_id: &str,
    #[label(bound = CODE_DEFINED)] error: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "forwardproxy", section = "Forward Proxy Engine")]
pub struct ForwardProxyEngine {
    // Connection Metrics (namespace: forwardproxy)
    /// Proxy connections recorded
    #[metric(labels(protocol, user_id))]
    pub connections_total: Counter,
    /// Bytes sent through proxy
    #[metric(labels(protocol, user_id), unit = "bytes")]
    pub bytes_sent_total: Counter,
    /// Bytes received through proxy
    #[metric(labels(protocol, user_id), unit = "bytes")]
    pub bytes_received_total: Counter,
    /// Connection duration
    #[metric(labels(protocol, user_id), buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    /// Failed proxy connections
    #[metric(labels(protocol, error))]
    pub errors_total: Counter,
    /// Currently active proxy connections
    pub active_connections: Gauge,
}
