use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Queries run.
    #[metric(name = "bastion.sql_queries_total")]
    pub sql_queries: Counter,
}

fn main() {}
