//! hexon, a security gateway (`spec/002_d70fb58de778f465.txt`, 564 families in about 44
//! modules). One Rust module per module of the document, grouped as the document groups them.
//!
//! Conventions, applied throughout rather than repeated at each declaration:
//! - names, types, label names and label order are the document's;
//! - where a description lists a label's values (`(reason: a|b|c)`, `result=a|b`, a list of
//!   `label=value` lines), the values are a closed set (`#[derive(LabelValue)]`), `true|false`
//!   is `bool`, and the help is the description without the list; a label whose values are not
//!   listed is free text;
//! - `reason?` is an optional label (`Option<_>`);
//! - the `latency` type is a histogram with the document's fixed buckets, [`LATENCY`], in
//!   seconds (the document's alerts compare latencies with seconds);
//! - every other departure from the document is a `decision` on the metric.

use metrics_core::Service;

pub mod authentication;
pub mod bastion;
pub mod connectivity;
pub mod identity;
pub mod operations;
pub mod pki;
pub mod protection;
pub mod reverse_proxy;
pub mod values;

/// The `latency` type's buckets: <1ms, <10ms, <100ms, <1s, <10s, and >10s (`+Inf`).
pub const LATENCY: &[f64] = &[0.001, 0.01, 0.1, 1.0, 10.0];

/// For a `histogram` in seconds whose buckets the document does not give: the Prometheus
/// client libraries' default buckets (the decisions name them so).
pub const DEFAULT_SECONDS: &[f64] = metrics_core::buckets::DEFAULT;

/// For a `histogram` in milliseconds whose buckets the document does not give: the default
/// buckets, scaled.
pub const DEFAULT_MILLISECONDS: &[f64] = &[
    5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0,
];

/// Every metric struct of hexon, in the document's order.
///
/// Served in the Prometheus text format 0.0.4 only. The document names its counters as that
/// format shows them (`proxy_errors`, `loadbalancer_select_failures`: about 250 counters without
/// `_total`), and its alerts select those names. Served as OpenMetrics, the same counters are
/// exposed as `proxy_errors_total`, and every alert on them would silently select nothing: the
/// build said so (`alert LoadBalancerNoHealthyBackends selects loadbalancer_select_failures,
/// which is no series in OpenMetrics 1.0`) while the service declared both formats. The Go
/// client's default handler serves 0.0.4 unless OpenMetrics is enabled, which fits the document.
#[derive(Debug, Service)]
#[service(name = "hexon", formats(prometheus))]
pub struct Hexon {
    pub load_balancer: reverse_proxy::load_balancer::LoadBalancer,
    pub request_shadow: reverse_proxy::request_shadow::RequestShadow,
    pub proxy: reverse_proxy::proxy::ReverseProxy,
    pub device_code: authentication::device_code::DeviceCode,
    pub jit2fa: authentication::jit2fa::Jit2fa,
    pub kerberos: authentication::kerberos::Kerberos,
    pub ldap: authentication::ldap::Ldap,
    pub oidc: authentication::oidc::Oidc,
    pub email_otp: authentication::email_otp::EmailOtp,
    pub totp: authentication::totp::Totp,
    pub webauthn: authentication::webauthn::Webauthn,
    pub x509: authentication::x509::X509,
    pub radius: authentication::radius::Radius,
    pub directory_cache: identity::directory_cache::DirectoryCache,
    pub ldap_provider: identity::ldap_provider::LdapProvider,
    pub oidc_relying_party: identity::oidc_relying_party::OidcRelyingParty,
    pub scim_identity_provider: identity::scim_identity_provider::ScimIdentityProvider,
    pub ssh_bastion_gateway: bastion::ssh_bastion_gateway::SshBastionGateway,
    pub acme_ca_server: pki::acme_ca_server::AcmeCaServer,
    pub acme_client: pki::acme_client::AcmeClient,
    pub autotls: pki::autotls::Autotls,
    pub certificate_management: pki::certificate_management::CertificateManagement,
    pub spiffe_workload_identity: pki::spiffe_workload_identity::SpiffeWorkloadIdentity,
    pub data_loss_prevention: protection::data_loss_prevention::DataLossPrevention,
    pub geo_ip_and_asn_access_control:
        protection::geo_ip_and_asn_access_control::GeoIpAndAsnAccessControl,
    pub proof_of_work_challenge: protection::proof_of_work_challenge::ProofOfWorkChallenge,
    pub rate_limiting: protection::rate_limiting::RateLimiting,
    pub request_size_limiting: protection::request_size_limiting::RequestSizeLimiting,
    pub time_based_access_control: protection::time_based_access_control::TimeBasedAccessControl,
    pub web_application_firewall: protection::web_application_firewall::WebApplicationFirewall,
    pub end_to_origin_encryption: protection::end_to_origin_encryption::EndToOriginEncryption,
    pub dns_resolution: connectivity::dns_resolution::DnsResolution,
    pub forward_proxy_engine: connectivity::forward_proxy_engine::ForwardProxyEngine,
    pub client_access: connectivity::client_access::ClientAccess,
    pub quic_connector: connectivity::quic_connector::QuicConnector,
    pub network_listener: connectivity::network_listener::NetworkListener,
    pub module_data_storage: operations::module_data_storage::ModuleDataStorage,
    pub notification_service: operations::notification_service::NotificationService,
    pub distributed_sessions: operations::distributed_sessions::DistributedSessions,
    pub smtp_email_delivery: operations::smtp_email_delivery::SmtpEmailDelivery,
    pub distributed_memory_storage:
        operations::distributed_memory_storage::DistributedMemoryStorage,
    pub telemetry_logging: operations::telemetry_logging::TelemetryLogging,
    pub ai_assistant: operations::ai_assistant::AiAssistant,
    pub kubernetes_crd_configuration:
        operations::kubernetes_crd_configuration::KubernetesCrdConfiguration,
}
