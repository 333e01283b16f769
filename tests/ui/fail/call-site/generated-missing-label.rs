// The same mistake at the call site of a generated label struct: the same error.
use metrics_tests::declared::{LoginAttemptsTotalLabels, Metrics};

fn main() {
    let metrics = Metrics::default();
    metrics.login_attempts_total.inc(LoginAttemptsTotalLabels { realm: "master" });
}
