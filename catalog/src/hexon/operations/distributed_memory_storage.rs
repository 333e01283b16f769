//! Distributed Memory Storage.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Family, Gauge, LabelSet, LabelValue, MetricGroup};

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

/// `{cache_type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CacheTypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
}

/// `{cache_type, result}` of `memory_storage_gets`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct GetLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
    pub result: GetResult,
}

/// `{cache_type, result}` of `memory_storage_touches`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TouchLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
    pub result: TouchResult,
}

/// `{cache_type, result}` of `memory_storage_setnx`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SetnxLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
    pub result: SetnxResult,
}

/// `{cache_type, result}` of `memory_storage_sync_gets`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SyncGetLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
    pub result: SyncGetResult,
}

/// `{cache_type, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct EvictionLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub cache_type: &'a str,
    pub reason: EvictionReason,
}

/// Distributed Memory Storage.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "memory_storage", section = "Distributed Memory Storage")]
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
    #[metric(allow(counter_total))]
    pub gets: Family<GetLabels<'static>, Counter>,
    /// Cache writes
    #[metric(allow(counter_total))]
    pub sets: Family<CacheTypeLabels<'static>, Counter>,
    /// Cache deletions
    #[metric(allow(counter_total))]
    pub deletes: Family<CacheTypeLabels<'static>, Counter>,
    /// TTL renewals
    #[metric(allow(counter_total))]
    pub touches: Family<TouchLabels<'static>, Counter>,
    /// Atomic set-if-not-exists
    #[metric(allow(counter_total))]
    pub setnx: Family<SetnxLabels<'static>, Counter>,
    /// Synchronous KV-persisted writes
    #[metric(allow(counter_total))]
    pub sync_sets: Family<CacheTypeLabels<'static>, Counter>,
    /// Synchronous reads with KV fallback
    #[metric(allow(counter_total))]
    pub sync_gets: Family<SyncGetLabels<'static>, Counter>,
    /// Entries evicted
    #[metric(allow(counter_total))]
    pub evictions: Family<EvictionLabels<'static>, Counter>,
    // Gauges
    /// Current entry count per cache type (updated via GetCacheStats)
    pub entries: Family<CacheTypeLabels<'static>, Gauge>,
}
