use metrics_core::{Gauge, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Items in the queue.

    pub queue_count: Gauge,
}

fn main() {}
