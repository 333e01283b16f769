use metrics_core::{Histogram, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// WAF inspection duration.
    #[metric(buckets(1, 10, 100))]
    pub waf_duration_ms: Histogram,
}

fn main() {}
