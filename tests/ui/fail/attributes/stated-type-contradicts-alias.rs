use metrics_core::MetricFamily;

type Requests = metrics_core::Gauge;

#[derive(MetricFamily)]
pub struct Metrics {
    /// Requests served.
    #[metric(counter)]
    pub requests_total: Requests,
}

fn main() {}
