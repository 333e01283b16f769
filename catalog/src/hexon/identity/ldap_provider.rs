//! LDAP Provider.

use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

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

/// LDAP Provider.
#[metrics_core::labels(
    operation: Operation,
    status: OperationStatus,
    #[label(optional)] paged: bool,
    reason: BindFailureReason,
    #[label(name = "reason")] pool_error_reason: PoolErrorReason,
    #[label(name = "reason")] pool_reconnect_reason: PoolReconnectReason,
    reconnected: bool,
    r#type: SearchType,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "ldap", section = "LDAP Provider", allow(counter_total))]
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
    // `{operation, status}`, and `paged` for the searches.
    #[metric(
        decision = "the labels are `{operation, status}` but the value lines add `paged=true|false` for search_users and search_groups; `paged` is an optional bool label"
    )]
    #[metric(labels(operation, status, paged?))]
    pub operations_total: Counter,
    /// LDAP operation latency
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "\"Same label sets as operations_total\": `{operation, status}` and the optional bool `paged` of the searches"
    )]
    #[metric(labels(operation, status, paged?))]
    pub operation_duration: Histogram,
    // Bind
    /// Successful user binds
    pub bind_success: Counter,
    /// Failed user binds
    #[metric(labels(reason))]
    pub bind_failures: Counter,
    // Connection Pool
    /// Pool-level errors
    #[metric(labels(pool_error_reason))]
    pub pool_errors: Counter,
    /// Pool reconnections
    #[metric(labels(pool_reconnect_reason))]
    pub pool_reconnects: Counter,
    /// Time to acquire connection
    #[metric(labels(reconnected), buckets = LATENCY, unit = "seconds")]
    pub pool_acquire_duration: Histogram,
    /// Available connections in pool
    pub pool_available: Gauge,
    /// Total pool capacity
    pub pool_capacity: Gauge,
    /// Pool utilization percentage
    #[metric(unit = "percent", allow(base_units, unit_abbreviation))]
    pub pool_utilization_pct: Gauge,
    // Search Results
    /// Result set size
    #[metric(labels(r#type))]
    pub search_results: Gauge,
    /// Pages fetched in paged search
    #[metric(labels(r#type))]
    pub paged_search_pages: Gauge,
}
