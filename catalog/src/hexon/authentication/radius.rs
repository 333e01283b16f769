//! RADIUS Authentication (RADSEC + UDP).

use crate::bounds::CONFIGURED;
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

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

/// RADIUS Authentication (RADSEC + UDP).
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] nas: &str,
    transport: Transport,
    result: AuthResult,
    #[label(optional)] method: AuthMethod,
    #[label(optional)] reason: RejectReason,
    #[label(bound = CONFIGURED)] mapping: &str,
    #[label(name = "reason")] error_reason: ErrorReason,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "radius", section = "RADIUS Authentication (RADSEC + UDP)")]
pub struct Radius {
    // Connections
    /// TCP connections accepted (RADSEC)
    #[metric(labels(nas))]
    pub connections_total: Counter,
    // Packets
    /// RADIUS packets received
    #[metric(labels(transport, nas))]
    pub packets_total: Counter,
    // Authentication
    /// Auth outcomes; auth rejections with reason
    // `{result, method, nas}` and `{result, reason, nas}`: the two listings of `radius_auth_total`.
    #[metric(
        decision = "listed twice, {result, method, nas} \"Auth outcomes\" and {result, reason, nas} \"Auth rejections with reason\"; one family with the union, method and reason optional, the two helps joined"
    )]
    #[metric(labels(result, method?, nas, reason?))]
    pub auth_total: Counter,
    /// End-to-end auth+authz latency
    #[metric(labels(result), buckets = LATENCY, unit = "seconds")]
    pub auth_duration: Histogram,
    // Mappings
    /// Mapping match counts per mapping name
    #[metric(labels(mapping, nas))]
    pub mapping_matches_total: Counter,
    // Errors
    /// Error counts by reason
    #[metric(labels(error_reason, nas))]
    pub errors_total: Counter,
}
