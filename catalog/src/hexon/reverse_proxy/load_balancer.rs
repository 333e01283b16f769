//! Load Balancer.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup};

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

/// Load Balancer.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] strategy: &str,
    #[label(bound = CONFIGURED)] pool_id: &str,
    reason: SelectFailureReason,
    healthy: bool,
    #[label(bound = CONFIGURED)] backend_id: &str,
    #[label(bound = CODE_DEFINED)] from_state: &str,
    #[label(bound = CODE_DEFINED)] to_state: &str,
    #[label(bound = PROTOCOL, optional)] protocol: &str,
    #[label(name = "reason")] ejection_reason: EjectionReason,
    #[label(bound = CONFIGURED)] hostname: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "loadbalancer",
    section = "Load Balancer",
    allow(counter_total)
)]
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
    #[metric(labels(strategy))]
    pub pools_created: Counter,
    /// Pools deleted
    pub pools_deleted: Counter,
    // Backend Selection
    /// Successful backend selections
    #[metric(labels(pool_id, strategy))]
    pub selects: Counter,
    /// Failed selections
    #[metric(labels(pool_id, reason))]
    pub select_failures: Counter,
    /// Backend selection duration
    #[metric(labels(pool_id), buckets = LATENCY, unit = "seconds")]
    pub select_latency: Histogram,
    // Health Checks
    /// Health check executions
    #[metric(labels(pool_id, healthy))]
    pub health_checks: Counter,
    // Circuit Breaker
    /// Circuit state transitions
    #[metric(
        decision = "\"optionally includes protocol label in per-protocol mode\": `protocol` is an optional label"
    )]
    // `{pool_id, backend_id, from_state, to_state}`, and `protocol` in per-protocol mode.
    #[metric(labels(pool_id, backend_id, from_state, to_state, protocol?))]
    pub circuit_state_changes: Counter,
    /// Manual circuit resets
    #[metric(labels(pool_id, backend_id))]
    pub circuit_resets: Counter,
    // Connections
    /// Connections opened
    #[metric(labels(pool_id, backend_id))]
    pub connections_opened: Counter,
    /// Connections closed
    #[metric(labels(pool_id, backend_id))]
    pub connections_closed: Counter,
    /// Current active connections
    #[metric(labels(pool_id, backend_id))]
    pub active_connections: Gauge,
    /// Connection duration
    #[metric(labels(pool_id, backend_id), buckets = LATENCY, unit = "seconds")]
    pub connection_duration: Histogram,
    /// Bytes sent to backends
    #[metric(labels(pool_id, backend_id), unit = "bytes")]
    pub bytes_sent: Counter,
    /// Bytes received from backends
    #[metric(labels(pool_id, backend_id), unit = "bytes")]
    pub bytes_recv: Counter,
    // Rate Limiting
    /// Requests allowed by rate limiter
    #[metric(labels(pool_id))]
    pub rate_limit_allowed: Counter,
    /// Requests denied by rate limiter
    #[metric(labels(pool_id))]
    pub rate_limit_denied: Counter,
    // Outlier Detection
    /// Backends ejected
    #[metric(labels(pool_id, backend_id, ejection_reason))]
    pub outlier_ejections: Counter,
    /// Backends auto-readmitted after ejection period
    #[metric(labels(pool_id, backend_id))]
    pub outlier_readmissions: Counter,
    /// Backends manually un-ejected
    #[metric(labels(pool_id, backend_id))]
    pub outlier_manual_uneject: Counter,
    // DNS Discovery
    /// DNS resolution failures
    #[metric(labels(pool_id, hostname))]
    pub dns_discovery_failures: Counter,
    /// Backend set updates from DNS
    #[metric(labels(pool_id, hostname))]
    pub dns_discovery_updates: Counter,
}
