//! The alert and recording rules as Prometheus reads them: every service's rule file passes
//! `promtool check rules`, and the unit tests generated for its alerts (each alert fires on
//! series that should trigger it and stays silent on series that should not) pass
//! `promtool test rules`. The generator itself is tested on small fixtures, including a corrupted
//! expectation that promtool must reject.

// Clippy reads two `#[alert(...)]` attributes that share a key and value (`for = "5m"`) as one
// attribute given twice; each is its own rule.
#![allow(clippy::duplicated_attributes)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use catalog::SERVICES;
use metrics_core::tools::rules::promtool::{self, Generated, TestCase};
// `rule_file`: the test functions have locals named `rules`.
use metrics_core::rules::Rule;
use metrics_core::tools::rules as rule_file;
use metrics_core::{
    Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricDescriptor, MetricGroup,
};
use metrics_tests::requests::RequestLabels;

// ---------------------------------------------------------------------------------------------
// Fixtures.

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct AppLabels<'a> {
    #[label(bound = 32)]
    pub app: &'a str,
}

/// Alerts the generator handles: every construct of the catalog's subset.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shop", section = "Shop Front")]
#[alert(
    name = "ShopFailures",
    expr = r#"sum by (app) (rate(shop_requests_total{outcome=~"fail.*|timeout", reason=""}[5m])) > 5"#,
    for = "10m",
    severity = "warning",
    summary = "Requests are failing",
    description = "More than 5 failed requests per second for 10 minutes.",
    runbook = "https://example.com/runbooks/shop",
    labels(team = "edge")
)]
#[alert(
    name = "ShopSlow",
    expr = "histogram_quantile(0.99, sum by (le, app) (rate(shop_request_duration_seconds_bucket[5m]))) > 1",
    for = "5m",
    severity = "critical",
    summary = "p99 latency above 1s"
)]
#[alert(
    name = "ShopErrorRatio",
    expr = r#"sum by (app) (rate(shop_requests_total{outcome="failure"}[5m])) / sum by (app) (rate(shop_requests_total[5m])) > 0.1"#,
    summary = "More than 10% of requests fail"
)]
#[alert(
    name = "ShopQueueNearlyFull",
    expr = "shop_queue_length > 0.9 * shop_queue_capacity",
    for = "90s",
    summary = "The queue is nearly full"
)]
#[alert(
    name = "ShopQueueStuck",
    expr = "changes(shop_queue_length[15m]) == 0 and shop_queue_length > 0",
    summary = "The queue does not move"
)]
#[alert(
    name = "ShopBusyAndFailing",
    expr = r#"shop_queue_length > 10 and on () sum(rate(shop_requests_total{outcome="failure"}[5m])) > 0"#,
    summary = "A long queue and failures"
)]
#[alert(
    name = "ShopBucketsFilling",
    expr = r#"rate(shop_request_duration_seconds_bucket{le="+Inf"}[5m]) - ignoring (le) rate(shop_request_duration_seconds_bucket{le="1"}[5m]) > 0"#,
    summary = "Requests slower than 1s"
)]
#[alert(
    name = "ShopFailureSpike",
    expr = r#"sum(rate(shop_requests_total{outcome="failure"}[5m])) > 3 * sum(rate(shop_requests_total{outcome="failure"}[1h] offset 1h))"#,
    summary = "Failures tripled against an hour ago"
)]
#[alert(
    name = "ShopNoTraffic",
    expr = "sum by (app) (rate(shop_requests_total[10m])) == 0",
    for = "5m",
    severity = "warning",
    summary = "No requests"
)]
#[alert(
    name = "ShopMostlyFailing",
    expr = r#"rate(shop_requests_total{outcome="failure"}[5m]) / on (app) group_left () sum by (app) (rate(shop_requests_total[5m])) > 0.5"#,
    summary = "Most requests of an app fail"
)]
#[alert(
    name = "ShopQueueLongUnlessLarge",
    expr = "shop_queue_length > 100 unless shop_queue_capacity > 10000",
    summary = "A long queue for its capacity"
)]
#[alert(
    name = "ShopQueueAboveFive",
    expr = "(shop_queue_length > bool 5) == 1",
    summary = "More than five queued"
)]
#[alert(
    name = "ShopQueueGrowing",
    expr = "deriv(shop_queue_length[10m]) > 0",
    for = "5m",
    summary = "The queue keeps growing"
)]
#[record(
    name = "app:shop_requests:rate5m",
    expr = "sum without (outcome, reason) (rate(shop_requests_total[5m]))"
)]
pub struct Shop {
    /// Requests.
    pub requests_total: Family<RequestLabels<'static>, Counter>,
    /// Request duration.
    #[metric(unit = "seconds", buckets(0.1, 1, 10))]
    pub request_duration_seconds: Family<AppLabels<'static>, Histogram>,
    /// Queued requests.
    pub queue_length: Gauge,
    /// The most requests the queue holds.
    pub queue_capacity: Gauge,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum ErrorKind {
    Io,
    Parse,
}

#[derive(Clone, Copy, Debug, LabelSet)]
pub struct ErrorLabels {
    pub kind: ErrorKind,
}

/// Alerts the generator must report instead of testing.
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "batch")]
#[alert(
    name = "BatchErrorRatioNeverMatches",
    expr = "rate(batch_errors_total[5m]) / rate(batch_jobs_total[5m]) > 0.1",
    summary = "The two sides never share their labels: `kind` is on one side only"
)]
#[alert(
    name = "BatchSlowBeyondBuckets",
    expr = "histogram_quantile(0.99, rate(batch_duration_seconds_bucket[5m])) > 100",
    summary = "The largest finite bound is 10"
)]
#[alert(
    name = "BatchTopErrors",
    expr = "topk(1, rate(batch_errors_total[5m])) > 1",
    summary = "topk is outside the generator's subset"
)]
#[alert(
    name = "BatchAlwaysFires",
    expr = "rate(batch_jobs_total[5m]) >= 0",
    summary = "A rate is never negative"
)]
pub struct Batch {
    /// Errors.
    pub errors_total: Family<ErrorLabels, Counter>,
    /// Jobs run.
    pub jobs_total: Counter,
    /// Job duration.
    #[metric(unit = "seconds", buckets(1, 10))]
    pub duration_seconds: Histogram,
}

