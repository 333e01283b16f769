//! Data Loss Prevention.

use crate::bounds::{CODE_DEFINED, PROTOCOL};
use metrics_core::{Counter, Family, Histogram, LabelSet, MetricGroup};

use crate::hexon::DEFAULT_MILLISECONDS;

/// `{direction, content_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ScannedLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
    #[label(unbounded)]
    pub content_type: &'a str,
}

/// `{detector, action, direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ViolationLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub detector: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub action: &'a str,
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
}

/// `{direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DirectionLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
}

/// `{reason, direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SkippedLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
}

/// Data Loss Prevention.
#[derive(Debug, MetricGroup)]
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
