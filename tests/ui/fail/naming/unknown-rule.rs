use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Logins.
    #[metric(allow(counter_totals))]
    pub hyperauth_logins: Counter,
}

fn main() {}
