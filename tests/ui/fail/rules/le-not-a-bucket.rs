use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup};
use metrics_tests::shadow::ShadowLabels;

// 2 is not a declared bucket bound.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow")]
#[alert(name = "ShadowSlow", expr = "rate(shadow_request_duration_seconds_bucket{le=\"2\"}[5m]) > 5", summary = "Slow")]
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
