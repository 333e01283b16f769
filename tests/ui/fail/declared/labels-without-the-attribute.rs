use metrics_core::{Counter, MetricGroup};

// labels(...) names declared labels: without the attribute there are none.
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Counter,
}

fn main() {}
