//! Connectivity: DNS Resolution, Forward Proxy Engine, Client Access (HexonClient), QUIC
//! Connector, Network Listener (Forward Proxy emits no metrics).

pub mod client_access;
pub mod dns_resolution;
pub mod forward_proxy_engine;
pub mod network_listener;
pub mod quic_connector;
