use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Build information.
    #[metric(allow(counter_total))]
    pub build_info: Counter,
}

fn main() {}
