use metrics_core::{Family, Histogram, LabelSet, LabelValue, MetricGroup};

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RouteLabels<'a> {
    pub method: Method,
    #[label(bound = 100)]
    pub route: &'a str,
}

// 4 methods x 100 routes x (3 buckets + `+Inf`, `_sum`, `_count`) = 2,400 series.
#[derive(Debug, MetricGroup)]
pub struct Http {
    /// Request duration.
    #[metric(unit = "seconds", buckets(0.1, 1, 10), budget = 1_000)]
    pub request_duration_seconds: Family<RouteLabels<'static>, Histogram>,
}

fn main() {}
