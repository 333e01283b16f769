use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Logins.

    pub hyperauth_logins: Counter,
}

fn main() {}
