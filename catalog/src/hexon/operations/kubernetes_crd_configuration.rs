//! Kubernetes CRD Configuration.

use metrics_core::{Counter, LabelValue, MetricGroup};

/// `result` of `k8s_reconciliations_total` and `k8s_health_syncs_total`: success | failure.
pub use crate::hexon::values::SuccessFailure as SyncResult;

/// `operation` of `k8s_crd_operations_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CrdOperation {
    EnsureDefinition,
    StatusWrite,
}

/// `result` of `k8s_crd_operations_total`: the union of ensure_definition's
/// created | updated | failure and status_write's success | failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum CrdOperationResult {
    Created,
    Updated,
    Failure,
    Success,
}

/// Kubernetes CRD Configuration.
#[metrics_core::labels(
    result: SyncResult,
    operation: CrdOperation,
    #[label(name = "result")] crd_operation_result: CrdOperationResult,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "k8s", section = "Kubernetes CRD Configuration")]
#[alert(
    name = "K8sReconciliationFailing",
    expr = r#"rate(k8s_reconciliations_total{result="failure"}[5m]) > 0"#,
    severity = "warning",
    summary = "Reconciliation failing"
)]
#[alert(
    name = "K8sHealthSyncFailing",
    expr = r#"rate(k8s_health_syncs_total{result="failure"}[5m]) > 0"#,
    severity = "warning",
    summary = "Health sync failing"
)]
pub struct KubernetesCrdConfiguration {
    // Reconciliation
    /// Config-to-CRD reconciliation cycles
    #[metric(labels(result))]
    pub reconciliations_total: Counter,
    // Health Sync
    /// Periodic health status writes to CRD .status
    #[metric(labels(result))]
    pub health_syncs_total: Counter,
    // CRD Operations
    /// Individual CRD operations
    #[metric(
        decision = "result values depend on operation (ensure_definition: created|updated|failure, status_write: success|failure); `result` is the union"
    )]
    #[metric(labels(operation, crd_operation_result))]
    pub crd_operations_total: Counter,
}
