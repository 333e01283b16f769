use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    pub requests_total: Counter,
}

fn main() {}
