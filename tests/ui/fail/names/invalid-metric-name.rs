use metrics_core::{Counter, MetricFamily};

#[derive(MetricFamily)]
pub struct Metrics {
    /// Queries run.
    #[metric(name = "bastion.sql_queries")]
    pub sql_queries: Counter,
}

fn main() {}
