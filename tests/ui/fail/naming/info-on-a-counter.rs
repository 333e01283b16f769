use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Build information.
    #[metric(allow(counter_total))]
    pub build_info: Counter,
}

fn main() {}
