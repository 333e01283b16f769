use metrics_core::{Counter, MetricGroup};

// A label that no declaration names, misspelled: the closest declared one is suggested.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
    #[label(bound = 4)]
    strategy: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool, strategy))]
    pub selects_total: Counter,
}

fn main() {}
