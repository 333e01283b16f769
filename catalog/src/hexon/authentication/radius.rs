//! RADIUS Authentication (RADSEC + UDP).

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `transport` of `radius_packets_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Transport {
    Tcp,
    Udp,
}

/// `result` of `radius_auth_total` and `radius_auth_duration`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AuthResult {
    Accept,
    Reject,
}

/// `method` of `radius_auth_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum AuthMethod {
    Password,
    X509,
    None,
}

/// Rejection `reason` of `radius_auth_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum RejectReason {
    Geo,
    Time,
}

/// `reason` of `radius_errors_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ErrorReason {
    /// TLS handshake failure on RADSEC connection
    TlsHandshake,
    /// HXEP connection rejected — NAS has per-client mTLS
    HxepMtlsConflict,
    /// RADIUS packet length out of range (< 20 or > 4096)
    InvalidFrame,
    /// RADSEC frame body read failed (truncated)
    IncompleteFrame,
    /// Per-NAS rate limit exceeded (silent drop)
    RateLimit,
    /// Global concurrent auth limit reached (silent drop)
    ConcurrentLimit,
    /// RADIUS packet parse failed (bad authenticator / malformed)
    ParseError,
    /// MFA challenge state token invalid or expired
    InvalidState,
    /// MFA challenge response from different NAS than original
    NasMismatch,
}

/// `{nas}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct NasLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub nas: &'a str,
}

/// `{transport, nas}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct PacketLabels<'a> {
    pub transport: Transport,
    #[label(bound = CONFIGURED)]
    pub nas: &'a str,
}

/// `{result, method, nas}` and `{result, reason, nas}`: the two listings of `radius_auth_total`.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AuthLabels<'a> {
    pub result: AuthResult,
    pub method: Option<AuthMethod>,
    #[label(bound = CONFIGURED)]
    pub nas: &'a str,
    pub reason: Option<RejectReason>,
}

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultLabels {
    pub result: AuthResult,
}

/// `{mapping, nas}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct MappingLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub mapping: &'a str,
    #[label(bound = CONFIGURED)]
    pub nas: &'a str,
}

/// `{reason, nas}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ErrorLabels<'a> {
    pub reason: ErrorReason,
    #[label(bound = CONFIGURED)]
    pub nas: &'a str,
}

/// RADIUS Authentication (RADSEC + UDP).
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "radius", section = "RADIUS Authentication (RADSEC + UDP)")]
pub struct Radius {
    // Connections
    /// TCP connections accepted (RADSEC)
    pub connections_total: Family<NasLabels<'static>, Counter>,
    // Packets
    /// RADIUS packets received
    pub packets_total: Family<PacketLabels<'static>, Counter>,
    // Authentication
    /// Auth outcomes; auth rejections with reason
    #[metric(
        decision = "listed twice, {result, method, nas} \"Auth outcomes\" and {result, reason, nas} \"Auth rejections with reason\"; one family with the union, method and reason optional, the two helps joined"
    )]
    pub auth_total: Family<AuthLabels<'static>, Counter>,
    /// End-to-end auth+authz latency
    #[metric(buckets = LATENCY, unit = "seconds")]
    pub auth_duration: Family<ResultLabels, Histogram>,
    // Mappings
    /// Mapping match counts per mapping name
    pub mapping_matches_total: Family<MappingLabels<'static>, Counter>,
    // Errors
    /// Error counts by reason
    pub errors_total: Family<ErrorLabels<'static>, Counter>,
}
