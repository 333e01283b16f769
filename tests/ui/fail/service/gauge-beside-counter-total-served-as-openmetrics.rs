use metrics_core::{Counter, Gauge, MetricGroup, Service};

#[derive(Debug, MetricGroup)]
pub struct Sessions {
    /// The current number of sessions.
    pub proxy_sessions: Gauge,
}

#[derive(Debug, MetricGroup)]
pub struct Totals {
    /// The total number of created sessions.
    pub proxy_sessions_total: Counter,
}

// Legal in the text format 0.0.4, one family `proxy_sessions` twice in OpenMetrics.
#[derive(Debug, Service)]
#[service(formats(openmetrics, prometheus))]
pub struct Proxy {
    pub sessions: Sessions,
    pub totals: Totals,
}

fn main() {}
