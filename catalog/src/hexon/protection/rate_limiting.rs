//! Rate Limiting.

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Family, Gauge, LabelSet, MetricFamily};

/// `result` of `ratelimit_requests_total`.
pub use crate::hexon::values::AllowedBlocked as RequestResult;

/// `{result, hostname}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels<'a> {
    pub result: RequestResult,
    #[label(bound = CONFIGURED)]
    pub hostname: &'a str,
}

/// `{hostname}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HostnameLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub hostname: &'a str,
}

/// Rate Limiting.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "ratelimit", section = "Rate Limiting")]
pub struct RateLimiting {
    // Counters
    /// Requests checked
    pub requests_total: Family<RequestLabels<'static>, Counter>,
    /// Clients banned (auto rate-limit exceeded + manual bans)
    #[metric(allow(counter_total))]
    pub clients_banned: Family<HostnameLabels<'static>, Counter>,
    /// Clients refused tracking due to memory capacity limit
    #[metric(allow(counter_total))]
    pub clients_dropped: Counter,
    /// Clients manually unbanned
    #[metric(allow(counter_total))]
    pub clients_unbanned: Counter,
    // Gauges
    /// Currently tracked unique clients (exported on GetStats)
    pub clients_tracked: Gauge,
}
