//! Telemetry & Logging.
//!
//! The document: the three counters have no labels and are incremented in the single
//! background writer goroutine.

use metrics_core::{Counter, MetricGroup};

/// Telemetry & Logging.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "telemetry", section = "Telemetry & Logging")]
#[alert(
    name = "TelemetryAuditEntriesLost",
    expr = "increase(telemetry_audit_dropped_total[5m]) > 0",
    severity = "critical",
    summary = "Audit entries lost — increase channel buffer or reduce log volume",
    correction = "the document compares the counter `telemetry_audit_dropped_total > 0`: a counter only goes up: compared raw, the alert would fire from the first event until the process restarts; the rule alerts on events in the last 5 minutes instead"
)]
#[alert(
    name = "TelemetryNoAuditEvents",
    expr = "rate(telemetry_audit_log_entries_total[5m]) == 0",
    severity = "warning",
    summary = "No audit events — possible pipeline failure or misconfiguration"
)]
pub struct TelemetryLogging {
    // Audit event tracking
    /// Audit-class entries successfully written
    pub audit_log_entries_total: Counter,
    /// Audit-class entries dropped (channel overflow)
    pub audit_dropped_total: Counter,
    /// Converging-class entries successfully written
    pub converging_log_entries_total: Counter,
}
