use metrics_core::{Counter, MetricGroup};

// `reason?` where the declaration says nothing of the label being optional.
#[metrics_core::labels(
    #[label(bound = 16)]
    host: &str,
    #[label(bound = 16)]
    reason: &str,
)]
#[derive(MetricGroup)]
pub struct Proxy {
    /// OIDC flow failures.
    #[metric(labels(host?, reason))]
    pub oidc_flow_failed_total: Counter,
}

fn main() {}
