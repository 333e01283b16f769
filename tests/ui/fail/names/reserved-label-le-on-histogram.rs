use metrics_core::{Family, Histogram, LabelSet, MetricGroup};

#[derive(LabelSet)]
pub struct Labels<'a> {
    #[label(bound = 64)]
    pub le: &'a str,
}

#[derive(MetricGroup)]
pub struct Metrics {
    /// Request duration.
    #[metric(buckets(0.1, 1.0))]
    pub request_duration_seconds: Family<Labels<'static>, Histogram>,
}

fn main() {}
