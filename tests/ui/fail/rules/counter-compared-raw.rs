use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup};
use metrics_tests::shadow::ShadowLabels;

// A counter only goes up: compared as it stands, the alert never resolves.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shadow")]
#[alert(name = "ShadowErrors", expr = "shadow_errors > 0", summary = "Shadow errors")]
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
