use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Sessions open now.

    pub sessions_total: Gauge,
}

fn main() {}
