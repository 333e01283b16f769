//! Module Data Storage.

use metrics_core::{Counter, Histogram, LabelValue, MetricGroup};

use crate::hexon::LATENCY;

/// `operation`: get|set|delete|getallforuser|loadall|exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Operation {
    Get,
    Set,
    Delete,
    Getallforuser,
    Loadall,
    Exists,
}

/// `backend`: the document lists `hexon` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Backend {
    Hexon,
}

/// `result`: success|error.
pub use crate::hexon::values::SuccessError as OperationResult;

/// Module Data Storage.
#[metrics_core::labels(
    operation: Operation,
    backend: Backend,
    result: OperationResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "moduledata", section = "Module Data Storage")]
pub struct ModuleDataStorage {
    // Operations (namespace: moduledata)
    /// Operation count
    #[metric(decision = "lists only backend=hexon; `backend` is a closed set of that one value")]
    #[metric(labels(operation, backend, result))]
    pub operations_total: Counter,
    /// Operation duration
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "lists only backend=hexon; `backend` is a closed set of that one value"
    )]
    #[metric(labels(operation, backend))]
    pub operation_duration: Histogram,
}
