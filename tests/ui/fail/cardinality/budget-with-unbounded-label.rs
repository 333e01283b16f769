use metrics_core::{Counter, Family, LabelSet, MetricFamily};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientLabels<'a> {
    #[label(unbounded)]
    pub client_ip: &'a str,
}

// No budget holds a label that nothing bounds.
#[derive(Debug, MetricFamily)]
pub struct Auth {
    /// Failed logins.
    #[metric(budget = 10_000)]
    pub login_failures_total: Family<ClientLabels<'static>, Counter>,
}

fn main() {}
