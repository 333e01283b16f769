//! The document's "protection" group.

use metrics_core::AnyFamily;

pub mod data_loss_prevention;
pub mod end_to_origin_encryption;
pub mod geo_ip_and_asn_access_control;
pub mod proof_of_work_challenge;
pub mod rate_limiting;
pub mod request_size_limiting;
pub mod time_based_access_control;
pub mod web_application_firewall;

/// Every metric struct of the group, in the document's order. The Access Policy Engine emits
/// no Prometheus metrics.
pub fn families() -> Vec<Box<dyn AnyFamily>> {
    vec![
        Box::new(data_loss_prevention::DataLossPrevention::default()),
        Box::new(geo_ip_and_asn_access_control::GeoIpAndAsnAccessControl::default()),
        Box::new(proof_of_work_challenge::ProofOfWorkChallenge::default()),
        Box::new(rate_limiting::RateLimiting::default()),
        Box::new(request_size_limiting::RequestSizeLimiting::default()),
        Box::new(time_based_access_control::TimeBasedAccessControl::default()),
        Box::new(web_application_firewall::WebApplicationFirewall::default()),
        Box::new(end_to_origin_encryption::EndToOriginEncryption::default()),
    ]
}
