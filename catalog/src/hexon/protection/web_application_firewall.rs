//! Web Application Firewall.

use crate::bounds::{CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::{Counter, Family, Histogram, LabelSet, MetricGroup};

use crate::hexon::DEFAULT_MILLISECONDS;

/// `{blocked, method}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct RequestLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub blocked: &'a str,
    #[label(bound = PROTOCOL)]
    pub method: &'a str,
}

/// `{rule_id, path, action}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BlockedLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub rule_id: &'a str,
    #[label(unbounded)]
    pub path: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub action: &'a str,
}

/// `{path}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PathLabels<'a> {
    #[label(unbounded)]
    pub path: &'a str,
}

/// Web Application Firewall.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "waf", section = "Web Application Firewall")]
pub struct WebApplicationFirewall {
    // Counters
    /// Requests inspected by WAF
    #[metric(allow(counter_total))]
    pub requests: Family<RequestLabels<'static>, Counter>,
    /// Requests blocked by WAF rules
    #[metric(allow(counter_total))]
    pub blocked: Family<BlockedLabels<'static>, Counter>,
    /// Requests that passed WAF inspection
    #[metric(allow(counter_total))]
    pub passed: Family<PathLabels<'static>, Counter>,
    /// Requests bypassed (WAF disabled for route)
    #[metric(allow(counter_total))]
    pub bypassed: Family<PathLabels<'static>, Counter>,
    /// Requests rejected for body size exceeding limit
    #[metric(allow(counter_total))]
    pub body_too_large: Family<PathLabels<'static>, Counter>,
    // Histograms
    /// WAF inspection duration in milliseconds
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS"
    )]
    #[metric(allow(base_units, unit_abbreviation))]
    pub duration_ms: Family<RequestLabels<'static>, Histogram>,
}
