use metrics_core::{Counter, LabelValue, MetricGroup};

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SelectFailure {
    NoHealthyBackends,
}

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Ejection {
    SuccessRate,
}

// Two declared labels may share an exposed name (`reason` means a different closed set for each
// metric), but one series has the name once.
#[metrics_core::labels(
    reason: SelectFailure,
    #[label(name = "reason")]
    ejection_reason: Ejection,
)]
#[derive(MetricGroup)]
pub struct LoadBalancer {
    /// Failed selections.
    #[metric(labels(reason))]
    pub select_failures_total: Counter,
    /// Backends ejected.
    #[metric(labels(reason, ejection_reason))]
    pub outlier_ejections_total: Counter,
}

fn main() {}
