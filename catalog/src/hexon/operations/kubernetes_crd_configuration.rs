//! Kubernetes CRD Configuration.

use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

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

/// `{result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ResultLabels {
    pub result: SyncResult,
}

/// `{operation, result}`
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct CrdOperationLabels {
    pub operation: CrdOperation,
    pub result: CrdOperationResult,
}

/// Kubernetes CRD Configuration.
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
    pub reconciliations_total: Family<ResultLabels, Counter>,
    // Health Sync
    /// Periodic health status writes to CRD .status
    pub health_syncs_total: Family<ResultLabels, Counter>,
    // CRD Operations
    /// Individual CRD operations
    #[metric(
        decision = "result values depend on operation (ensure_definition: created|updated|failure, status_write: success|failure); `result` is the union"
    )]
    pub crd_operations_total: Family<CrdOperationLabels, Counter>,
}
