//! Rate Limiting.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Gauge, MetricGroup};

/// `result` of `ratelimit_requests_total`.
pub use crate::hexon::values::AllowedBlocked as RequestResult;

/// Rate Limiting.
#[metrics_core::labels(
    result: RequestResult,
    #[label(bound = CONFIGURED)] hostname: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "ratelimit", section = "Rate Limiting", allow(counter_total))]
#[alert(
    name = "RateLimitBlocksExceedAllows",
    expr = r#"sum by (hostname) (rate(ratelimit_requests_total{result="blocked"}[5m])) > sum by (hostname) (rate(ratelimit_requests_total{result="allowed"}[5m]))"#,
    severity = "warning",
    summary = "More blocks than allows (attack or too-strict config)",
    correction = r#"the document compares `rate(ratelimit_requests_total{result="blocked"}[5m]) > rate(ratelimit_requests_total{result="allowed"}[5m])`: the sides differ in `result`, so one-to-one matching pairs no series and the alert could never fire; both sides are summed per hostname"#
)]
#[alert(
    name = "RateLimitClientsNearCapacity",
    expr = "ratelimit_clients_tracked > 0.8 * 100000",
    severity = "warning",
    summary = "Approaching memory capacity limit",
    correction = "the document compares with `0.8 * max_clients`: `max_clients` is configuration, not a metric, so the expression selects nothing; the rule writes the threshold out for a configured maximum of 100,000 tracked clients (change it with the configuration)"
)]
pub struct RateLimiting {
    // Counters
    /// Requests checked
    #[metric(labels(result, hostname))]
    pub requests_total: Counter,
    /// Clients banned (auto rate-limit exceeded + manual bans)
    #[metric(labels(hostname))]
    pub clients_banned: Counter,
    /// Clients refused tracking due to memory capacity limit
    pub clients_dropped: Counter,
    /// Clients manually unbanned
    pub clients_unbanned: Counter,
    // Gauges
    /// Currently tracked unique clients (exported on GetStats)
    pub clients_tracked: Gauge,
}
