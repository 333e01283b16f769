//! SPIFFE Workload Identity.

use crate::bounds::CODE_DEFINED;
use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::DEFAULT_MILLISECONDS;

/// `endpoint` of `spiffe_requests_total` and `spiffe_request_duration_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Endpoint {
    Directory,
    NewNonce,
    NewAccount,
    NewOrder,
    GetOrder,
    Finalize,
    GetCertificate,
    TrustBundle,
    RevokeCert,
    Tos,
}

/// `status` of `spiffe_requests_total`.
pub use crate::hexon::values::SuccessError as RequestStatus;

/// SPIFFE Workload Identity.
#[metrics_core::labels(
    endpoint: Endpoint,
    #[label(name = "status")] request_status: RequestStatus,
    #[label(bound = CODE_DEFINED)] r#type: &str,
    #[label(bound = CODE_DEFINED)] status: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "spiffe", section = "SPIFFE Workload Identity")]
#[alert(
    name = "SpiffeAcmeErrors",
    expr = "rate(spiffe_errors_total[5m]) > 10",
    severity = "warning",
    summary = "High ACME error rate"
)]
#[alert(
    name = "SpiffeCidrBlocked",
    expr = "rate(spiffe_cidr_blocked_total[5m]) > 0",
    severity = "warning",
    summary = "CIDR policy blocking requests"
)]
#[alert(
    name = "SpiffeLatencyHigh",
    expr = "histogram_quantile(0.99, sum by (le) (rate(spiffe_request_duration_ms_bucket[5m]))) > 5000",
    severity = "warning",
    summary = "P99 latency exceeding 5 seconds",
    correction = "the document writes `histogram_quantile(0.99, spiffe_request_duration_ms)`: a histogram has no series of its own; the quantile is read from the rate of its `_bucket` series (in milliseconds, as the metric is)"
)]
pub struct SpiffeWorkloadIdentity {
    // Requests
    /// Requests per endpoint
    #[metric(labels(endpoint, request_status))]
    pub requests_total: Counter,
    /// Request latency in milliseconds
    #[metric(
        buckets = DEFAULT_MILLISECONDS,
        unit = "milliseconds",
        decision = "a `histogram` in ms without buckets: DEFAULT_MILLISECONDS (its 5000 bound serves the document's p99 > 5000 alert)"
    )]
    #[metric(labels(endpoint), allow(base_units, unit_abbreviation))]
    pub request_duration_ms: Histogram,
    // Errors
    /// ACME error responses by problem type and HTTP status
    // `{type, status}`: the ACME problem type and the HTTP status.
    #[metric(labels(r#type, status))]
    pub errors_total: Counter,
    /// Requests blocked by CIDR policy
    pub cidr_blocked_total: Counter,
}
