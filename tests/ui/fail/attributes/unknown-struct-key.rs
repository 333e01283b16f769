use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
#[metrics(namespace = "shop")]
pub struct Metrics {
    /// Requests served.
    pub requests_total: Counter,
}

fn main() {}
