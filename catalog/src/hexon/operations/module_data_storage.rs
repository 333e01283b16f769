//! Module Data Storage.

use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

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

/// `{operation, backend, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OperationResultLabels {
    pub operation: Operation,
    pub backend: Backend,
    pub result: OperationResult,
}

/// `{operation, backend}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct OperationLabels {
    pub operation: Operation,
    pub backend: Backend,
}

/// Module Data Storage.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "moduledata", section = "Module Data Storage")]
pub struct ModuleDataStorage {
    // Operations (namespace: moduledata)
    /// Operation count
    #[metric(decision = "lists only backend=hexon; `backend` is a closed set of that one value")]
    pub operations_total: Family<OperationResultLabels, Counter>,
    /// Operation duration
    #[metric(
        buckets = LATENCY,
        unit = "seconds",
        decision = "lists only backend=hexon; `backend` is a closed set of that one value"
    )]
    pub operation_duration: Family<OperationLabels, Histogram>,
}
