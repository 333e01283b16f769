//! Declarations shared by UI cases, so that each case holds only its one mistake (the call-site
//! cases in `ui/fail/call-site/` and the rule cases in `ui/fail/rules/`), and by the rule tests.
//! The tests themselves are in `tests/`.

/// A small catalog to record into.
pub mod fixtures {
    use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup};

    /// The outcome of a login: a closed set.
    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "lowercase")]
    pub enum Result {
        Success,
        Failure,
    }

    /// `realm` (free text), `result` (closed).
    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct LoginLabels<'a> {
        #[label(bound = 64)]
        pub realm: &'a str,
        pub result: Result,
    }

    /// One labelled counter.
    #[derive(Debug, MetricGroup)]
    pub struct Metrics {
        /// Login attempts.
        pub login_attempts_total: Family<LoginLabels<'static>, Counter>,
    }
}

/// The same catalog in the attribute form: its label struct, `LoginAttemptsTotalLabels`, is
/// generated, and the call-site cases in `ui/fail/call-site/generated-*` record into it.
pub mod declared {
    use metrics_core::{Counter, MetricGroup};

    pub use super::fixtures::Result;

    #[metrics_core::labels(
        #[label(bound = 64)]
        realm: &str,
        result: Result,
    )]
    #[derive(Debug, MetricGroup)]
    pub struct Metrics {
        /// Login attempts.
        #[metric(labels(realm, result))]
        pub login_attempts_total: Counter,
    }
}

/// The label set of the alert and recording rule cases: each case declares its family (the
/// derive checks the rules on it) with its one mistaken rule.
pub mod shadow {
    use metrics_core::{LabelSet, LabelValue};

    /// The outcome of a mirrored request: a closed set.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub enum Result {
        Success,
        Failure,
    }

    /// `shadow_name` (free text), `result` (closed).
    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct ShadowLabels<'a> {
        #[label(bound = 16)]
        pub shadow_name: &'a str,
        pub result: Result,
    }
}

/// The label set of the rule fixtures that compile (`ui/pass/rules.rs`) and that the rule tests
/// hand to promtool (`tests/rules.rs`): free text, a closed set and an optional closed set.
pub mod requests {
    use metrics_core::{LabelSet, LabelValue};

    /// The outcome of a request.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub enum Outcome {
        Success,
        Failure,
        Timeout,
    }

    /// `app` (free text), `outcome` (closed), `reason` (optional, closed).
    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct RequestLabels<'a> {
        #[label(bound = 32)]
        pub app: &'a str,
        pub outcome: Outcome,
        pub reason: Option<Outcome>,
    }
}
