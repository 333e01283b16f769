use metrics_core::{Counter, MetricGroup};

#[derive(MetricGroup)]
#[metrics(prefix = "legacy", allow(counter_total))]
pub struct Legacy {
    /// Logins, as the old dashboard names them.
    #[metric(allow(counter_total))]
    pub logins: Counter,
}

fn main() {}
