use metrics_core::{Counter, Family, LabelSet, MetricGroup};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ClientLabels<'a> {
    #[label(unbounded)]
    pub client_ip: &'a str,
}

// A cap of no label set would send every record to the overflow series.
#[derive(Debug, MetricGroup)]
pub struct Auth {
    /// Failed logins.
    #[metric(series_cap = 0)]
    pub login_failures_total: Family<ClientLabels<'static>, Counter>,
}

fn main() {}
