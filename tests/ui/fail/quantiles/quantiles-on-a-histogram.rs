use metrics_core::{Histogram, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request latency.
    #[metric(buckets(0.1, 1), quantiles(0.5))]
    pub latency_seconds: Histogram,
}

fn main() {}
