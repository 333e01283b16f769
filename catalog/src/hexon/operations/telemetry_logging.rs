//! Telemetry & Logging.
//!
//! The document: the three counters have no labels and are incremented in the single
//! background writer goroutine.

use metrics_core::{Counter, MetricFamily};

/// Telemetry & Logging.
#[derive(Debug, MetricFamily)]
#[metrics(prefix = "telemetry", section = "Telemetry & Logging")]
pub struct TelemetryLogging {
    // Audit event tracking
    /// Audit-class entries successfully written
    pub audit_log_entries_total: Counter,
    /// Audit-class entries dropped (channel overflow)
    pub audit_dropped_total: Counter,
    /// Converging-class entries successfully written
    pub converging_log_entries_total: Counter,
}
