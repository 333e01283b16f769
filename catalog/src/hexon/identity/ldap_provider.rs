//! LDAP Provider.

use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `operation` of `ldap_operations_total` and `ldap_operation_duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Operation {
    Bind,
    SearchUsers,
    SearchGroups,
}

/// `status` of `ldap_operations_total` and `ldap_operation_duration`: the union of the values
/// listed for each operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum OperationStatus {
    Success,
    InvalidCredentials,
    Error,
}

/// `reason` of `ldap_bind_failures`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum BindFailureReason {
    InvalidCredentials,
    LdapError,
}

/// `reason` of `ldap_pool_errors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum PoolErrorReason {
    NotInitialized,
    PoolClosed,
    ConfigUnavailable,
    ReconnectFailed,
    Timeout,
}

/// `reason` of `ldap_pool_reconnects`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum PoolReconnectReason {
    StaleConnection,
    StaleOnRelease,
}

/// `type` of `ldap_search_results` and `ldap_paged_search_pages`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SearchType {
    Users,
    Groups,
}

/// `{operation, status}`, and `paged` for the searches.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OperationLabels {
    pub operation: Operation,
    pub status: OperationStatus,
    pub paged: Option<bool>,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BindFailureLabels {
    pub reason: BindFailureReason,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolErrorLabels {
    pub reason: PoolErrorReason,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolReconnectLabels {
    pub reason: PoolReconnectReason,
}

/// `{reconnected}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolAcquireLabels {
    pub reconnected: bool,
}

/// `{type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SearchTypeLabels {
    pub r#type: SearchType,
}

/// LDAP Provider.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "ldap", section = "LDAP Provider")]
#[alert(
    name = "LdapPoolNearExhaustion",
    expr = "ldap_pool_utilization_pct > 90",
    severity = "warning",
    summary = "Pool near exhaustion"
)]
#[alert(
    name = "LdapPoolStarvation",
    expr = r#"rate(ldap_pool_errors{reason="timeout"}[5m]) > 0"#,
    severity = "critical",
    summary = "Pool starvation"
)]
#[alert(
    name = "LdapBindErrors",
    expr = r#"rate(ldap_bind_failures{reason="ldap_error"}[5m]) > 0"#,
    severity = "warning",
    summary = "LDAP server issues"
)]
#[alert(
    name = "LdapSearchFailures",
    expr = r#"rate(ldap_operations_total{status="error"}[5m]) > 5"#,
    severity = "warning",
    summary = "Search failures"
)]
pub struct LdapProvider {
    // Operations
    /// LDAP operation count
    #[metric(
        decision = "the labels are `{operation, status}` but the value lines add `paged=true|false` for search_users and search_groups; `paged` is an optional bool label"
    )]
    pub operations_total: Family<OperationLabels, Counter>,
    /// LDAP operation latency
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "\"Same label sets as operations_total\": `{operation, status}` and the optional bool `paged` of the searches"
    )]
    pub operation_duration: Family<OperationLabels, Histogram>,
    // Bind
    /// Successful user binds
    #[metric(allow(counter_total))]
    pub bind_success: Counter,
    /// Failed user binds
    #[metric(allow(counter_total))]
    pub bind_failures: Family<BindFailureLabels, Counter>,
    // Connection Pool
    /// Pool-level errors
    #[metric(allow(counter_total))]
    pub pool_errors: Family<PoolErrorLabels, Counter>,
    /// Pool reconnections
    #[metric(allow(counter_total))]
    pub pool_reconnects: Family<PoolReconnectLabels, Counter>,
    /// Time to acquire connection
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub pool_acquire_duration: Family<PoolAcquireLabels, Histogram>,
    /// Available connections in pool
    pub pool_available: Gauge,
    /// Total pool capacity
    pub pool_capacity: Gauge,
    /// Pool utilization percentage
    #[metric(unit = "percent")]
    #[metric(allow(base_units, unit_abbreviation))]
    pub pool_utilization_pct: Gauge,
    // Search Results
    /// Result set size
    pub search_results: Family<SearchTypeLabels, Gauge>,
    /// Pages fetched in paged search
    pub paged_search_pages: Family<SearchTypeLabels, Gauge>,
}
