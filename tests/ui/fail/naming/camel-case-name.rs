use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Users.
    #[metric(name = "activeUsers")]
    pub active_users: Gauge,
}

fn main() {}
