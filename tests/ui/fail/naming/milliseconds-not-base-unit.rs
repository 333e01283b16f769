use metrics_core::{Gauge, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Backend latency.

    pub backend_latency_milliseconds: Gauge,
}

fn main() {}
