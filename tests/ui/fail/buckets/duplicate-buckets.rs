use metrics_core::{Histogram, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request duration.
    #[metric(buckets(0.1, 0.5, 0.5, 1.0))]
    pub request_duration_seconds: Histogram,
}

fn main() {}
