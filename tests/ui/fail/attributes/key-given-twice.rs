use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(since = "1.0.0", since = "1.1.0")]
    pub requests_total: Counter,
}

fn main() {}
