use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Backend latency.

    pub backend_latency_milliseconds: Gauge,
}

fn main() {}
