use metrics_core::{Family, LabelSet, MetricGroup, Summary};

#[derive(LabelSet)]
pub struct Labels<'a> {
    #[label(bound = 64)]
    pub quantile: &'a str,
}

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request latency.
    #[metric(quantiles(0.5))]
    pub latency_seconds: Family<Labels<'static>, Summary>,
}

fn main() {}
