use metrics_core::{Gauge, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Sessions open now.

    pub sessions_total: Gauge,
}

fn main() {}
