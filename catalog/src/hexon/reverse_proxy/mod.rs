//! Reverse Proxy: Load Balancer, Request Shadow/Mirror, Reverse Proxy.

pub mod load_balancer;
pub mod proxy;
pub mod request_shadow;
