//! The Nextcloud Talk signaling server and proxy (`spec/001_1d6680fbfe2cf131.txt`, 44 families).
//!
//! Every metric keeps the version it appeared in (`since`). The document lists no label values,
//! so every label is free text. `/metrics` is served only to the `allowed_ips` of `[stats]`.
//!
//! Six gauges have a counter named `<gauge>_total` beside them (`signaling_proxy_sessions` and
//! `signaling_proxy_sessions_total`): legal in the Prometheus text format 0.0.4, one family name
//! twice in OpenMetrics. The catalog keeps the real names, so signaling is served as 0.0.4.

use crate::bounds::{CODE_DEFINED, CONFIGURED, COUNTRIES, PROTOCOL};
use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, MetricGroup, Service};

/// `{type}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct TypeLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub r#type: &'a str,
}

/// `{reason}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ReasonLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub reason: &'a str,
}

/// `{backend}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BackendLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub backend: &'a str,
}

/// `{country}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CountryLabels<'a> {
    #[label(bound = COUNTRIES)]
    pub country: &'a str,
}

/// `{backend, clienttype}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BackendClienttypeLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub backend: &'a str,
    #[label(bound = PROTOCOL)]
    pub clienttype: &'a str,
}

/// `{url}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UrlLabels<'a> {
    #[label(unbounded)]
    pub url: &'a str,
}

/// `{backend, room, clienttype}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BackendRoomClienttypeLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub backend: &'a str,
    #[label(unbounded)]
    pub room: &'a str,
    #[label(bound = PROTOCOL)]
    pub clienttype: &'a str,
}

/// `{method}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct MethodLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub method: &'a str,
}

/// `{host}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct HostLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub host: &'a str,
}

/// `{action, delay}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ActionDelayLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub action: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub delay: &'a str,
}

/// `{action}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ActionLabels<'a> {
    #[label(bound = CODE_DEFINED)]
    pub action: &'a str,
}

/// `{backend, error}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct BackendErrorLabels<'a> {
    #[label(bound = CONFIGURED)]
    pub backend: &'a str,
    #[label(bound = CODE_DEFINED)]
    pub error: &'a str,
}

/// `{direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct DirectionLabels<'a> {
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
}

/// `{url, direction}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct UrlDirectionLabels<'a> {
    #[label(unbounded)]
    pub url: &'a str,
    #[label(bound = PROTOCOL)]
    pub direction: &'a str,
}

