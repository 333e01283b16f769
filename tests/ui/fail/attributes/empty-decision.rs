use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(decision = " ")]
    pub requests_total: Counter,
}

fn main() {}
