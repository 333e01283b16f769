use metrics_core::{Counter, MetricGroup};

// Under #[derive(MetricGroup)], the attribute comes too late: the derive has read the struct.
#[derive(MetricGroup)]
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Counter,
}

fn main() {}
