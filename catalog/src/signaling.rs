//! The Nextcloud Talk signaling server and proxy (`spec/001_1d6680fbfe2cf131.txt`, 44 families).
//!
//! Every metric keeps the version it appeared in (`since`). The document lists no label values,
//! so every label is free text. `/metrics` is served only to the `allowed_ips` of `[stats]`.
//!
//! Six gauges have a counter named `<gauge>_total` beside them (`signaling_proxy_sessions` and
//! `signaling_proxy_sessions_total`): legal in the Prometheus text format 0.0.4, one family name
//! twice in OpenMetrics. The catalog keeps the real names, so signaling is served as 0.0.4.

use crate::bounds::{CODE_DEFINED, CONFIGURED, COUNTRIES, PROTOCOL};
use metrics_core::{Counter, Gauge, Histogram, MetricGroup, Service};

/// Available metrics.
#[metrics_core::labels(
    #[label(bound = CODE_DEFINED)] r#type: &str,
    #[label(bound = CODE_DEFINED)] reason: &str,
    #[label(bound = CONFIGURED)] backend: &str,
    #[label(bound = COUNTRIES)] country: &str,
    #[label(bound = PROTOCOL)] clienttype: &str,
    #[label(unbounded)] url: &str,
    #[label(unbounded)] room: &str,
    #[label(bound = PROTOCOL)] method: &str,
    #[label(bound = CONFIGURED)] host: &str,
    #[label(bound = CODE_DEFINED)] action: &str,
    #[label(bound = CODE_DEFINED)] delay: &str,
    #[label(bound = CODE_DEFINED)] error: &str,
    #[label(bound = PROTOCOL)] direction: &str,
)]
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
    #[metric(labels(r#type))]
    pub proxy_publishers: Gauge,
    /// The total number of created publishers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_proxy_publishers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub proxy_publishers_total: Counter,
    /// The current number of subscribers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_proxy_subscribers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub proxy_subscribers: Gauge,
    /// The total number of created subscribers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_proxy_subscribers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub proxy_subscribers_total: Counter,
    /// The total number of command messages
    #[metric(labels(r#type), since = "0.4.0")]
    pub proxy_command_messages_total: Counter,
    /// The total number of payload messages
    #[metric(labels(r#type), since = "0.4.0")]
    pub proxy_payload_messages_total: Counter,
    /// The total number of token errors
    #[metric(labels(reason), since = "0.4.0")]
    pub proxy_token_errors_total: Counter,
    /// The session limit of a backend (if set)
    #[metric(labels(backend), since = "2.0.0")]
    pub backend_session_limit: Gauge,
    /// The number of times the session limit exceeded
    #[metric(labels(backend), since = "0.4.0")]
    pub backend_session_limit_exceeded_total: Counter,
    /// The current number of configured backends
    #[metric(since = "0.4.0")]
    pub backend_current: Gauge,
    /// The total number of connections by country
    #[metric(labels(country), since = "0.4.0")]
    pub client_countries_total: Counter,
    /// The current number of rooms per backend
    #[metric(labels(backend), since = "0.4.0")]
    pub hub_rooms: Gauge,
    /// The current number of sessions per backend
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_hub_sessions_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(backend, clienttype))]
    pub hub_sessions: Gauge,
    /// The total number of sessions per backend
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_hub_sessions` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(backend, clienttype))]
    pub hub_sessions_total: Counter,
    /// The total number of resumed sessions per backend
    #[metric(labels(backend, clienttype), since = "0.4.0")]
    pub hub_sessions_resume_total: Counter,
    /// The total number of failed session resume requests
    #[metric(since = "0.4.0")]
    pub hub_sessions_resume_failed_total: Counter,
    /// The current number of publishers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_mcu_publishers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub mcu_publishers: Gauge,
    /// The total number of created publishers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_mcu_publishers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub mcu_publishers_total: Counter,
    /// The current number of subscribers
    #[metric(
        since = "0.4.0",
        decision = "a counter `signaling_mcu_subscribers_total` stands beside this gauge: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub mcu_subscribers: Gauge,
    /// The total number of created subscribers
    #[metric(
        since = "0.4.0",
        decision = "the gauge `signaling_mcu_subscribers` stands beside this counter: legal in text 0.0.4, a family-name collision in OpenMetrics; names kept, served as 0.0.4"
    )]
    #[metric(labels(r#type))]
    pub mcu_subscribers_total: Counter,
    /// The total number of subscribe requests where no publisher exists
    #[metric(labels(r#type), since = "0.4.0")]
    pub mcu_nopublisher_total: Counter,
    /// The total number of MCU messages
    #[metric(labels(r#type), since = "0.4.0")]
    pub mcu_messages_total: Counter,
    /// The current number of published media streams
    #[metric(labels(r#type), since = "0.4.0")]
    pub mcu_publisher_streams: Gauge,
    /// The current number of subscribed media streams
    #[metric(labels(r#type), since = "0.4.0")]
    pub mcu_subscriber_streams: Gauge,
    /// Current number of connections to signaling proxy backends
    #[metric(labels(country), since = "0.4.0")]
    pub mcu_backend_connections: Gauge,
    /// Current load of signaling proxy backends
    #[metric(labels(url), since = "0.4.0")]
    pub mcu_backend_load: Gauge<f64>,
    /// Total number of publishing requests where no backend was available
    #[metric(labels(r#type), since = "0.4.0")]
    pub mcu_no_backend_available_total: Counter,
    /// The current number of sessions in a room
    #[metric(labels(backend, room, clienttype), since = "0.4.0")]
    pub room_sessions: Gauge,
    /// The total number of signaling messages
    #[metric(labels(r#type), since = "0.4.0")]
    pub server_messages_total: Counter,
    /// The current number of GRPC clients
    #[metric(since = "1.0.0")]
    pub grpc_clients: Gauge,
    /// The total number of GRPC client calls
    #[metric(labels(method), since = "1.0.0")]
    pub grpc_client_calls_total: Counter,
    /// The total number of GRPC server calls
    #[metric(labels(method), since = "1.0.0")]
    pub grpc_server_calls_total: Counter,
    /// The current number of HTTP client connections per host
    #[metric(labels(host), since = "1.2.4")]
    pub http_client_pool_connections: Gauge,
    /// The total number of delayed requests
    #[metric(labels(action, delay), since = "1.2.5")]
    pub throttle_delayed_total: Counter,
    /// The total number of rejected bruteforce requests
    #[metric(labels(action), since = "1.2.5")]
    pub throttle_bruteforce_total: Counter,
    /// The total number of backend client requests
    #[metric(labels(backend), since = "2.0.3")]
    pub backend_client_requests_total: Counter,
    /// The duration of backend client requests in seconds
    #[metric(
        since = "2.0.3",
        unit = "seconds",
        // Go's default buckets: the document gives none for its one histogram, and the server
        // is written in Go.
        buckets = metrics_core::buckets::DEFAULT,
        decision = "the document gives no buckets: Go's default buckets, in seconds as the help says"
    )]
    #[metric(labels(backend))]
    pub backend_client_requests_duration: Histogram,
    /// The total number of backend client requests that had an error
    #[metric(labels(backend, error), since = "2.0.3")]
    pub backend_client_requests_errors_total: Counter,
    /// The current bandwidth in bytes per second
    #[metric(labels(direction), since = "2.0.5", unit = "bytes_per_second")]
    pub mcu_bandwidth: Gauge<f64>,
    /// The current usage of signaling proxy backends in percent
    #[metric(
        labels(url, direction),
        allow(base_units),
        since = "2.0.5",
        unit = "percent"
    )]
    pub mcu_backend_usage: Gauge<f64>,
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
