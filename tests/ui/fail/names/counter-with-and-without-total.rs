use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(allow(counter_total))]
    pub requests: Counter,
    /// Requests served, again.
    pub requests_total: Counter,
}

fn main() {}
