use metrics_core::{Counter, MetricGroup};

// A name starting with `__` is Prometheus' own: reported once, at the declaration.
#[metrics_core::labels(
    #[label(name = "__name__", bound = 16)]
    family: &str,
)]
#[derive(MetricGroup)]
pub struct Requests {
    /// Requests.
    #[metric(labels(family))]
    pub requests_total: Counter,
    /// Errors.
    #[metric(labels(family))]
    pub errors_total: Counter,
}

fn main() {}
