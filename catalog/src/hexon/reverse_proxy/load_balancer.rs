//! Load Balancer.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `reason` of `loadbalancer_select_failures`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum SelectFailureReason {
    PoolNotFound,
    NoHealthyBackends,
    AlgorithmReturnedNil,
}

/// `reason` of `loadbalancer_outlier_ejections`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum EjectionReason {
    // snake_case would spell it `consecutive5xx`.
    #[label(rename = "consecutive_5xx")]
    Consecutive5xx,
    ConsecutiveGateway,
    ConsecutiveLocal,
    SuccessRate,
    FailurePercentage,
}

/// `{strategy}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct StrategyLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub strategy: &'a str,
}

/// `{pool_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
}

/// `{pool_id, strategy}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PoolStrategyLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    #[label(bound = CONFIGURED)]
    pub strategy: &'a str,
}

/// `{pool_id, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SelectFailureLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    pub reason: SelectFailureReason,
}

/// `{pool_id, healthy}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HealthCheckLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    pub healthy: bool,
}

/// `{pool_id, backend_id, from_state, to_state}`, and `protocol` in per-protocol mode.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CircuitStateLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    #[label(bound = CONFIGURED)]
    pub backend_id: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub from_state: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub to_state: &'a str,
    #[label(bound = PROTOCOL)]
    pub protocol: Option<&'a str>,
}

/// `{pool_id, backend_id}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BackendLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    #[label(bound = CONFIGURED)]
    pub backend_id: &'a str,
}

/// `{pool_id, backend_id, reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct EjectionLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    #[label(bound = CONFIGURED)]
    pub backend_id: &'a str,
    pub reason: EjectionReason,
}

/// `{pool_id, hostname}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DnsDiscoveryLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub pool_id: &'a str,
    #[label(bound = CONFIGURED)]
    pub hostname: &'a str,
}

/// Load Balancer.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "loadbalancer", section = "Load Balancer")]
#[alert(
    name = "LoadBalancerNoHealthyBackends",
    expr = r#"rate(loadbalancer_select_failures{reason="no_healthy_backends"}[5m]) > 0"#,
    severity = "critical",
    summary = "All backends down — check health and outlier state"
)]
#[alert(
    name = "LoadBalancerCircuitOpened",
    expr = r#"rate(loadbalancer_circuit_state_changes{to_state="open"}[5m]) > 0"#,
    severity = "warning",
    summary = "Circuit opened — backend degradation"
)]
#[alert(
    name = "LoadBalancerHighEjectionRate",
    expr = "rate(loadbalancer_outlier_ejections[5m]) > 5",
    severity = "warning",
    summary = "High ejection rate — systemic backend issues"
)]
#[alert(
    name = "LoadBalancerRateLimitDenials",
    expr = "rate(loadbalancer_rate_limit_denied[5m]) > 50",
    severity = "warning",
    summary = "High rate limit denial — check capacity or limits"
)]
#[alert(
    name = "LoadBalancerDnsDiscoveryFailing",
    expr = "rate(loadbalancer_dns_discovery_failures[5m]) > 0",
    severity = "warning",
    summary = "DNS discovery failing — check DNS config"
)]
pub struct LoadBalancer {
    // Pool Lifecycle
    /// Pools created
    #[metric(allow(counter_total))]
    pub pools_created: Family<StrategyLabels<'static>, Counter>,
    /// Pools deleted
    #[metric(allow(counter_total))]
    pub pools_deleted: Counter,
    // Backend Selection
    /// Successful backend selections
    #[metric(allow(counter_total))]
    pub selects: Family<PoolStrategyLabels<'static>, Counter>,
    /// Failed selections
    #[metric(allow(counter_total))]
    pub select_failures: Family<SelectFailureLabels<'static>, Counter>,
    /// Backend selection duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub select_latency: Family<PoolLabels<'static>, Histogram>,
    // Health Checks
    /// Health check executions
    #[metric(allow(counter_total))]
    pub health_checks: Family<HealthCheckLabels<'static>, Counter>,
    // Circuit Breaker
    /// Circuit state transitions
    #[metric(
        decision = "\"optionally includes protocol label in per-protocol mode\": `protocol` is an optional label"
    )]
    #[metric(allow(counter_total))]
    pub circuit_state_changes: Family<CircuitStateLabels<'static>, Counter>,
    /// Manual circuit resets
    #[metric(allow(counter_total))]
    pub circuit_resets: Family<BackendLabels<'static>, Counter>,
    // Connections
    /// Connections opened
    #[metric(allow(counter_total))]
    pub connections_opened: Family<BackendLabels<'static>, Counter>,
    /// Connections closed
    #[metric(allow(counter_total))]
    pub connections_closed: Family<BackendLabels<'static>, Counter>,
    /// Current active connections
    pub active_connections: Family<BackendLabels<'static>, Gauge>,
    /// Connection duration
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Family<BackendLabels<'static>, Histogram>,
    /// Bytes sent to backends
    #[metric(unit = "bytes")]
    #[metric(allow(counter_total))]
    pub bytes_sent: Family<BackendLabels<'static>, Counter>,
    /// Bytes received from backends
    #[metric(unit = "bytes")]
    #[metric(allow(counter_total))]
    pub bytes_recv: Family<BackendLabels<'static>, Counter>,
    // Rate Limiting
    /// Requests allowed by rate limiter
    #[metric(allow(counter_total))]
    pub rate_limit_allowed: Family<PoolLabels<'static>, Counter>,
    /// Requests denied by rate limiter
    #[metric(allow(counter_total))]
    pub rate_limit_denied: Family<PoolLabels<'static>, Counter>,
    // Outlier Detection
    /// Backends ejected
    #[metric(allow(counter_total))]
    pub outlier_ejections: Family<EjectionLabels<'static>, Counter>,
    /// Backends auto-readmitted after ejection period
    #[metric(allow(counter_total))]
    pub outlier_readmissions: Family<BackendLabels<'static>, Counter>,
    /// Backends manually un-ejected
    #[metric(allow(counter_total))]
    pub outlier_manual_uneject: Family<BackendLabels<'static>, Counter>,
    // DNS Discovery
    /// DNS resolution failures
    #[metric(allow(counter_total))]
    pub dns_discovery_failures: Family<DnsDiscoveryLabels<'static>, Counter>,
    /// Backend set updates from DNS
    #[metric(allow(counter_total))]
    pub dns_discovery_updates: Family<DnsDiscoveryLabels<'static>, Counter>,
}
