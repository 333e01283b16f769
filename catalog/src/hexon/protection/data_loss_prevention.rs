//! Data Loss Prevention.

use crate::bounds::{CODE_DEFINED, PROTOCOL};
use metrics_core::{Counter, Histogram, MetricGroup};

use crate::hexon::DEFAULT_MILLISECONDS;

/// Data Loss Prevention.
#[metrics_core::labels(
    #[label(bound = PROTOCOL)] direction: &str,
    #[label(unbounded)] content_type: &str,
    #[label(bound = CODE_DEFINED)] detector: &str,
    #[label(bound = CODE_DEFINED)] action: &str,
    #[label(bound = CODE_DEFINED)] reason: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "dlp", section = "Data Loss Prevention", allow(counter_total))]
pub struct DataLossPrevention {
    // Counters
    /// Bodies scanned
    #[metric(labels(direction, content_type))]
    pub scanned: Counter,
    /// Violations found
    #[metric(labels(detector, action, direction))]
    pub violations: Counter,
    /// Requests/responses blocked
    #[metric(labels(direction))]
    pub blocked: Counter,
    /// Bodies redacted
    #[metric(labels(direction))]
    pub redacted: Counter,
    /// Scan skipped
    #[metric(labels(reason, direction))]
    pub skipped: Counter,
    // Histograms
    /// Scan latency in milliseconds
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(labels(direction), allow(base_units, unit_abbreviation))]
    pub scan_duration_ms: Histogram,
}
