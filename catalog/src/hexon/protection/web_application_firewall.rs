//! Web Application Firewall.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Histogram, MetricGroup};

use crate::hexon::DEFAULT_MILLISECONDS;

/// Web Application Firewall.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] blocked: &str,
    #[label(bound = PROTOCOL)] method: &str,
    #[label(bound = CONFIGURED)] rule_id: &str,
    #[label(unbounded)] path: &str,
    #[label(bound = CODE_DEFINED)] action: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(
    prefix = "waf",
    section = "Web Application Firewall",
    allow(counter_total)
)]
pub struct WebApplicationFirewall {
    // Counters
    /// Requests inspected by WAF
    #[metric(labels(blocked, method))]
    pub requests: Counter,
    /// Requests blocked by WAF rules
    #[metric(labels(rule_id, path, action))]
    pub blocked: Counter,
    /// Requests that passed WAF inspection
    #[metric(labels(path))]
    pub passed: Counter,
    /// Requests bypassed (WAF disabled for route)
    #[metric(labels(path))]
    pub bypassed: Counter,
    /// Requests rejected for body size exceeding limit
    #[metric(labels(path))]
    pub body_too_large: Counter,
    // Histograms
    /// WAF inspection duration in milliseconds
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(labels(blocked, method), allow(base_units, unit_abbreviation))]
    pub duration_ms: Histogram,
}
