//! End-to-Origin Encryption.
//!
//! The document lists these families without a type; all are `_total` event counts, declared
//! as counters.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, LabelValue, MetricGroup};

/// `type` of `e2oe_channels_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ChannelType {
    /// Baseline ECDH channel
    Baseline,
    /// Tier 1 (WebAuthn) first establishment
    Established,
    /// Tier 1 rebind on page reload
    Rebound,
    /// Tier 1 via PRF-wrapped relay (cross-origin promotion)
    PrfWrapped,
}

/// `tier` of `e2oe_channel_tier_total`: the negotiated tier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Tier {
    Baseline,
    Webauthn,
}

/// `origin_match` of `e2oe_channel_tier_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum OriginMatch {
    /// Channel established on the auth origin
    Auth,
    /// Channel established on a non-auth origin (PRF-wrapped path)
    CrossOrigin,
}

/// `direction` of `e2oe_websocket_frames_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum FrameDirection {
    /// Server→browser frames
    Encrypt,
    /// Browser→server frames
    Decrypt,
}

/// `direction` of `e2oe_websocket_failures_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum FailureDirection {
    /// Server→browser encryption failed
    Encrypt,
    /// Browser→server decryption failed
    Decrypt,
    /// Strict-monotonic seq gate rejected a frame (replay or reorder)
    DecryptSeq,
}

/// `outcome` of the `e2oe_tier1_wrap_*_total` families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum WrapOutcome {
    /// Block emitted (per-session or per-IP layer)
    RateLimited,
}

/// `layer` of the `e2oe_tier1_wrap_*_total` families: which bucket triggered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Layer {
    Session,
    Ip,
}

/// End-to-Origin Encryption.
#[metrics_core::labels(
    r#type: ChannelType,
    tier: Tier,
    origin_match: OriginMatch,
    direction: FrameDirection,
    #[label(name = "direction")] failure_direction: FailureDirection,
    #[label(bound = CODE_DEFINED)] outcome: &str,
    #[label(name = "outcome")] wrap_outcome: WrapOutcome,
    layer: Layer,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "e2oe", section = "End-to-Origin Encryption")]
pub struct EndToOriginEncryption {
    /// Channel establishments
    #[metric(decision = "untyped in the document; a counter (an event count named `_total`)")]
    #[metric(labels(r#type))]
    pub channels_total: Counter,
    /// Channel establishments by negotiated tier and origin
    #[metric(
        decision = "untyped and without a description in the document; a counter (an event count named `_total`), with the catalog's help, from its label descriptions"
    )]
    #[metric(labels(tier, origin_match))]
    pub channel_tier_total: Counter,
    /// Requests processed through E2OE.
    /// Incremented for every header-path request (fetch/XHR)
    #[metric(
        decision = "untyped in the document; a counter (an event count named `_total`); the line below its description, \"Incremented for every header-path request (fetch/XHR)\", says what it counts, so the help keeps it as a second sentence"
    )]
    pub requests_encrypted_total: Counter,
    /// Request body decryption failures
    #[metric(decision = "untyped in the document; a counter (an event count named `_total`)")]
    pub decryption_failures_total: Counter,
    /// WebSocket frames encrypted/decrypted
    #[metric(decision = "untyped in the document; a counter (an event count named `_total`)")]
    #[metric(labels(direction))]
    pub websocket_frames_total: Counter,
    /// WebSocket encrypt/decrypt failures
    #[metric(decision = "untyped in the document; a counter (an event count named `_total`)")]
    #[metric(labels(failure_direction))]
    pub websocket_failures_total: Counter,
    /// Wrap-relay endpoint outcomes
    #[metric(
        decision = "untyped in the document; a counter (an event count named `_total`); only `outcome=served` is listed for \"outcomes\", so `outcome` is free text"
    )]
    #[metric(labels(outcome))]
    pub tier1_relay_total: Counter,
    /// Wrap-upload endpoint outcomes
    #[metric(
        decision = "untyped in the document; a counter (an event count named `_total`); only `outcome=full` is listed for \"outcomes\", so `outcome` is free text"
    )]
    #[metric(labels(outcome))]
    pub tier1_provision_total: Counter,
    /// Per-endpoint rate-limit blocks
    #[metric(
        decision = "untyped in the document; a counter (an event count named `_total`); the families count blocks only, so `outcome` is the closed set {rate_limited}"
    )]
    #[metric(labels(wrap_outcome, layer))]
    pub tier1_wrap_relay_total: Counter,
    /// Per-endpoint rate-limit blocks
    #[metric(
        decision = "untyped and without its own description in the document, which describes the three tier1_wrap_* families once; a counter (an event count named `_total`) with that help; `outcome` is the closed set {rate_limited}"
    )]
    #[metric(labels(wrap_outcome, layer))]
    pub tier1_wrap_upload_total: Counter,
    /// Per-endpoint rate-limit blocks
    #[metric(
        decision = "untyped and without its own description in the document, which describes the three tier1_wrap_* families once; a counter (an event count named `_total`) with that help; `outcome` is the closed set {rate_limited}"
    )]
    #[metric(labels(wrap_outcome, layer))]
    pub tier1_wrap_state_total: Counter,
}
