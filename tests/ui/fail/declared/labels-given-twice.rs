use metrics_core::{Counter, MetricGroup};

// A metric's labels are one list, in the page's order.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
    #[label(bound = 4)]
    strategy: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    #[metric(labels(strategy))]
    pub selects_total: Counter,
}

fn main() {}