/// Available metrics.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "signaling", section = "Available metrics")]
pub struct Signaling {
    /// The current number of sessions
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_proxy_sessions_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_sessions: Gauge,
    /// The total number of created sessions
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_proxy_sessions` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_sessions_total: Counter,
    /// The total number of resumed sessions
    #[metric(since = "0.4.0")]
    pub proxy_sessions_resumed_total: Counter,
    /// The current number of publishers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_proxy_publishers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_publishers: Family<TypeLabels<'static>, Gauge>,
    /// The total number of created publishers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_proxy_publishers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_publishers_total: Family<TypeLabels<'static>, Counter>,
    /// The current number of subscribers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_proxy_subscribers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_subscribers: Family<TypeLabels<'static>, Gauge>,
    /// The total number of created subscribers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_proxy_subscribers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub proxy_subscribers_total: Family<TypeLabels<'static>, Counter>,
    /// The total number of command messages
    #[metric(since = "0.4.0")]
    pub proxy_command_messages_total: Family<TypeLabels<'static>, Counter>,
    /// The total number of payload messages
    #[metric(since = "0.4.0")]
    pub proxy_payload_messages_total: Family<TypeLabels<'static>, Counter>,
    /// The total number of token errors
    #[metric(since = "0.4.0")]
    pub proxy_token_errors_total: Family<ReasonLabels<'static>, Counter>,
    /// The session limit of a backend (if set)
    #[metric(since = "2.0.0")]
    pub backend_session_limit: Family<BackendLabels<'static>, Gauge>,
    /// The number of times the session limit exceeded
    #[metric(since = "0.4.0")]
    pub backend_session_limit_exceeded_total: Family<BackendLabels<'static>, Counter>,
    /// The current number of configured backends
    #[metric(since = "0.4.0")]
    pub backend_current: Gauge,
    /// The total number of connections by country
    #[metric(since = "0.4.0")]
    pub client_countries_total: Family<CountryLabels<'static>, Counter>,
    /// The current number of rooms per backend
    #[metric(since = "0.4.0")]
    pub hub_rooms: Family<BackendLabels<'static>, Gauge>,
    /// The current number of sessions per backend
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_hub_sessions_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub hub_sessions: Family<BackendClienttypeLabels<'static>, Gauge>,
    /// The total number of sessions per backend
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_hub_sessions` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub hub_sessions_total: Family<BackendClienttypeLabels<'static>, Counter>,
    /// The total number of resumed sessions per backend
    #[metric(since = "0.4.0")]
    pub hub_sessions_resume_total: Family<BackendClienttypeLabels<'static>, Counter>,
    /// The total number of failed session resume requests
    #[metric(since = "0.4.0")]
    pub hub_sessions_resume_failed_total: Counter,
    /// The current number of publishers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_mcu_publishers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub mcu_publishers: Family<TypeLabels<'static>, Gauge>,
    /// The total number of created publishers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_mcu_publishers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub mcu_publishers_total: Family<TypeLabels<'static>, Counter>,
    /// The current number of subscribers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_mcu_subscribers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub mcu_subscribers: Family<TypeLabels<'static>, Gauge>,
    /// The total number of created subscribers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_mcu_subscribers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    pub mcu_subscribers_total: Family<TypeLabels<'static>, Counter>,
    /// The total number of subscribe requests where no publisher exists
    #[metric(since = "0.4.0")]
    pub mcu_nopublisher_total: Family<TypeLabels<'static>, Counter>,
    /// The total number of MCU messages
    #[metric(since = "0.4.0")]
    pub mcu_messages_total: Family<TypeLabels<'static>, Counter>,
    /// The current number of published media streams
    #[metric(since = "0.4.0")]
    pub mcu_publisher_streams: Family<TypeLabels<'static>, Gauge>,
    /// The current number of subscribed media streams
    #[metric(since = "0.4.0")]
    pub mcu_subscriber_streams: Family<TypeLabels<'static>, Gauge>,
    /// Current number of connections to signaling proxy backends
    #[metric(since = "0.4.0")]
    pub mcu_backend_connections: Family<CountryLabels<'static>, Gauge>,
    /// Current load of signaling proxy backends
    #[metric(since = "0.4.0")]
    pub mcu_backend_load: Family<UrlLabels<'static>, Gauge<f64>>,
    /// Total number of publishing requests where no backend was available
    #[metric(since = "0.4.0")]
    pub mcu_no_backend_available_total: Family<TypeLabels<'static>, Counter>,
    /// The current number of sessions in a room
    #[metric(since = "0.4.0")]
    pub room_sessions: Family<BackendRoomClienttypeLabels<'static>, Gauge>,
    /// The total number of signaling messages
    #[metric(since = "0.4.0")]
    pub server_messages_total: Family<TypeLabels<'static>, Counter>,
    /// The current number of GRPC clients
    #[metric(since = "1.0.0")]
    pub grpc_clients: Gauge,
    /// The total number of GRPC client calls
    #[metric(since = "1.0.0")]
    pub grpc_client_calls_total: Family<MethodLabels<'static>, Counter>,
    /// The total number of GRPC server calls
    #[metric(since = "1.0.0")]
    pub grpc_server_calls_total: Family<MethodLabels<'static>, Counter>,
    /// The current number of HTTP client connections per host
    #[metric(since = "1.2.4")]
    pub http_client_pool_connections: Family<HostLabels<'static>, Gauge>,
    /// The total number of delayed requests
    #[metric(since = "1.2.5")]
    pub throttle_delayed_total: Family<ActionDelayLabels<'static>, Counter>,
    /// The total number of rejected bruteforce requests
    #[metric(since = "1.2.5")]
    pub throttle_bruteforce_total: Family<ActionLabels<'static>, Counter>,
    /// The total number of backend client requests
    #[metric(since = "2.0.3")]
    pub backend_client_requests_total: Family<BackendLabels<'static>, Counter>,
    /// The duration of backend client requests in seconds
    #[metric(
        since = "2.0.3",
        unit = "seconds",
        // Go's default buckets: the document gives none for its one histogram, and the server
        // is written in Go.
        buckets = metrics_core::buckets::DEFAULT,
        decision = "the document gives no buckets: Go's default buckets, in seconds as the help says"
    )]
    pub backend_client_requests_duration: Family<BackendLabels<'static>, Histogram>,
    /// The total number of backend client requests that had an error
    #[metric(since = "2.0.3")]
    pub backend_client_requests_errors_total: Family<BackendErrorLabels<'static>, Counter>,
    /// The current bandwidth in bytes per second
    #[metric(since = "2.0.5", unit = "bytes_per_second")]
    pub mcu_bandwidth: Family<DirectionLabels<'static>, Gauge<f64>>,
    /// The current usage of signaling proxy backends in percent
    #[metric(since = "2.0.5", unit = "percent")]
    #[metric(allow(base_units))]
    pub mcu_backend_usage: Family<UrlDirectionLabels<'static>, Gauge<f64>>,
    /// The current load of the signaling proxy
    #[metric(since = "2.0.5")]
    pub proxy_load: Gauge<f64>,
}

/// The signaling service: served in the text format 0.0.4 only, because of its six
/// gauge/counter `_total` pairs (an OpenMetrics declaration fails the build).
#[derive(Debug, Service)]
#[service(name = "signaling", formats(prometheus))]
pub struct SignalingService {
    pub metrics: Signaling,
}
