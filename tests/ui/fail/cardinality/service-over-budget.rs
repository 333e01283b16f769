use metrics_core::{Counter, Family, Gauge, LabelSet, MetricGroup, Service};

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TenantLabels<'a> {
    #[label(bound = 500)]
    pub tenant: &'a str,
}

#[derive(Debug, MetricGroup)]
pub struct Usage {
    /// Requests per tenant.
    pub requests_total: Family<TenantLabels<'static>, Counter>,
    /// Open connections per tenant.
    pub connections: Family<TenantLabels<'static>, Gauge>,
}

// Each family fits in 600, the two together do not.
#[derive(Debug, Service)]
#[service(budget = 600)]
pub struct Gateway {
    pub usage: Usage,
}

fn main() {}
