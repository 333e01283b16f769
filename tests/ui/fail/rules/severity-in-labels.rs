use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup};
use metrics_tests::shadow::ShadowLabels;

// An alert's severity is its `severity` key, not a label of `labels(...)`.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow")]
#[alert(name = "ShadowErrors", expr = "rate(shadow_errors[5m]) > 0", severity = "warning", summary = "Errors", labels(severity = "critical", team = "edge"))]
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
