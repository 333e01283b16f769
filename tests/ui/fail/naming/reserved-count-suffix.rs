use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Items in the queue.

    pub queue_count: Gauge,
}

fn main() {}
