use metrics_core::{Counter, MetricGroup};

// Free text declares its bound once, at the declaration, for every metric that has it.
#[metrics_core::labels(
    pool_id: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Counter,
    /// Failed selections.
    #[metric(labels(pool_id))]
    pub select_failures_total: Counter,
}

fn main() {}
