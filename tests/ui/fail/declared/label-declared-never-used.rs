use metrics_core::{Counter, MetricGroup};

// A declared label that no metric names: left over from a metric that went.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
    #[label(bound = 64)]
    backend_id: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Counter,
}

fn main() {}
