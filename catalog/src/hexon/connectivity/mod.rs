//! Connectivity: DNS Resolution, Forward Proxy Engine, Client Access (HexonClient), QUIC
//! Connector, Network Listener (Forward Proxy emits no metrics).

use metrics_core::AnyFamily;

pub mod client_access;
pub mod dns_resolution;
pub mod forward_proxy_engine;
pub mod network_listener;
pub mod quic_connector;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(dns_resolution::DnsResolution::default()),
        Box::new(forward_proxy_engine::ForwardProxyEngine::default()),
        Box::new(client_access::ClientAccess::default()),
        Box::new(quic_connector::QuicConnector::default()),
        Box::new(network_listener::NetworkListener::default()),
    ]
}
