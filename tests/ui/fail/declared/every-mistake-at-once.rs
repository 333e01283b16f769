use metrics_core::{Counter, Gauge, MetricGroup};

// Every mistake of the attribute form is reported in one build, each at its token.
#[metrics_core::labels(
    #[label(bound = 16)]
    host: &str,
    #[label(bound = 16, optional)]
    reason: &str,
    #[label(bound = 16)]
    unused: &str,
)]
#[derive(MetricGroup)]
pub struct Proxy {
    /// Failures.
    #[metric(labels(hots, reason?))]
    pub failures_total: Counter,
    /// Hosts.
    #[metric(labels(host?))]
    pub hosts: Gauge,
    /// Nothing.
    #[metric(labels())]
    pub nothing: Gauge,
}

fn main() {}
