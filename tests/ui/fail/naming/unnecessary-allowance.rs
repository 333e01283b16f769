use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Logins.
    #[metric(allow(counter_total))]
    pub logins_total: Counter,
}

fn main() {}
