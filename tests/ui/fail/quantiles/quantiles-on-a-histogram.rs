use metrics_core::{Histogram, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Request latency.
    #[metric(buckets(0.1, 1), quantiles(0.5))]
    pub latency_seconds: Histogram,
}

fn main() {}
