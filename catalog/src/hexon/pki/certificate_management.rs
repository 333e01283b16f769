//! Certificate Management.

use metrics_core::{Counter, Gauge, LabelValue, MetricGroup};

/// `source` of `certmanager_set_total`: the certificate source type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Source {
    Static,
    Acme,
    Acmeclient,
}

/// Certificate Management.
#[metrics_core::labels(
    source: Source,
    hit: bool,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "certmanager", section = "Certificate Management")]
pub struct CertificateManagement {
    // Certificate Operations (namespace: certmanager)
    /// Certificate store operations (both domain and default)
    #[metric(labels(source))]
    pub set_total: Counter,
    /// Cache lookups for TLS certificate retrieval
    // `{hit}`: `true` when the certificate is found (exact or wildcard match), `false` when it is
    // not in the cache.
    #[metric(labels(hit))]
    pub get_total: Counter,
    /// Certificates expired from cache (renewal may have failed)
    pub expired_total: Counter,
    /// Total certificates currently held in local cache
    #[metric(allow(total_suffix))]
    pub certificates_total: Gauge,
}
