use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Logins.
    #[metric(allow(counter_total))]
    pub logins_total: Counter,
}

fn main() {}
