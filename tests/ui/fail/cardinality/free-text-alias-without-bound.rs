use metrics_core::{Counter, Family, LabelSet, MetricGroup};

// The derive cannot see through an alias; the check runs when the labels are described.
pub type Hostname<'a> = &'a str;

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HostLabels<'a> {
    pub host: Hostname<'a>,
}

#[derive(Debug, MetricGroup)]
pub struct Proxy {
    /// Requests per host.
    pub requests_total: Family<HostLabels<'static>, Counter>,
}

fn main() {}
