use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Errors.

    pub errors_counter_total: Counter,
}

fn main() {}
