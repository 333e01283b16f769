use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Logins.
    #[metric(allow(counter_totals))]
    pub hyperauth_logins: Counter,
}

fn main() {}
