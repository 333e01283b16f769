use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
#[metrics(prefix = "proxy")]
pub struct Metrics {
    /// Sessions open now.
    pub sessions: Gauge,
    /// Sessions open now, per the old name.
    #[metric(name = "proxy_sessions")]
    pub legacy_sessions: Gauge,
}

fn main() {}
