use metrics_core::{Counter, MetricGroup};

// A page of legacy names is allowed at once; an allowance no metric needs is an error.
#[derive(MetricGroup)]
#[metrics(prefix = "legacy", allow(counter_total, camel_case))]
pub struct Legacy {
    /// Logins, as the old dashboard names them.
    pub logins: Counter,
    /// Logouts, as the old dashboard names them.
    pub logouts: Counter,
}

fn main() {}
