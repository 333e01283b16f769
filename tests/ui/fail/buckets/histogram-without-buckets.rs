use metrics_core::{Histogram, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request duration.
    pub request_duration_seconds: Histogram,
}

fn main() {}
