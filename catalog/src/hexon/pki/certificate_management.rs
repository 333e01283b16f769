//! Certificate Management.

use metrics_core::{Counter, Family, Gauge, LabelSet, LabelValue, MetricGroup};

/// `source` of `certmanager_set_total`: the certificate source type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Source {
    Static,
    Acme,
    Acmeclient,
}

/// `{source}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct SourceLabels {
    pub source: Source,
}

/// `{hit}`: `true` when the certificate is found (exact or wildcard match), `false` when it is
/// not in the cache.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HitLabels {
    pub hit: bool,
}

/// Certificate Management.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "certmanager", section = "Certificate Management")]
pub struct CertificateManagement {
    // Certificate Operations (namespace: certmanager)
    /// Certificate store operations (both domain and default)
    pub set_total: Family<SourceLabels, Counter>,
    /// Cache lookups for TLS certificate retrieval
    pub get_total: Family<HitLabels, Counter>,
    /// Certificates expired from cache (renewal may have failed)
    pub expired_total: Counter,
    /// Total certificates currently held in local cache
    #[metric(allow(total_suffix))]
    pub certificates_total: Gauge,
}
