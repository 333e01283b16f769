use metrics_core::{Counter, MetricGroup, Service};

#[derive(Debug, MetricGroup)]
#[alert(name = "ProxyErrors", expr = "rate(proxy_errors[5m]) > 0", summary = "Proxy errors")]
pub struct Proxy {
    /// Proxy errors: a legacy counter without `_total`.
    #[metric(allow(counter_total))]
    pub proxy_errors: Counter,
}

// Served in OpenMetrics too, where the counter's sample is `proxy_errors_total`: the alert
// would never fire on a server that negotiates OpenMetrics.
#[derive(Debug, Service)]
#[service(formats(openmetrics, prometheus))]
pub struct Gateway {
    pub proxy: Proxy,
}

fn main() {}
