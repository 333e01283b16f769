//! Any runtime string survives the exposition: a `"`, `\` or newline in a label value or a HELP
//! text is escaped, and an independent parser (Python's reference `prometheus_client`) reads
//! back exactly the strings that were recorded.

mod common;

use metrics_core::{Counter, Family, LabelSet, MetricFamily};
use prometheus_client::registry::Registry;

#[derive(Clone, Copy, Debug, LabelSet)]
struct PathLabels<'a> {
    #[label(bound = 64)]
    path: &'a str,
    #[label(bound = 64)]
    note: Option<&'a str>,
}

#[derive(Debug, MetricFamily)]
struct Metrics {
    #[metric(help = "Requests by \"path\": a \\ backslash,\nand a second line")]
    requests_total: Family<PathLabels<'static>, Counter>,
}

const NASTY: [&str; 5] = [
    r#"a "quoted" value"#,
    r"C:\windows\path\",
    "two\nlines",
    "all \" of \\ them \n at once \\n",
    "plain",
];

fn exposition() -> String {
    let metrics = Metrics::default();
    let mut registry = Registry::default();
    metrics.register(&mut registry);
    for (i, path) in NASTY.iter().enumerate() {
        metrics.requests_total.inc_by(
            PathLabels {
                path,
                note: Some(NASTY[4 - i]),
            },
            i as u64 + 1,
        );
    }
    metrics_core::encoding::encode(&registry).expect("encodes")
}

#[test]
fn the_exposition_escapes_help_and_label_values() {
    let text = exposition();
    assert!(text.contains(
        "# HELP requests Requests by \\\"path\\\": a \\\\ backslash,\\nand a second line\n"
    ));
    assert!(text.contains(r#"{path="C:\\windows\\path\\",note="#));
    assert!(text.contains(r#"{path="two\nlines",note="two\nlines"} 3"#));
    assert!(text.contains(r#"path="a \"quoted\" value""#));
    // Every line is one sample or one descriptor: no raw newline leaked from a value.
    for line in text.lines() {
        assert!(
            line.starts_with("# ") || line.starts_with("requests_total{"),
            "unexpected line {line:?}"
        );
    }
}

#[test]
fn an_independent_parser_reads_back_the_recorded_strings() {
    if !common::require(
        common::python_prometheus_client(),
        "Python's prometheus_client",
        "pip install prometheus-client",
    ) {
        return;
    }
    let families = common::parse_openmetrics_with_python(&exposition());
    let family = &families.as_array().expect("a list of families")[0];
    assert_eq!(family["name"], "requests");
    assert_eq!(family["type"], "counter");
    assert_eq!(
        family["help"],
        "Requests by \"path\": a \\ backslash,\nand a second line"
    );
    let mut seen: Vec<(String, String, f64)> = family["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .map(|s| {
            assert_eq!(s[0], "requests_total");
            (
                s[1]["path"].as_str().expect("path").to_owned(),
                s[1]["note"].as_str().expect("note").to_owned(),
                s[2].as_f64().expect("value"),
            )
        })
        .collect();
    seen.sort_by(|a, b| a.2.total_cmp(&b.2));
    let expected: Vec<(String, String, f64)> = NASTY
        .iter()
        .enumerate()
        .map(|(i, p)| (p.to_string(), NASTY[4 - i].to_string(), i as f64 + 1.0))
        .collect();
    assert_eq!(seen, expected);
}
