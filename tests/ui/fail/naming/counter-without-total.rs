use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Logins.

    pub hyperauth_logins: Counter,
}

fn main() {}
