use metrics_core::rules::RuleKind;
use metrics_core::{Counter, Family, Gauge, Histogram, MetricGroup, Service};
use metrics_tests::requests::RequestLabels;

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "proxy")]
#[alert(
    name = "ProxyFailures",
    expr = r#"sum by (app) (rate(proxy_requests_total{outcome=~"fail.*|timeout", reason=""}[5m])) > 5"#,
    for = "10m",
    severity = "warning",
    summary = "Requests are failing",
    description = "More than 5 failed requests per second for 10 minutes.",
    runbook = "https://example.com/runbooks/proxy",
    labels(team = "edge"),
)]
#[alert(
    name = "ProxySlow",
    expr = r#"histogram_quantile(0.99, sum by (le, app) (rate(proxy_request_duration_seconds_bucket[5m]))) > 1"#,
    summary = "p99 latency above 1s",
)]
#[alert(
    name = "ProxyBucketsFilling",
    expr = r#"rate(proxy_request_duration_seconds_bucket{le="+Inf"}[5m]) - ignoring (le) rate(proxy_request_duration_seconds_bucket{le="1"}[5m]) > 0"#,
    summary = "Requests slower than 1s",
)]
#[record(
    name = "app:proxy_requests:rate5m",
    expr = "sum without (outcome, reason) (rate(proxy_requests_total[5m]))"
)]
pub struct Proxy {
    /// Requests.
    pub requests_total: Family<RequestLabels<'static>, Counter>,
    /// Request duration.
    #[metric(unit = "seconds", buckets(0.1, 1, 10))]
    pub request_duration_seconds: Family<RequestLabels<'static>, Histogram>,
}

#[derive(Debug, MetricGroup)]
pub struct Pool {
    /// Open connections.
    pub pool_connections: Gauge,
    /// The most connections the pool opens.
    pub pool_max_connections: Gauge,
}

// A rule over two structs is declared on the service.
#[derive(Debug, Service)]
#[alert(
    name = "PoolNearlyFull",
    expr = "pool_connections > 0.9 * pool_max_connections and on () sum(rate(proxy_requests_total[5m])) > 0",
    summary = "The pool is nearly exhausted",
)]
pub struct Gateway {
    pub proxy: Proxy,
    pub pool: Pool,
}

fn main() {
    assert_eq!(<Proxy as MetricGroup>::RULES.len(), 4);
    let rules = <Gateway as Service>::RULES;
    assert_eq!(rules.len(), 3);
    assert_eq!(rules[2][0].name, "PoolNearlyFull");
    assert_eq!(rules[0][3].kind, RuleKind::Record);
    assert_eq!(rules[0][0].for_duration, Some("10m"));
    assert_eq!(rules[0][0].labels, &[("team", "edge"), ("severity", "warning")]);
}
