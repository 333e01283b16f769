use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(buckets(1, 2, 3))]
    pub requests_total: Counter,
}

fn main() {}
