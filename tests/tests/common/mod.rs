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

/// [`require`] for Python's `prometheus_client`, the reference parsers of both formats.
pub fn require_python() -> bool {
    require(
        python_prometheus_client(),
        "Python's prometheus_client",
        "python3 -m pip install prometheus-client",
    )
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
/// A value that JSON cannot hold is a string, as the exposition spells it: `"NaN"`, `"+Inf"`,
/// `"-Inf"` (read it with [`sample_value`]).
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
import json, math, sys
from {module} import text_string_to_metric_families
def value(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return v
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({{"name": f.name, "type": f.type, "help": f.documentation, "unit": f.unit,
                "samples": [[s.name, s.labels, value(s.value)] for s in f.samples]}})
print(json.dumps(out, allow_nan=False))
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

/// A sample's value as [`parse_openmetrics_with_python`] returns it: a number, or `"NaN"`,
/// `"+Inf"`, `"-Inf"`.
pub fn sample_value(value: &serde_json::Value) -> f64 {
    match value {
        serde_json::Value::String(s) if s == "NaN" => f64::NAN,
        serde_json::Value::String(s) if s == "+Inf" => f64::INFINITY,
        serde_json::Value::String(s) if s == "-Inf" => f64::NEG_INFINITY,
        v => v.as_f64().unwrap_or_else(|| panic!("a sample value: {v}")),
    }
}

/// A sample as `(name, labels sorted by name, value)`, the value written with `{:?}` so that
/// `NaN` compares equal to itself and `1` to `1.0`.
pub type Sample = (String, Vec<(String, String)>, String);

/// Every sample of the parsed families, sorted.
pub fn python_samples(families: &serde_json::Value) -> Vec<Sample> {
    let mut samples: Vec<_> = families
        .as_array()
        .expect("a list of families")
        .iter()
        .flat_map(|family| family["samples"].as_array().expect("samples"))
        .map(|s| {
            let mut labels: Vec<(String, String)> = s[1]
                .as_object()
                .expect("labels")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("a label value").to_owned()))
                .collect();
            labels.sort();
            let name = s[0].as_str().expect("a sample name").to_owned();
            (name, labels, format!("{:?}", sample_value(&s[2])))
        })
        .collect();
    samples.sort();
    samples
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
