use metrics_core::{Gauge, Histogram, MetricGroup, Service};

#[derive(Debug, MetricGroup)]
pub struct Latency {
    /// Request latency.
    #[metric(buckets(0.1, 1))]
    pub request_seconds: Histogram,
}

#[derive(Debug, MetricGroup)]
pub struct Legacy {
    /// Requests counted by an old exporter.
    #[metric(allow(reserved_suffix))]
    pub request_seconds_count: Gauge,
}

#[derive(Debug, Service)]
#[service(formats(prometheus))]
pub struct Api {
    pub latency: Latency,
    pub legacy: Legacy,
}

fn main() {}
