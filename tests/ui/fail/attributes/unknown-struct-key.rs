use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
#[metrics(namespace = "shop")]
pub struct Metrics {
    /// Requests served.
    pub requests_total: Counter,
}

fn main() {}
