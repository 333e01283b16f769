use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Errors.

    pub errors_counter_total: Counter,
}

fn main() {}
