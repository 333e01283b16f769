use metrics_core::{Counter, Family, LabelSet, MetricGroup};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientLabels<'a> {
    #[label(unbounded)]
    pub client_ip: &'a str,
}

// No budget holds a label that nothing bounds.
#[derive(Debug, MetricGroup)]
pub struct Auth {
    /// Failed logins.
    #[metric(budget = 10_000)]
    pub login_failures_total: Family<ClientLabels<'static>, Counter>,
}

fn main() {}
