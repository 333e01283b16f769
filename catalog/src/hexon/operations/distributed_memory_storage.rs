//! Distributed Memory Storage.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Gauge, LabelValue, MetricGroup};

/// `result` of `memory_storage_gets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum GetResult {
    Hit,
    Miss,
    ColdHit,
    DecodeError,
    Expired,
}

/// `result` of `memory_storage_touches`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum TouchResult {
    Hit,
    Miss,
    Expired,
}

/// `result` of `memory_storage_setnx`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SetnxResult {
    Set,
    Exists,
}

/// `result` of `memory_storage_sync_gets`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SyncGetResult {
    Hit,
    Miss,
    KvHit,
    DecodeError,
    Expired,
}

/// `reason` of `memory_storage_evictions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum EvictionReason {
    Expired,
    Cold,
}

/// Distributed Memory Storage.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] cache_type: &str,
    result: GetResult,
    #[label(name = "result")] touch_result: TouchResult,
    #[label(name = "result")] setnx_result: SetnxResult,
    #[label(name = "result")] sync_get_result: SyncGetResult,
    reason: EvictionReason,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "memory_storage",
    section = "Distributed Memory Storage",
    allow(counter_total)
)]
#[alert(
    name = "MemoryStorageMissesHigh",
    expr = r#"rate(memory_storage_gets{result="miss"}[5m]) > 100"#,
    severity = "warning",
    summary = "High cache miss rate (check TTLs or missing Set calls)"
)]
#[alert(
    name = "MemoryStorageTtlEvictions",
    expr = r#"rate(memory_storage_evictions{reason="expired"}[5m]) > 500"#,
    severity = "warning",
    summary = "Excessive TTL evictions (entries expiring faster than expected)"
)]
#[alert(
    name = "MemoryStorageDecodeErrors",
    expr = r#"rate(memory_storage_gets{result="decode_error"}[5m]) > 0"#,
    severity = "critical",
    summary = "Corrupted KV entries (cold cache decode failures)"
)]
pub struct DistributedMemoryStorage {
    // CRUD Counters
    /// Cache reads
    #[metric(labels(cache_type, result))]
    pub gets: Counter,
    /// Cache writes
    #[metric(labels(cache_type))]
    pub sets: Counter,
    /// Cache deletions
    #[metric(labels(cache_type))]
    pub deletes: Counter,
    /// TTL renewals
    #[metric(labels(cache_type, touch_result))]
    pub touches: Counter,
    /// Atomic set-if-not-exists
    #[metric(labels(cache_type, setnx_result))]
    pub setnx: Counter,
    /// Synchronous KV-persisted writes
    #[metric(labels(cache_type))]
    pub sync_sets: Counter,
    /// Synchronous reads with KV fallback
    #[metric(labels(cache_type, sync_get_result))]
    pub sync_gets: Counter,
    /// Entries evicted
    #[metric(labels(cache_type, reason))]
    pub evictions: Counter,
    // Gauges
    /// Current entry count per cache type (updated via GetCacheStats)
    #[metric(labels(cache_type))]
    pub entries: Gauge,
}
