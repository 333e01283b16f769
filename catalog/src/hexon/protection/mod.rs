//! The document's "protection" group.

pub mod data_loss_prevention;
pub mod end_to_origin_encryption;
pub mod geo_ip_and_asn_access_control;
pub mod proof_of_work_challenge;
pub mod rate_limiting;
pub mod request_size_limiting;
pub mod time_based_access_control;
pub mod web_application_firewall;
