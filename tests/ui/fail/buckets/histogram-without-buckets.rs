use metrics_core::{Histogram, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Request duration.
    pub request_duration_seconds: Histogram,
}

fn main() {}
