use metrics_core::{MetricGroup, Summary};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request latency.
    #[metric(quantiles(0.5, 0.99, 99))]
    pub latency_seconds: Summary,
}

fn main() {}
