//! Any runtime string survives the exposition that `/metrics` serves (`metrics_core::Registry`,
//! in both formats): a `"`, `\`, newline or carriage return in a label value or a HELP text is
//! written as its format requires, and an independent parser (Python's reference
//! `prometheus_client`, one parser per format) reads back exactly the strings that were recorded.

mod common;

use metrics_core::{Counter, Family, Format, LabelSet, MetricGroup, Registry};

#[derive(Clone, Copy, Debug, LabelSet)]
struct PathLabels<'a> {
    #[label(bound = 64)]
    path: &'a str,
    #[label(bound = 64)]
    note: Option<&'a str>,
}

const HELP: &str = "Requests by \"path\": a \\ backslash,\nand a second line\r with a return";

#[derive(Debug, MetricGroup)]
struct Metrics {
    #[metric(help = "Requests by \"path\": a \\ backslash,\nand a second line\r with a return")]
    requests_total: Family<PathLabels<'static>, Counter>,
}

const NASTY: [&str; 9] = [
    r#"a "quoted" value"#,
    r"C:\windows\path\",
    "two\nlines",
    "all \" of \\ them \n at once \\n",
    "a carriage\rreturn and a \r\n pair",
    "tab\tand } # EOF, = signs",
    "ünïcödé ✓ and \u{1F600}",
    "\\\"",
    "plain",
];

fn exposition(format: Format) -> String {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&metrics);
    for (i, path) in NASTY.iter().enumerate() {
        metrics.requests_total.inc_by(
            PathLabels {
                path,
                note: Some(NASTY[NASTY.len() - 1 - i]),
            },
            i as u64 + 1,
        );
    }
    registry.encode(format).expect("no collision")
}

#[test]
fn help_and_label_values_are_escaped_as_each_format_requires() {
    let om = exposition(Format::OpenMetrics);
    let text = exposition(Format::Prometheus);
    // OpenMetrics escapes `"` in HELP; the text format 0.0.4 does not (and its parsers would
    // keep the backslash).
    assert!(om.contains(
        "# HELP requests Requests by \\\"path\\\": a \\\\ backslash,\\nand a second line\r with a return\n"
    ), "{om}");
    assert!(text.contains(
        "# HELP requests_total Requests by \"path\": a \\\\ backslash,\\nand a second line\r with a return\n"
    ), "{text}");
    for out in [&om, &text] {
        assert!(
            out.contains(r#"{path="C:\\windows\\path\\",note="#),
            "{out}"
        );
        assert!(
            out.contains(r#"{path="two\nlines",note="ünïcödé ✓ and 😀"} 3"#),
            "{out}"
        );
        // A carriage return is no line break in either format: written as it is.
        assert!(
            out.contains("{path=\"a carriage\rreturn and a \r\\n pair\","),
            "{out}"
        );
        assert!(out.contains(r#"path="a \"quoted\" value""#), "{out}");
        assert!(out.contains(r#"path="\\\"""#), "{out}");
        // Every line is one sample or one descriptor: no raw newline leaked from a value.
        for line in out.lines() {
            assert!(
                line.starts_with("# ") || line.starts_with("requests_total{"),
                "unexpected line {line:?}"
            );
        }
    }
}

#[test]
fn an_independent_parser_reads_back_the_recorded_strings_in_both_formats() {
    if !common::require_python() {
        return;
    }
    let expected: Vec<common::Sample> = {
        let mut samples: Vec<_> = NASTY
            .iter()
            .enumerate()
            .map(|(i, path)| {
                let mut labels = vec![
                    ("note".to_owned(), NASTY[NASTY.len() - 1 - i].to_owned()),
                    ("path".to_owned(), (*path).to_owned()),
                ];
                labels.sort();
                let value = format!("{:?}", i as f64 + 1.0);
                ("requests_total".to_owned(), labels, value)
            })
            .collect();
        samples.sort();
        samples
    };
    for (format, parsed) in [
        (
            Format::OpenMetrics,
            common::parse_openmetrics_with_python(&exposition(Format::OpenMetrics)),
        ),
        (
            Format::Prometheus,
            common::parse_prometheus_text_with_python(&exposition(Format::Prometheus)),
        ),
    ] {
        let families = parsed.as_array().expect("a list of families");
        assert_eq!(families.len(), 1, "{format}: {parsed}");
        assert_eq!(families[0]["name"], "requests", "{format}");
        assert_eq!(families[0]["type"], "counter", "{format}");
        assert_eq!(families[0]["help"], HELP, "{format}");
        assert_eq!(common::python_samples(&parsed), expected, "{format}");
    }
}
