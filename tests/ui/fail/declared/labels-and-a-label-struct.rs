use metrics_core::{Counter, Family, LabelSet, MetricGroup};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolLabels<'a> {
    #[label(bound = 16)]
    pub pool_id: &'a str,
}

// The labels said twice: inline, and by the label struct of the field type.
#[metrics_core::labels(
    #[label(bound = 16)]
    pool_id: &str,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Successful backend selections.
    #[metric(labels(pool_id))]
    pub selects_total: Family<PoolLabels<'static>, Counter>,
}

fn main() {}
