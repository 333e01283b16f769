use metrics_core::{Gauge, MetricGroup, Service};

#[derive(Debug, MetricGroup)]
pub struct Sessions {
    /// The current number of sessions.
    pub sessions: Gauge,
}

#[derive(Debug, Service)]
#[service(formats(openmetrics, protobuf))]
pub struct Proxy {
    pub sessions: Sessions,
}

fn main() {}
