use metrics_tests::fixtures::{LoginLabels, Metrics};

fn main() {
    let metrics = Metrics::default();
    metrics.login_attempts_total.inc(LoginLabels { realm: "master", result: "success" });
}
