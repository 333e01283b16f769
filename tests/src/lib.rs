//! Declarations shared by the call-site UI cases in `ui/fail/call-site/`, so that each case
//! holds only its one mistake. The tests themselves are in `tests/`.

/// A small catalog to record into.
pub mod fixtures {
    use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricFamily};

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
    #[derive(Debug, MetricFamily)]
    pub struct Metrics {
        /// Login attempts.
        pub login_attempts_total: Family<LoginLabels<'static>, Counter>,
    }
}
