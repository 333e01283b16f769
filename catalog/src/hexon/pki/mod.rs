//! The document's "pki" group.

pub mod acme_ca_server;
pub mod acme_client;
pub mod autotls;
pub mod certificate_management;
pub mod spiffe_workload_identity;
