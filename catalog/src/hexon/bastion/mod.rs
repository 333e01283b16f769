//! SSH & SQL Bastion: SSH Bastion Gateway.

pub mod ssh_bastion_gateway;
