use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricFamily};

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "lowercase")]
pub enum Result {
    Success,
    Failure,
}

#[derive(LabelSet)]
pub struct LoginLabels<'a> {
    pub realm: &'a str,
    pub result: Result,
}

#[derive(MetricFamily)]
pub struct Metrics {
    /// Login attempts.
    pub login_attempts_total: Family<LoginLabels<'static>, Counter>,
}

fn main() {
    let metrics = Metrics::default();
    metrics.login_attempts_total.inc(LoginLabels { realm: "master", result: Result::Timeout });
}
