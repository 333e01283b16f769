//! The document's "pki" group.

use metrics_core::AnyFamily;

pub mod acme_ca_server;
pub mod acme_client;
pub mod autotls;
pub mod certificate_management;
pub mod spiffe_workload_identity;

/// Every metric struct of the group, in the document's order.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(acme_ca_server::AcmeCaServer::default()),
        Box::new(acme_client::AcmeClient::default()),
        Box::new(autotls::Autotls::default()),
        Box::new(certificate_management::CertificateManagement::default()),
        Box::new(spiffe_workload_identity::SpiffeWorkloadIdentity::default()),
    ]
}
