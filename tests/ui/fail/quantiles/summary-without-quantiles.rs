use metrics_core::{MetricFamily, Summary};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Request latency.
    pub latency_seconds: Summary,
}

fn main() {}
