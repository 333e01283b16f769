use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
pub struct Metrics {
    /// Queries run.
    #[metric(name = "bastion.sql_queries_total")]
    pub sql_queries: Counter,
}

fn main() {}
