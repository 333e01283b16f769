use metrics_core::{Counter, MetricGroup};

// One label, declared twice with different bounds: which one does a metric mean?
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
    #[label(bound = 64)]
    pool_id: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Counter,
}

fn main() {}
