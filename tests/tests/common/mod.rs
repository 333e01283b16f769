//! Helpers shared by the integration tests.
#![allow(dead_code, unreachable_pub)]

use std::io::Write;
use std::process::{Command, Stdio};

/// Whether the tests run in CI, where a missing external tool is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Returns `true` when the tool is usable. Otherwise fails under `CI=true` and, on a developer's
/// machine, prints why the test is skipped and returns `false`.
pub fn require(available: bool, what: &str, install: &str) -> bool {
    if available {
        return true;
    }
    assert!(
        !in_ci(),
        "{what} is required under CI=true but is missing; install it with: {install}"
    );
    eprintln!("SKIPPED: {what} is not installed (install it with: {install})");
    false
}

/// Whether Python 3 can import the reference `prometheus_client` package.
pub fn python_prometheus_client() -> bool {
    Command::new("python3")
        .args(["-c", "import prometheus_client"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Parses an OpenMetrics exposition with the Python reference parser and returns its families
/// as JSON: `[{"name", "type", "help", "unit", "samples": [[name, {labels}, value], ...]}]`.
pub fn parse_openmetrics_with_python(text: &str) -> serde_json::Value {
    parse_with_python(text, "prometheus_client.openmetrics.parser")
}

/// As [`parse_openmetrics_with_python`], with the parser of the Prometheus text format 0.0.4.
pub fn parse_prometheus_text_with_python(text: &str) -> serde_json::Value {
    parse_with_python(text, "prometheus_client.parser")
}

fn parse_with_python(text: &str, module: &str) -> serde_json::Value {
    let script = format!(
        r#"
import json, sys
from {module} import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({{"name": f.name, "type": f.type, "help": f.documentation, "unit": f.unit,
                "samples": [[s.name, s.labels, s.value] for s in f.samples]}})
print(json.dumps(out))
"#
    );
    let mut child = Command::new("python3")
        .args(["-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes())
        .expect("the exposition is written to python3");
    let output = child.wait_with_output().expect("python3 finishes");
    assert!(
        output.status.success(),
        "the Python parser ({module}) rejected the exposition:\n{}\n--- exposition ---\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the parser prints JSON")
}
