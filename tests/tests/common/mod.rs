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

/// Whether `program args` runs and succeeds.
pub fn command_works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether Python 3 can import the reference `prometheus_client` package.
pub fn python_prometheus_client() -> bool {
    command_works("python3", &["-c", "import prometheus_client"])
}

/// Runs `program args` with `input` on its standard input, and returns what it printed.
pub fn run_with_stdin(program: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} starts: {e}"));
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .unwrap_or_else(|e| panic!("{program} reads its input: {e}"));
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{program} finishes: {e}"))
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
    let output = run_with_stdin("python3", &["-c", &script], text);
    assert!(
        output.status.success(),
        "the Python parser ({module}) rejected the exposition:\n{}\n--- exposition ---\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the parser prints JSON")
}

/// Infra's sample page (`shared/spec/004_…`): the exposition inside the document's code fence,
/// without the `$ curl` line. `None` (after `require`) when `shared/` is not beside the checkout.
pub fn infra_sample() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/spec/004_7836ac18d1be0a8d.txt");
    let text = std::fs::read_to_string(&path).ok();
    if !require(
        text.is_some(),
        &format!("the specification {}", path.display()),
        "check out shared/ beside the repository",
    ) {
        return None;
    }
    let fenced = text?
        .split("```")
        .nth(1)
        .expect("a fenced sample")
        .to_owned();
    Some(
        fenced
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with("$ "))
            .map(|l| format!("{l}\n"))
            .collect(),
    )
}
