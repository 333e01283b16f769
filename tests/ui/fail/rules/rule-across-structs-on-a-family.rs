use metrics_core::{Counter, Gauge, MetricGroup};

#[derive(Debug, MetricGroup)]
pub struct Pool {
    /// Open connections.
    pub pool_connections: Gauge,
}

// `proxy_requests_total` is another struct's metric: a rule over two structs goes on the service.
#[derive(Debug, MetricGroup)]
#[alert(
    name = "PoolBusy",
    expr = "pool_connections > 100 and on () rate(proxy_requests_total[5m]) > 0",
    summary = "Busy"
)]
pub struct Proxy {
    /// Requests.
    pub proxy_requests_total: Counter,
}

fn main() {}
