use metrics_core::{MetricGroup, Summary};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request latency.
    pub latency_seconds: Summary,
}

fn main() {}
