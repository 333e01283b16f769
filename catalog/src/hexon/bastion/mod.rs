//! SSH & SQL Bastion: SSH Bastion Gateway.

use metrics_core::AnyFamily;

pub mod ssh_bastion_gateway;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![Box::new(ssh_bastion_gateway::SshBastionGateway::default())]
}
