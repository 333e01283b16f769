use metrics_core::{Gauge, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Users.
    #[metric(name = "activeUsers")]
    pub active_users: Gauge,
}

fn main() {}
