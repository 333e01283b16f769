use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    pub requests_total: Counter,
}

fn main() {}
