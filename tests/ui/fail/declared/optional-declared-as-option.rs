use metrics_core::{Counter, MetricGroup};

// Whether a metric may omit a label is said where it does (`reason?`), not in the type.
#[metrics_core::labels(
    #[label(bound = 16)]
    reason: Option<&str>,
)]
#[derive(MetricGroup)]
pub struct Proxy {
    /// Reloads.
    #[metric(labels(reason))]
    pub reloads_total: Counter,
}

fn main() {}
