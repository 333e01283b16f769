//! Directory Cache.

use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

/// Buckets for sync durations, in seconds: from a fast delta sync to a full sync of minutes
/// (the document alerts on a full sync above 60s).
pub const SYNC_SECONDS: &[f64] = &[0.1, 0.5, 1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// `type` of `directory_sync_total` and `directory_sync_duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SyncType {
    Full,
    Delta,
}

/// `result` of `directory_sync_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SyncResult {
    Success,
}

/// Directory Cache.
#[metrics_core::labels(
    r#type: SyncType,
    result: SyncResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "directory", section = "Directory Cache")]
#[alert(
    name = "DirectoryNoSuccessfulSyncs",
    expr = r#"changes(directory_sync_total{result="success"}[10m]) == 0"#,
    severity = "critical",
    summary = "No successful syncs (LDAP connectivity)"
)]
#[alert(
    name = "DirectoryFullSyncSlow",
    expr = r#"histogram_quantile(0.99, sum by (le) (rate(directory_sync_duration_bucket{type="full"}[30m]))) > 60"#,
    severity = "warning",
    summary = "Full sync taking too long",
    correction = r#"the document writes `directory_sync_duration{type="full"} > 60s`: `60s` is a duration, not a number, and a histogram has no series of its own; the rule compares the p99 of full syncs over 30 minutes, in seconds, with 60"#
)]
#[alert(
    name = "DirectoryNoSyncsCompleting",
    expr = "changes(directory_users_synced[1h]) == 0",
    severity = "warning",
    summary = "No syncs completing"
)]
pub struct DirectoryCache {
    // Sync counters
    /// Sync operations completed
    #[metric(
        decision = "the document lists one value, `result=\"success\"`, for `result`; a closed set of that one value"
    )]
    #[metric(labels(r#type, result))]
    pub sync_total: Counter,
    // Sync gauges
    /// Users synchronized in last full sync
    pub users_synced: Gauge,
    /// Groups synchronized in last full sync
    pub groups_synced: Gauge,
    // Sync latency
    /// Sync processing time
    #[metric(
        buckets = SYNC_SECONDS,
        unit = "seconds",
        decision = "a histogram without buckets, in seconds (an alert compares it with 60s); module-local `SYNC_SECONDS` (0.1s to 600s), as `DEFAULT_SECONDS` stops at 10s"
    )]
    #[metric(labels(r#type))]
    pub sync_duration: Histogram,
}
