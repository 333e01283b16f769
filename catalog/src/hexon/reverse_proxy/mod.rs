//! Reverse Proxy: Load Balancer, Request Shadow/Mirror, Reverse Proxy.

use metrics_core::AnyFamily;

pub mod load_balancer;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![Box::new(load_balancer::LoadBalancer::default())]
}
