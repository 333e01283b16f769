use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup};
use metrics_tests::shadow::ShadowLabels;

// A duration is not a number in PromQL 2.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow")]
#[alert(name = "ShadowSlow", expr = "shadow_request_duration_seconds_sum > 60s", summary = "Slow")]
pub struct Shadow {
    /// Mirrored requests.
    pub requests_total: Family<ShadowLabels<'static>, Counter>,
    /// Shadow errors.
    #[metric(allow(counter_total))]
    pub errors: Family<ShadowLabels<'static>, Counter>,
    /// In-flight mirrored requests.
    pub in_flight: Gauge,
    /// Shadow request duration.
    #[metric(unit = "seconds", buckets(0.1, 1, 5))]
    pub request_duration_seconds: Family<ShadowLabels<'static>, Histogram>,
}

fn main() {}
