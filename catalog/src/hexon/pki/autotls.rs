//! AutoTLS Certificate Management.
//!
//! Certificate state is also observable via the `autotls status` hexdcall command and log
//! entries.

use metrics_core::{Counter, MetricGroup};

/// `result` of `autotls_issuances_total` and `autotls_renewals_total`.
pub use crate::hexon::values::SuccessFailure as Outcome;

/// AutoTLS Certificate Management.
#[metrics_core::labels(
    result: Outcome,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "autotls", section = "AutoTLS Certificate Management")]
pub struct Autotls {
    /// Initial certificate issuance on startup (after retry loop)
    #[metric(
        decision = "the document writes the label with its values inside the braces, `{result=success|failure}`: label `result`, closed set success|failure"
    )]
    #[metric(labels(result))]
    pub issuances_total: Counter,
    /// Certificate renewal attempts (both automatic renewal loop and manual 'autotls renew')
    #[metric(
        decision = "the document writes the label with its values inside the braces, `{result=success|failure}`: label `result`, closed set success|failure"
    )]
    #[metric(labels(result))]
    pub renewals_total: Counter,
}