fn family<F: MetricGroup>() -> (Vec<&'static MetricDescriptor>, Vec<&'static Rule>) {
    (F::DESCRIPTORS.iter().collect(), F::RULES.iter().collect())
}

fn case<'a>(generated: &'a Generated, name: &str) -> &'a TestCase {
    generated
        .tests
        .tests
        .iter()
        .find(|t| t.name == name)
        .unwrap_or_else(|| panic!("no test case `{name}`"))
}

// ---------------------------------------------------------------------------------------------
// promtool.

fn require_promtool() -> bool {
    common::require(
        common::command_works("promtool", &["--version"]),
        "promtool",
        "apt-get install prometheus (Debian), or tests/run under CI=true",
    )
}

/// Runs `promtool <args>` in `dir`: whether it succeeded, and everything it printed.
fn promtool(dir: &Path, args: &[&str]) -> (bool, String) {
    let output = Command::new("promtool")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("promtool runs");
    let text = format!(
        "$ promtool {}\n{}{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.success(), text)
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("rules")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder is created");
    dir
}

/// Writes a fixture's rule file (under the name its tests read) and tests into a fresh folder:
/// the folder and the test file.
fn write_fixture(name: &str, rules: &[&Rule], generated: &Generated) -> (PathBuf, PathBuf) {
    let dir = scratch(name);
    std::fs::write(
        dir.join(&generated.tests.rule_files[0]),
        rule_file::yaml(name, rules),
    )
    .expect("the rule file is written");
    let tests = dir.join(format!("{name}.test.yml"));
    std::fs::write(&tests, generated.tests.to_yaml()).expect("the test file is written");
    (dir, tests)
}

/// The names of the test cases promtool reports as failed.
fn failed_cases(output: &str) -> Vec<&str> {
    output
        .lines()
        .filter_map(|l| l.trim().strip_prefix("name: "))
        .map(|l| l.trim_end_matches(','))
        .collect()
}

/// Runs promtool on tests in which one case was corrupted: it must fail, on that case only.
fn assert_fails_on(name: &str, rules: &[&Rule], corrupted: &Generated, case: &str) {
    let (dir, tests) = write_fixture(name, rules, corrupted);
    let (ok, output) = promtool(&dir, &["test", "rules", &tests.display().to_string()]);
    println!("{output}");
    assert!(
        !ok,
        "promtool accepted the corrupted case {case}:\n{output}"
    );
    assert!(
        !output.contains("WARNING"),
        "promtool did not read the rules: {output}"
    );
    assert_eq!(failed_cases(&output), [case], "{output}");
}

// ---------------------------------------------------------------------------------------------
// Every service.

#[test]
fn every_service_with_rules_passes_promtool() {
    if !require_promtool() {
        return;
    }
    let mut failures = Vec::new();
    let mut untested = Vec::new();
    let with_rules: Vec<&str> = SERVICES
        .iter()
        .filter(|s| !s.rules().is_empty())
        .map(|s| s.name)
        .collect();
    // The documents with alerts: a loop over no service would pass without checking anything.
    assert_eq!(with_rules, ["hexon"], "the services with rules");
    for service in SERVICES.iter().filter(|s| !s.rules().is_empty()) {
        let dir = scratch(service.name);
        let written = rule_file::write(service, &dir).expect("the rule files are written");
        let rules = written.rules.display().to_string();
        let tests = written.tests.display().to_string();
        for args in [["check", "rules", &rules], ["test", "rules", &tests]] {
            let (ok, output) = promtool(&dir, &args);
            println!("{output}");
            if !ok {
                failures.push(format!("{}:\n{output}", service.name));
            }
        }
        untested.extend(
            written
                .generated
                .problems
                .iter()
                .map(|p| format!("{}: {p}", service.name)),
        );
    }
    assert!(
        failures.is_empty(),
        "promtool failed:\n{}",
        failures.join("\n")
    );
    assert!(
        untested.is_empty(),
        "{} alerts have no generated test:\n{}",
        untested.len(),
        untested.join("\n")
    );
}

#[test]
fn a_service_without_rules_writes_an_empty_rule_file() {
    let service = SERVICES
        .iter()
        .find(|s| s.rules().is_empty())
        .expect("a service without rules");
    assert_eq!(rule_file::yaml(service.name, &[]), "groups: []\n");
}

// ---------------------------------------------------------------------------------------------
// The generator on fixtures.

#[test]
fn fires_and_silent_cases_come_out_as_expected() {
    let (descriptors, rules) = family::<Shop>();
    let generated = promtool::generate("shop.rules.yml", &descriptors, &rules);
    assert!(generated.problems.is_empty(), "{:#?}", generated.problems);
    let alerts = rules
        .iter()
        .filter(|r| r.kind == metrics_core::rules::RuleKind::Alert)
        .count();
    assert!(alerts >= 3, "the fixture declares {alerts} alerts");
    assert_eq!(generated.tests.tests.len(), 2 * alerts);
    for rule in rules
        .iter()
        .filter(|r| r.kind == metrics_core::rules::RuleKind::Alert)
    {
        let fires = case(&generated, &format!("{} fires", rule.name));
        let silent = case(&generated, &format!("{} stays silent", rule.name));
        assert!(
            !fires.alert_rule_test[0].exp_alerts.is_empty(),
            "{}",
            rule.name
        );
        assert!(
            silent.alert_rule_test[0].exp_alerts.is_empty(),
            "{}",
            rule.name
        );
        assert_eq!(fires.alert_rule_test[0].alertname, rule.name);
    }

    // The labels: the series' without `__name__`, the rule's, `alertname`; the annotations
    // verbatim; the evaluation after the 5-minute window and the 10-minute `for`.
    let fires = case(&generated, "ShopFailures fires");
    let test = &fires.alert_rule_test[0];
    assert_eq!(test.eval_time, "17m");
    let alert = &test.exp_alerts[0];
    let labels: Vec<(&str, &str)> = alert
        .exp_labels
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("alertname", "ShopFailures"),
            ("app", "example"),
            ("severity", "warning"),
            ("team", "edge")
        ]
    );
    assert_eq!(
        alert.exp_annotations.get("runbook_url").map(String::as_str),
        Some("https://example.com/runbooks/shop")
    );
    // The selector's matchers chose the labels: the first closed value the regex matches, and
    // the optional label matched with `=""` left out.
    assert!(
        fires
            .input_series
            .iter()
            .any(|s| s.series == r#"shop_requests_total{app="example",outcome="failure"}"#),
        "{:#?}",
        fires.input_series
    );
    // A bucket selector gives one series per bound and +Inf, `le` written as Prometheus does.
    let slow = case(&generated, "ShopSlow fires");
    let les: Vec<&str> = slow
        .input_series
        .iter()
        .map(|s| s.series.as_str())
        .collect();
    assert_eq!(
        les,
        [
            r#"shop_request_duration_seconds_bucket{app="example",le="0.1"}"#,
            r#"shop_request_duration_seconds_bucket{app="example",le="1"}"#,
            r#"shop_request_duration_seconds_bucket{app="example",le="10"}"#,
            r#"shop_request_duration_seconds_bucket{app="example",le="+Inf"}"#,
        ]
    );
    // `on ()` keeps no label of the series.
    let busy = case(&generated, "ShopBusyAndFailing fires");
    assert_eq!(
        busy.alert_rule_test[0].exp_alerts[0]
            .exp_labels
            .keys()
            .collect::<Vec<_>>(),
        ["alertname"]
    );

    if !require_promtool() {
        return;
    }
    let (dir, tests) = write_fixture("shop", &rules, &generated);
    let (ok, output) = promtool(&dir, &["check", "rules", "shop.rules.yml"]);
    assert!(ok, "{output}");
    let (ok, output) = promtool(&dir, &["test", "rules", &tests.display().to_string()]);
    println!("{output}");
    assert!(ok, "{output}");
}

