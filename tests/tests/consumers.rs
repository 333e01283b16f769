//! Every service's exposition, in every format it is declared to be served in, read by consumers
//! that are not ours: the Python reference parsers of both formats, and `promtool check metrics`,
//! whose naming complaints must all be allowances the catalog declares.

mod common;

use catalog::SERVICES;
use metrics_core::{Format, MetricDescriptor};

#[test]
fn the_python_parsers_read_every_service_in_every_declared_format() {
    if !common::require_python() {
        return;
    }
    for service in SERVICES {
        for &format in service.formats {
            let text = service.exposition(format).expect("declared formats encode");
            let families = match format {
                Format::OpenMetrics => common::parse_openmetrics_with_python(&text),
                Format::Prometheus => common::parse_prometheus_text_with_python(&text),
            };
            assert_eq!(
                families.as_array().map(Vec::len),
                Some(service.descriptors().len()),
                "{} as {format}: the parser found another number of families",
                service.name
            );
            // Every sample, name, labels and value, as the project's own reader (the live
            // checker's) reads it: two parsers written apart agree on the whole page.
            let python = common::python_samples(&families);
            let ours = checker_samples(&text, format);
            assert!(
                ours.len() > service.descriptors().len(),
                "{} as {format}: {} samples",
                service.name,
                ours.len()
            );
            assert_eq!(python.len(), ours.len(), "{} as {format}", service.name);
            for (theirs, ours) in python.iter().zip(&ours) {
                assert_eq!(theirs, ours, "{} as {format}", service.name);
            }
        }
    }
}

/// The samples of `text` as the live checker's reader reads them, in [`common::python_samples`]'s
/// shape.
fn checker_samples(text: &str, format: Format) -> Vec<common::Sample> {
    let exposition =
        metrics_core::tools::check::parse::parse(text, format).expect("the checker reads it");
    let mut samples: Vec<_> = exposition
        .families
        .iter()
        .flat_map(|family| {
            // Python's 0.0.4 parser hands counters over in OpenMetrics' shape: a sample without
            // `_total` gets it appended (`build_metric` in `prometheus_client/parser.py`).
            let munged = family.kind(format) == metrics_core::tools::check::parse::Kind::Counter;
            family.samples.iter().map(move |sample| {
                let mut labels = sample.labels.clone();
                labels.sort();
                let mut name = sample.name.clone();
                if munged && !name.ends_with("_total") {
                    name.push_str("_total");
                }
                (name, labels, format!("{:?}", sample.value))
            })
        })
        .collect();
    samples.sort();
    samples
}

/// promtool's complaint, as the rule of the catalog that allows it.
fn rule_of(problem: &str) -> Option<(&'static str, bool)> {
    // (rule, whether it is about a label)
    let rules: &[(&str, &str, bool)] = &[
        (
            "counter metrics should have \"_total\" suffix",
            "counter_total",
            false,
        ),
        (
            "non-counter metrics should not have \"_total\" suffix",
            "total_suffix",
            false,
        ),
        (
            "label names should be written in 'snake_case' not 'camelCase'",
            "camel_case",
            true,
        ),
        (
            "metric names should be written in 'snake_case' not 'camelCase'",
            "camel_case",
            false,
        ),
        ("use base unit", "base_units", false),
        (
            "metric names should not contain abbreviated units",
            "unit_abbreviation",
            false,
        ),
        (
            "non-histogram and non-summary metrics should not have",
            "reserved_suffix",
            false,
        ),
        ("metric name should not include type", "type_in_name", false),
        ("_info", "info_suffix", false),
    ];
    rules
        .iter()
        .find(|(text, _, _)| problem.contains(text))
        .map(|&(_, rule, label)| (rule, label))
}

fn allows(d: &MetricDescriptor, rule: &str, on_label: bool) -> bool {
    if on_label {
        d.labels.iter().any(|l| l.allowances.contains(&rule))
    } else {
        d.allowances.contains(&rule)
    }
}

#[test]
fn promtool_reports_only_the_declared_allowances() {
    let available = common::command_works("promtool", &["--version"]);
    if !common::require(available, "promtool", "apt-get install prometheus") {
        return;
    }
    let mut reported = 0;
    for service in SERVICES {
        let text = service
            .exposition(Format::Prometheus)
            .expect("every service encodes as text 0.0.4");
        let output = common::run_with_stdin("promtool", &["check", "metrics"], &text);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.contains("error while linting"),
            "{}: promtool could not read the exposition:\n{stderr}",
            service.name
        );
        let descriptors = service.descriptors();
        for line in stdout
            .lines()
            .chain(stderr.lines())
            .filter(|l| !l.trim().is_empty())
        {
            let (metric, problem) = line.split_once(' ').unwrap_or((line, ""));
            let Some((rule, on_label)) = rule_of(problem) else {
                panic!(
                    "{}: promtool reports a problem the catalog has no rule for: {line}",
                    service.name
                );
            };
            let d = descriptors
                .iter()
                .find(|d| d.name == metric)
                .unwrap_or_else(|| {
                    panic!(
                        "{}: promtool names `{metric}`, which the catalog does not declare: {line}",
                        service.name
                    )
                });
            assert!(
                allows(d, rule, on_label),
                "{}: promtool reports `{line}`, but `{metric}` declares no allowance `{rule}`",
                service.name
            );
            reported += 1;
        }
        // promtool exits non-zero exactly when it reports something.
        assert_eq!(
            output.status.success(),
            stdout.trim().is_empty() && stderr.trim().is_empty(),
            "{}: promtool's exit status does not match its report",
            service.name
        );
    }
    // hexon and hyperauth keep legacy names: the check above has something to check.
    assert!(reported > 100, "promtool reported only {reported} problems");
}
