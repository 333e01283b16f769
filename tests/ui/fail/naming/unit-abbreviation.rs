use metrics_core::{Histogram, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// WAF inspection duration.
    #[metric(buckets(1, 10, 100))]
    pub waf_duration_ms: Histogram,
}

fn main() {}
