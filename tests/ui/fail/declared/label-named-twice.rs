use metrics_core::{Counter, MetricGroup};

// A label appears once per series.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id, pool_id))]
    pub selects_total: Counter,
}

fn main() {}
