use metrics_core::MetricGroup;

type Requests = metrics_core::Gauge;

#[derive(MetricGroup)]
pub struct Metrics {
    /// Requests served.
    #[metric(counter)]
    pub requests_total: Requests,
}

fn main() {}
