use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(sinse = "1.0.0")]
    pub requests_total: Counter,
}

fn main() {}
