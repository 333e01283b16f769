use metrics_core::{Histogram, MetricGroup};

const LATENCY: &[f64] = &[0.001, 0.1, 0.01, 1.0];

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request duration.
    #[metric(buckets = LATENCY)]
    pub request_duration_seconds: Histogram,
}

fn main() {}
