//! Data Loss Prevention.

use metrics_core::{Counter, Family, Histogram, LabelSet, MetricFamily};

use crate::hexon::DEFAULT_MILLISECONDS;

/// `{direction, content_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ScannedLabels<'a> {
    pub direction: &'a str,
    pub content_type: &'a str,
}

/// `{detector, action, direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ViolationLabels<'a> {
    pub detector: &'a str,
    pub action: &'a str,
    pub direction: &'a str,
}

/// `{direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DirectionLabels<'a> {
    pub direction: &'a str,
}

/// `{reason, direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SkippedLabels<'a> {
    pub reason: &'a str,
    pub direction: &'a str,
}

/// Data Loss Prevention.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "dlp", section = "Data Loss Prevention")]
pub struct DataLossPrevention {
    // Counters
    /// Bodies scanned
    #[metric(allow(counter_total))]
    pub scanned: Family<ScannedLabels<'static>, Counter>,
    /// Violations found
    #[metric(allow(counter_total))]
    pub violations: Family<ViolationLabels<'static>, Counter>,
    /// Requests/responses blocked
    #[metric(allow(counter_total))]
    pub blocked: Family<DirectionLabels<'static>, Counter>,
    /// Bodies redacted
    #[metric(allow(counter_total))]
    pub redacted: Family<DirectionLabels<'static>, Counter>,
    /// Scan skipped
    #[metric(allow(counter_total))]
    pub skipped: Family<SkippedLabels<'static>, Counter>,
    // Histograms
    /// Scan latency in milliseconds
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub scan_duration_ms: Family<DirectionLabels<'static>, Histogram>,
}
