use metrics_core::{Gauge, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Bytes in the cache.
    #[metric(unit = "Bytes")]
    pub cache_size_bytes: Gauge,
}

fn main() {}
