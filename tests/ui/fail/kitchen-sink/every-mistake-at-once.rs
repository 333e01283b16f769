use metrics_core::{Counter, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

#[derive(Clone, Copy, LabelValue)]
#[label(rename_all = "lowercase")]
pub enum Direction {
    In,
    #[label(rename = "in")]
    Inbound,
    Out,
}

#[derive(LabelSet)]
pub struct Labels<'a> {
    #[label(name = "back-end")]
    #[label(bound = 64)]
    pub backend: &'a str,
    #[label(rename = "pool")]
    #[label(bound = 64)]
    pub pool: &'a str,
    pub owner: String,
}

#[derive(MetricGroup)]
#[metrics(prefix = "gateway")]
pub struct Metrics {
    pub sessions: Gauge,
    /// Queries.
    #[metric(name = "bastion.sql_queries_total")]
    pub sql_queries: Counter,
    /// Latency.
    #[metric(buckets(1, 10, 5, 10))]
    pub latency: Histogram,
    /// Errors.
    #[metric(bukets(1, 2), since = "")]
    pub errors_total: Counter,
    /// Sessions again.
    #[metric(name = "gateway_sessions")]
    pub sessions_again: Gauge,
}

fn main() {
    let metrics = Metrics::default();
    metrics.errors_total.inc();
}
