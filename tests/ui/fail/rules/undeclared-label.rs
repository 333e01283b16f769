use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup};
use metrics_tests::shadow::ShadowLabels;

// The document matches on a label the metric does not have.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow")]
#[alert(name = "ShadowTimeouts", expr = "rate(shadow_errors{error_type=\"timeout\"}[5m]) > 5", summary = "Timeouts")]
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
