//! Reverse Proxy: Load Balancer, Request Shadow/Mirror, Reverse Proxy.

use metrics_core::AnyFamily;

pub mod load_balancer;
pub mod proxy;
pub mod request_shadow;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(load_balancer::LoadBalancer::default()),
        Box::new(request_shadow::RequestShadow::default()),
        Box::new(proxy::ReverseProxy::default()),
    ]
}
