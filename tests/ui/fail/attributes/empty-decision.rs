use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Requests served.
    #[metric(decision = " ")]
    pub requests_total: Counter,
}

fn main() {}
