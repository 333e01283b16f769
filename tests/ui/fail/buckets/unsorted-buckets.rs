use metrics_core::{Histogram, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request duration.
    #[metric(buckets(50, 100, 250, 200, 1000))]
    pub request_duration: Histogram,
}

fn main() {}
