//! The same pair as the failing case is accepted when the service is served as text 0.0.4 only.
use metrics_core::{Counter, Format, Gauge, MetricGroup, Registry, Service};

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

#[derive(Debug, Service)]
#[service(name = "proxy", formats(prometheus))]
pub struct Proxy {
    pub sessions: Sessions,
    pub totals: Totals,
}

fn main() {
    let proxy = Proxy::default();
    let mut registry = Registry::new();
    registry.register(&proxy);
    assert_eq!(Proxy::FORMATS, [Format::Prometheus]);
    assert_eq!(registry.formats(), [Format::Prometheus]);
    assert_eq!(Proxy::descriptors().len(), 2);
}
