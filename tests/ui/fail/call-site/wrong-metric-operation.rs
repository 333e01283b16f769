use metrics_tests::fixtures::{LoginLabels, Metrics, Result};

fn main() {
    let metrics = Metrics::default();
    metrics.login_attempts_total.set(LoginLabels { realm: "master", result: Result::Success }, 3);
}