#[test]
fn promtool_rejects_a_corrupted_expectation() {
    if !require_promtool() {
        return;
    }
    let (descriptors, rules) = family::<Shop>();
    let generated = promtool::generate("shop.rules.yml", &descriptors, &rules);

    // The firing case expected silent.
    let mut silenced = generated.clone();
    let fires = silenced
        .tests
        .tests
        .iter_mut()
        .find(|t| t.name == "ShopFailures fires")
        .expect("the firing case");
    fires.alert_rule_test[0].exp_alerts.clear();
    assert_fails_on("shop-silenced", &rules, &silenced, "ShopFailures fires");

    // The silent case expected to fire.
    let mut fired = generated.clone();
    let expected = case(&generated, "ShopSlow fires").alert_rule_test[0]
        .exp_alerts
        .clone();
    let silent = fired
        .tests
        .tests
        .iter_mut()
        .find(|t| t.name == "ShopSlow stays silent")
        .expect("the silent case");
    silent.alert_rule_test[0].exp_alerts = expected;
    assert_fails_on("shop-fired", &rules, &fired, "ShopSlow stays silent");

    // A wrong label.
    let mut relabeled = generated.clone();
    let fires = relabeled
        .tests
        .tests
        .iter_mut()
        .find(|t| t.name == "ShopErrorRatio fires")
        .expect("the firing case");
    fires.alert_rule_test[0].exp_alerts[0]
        .exp_labels
        .insert("app".to_owned(), "another".to_owned());
    assert_fails_on("shop-relabeled", &rules, &relabeled, "ShopErrorRatio fires");

    // The `for` not waited out: 9 minutes after the first sample, an alert that must hold for
    // 10 is pending at most.
    let mut early = generated.clone();
    let fires = early
        .tests
        .tests
        .iter_mut()
        .find(|t| t.name == "ShopFailures fires")
        .expect("the firing case");
    fires.alert_rule_test[0].eval_time = "9m".to_owned();
    assert_fails_on("shop-early", &rules, &early, "ShopFailures fires");
}

#[test]
fn alerts_the_generator_cannot_test_are_reported_with_the_reason() {
    let (descriptors, rules) = family::<Batch>();
    let generated = promtool::generate("batch.rules.yml", &descriptors, &rules);
    assert!(generated.tests.tests.is_empty(), "{:#?}", generated.tests);
    let reason = |alert: &str| {
        generated
            .problems
            .iter()
            .find(|p| p.alert == alert)
            .map(|p| p.reason.clone())
            .unwrap_or_else(|| panic!("{alert} is not reported: {:#?}", generated.problems))
    };
    assert!(
        reason("BatchErrorRatioNeverMatches").contains("can probably never fire"),
        "{}",
        reason("BatchErrorRatioNeverMatches")
    );
    assert!(
        reason("BatchSlowBeyondBuckets").contains("can probably never fire"),
        "{}",
        reason("BatchSlowBeyondBuckets")
    );
    assert!(
        reason("BatchTopErrors").contains("`topk` is not supported"),
        "{}",
        reason("BatchTopErrors")
    );
    assert!(
        reason("BatchAlwaysFires").contains("fires whenever its series exist"),
        "{}",
        reason("BatchAlwaysFires")
    );
    assert_eq!(generated.problems.len(), 4);
}
