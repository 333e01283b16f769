//! Unit tests of a service's alerts for `promtool test rules`, generated from the rules and the
//! descriptors of the metrics they read.
//!
//! For every alert the generator writes two test cases: one whose input series make the alert
//! fire, with the alerts Prometheus must return, and one whose series keep it silent. It parses
//! the expression (`promql-parser`), makes one input series per selector from the metric's
//! descriptor (labels chosen to satisfy the selector's matchers; one series per bucket for a
//! histogram's `_bucket`), gives each input an intensity (a counter or bucket grows by that many
//! per second, a gauge holds it), and searches small combinations of intensities with an
//! evaluator of the PromQL the catalog uses. The evaluator computes what Prometheus 2.x computes
//! on the same samples (closed range windows, `rate`'s extrapolation, one-to-one vector matching,
//! `histogram_quantile`'s interpolation, `for`), so promtool then checks the catalog's alerts
//! against an independent implementation. A comparison whose two sides are too close to call is
//! never used. An alert the generator cannot handle, or for which no combination fires or none
//! stays silent, is returned as a [`Problem`], never skipped.
//!
//! The evaluator is hand-written because no Rust crate evaluates PromQL (`promql-parser` only
//! parses it); it covers the functions and operators the rule checks let through.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::time::Duration;

use crate::descriptor::format_duration;
use metrics_core::rules::{Rule, RuleKind, Sample, sample_of};
use metrics_core::{Format, LabelKind, MetricDescriptor, MetricType};
use promql_parser::label::{MatchOp, Matchers};
use promql_parser::parser::{self, Expr, LabelModifier, VectorMatchCardinality};
use regex::Regex;
use serde::Serialize;

/// The interval of the input series and of the rule evaluation.
const INTERVAL_MS: i64 = 60_000;
/// The fewest samples of an input series after the first (`0+60x60`).
const MIN_STEPS: i64 = 60;
/// How far back an instant selector looks for a sample.
const LOOKBACK_MS: i64 = 5 * 60_000;
/// The per-second rates a counter or a histogram's buckets grow at, in the order they are tried.
const RATES: &[f64] = &[1.0, 0.0, 10.0, 1000.0, 1e6];
/// The values a gauge holds, in the order they are tried.
const LEVELS: &[f64] = &[1.0, 0.0, 10.0, 1000.0, 1e6, 0.5];
/// The most combinations searched for one alert.
const MAX_COMBINATIONS: usize = 200_000;

type Labels = BTreeMap<String, String>;

/// A firing alert's labels, and the labels of its series (what `$labels` reads in a template).
type Fired = (Labels, Labels);

/// A `promtool test rules` file.
#[derive(Debug, Clone, Serialize)]
pub struct TestFile {
    /// The rule files under test, relative to the test file.
    pub rule_files: Vec<String>,
    /// How often the rules are evaluated.
    pub evaluation_interval: String,
    /// The test cases: two per alert.
    pub tests: Vec<TestCase>,
}

impl TestFile {
    /// The file as YAML.
    pub fn to_yaml(&self) -> String {
        serde_yaml_ng::to_string(self)
            .unwrap_or_else(|e| format!("# the test file could not be written: {e}\n"))
    }
}

/// One test group of a test file: input series and the alerts expected at one time.
#[derive(Debug, Clone, Serialize)]
pub struct TestCase {
    /// `<alert> fires` or `<alert> stays silent`.
    pub name: String,
    /// The interval between two samples of the input series.
    pub interval: String,
    /// The input series.
    pub input_series: Vec<InputSeries>,
    /// The expected alerts.
    pub alert_rule_test: Vec<AlertTest>,
}

/// One input series in promtool's notation.
#[derive(Debug, Clone, Serialize)]
pub struct InputSeries {
    /// `name{label="value",...}`.
    pub series: String,
    /// `0+60x60` (grows by 60 per sample) or `5x60` (holds 5).
    pub values: String,
}

/// The alerts expected of one alerting rule at one time.
#[derive(Debug, Clone, Serialize)]
pub struct AlertTest {
    /// When, from the first sample.
    pub eval_time: String,
    /// The alert.
    pub alertname: String,
    /// The firing alerts; empty when the alert must stay silent.
    pub exp_alerts: Vec<ExpectedAlert>,
}

/// One expected firing alert.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectedAlert {
    /// The series' labels without `__name__`, the rule's labels, and `alertname`.
    pub exp_labels: BTreeMap<String, String>,
    /// The rule's annotations, their `{{ $labels.NAME }}` expanded for the alert.
    pub exp_annotations: BTreeMap<String, String>,
}

/// An alert the generator wrote no test for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The alert's name.
    pub alert: &'static str,
    /// Why there is no test.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "alert {}: {}", self.alert, self.reason)
    }
}

/// The test file of a set of rules, and the alerts it could not test.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The test cases of every alert that could be tested.
    pub tests: TestFile,
    /// Every alert without test cases, with the reason.
    pub problems: Vec<Problem>,
}

/// The tests of every alert of `rules`, whose selectors read the metrics of `descriptors`, for a
/// rule file named `rule_file` next to the test file.
pub fn generate(
    rule_file: &str,
    descriptors: &[&'static MetricDescriptor],
    rules: &[&Rule],
) -> Generated {
    let mut tests = Vec::new();
    let mut problems = Vec::new();
    for rule in rules.iter().filter(|r| r.kind == RuleKind::Alert) {
        match alert_cases(rule, descriptors) {
            Ok(cases) => tests.extend(cases),
            Err(reason) => problems.push(Problem {
                alert: rule.name,
                reason,
            }),
        }
    }
    Generated {
        tests: TestFile {
            rule_files: vec![rule_file.to_owned()],
            evaluation_interval: "1m".to_owned(),
            tests,
        },
        problems,
    }
}

/// The firing and the silent test case of one alert.
pub fn alert_cases(
    rule: &Rule,
    descriptors: &[&'static MetricDescriptor],
) -> Result<[TestCase; 2], String> {
    if let Some((name, _)) = rule.labels.iter().find(|(_, v)| v.contains("{{")) {
        return Err(format!(
            "its label `{name}` is a template; the generator expects the rule's labels verbatim"
        ));
    }
    // Each annotation's template is checked before the search, then expanded per alert.
    for (name, text) in rule.annotations {
        expand(text, &Labels::new(), true)
            .map_err(|e| format!("its annotation `{name}` cannot be expanded: {e}"))?;
    }
    let expr =
        parser::parse(rule.expr).map_err(|e| format!("the expression does not parse: {e}"))?;
    let mut keyed = Vec::new();
    walk(&expr, &mut keyed)?;
    if keyed.is_empty() {
        return Err("the expression selects no series".to_owned());
    }
    let selectors: Vec<&Selector> = keyed.iter().map(|(_, s)| s).collect();
    let mut groups: Vec<Group> = Vec::new();
    for selector in &selectors {
        let group = input_group(selector, descriptors)?;
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    let hold_ms = match rule.for_duration {
        Some(text) => duration_ms(
            &promql_parser::util::duration::parse_duration(text)
                .map_err(|e| format!("its `for` ({text}) does not parse: {e}"))?,
        ),
        None => 0,
    };
    let timing = Timing::new(&selectors, hold_ms);
    let by_node: HashMap<usize, &Selector> = keyed.iter().map(|(k, s)| (*k, s)).collect();
    let ctx = Context {
        expr: &expr,
        selectors: &by_node,
        timing: &timing,
    };
    // A gauge read by `changes()`, `delta()` and the like may also rise.
    let mut ramps = vec![false; groups.len()];
    for selector in selectors.iter().filter(|s| s.varying) {
        let group = input_group(selector, descriptors)?;
        if let Some(i) = groups.iter().position(|g| *g == group) {
            ramps[i] = true;
        }
    }
    let options: Vec<Vec<Choice>> = groups
        .iter()
        .zip(&ramps)
        .map(|(g, &ramps)| g.choices(timing.phased, ramps))
        .collect();
    let total = options
        .iter()
        .try_fold(1usize, |n, o| n.checked_mul(o.len()))
        .filter(|&n| n <= MAX_COMBINATIONS)
        .ok_or_else(|| {
            format!(
                "its {} input series give more than {MAX_COMBINATIONS} combinations to search",
                groups.len()
            )
        })?;

    let mut firing: Option<(Vec<Series>, Vec<Fired>)> = None;
    // A silent case with some activity says more than one where every input is zero; the
    // latter is kept in case there is no other.
    let mut silent: Option<Vec<Series>> = None;
    let mut idle: Option<Vec<Series>> = None;
    let mut ambiguous = 0usize;
    let mut last_error: Option<String> = None;
    let mut index = vec![0usize; groups.len()];
    for _ in 0..total {
        let series: Vec<Series> = groups
            .iter()
            .zip(&index)
            .zip(&options)
            .flat_map(|((g, &i), o)| g.series(o[i], &timing))
            .collect();
        match evaluate(&ctx, &series, timing.eval_ms) {
            Err(e) if e.fatal => return Err(e.message),
            Err(e) => last_error = Some(e.message),
            Ok((_, true)) => ambiguous += 1,
            Ok((result, false)) if result.is_empty() => {
                let active = series.iter().any(|s| s.values.iter().any(|v| *v != 0.0));
                if active && silent.is_none() {
                    silent = Some(series);
                } else if !active && idle.is_none() {
                    idle = Some(series);
                }
            }
            Ok(_) if firing.is_none() => match hold(&ctx, &series, rule) {
                Ok(Held::Firing(alerts)) => firing = Some((series, alerts)),
                Ok(Held::Ambiguous) => ambiguous += 1,
                Ok(Held::Pending) => {}
                Err(e) if e.fatal => return Err(e.message),
                Err(e) => last_error = Some(e.message),
            },
            Ok(_) => {}
        }
        if firing.is_some() && silent.is_some() {
            break;
        }
        // The next combination, the first input changing fastest.
        for (i, o) in index.iter_mut().zip(&options) {
            *i += 1;
            if *i < o.len() {
                break;
            }
            *i = 0;
        }
    }

    let tried = format!(
        "tried {total} combinations of {} input series: counters and buckets growing at {} per second, gauges at {}{}{}{}",
        groups.len(),
        list(RATES),
        list(LEVELS),
        if ramps.contains(&true) {
            " or rising like the counters (gauges read by a function of their changes)"
        } else {
            ""
        },
        if groups.iter().any(|g| matches!(g.shape, Shape::Buckets(_))) {
            ", each histogram's observations in each of its buckets"
        } else {
            ""
        },
        if timing.phased {
            ", and a change of each from before to after the offset window"
        } else {
            ""
        },
    );
    let also = match (&last_error, ambiguous) {
        (Some(e), _) => format!("; Prometheus would fail on some: {e}"),
        (None, 0) => String::new(),
        (None, n) => format!("; {n} were too close to a threshold to call"),
    };
    let (fire_series, alerts) = firing.ok_or_else(|| {
        format!(
            "no input makes it fire ({tried}{also}): it can probably never fire. Check that the two \
             sides of every binary operation share their label sets (or match with `on`/`ignoring`), \
             and that every threshold is reachable (a histogram_quantile never exceeds the largest \
             finite bucket bound)"
        )
    })?;
    let silent_series = silent.or(idle).ok_or_else(|| {
        format!("no input keeps it silent ({tried}{also}): it fires whenever its series exist")
    })?;

    let case = |name: &str, series: &[Series], alerts: Vec<ExpectedAlert>| TestCase {
        name: format!("{} {name}", rule.name),
        interval: "1m".to_owned(),
        input_series: series.iter().map(Series::input).collect(),
        alert_rule_test: vec![AlertTest {
            eval_time: format_duration(timing.eval_ms),
            alertname: rule.name.to_owned(),
            exp_alerts: alerts,
        }],
    };
    let expected = alerts
        .into_iter()
        .map(|(labels, series)| {
            let exp_annotations = rule
                .annotations
                .iter()
                .map(|(k, v)| {
                    let text = expand(v, &series, false).map_err(|e| {
                        format!("its annotation `{k}` cannot be expanded for {series:?}: {e}")
                    })?;
                    Ok(((*k).to_owned(), text))
                })
                .collect::<Result<_, String>>()?;
            Ok(ExpectedAlert {
                exp_labels: labels,
                exp_annotations,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok([
        case("fires", &fire_series, expected),
        case("stays silent", &silent_series, Vec::new()),
    ])
}

fn list(values: &[f64]) -> String {
    let values: Vec<String> = values.iter().map(|v| number(*v)).collect();
    values.join(", ")
}

// ---------------------------------------------------------------------------------------------
// Selectors and input series.

/// A selector of the expression.
#[derive(Debug)]
struct Selector {
    name: String,
    matchers: Vec<LabelMatcher>,
    range_ms: i64,
    offset_ms: i64,
    /// Read by a function of the series' changes (`changes`, `delta`, `deriv`...).
    varying: bool,
}

/// The functions that read how a series changes: a constant gauge shows them nothing.
const CHANGE_FUNCTIONS: &[&str] = &[
    "changes",
    "resets",
    "delta",
    "idelta",
    "deriv",
    "predict_linear",
];

/// A label matcher, its regex fully anchored as Prometheus applies it.
#[derive(Debug, Clone)]
struct LabelMatcher {
    label: String,
    op: Op,
    value: String,
    regex: Option<Regex>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal,
    NotEqual,
    Regex,
    NotRegex,
}

impl LabelMatcher {
    fn new(m: &promql_parser::label::Matcher) -> Result<Self, String> {
        let op = match m.op {
            MatchOp::Equal => Op::Equal,
            MatchOp::NotEqual => Op::NotEqual,
            MatchOp::Re(_) => Op::Regex,
            MatchOp::NotRe(_) => Op::NotRegex,
        };
        let regex = match op {
            Op::Regex | Op::NotRegex => Some(
                Regex::new(&format!("^(?:{})$", m.value))
                    .map_err(|e| format!("the regex `{}` does not compile: {e}", m.value))?,
            ),
            _ => None,
        };
        Ok(LabelMatcher {
            label: m.name.clone(),
            op,
            value: m.value.clone(),
            regex,
        })
    }

    /// Whether a series whose label is `value` (`""` when absent) is selected.
    fn matches(&self, value: &str) -> bool {
        match (self.op, &self.regex) {
            (Op::Equal, _) => self.value == value,
            (Op::NotEqual, _) => self.value != value,
            (Op::Regex, Some(re)) => re.is_match(value),
            (Op::NotRegex, Some(re)) => !re.is_match(value),
            _ => false,
        }
    }
}

const SUPPORTED_FUNCTIONS: &[&str] = &[
    "rate",
    "irate",
    "increase",
    "delta",
    "idelta",
    "deriv",
    "changes",
    "resets",
    "avg_over_time",
    "min_over_time",
    "max_over_time",
    "sum_over_time",
    "count_over_time",
    "last_over_time",
    "present_over_time",
    "predict_linear",
    "histogram_quantile",
    "abs",
    "ceil",
    "floor",
    "sqrt",
    "clamp",
    "clamp_min",
    "clamp_max",
    "scalar",
    "vector",
];

const SUPPORTED_AGGREGATIONS: &[&str] = &["sum", "avg", "min", "max", "count", "group"];

/// Collects the selectors of `expr`, each keyed by the address of its node, and refuses what the
/// evaluator does not implement.
fn walk(expr: &Expr, out: &mut Vec<(usize, Selector)>) -> Result<(), String> {
    walk_under(expr, None, out)
}

/// [`walk`], knowing the function whose argument `expr` is.
fn walk_under(
    expr: &Expr,
    function: Option<&str>,
    out: &mut Vec<(usize, Selector)>,
) -> Result<(), String> {
    let walk = |e: &Expr, out: &mut Vec<(usize, Selector)>| walk_under(e, None, out);
    match expr {
        Expr::Aggregate(a) => {
            let op = a.op.to_string();
            if !SUPPORTED_AGGREGATIONS.contains(&op.as_str()) || a.param.is_some() {
                return Err(format!(
                    "the aggregation `{op}` is not supported by the generator"
                ));
            }
            walk(&a.expr, out)
        }
        Expr::Unary(u) => walk(&u.expr, out),
        Expr::Binary(b) => {
            let op = b.op.to_string();
            if op == "atan2" {
                return Err("the operator `atan2` is not supported by the generator".to_owned());
            }
            if let Some(m) = &b.modifier
                && (m.fill_values.lhs.is_some() || m.fill_values.rhs.is_some())
            {
                return Err("`fill` modifiers are not supported by the generator".to_owned());
            }
            walk(&b.lhs, out)?;
            walk(&b.rhs, out)
        }
        Expr::Paren(p) => walk(&p.expr, out),
        Expr::Subquery(_) => Err("subqueries are not supported by the generator".to_owned()),
        Expr::NumberLiteral(_) => Ok(()),
        Expr::StringLiteral(_) => {
            Err("string arguments are not supported by the generator".to_owned())
        }
        Expr::VectorSelector(vs) => {
            out.push((node_key(vs), selector(vs, 0)?));
            Ok(())
        }
        Expr::MatrixSelector(ms) => {
            let mut s = selector(&ms.vs, duration_ms(&ms.range))?;
            s.varying = function.is_some_and(|f| CHANGE_FUNCTIONS.contains(&f));
            out.push((node_key(ms), s));
            Ok(())
        }
        Expr::Call(call) => {
            if !SUPPORTED_FUNCTIONS.contains(&call.func.name) {
                return Err(format!(
                    "the function `{}` is not supported by the generator",
                    call.func.name
                ));
            }
            for arg in &call.args.args {
                walk_under(arg, Some(call.func.name), out)?;
            }
            Ok(())
        }
        Expr::Extension(_) => Err("extension expressions are not supported".to_owned()),
    }
}

/// Identifies a selector node of the parsed expression during its evaluations.
fn node_key<T>(node: &T) -> usize {
    std::ptr::from_ref(node) as usize
}

fn selector(vs: &parser::VectorSelector, range_ms: i64) -> Result<Selector, String> {
    if vs.at.is_some() {
        return Err("the `@` modifier is not supported by the generator".to_owned());
    }
    if !vs.matchers.or_matchers.is_empty() {
        return Err("`or` inside a selector's braces is not supported by the generator".to_owned());
    }
    let offset_ms = match &vs.offset {
        None => 0,
        Some(parser::Offset::Pos(d)) => duration_ms(d),
        Some(parser::Offset::Neg(_)) => {
            return Err("negative offsets are not supported by the generator".to_owned());
        }
    };
    let matchers = matchers(&vs.matchers)?;
    let name = match &vs.name {
        Some(name) => name.clone(),
        None => matchers
            .iter()
            .find(|m| m.label == "__name__" && m.op == Op::Equal)
            .map(|m| m.value.clone())
            .ok_or_else(|| {
                "a selector without a metric name is not supported by the generator".to_owned()
            })?,
    };
    Ok(Selector {
        name,
        matchers,
        range_ms,
        offset_ms,
        varying: false,
    })
}

fn matchers(m: &Matchers) -> Result<Vec<LabelMatcher>, String> {
    m.matchers.iter().map(LabelMatcher::new).collect()
}

/// What kind of series an input is.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Grows by its intensity per second: a counter, a histogram's or summary's `_sum` or
    /// `_count`.
    Counter,
    /// Holds its intensity: a gauge.
    Gauge,
    /// A histogram's `_bucket` series, one per bound and `+Inf`.
    Buckets(&'static [f64]),
    /// A summary's quantile series, one per quantile, each holding the intensity.
    Quantiles(&'static [f64]),
}

/// The input series made for one selector (several for buckets and quantiles).
#[derive(Debug, Clone, PartialEq)]
struct Group {
    /// The sample name.
    name: String,
    /// The labels, without `__name__`, `le` and `quantile`.
    labels: Labels,
    shape: Shape,
}

/// One intensity of a group: before and after the phase break (equal without one), and, for
/// buckets, the index of the bucket that receives every observation (`bounds.len()` is `+Inf`).
/// A gauge with `ramp` rises by its intensity per second instead of holding it.
#[derive(Debug, Clone, Copy)]
struct Choice {
    before: f64,
    after: f64,
    bucket: usize,
    ramp: bool,
}

impl Group {
    fn choices(&self, phased: bool, ramps: bool) -> Vec<Choice> {
        let gauge = matches!(self.shape, Shape::Gauge | Shape::Quantiles(_));
        let mut kinds = vec![(false, if gauge { LEVELS } else { RATES })];
        if gauge && ramps {
            kinds.push((true, RATES));
        }
        let buckets = match self.shape {
            Shape::Buckets(bounds) => bounds.len() + 1,
            _ => 1,
        };
        let mut out = Vec::new();
        for (ramp, values) in kinds {
            for bucket in 0..buckets {
                for &after in values {
                    if ramp && after == 0.0 {
                        continue;
                    }
                    let befores = if phased { values } else { &[after][..] };
                    for &before in befores {
                        out.push(Choice {
                            before,
                            after,
                            bucket,
                            ramp,
                        });
                    }
                }
            }
        }
        out
    }

    /// The input series of this group with intensity `choice`.
    fn series(&self, choice: Choice, timing: &Timing) -> Vec<Series> {
        let with = |extra: Option<(&str, String)>| {
            let mut labels = self.labels.clone();
            labels.insert("__name__".to_owned(), self.name.clone());
            if let Some((k, v)) = extra {
                labels.insert(k.to_owned(), v);
            }
            labels
        };
        let level = |labels: Labels| {
            if choice.ramp {
                Series::counter(labels, choice.before, choice.after, timing)
            } else {
                Series::gauge(labels, choice.before, choice.after, timing)
            }
        };
        match self.shape {
            Shape::Counter => vec![Series::counter(
                with(None),
                choice.before,
                choice.after,
                timing,
            )],
            Shape::Gauge => vec![level(with(None))],
            Shape::Quantiles(quantiles) => quantiles
                .iter()
                .map(|q| level(with(Some(("quantile", go_float(*q))))))
                .collect(),
            Shape::Buckets(bounds) => bounds
                .iter()
                .copied()
                .chain([f64::INFINITY])
                .enumerate()
                .map(|(i, bound)| {
                    let (before, after) = if i >= choice.bucket {
                        (choice.before, choice.after)
                    } else {
                        (0.0, 0.0)
                    };
                    Series::counter(with(Some(("le", go_float(bound)))), before, after, timing)
                })
                .collect(),
        }
    }
}

/// The descriptor and sample a selected name belongs to, in either exposition format.
fn resolve(
    descriptors: &[&'static MetricDescriptor],
    name: &str,
) -> Option<(&'static MetricDescriptor, Sample)> {
    descriptors.iter().find_map(|&d| {
        Format::ALL
            .iter()
            .find_map(|&format| sample_of(d, name, format))
            .map(|sample| (d, sample))
    })
}

/// The input series of a selector: its name, and labels from the descriptor that satisfy its
/// matchers.
fn input_group(
    selector: &Selector,
    descriptors: &[&'static MetricDescriptor],
) -> Result<Group, String> {
    let (d, sample) = resolve(descriptors, &selector.name).ok_or_else(|| {
        format!(
            "selects `{}`, which no metric of the service exposes",
            selector.name
        )
    })?;
    let shape = match (d.metric_type, sample) {
        (MetricType::Gauge, _) => Shape::Gauge,
        (MetricType::Histogram, Sample::Bucket) => Shape::Buckets(d.buckets),
        (MetricType::Summary, Sample::Value) => Shape::Quantiles(d.quantiles),
        _ => Shape::Counter,
    };
    let generated = |label: &str| match shape {
        Shape::Buckets(_) => label == "le",
        Shape::Quantiles(_) => label == "quantile",
        _ => false,
    };
    let on = |label: &str| -> Vec<&LabelMatcher> {
        selector
            .matchers
            .iter()
            .filter(|m| m.label == label)
            .collect()
    };
    let mut labels = Labels::new();
    for label in d.labels {
        let matchers = on(label.name);
        let candidates: Vec<Option<String>> = if let Some(m) =
            matchers.iter().find(|m| m.op == Op::Equal)
        {
            vec![(!m.value.is_empty()).then(|| m.value.clone())]
        } else if matchers.is_empty() && label.optional {
            vec![None]
        } else {
            let mut values: Vec<Option<String>> = match label.kind {
                LabelKind::Closed(values) => values.iter().map(|v| Some((*v).to_owned())).collect(),
                LabelKind::FreeText => free_text_candidates(&matchers),
            };
            if label.optional {
                values.push(None);
            }
            values
        };
        let value = candidates
            .into_iter()
            .find(|v| {
                matchers
                    .iter()
                    .all(|m| m.matches(v.as_deref().unwrap_or("")))
            })
            .ok_or_else(|| {
                format!(
                    "no value of the label `{}` of `{}` satisfies the selector's matchers",
                    label.name, selector.name
                )
            })?;
        if let Some(value) = value {
            labels.insert(label.name.to_owned(), value);
        }
    }
    // Labels the descriptor does not declare: `job`, `instance` (every scraped series has them).
    for m in &selector.matchers {
        let declared = d.labels.iter().any(|l| l.name == m.label);
        if declared || m.label == "__name__" || generated(&m.label) || labels.contains_key(&m.label)
        {
            continue;
        }
        let matchers = on(&m.label);
        let mut candidates = match matchers.iter().find(|m| m.op == Op::Equal) {
            Some(m) => vec![(!m.value.is_empty()).then(|| m.value.clone())],
            None => std::iter::once(None)
                .chain(free_text_candidates(&matchers))
                .collect(),
        };
        candidates.retain(|v| {
            matchers
                .iter()
                .all(|m| m.matches(v.as_deref().unwrap_or("")))
        });
        match candidates.into_iter().next() {
            Some(Some(value)) => {
                labels.insert(m.label.clone(), value);
            }
            Some(None) => {}
            None => {
                return Err(format!(
                    "no value of the label `{}` satisfies the matchers of `{}`",
                    m.label, selector.name
                ));
            }
        }
    }
    Ok(Group {
        name: selector.name.clone(),
        labels,
        shape,
    })
}

/// Values tried for free text: `example`, the literal alternatives of the matchers' regexes,
/// and `example2`.
fn free_text_candidates(matchers: &[&LabelMatcher]) -> Vec<Option<String>> {
    let mut out = vec![Some("example".to_owned())];
    for m in matchers {
        if matches!(m.op, Op::Regex | Op::NotRegex) {
            for part in m.value.split('|') {
                let literal: String = part
                    .replace(".*", "")
                    .replace(".+", "x")
                    .chars()
                    .filter(|c| !matches!(c, '\\' | '^' | '$' | '(' | ')'))
                    .collect();
                out.push(Some(literal));
            }
        } else if !m.value.is_empty() {
            out.push(Some(format!("{}2", m.value)));
        }
    }
    out.push(Some("example2".to_owned()));
    out
}

// ---------------------------------------------------------------------------------------------
// Timing.

/// When the test evaluates, how many samples the inputs have, and where they change intensity.
#[derive(Debug, Clone, Copy)]
struct Timing {
    /// The `for` of the alert.
    hold_ms: i64,
    /// The evaluation time of both test cases.
    eval_ms: i64,
    /// The samples of an input after the first.
    steps: i64,
    /// Whether the inputs change intensity at `break_step` (when the expression reads an earlier
    /// window with `offset`).
    phased: bool,
    break_step: i64,
}

impl Timing {
    fn new(selectors: &[&Selector], hold_ms: i64) -> Self {
        let window = selectors
            .iter()
            .map(|s| s.range_ms + s.offset_ms)
            .max()
            .unwrap_or(0);
        // Every window full before the `for` starts, and a margin.
        let eval_ms = ceil_interval(window + hold_ms) + 2 * INTERVAL_MS;
        let steps = (eval_ms / INTERVAL_MS).max(MIN_STEPS);
        let phased = selectors.iter().any(|s| s.offset_ms > 0);
        // The windows without offset read only the later phase during the `for`.
        let recent = selectors
            .iter()
            .filter(|s| s.offset_ms == 0)
            .map(|s| s.range_ms)
            .max()
            .unwrap_or(0);
        let break_ms = eval_ms - ceil_interval(hold_ms) - ceil_interval(recent) - INTERVAL_MS;
        Timing {
            hold_ms,
            eval_ms,
            steps,
            phased,
            break_step: (break_ms / INTERVAL_MS).clamp(1, steps - 1),
        }
    }
}

fn ceil_interval(ms: i64) -> i64 {
    (ms + INTERVAL_MS - 1) / INTERVAL_MS * INTERVAL_MS
}

fn duration_ms(d: &Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 4)
}

// ---------------------------------------------------------------------------------------------
// Input series.

/// An input series: its labels (with `__name__`), its samples at every interval from 0, and its
/// promtool notation.
#[derive(Debug, Clone)]
struct Series {
    labels: Labels,
    values: Vec<f64>,
    notation: String,
}

impl Series {
    /// A counter growing by `before` per second up to the break, `after` from there.
    fn counter(labels: Labels, before: f64, after: f64, timing: &Timing) -> Self {
        let per_step = |rate: f64| rate * (INTERVAL_MS / 1000) as f64;
        let (s1, s2) = (per_step(before), per_step(after));
        let n = timing.steps;
        if !timing.phased || before == after {
            let values = (0..=n).map(|i| s1 * i as f64).collect();
            return Series {
                labels,
                values,
                notation: format!("0+{}x{n}", number(s1)),
            };
        }
        let b = timing.break_step;
        let values = (0..=n)
            .map(|i| {
                if i <= b {
                    s1 * i as f64
                } else {
                    s1 * b as f64 + s2 * (i - b) as f64
                }
            })
            .collect();
        let start = s1 * b as f64 + s2;
        Series {
            labels,
            values,
            notation: format!(
                "0+{}x{b} {}+{}x{}",
                number(s1),
                number(start),
                number(s2),
                n - b - 1
            ),
        }
    }

    /// A gauge holding `before` up to the break, `after` from there.
    fn gauge(labels: Labels, before: f64, after: f64, timing: &Timing) -> Self {
        let n = timing.steps;
        if !timing.phased || before == after {
            return Series {
                labels,
                values: vec![before; n as usize + 1],
                notation: format!("{}x{n}", number(before)),
            };
        }
        let b = timing.break_step;
        let values = (0..=n)
            .map(|i| if i <= b { before } else { after })
            .collect();
        Series {
            labels,
            values,
            notation: format!("{}x{b} {}x{}", number(before), number(after), n - b - 1),
        }
    }

    fn name(&self) -> &str {
        self.labels.get("__name__").map_or("", String::as_str)
    }

    fn label(&self, name: &str) -> &str {
        self.labels.get(name).map_or("", String::as_str)
    }

    fn input(&self) -> InputSeries {
        let mut series = self.name().to_owned();
        let labels: Vec<String> = self
            .labels
            .iter()
            .filter(|(k, _)| *k != "__name__")
            .map(|(k, v)| {
                let v = v
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n");
                format!("{k}=\"{v}\"")
            })
            .collect();
        if !labels.is_empty() {
            let _ = write!(series, "{{{}}}", labels.join(","));
        }
        InputSeries {
            series,
            values: self.notation.clone(),
        }
    }
}

/// A sample value in promtool's notation: integers without a fraction.
fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// A float as the Go client writes it: `0.1`, `1`, `1e+06`, `+Inf`; as the catalog writes `le`
/// and `quantile` in the text format.
pub fn go_float(v: f64) -> String {
    let mut out = String::new();
    metrics_core::exposition::push_float(&mut out, v);
    out
}

// ---------------------------------------------------------------------------------------------
// The evaluator.

/// Why an evaluation has no result. `fatal` when it does not depend on the inputs' values.
#[derive(Debug)]
struct EvalError {
    message: String,
    fatal: bool,
}

impl EvalError {
    fn fatal(message: impl Into<String>) -> Self {
        EvalError {
            message: message.into(),
            fatal: true,
        }
    }

    /// An error Prometheus itself would raise evaluating the rule.
    fn prometheus(message: impl Into<String>) -> Self {
        EvalError {
            message: message.into(),
            fatal: false,
        }
    }
}

type EvalResult<T> = Result<T, EvalError>;

/// A value with whether Prometheus computes the same bits (so that an equality is decidable).
#[derive(Debug, Clone, Copy)]
struct Num {
    v: f64,
    exact: bool,
}

#[derive(Debug, Clone)]
struct Element {
    labels: Labels,
    v: f64,
    exact: bool,
}

#[derive(Debug, Clone)]
struct Range {
    labels: Labels,
    points: Vec<(i64, f64)>,
}

#[derive(Debug, Clone)]
enum Value {
    Scalar(Num),
    Vector(Vec<Element>),
    Matrix(Vec<Range>),
}

/// What the evaluations of one alert share: its expression, its selectors by node, its timing.
struct Context<'a> {
    expr: &'a Expr,
    selectors: &'a HashMap<usize, &'a Selector>,
    timing: &'a Timing,
}

/// Evaluates the expression at `t_ms`: the result, and whether a comparison was too close to
/// call.
fn evaluate(ctx: &Context<'_>, series: &[Series], t_ms: i64) -> EvalResult<(Vec<Element>, bool)> {
    let mut ev = Evaluator {
        series,
        selectors: ctx.selectors,
        ambiguous: false,
    };
    match ev.eval(ctx.expr, t_ms)? {
        Value::Vector(v) => Ok((v, ev.ambiguous)),
        _ => Err(EvalError::fatal(
            "the expression is not an instant vector (an alert needs one)",
        )),
    }
}

/// What the evaluations of an alert during its `for` give.
enum Held {
    /// The label sets of the alerts firing at the test's time.
    /// Each alert.
    Firing(Vec<Fired>),
    /// No series returned at every evaluation.
    Pending,
    /// A comparison too close to call on the way.
    Ambiguous,
}

/// Expands an annotation as Prometheus does for an alert whose series carries `labels`: the
/// actions `{{ $labels.NAME }}` and `{{ .Labels.NAME }}` (with Go's `{{-`/`-}}` trimming), text
/// outside actions verbatim. Any other action (`$value`, a function, a pipeline) is an error that
/// names it: a test states the exact text, and the generator does not guess what Go's templates
/// would print. With `only_check`, the labels are not looked up.
fn expand(text: &str, labels: &Labels, only_check: bool) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find("}}")
            .ok_or_else(|| format!("`{{{{` without its `}}}}` in `{text}`"))?;
        let mut action = &after[..end];
        rest = &after[end + 2..];
        if let Some(a) = action.strip_prefix("- ") {
            action = a;
            out.truncate(out.trim_end().len());
        }
        if let Some(a) = action.strip_suffix(" -") {
            action = a;
            rest = rest.trim_start();
        }
        let action = action.trim();
        let name = action
            .strip_prefix("$labels.")
            .or_else(|| action.strip_prefix(".Labels."))
            .filter(|n| {
                n.chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .ok_or_else(|| {
                format!(
                    "`{{{{ {action} }}}}`: the generator expands `{{{{ $labels.NAME }}}}` and `{{{{ .Labels.NAME }}}}` only"
                )
            })?;
        if only_check {
            continue;
        }
        let value = labels.get(name).ok_or_else(|| {
            format!("`{{{{ {action} }}}}`: the alert's series has no label `{name}`")
        })?;
        out.push_str(value);
    }
    out.push_str(rest);
    Ok(out)
}

/// Simulates the alert's evaluations up to the test's time. Prometheus evaluates the rule at
/// every interval; an alert fires once its series has been returned at every evaluation for
/// `for`.
fn hold(ctx: &Context<'_>, series: &[Series], rule: &Rule) -> EvalResult<Held> {
    let timing = ctx.timing;
    let first = (timing.eval_ms - timing.hold_ms).max(0) / INTERVAL_MS * INTERVAL_MS;
    // Each alert held at every evaluation so far, with its series' labels at the latest one
    // (the evaluation the test reads).
    let mut held: Option<BTreeMap<Labels, Labels>> = None;
    let mut t = first;
    while t <= timing.eval_ms {
        let (result, ambiguous) = evaluate(ctx, series, t)?;
        if ambiguous {
            return Ok(Held::Ambiguous);
        }
        let mut now = BTreeMap::new();
        for element in result {
            let mut labels = element.labels;
            labels.remove("__name__");
            let series_labels = labels.clone();
            for (k, v) in rule.labels {
                if v.is_empty() {
                    labels.remove(*k);
                } else {
                    labels.insert((*k).to_owned(), (*v).to_owned());
                }
            }
            labels.insert("alertname".to_owned(), rule.name.to_owned());
            if now.insert(labels, series_labels).is_some() {
                return Err(EvalError::prometheus(
                    "the result contains two series with the same labels once the rule's labels are applied",
                ));
            }
        }
        held = Some(match held {
            None => now,
            Some(before) => now
                .into_iter()
                .filter(|(alert, _)| before.contains_key(alert))
                .collect(),
        });
        t += INTERVAL_MS;
    }
    Ok(match held {
        Some(h) if !h.is_empty() => Held::Firing(h.into_iter().collect()),
        _ => Held::Pending,
    })
}

struct Evaluator<'a> {
    series: &'a [Series],
    selectors: &'a HashMap<usize, &'a Selector>,
    ambiguous: bool,
}

impl<'a> Evaluator<'a> {
    fn eval(&mut self, expr: &Expr, t: i64) -> EvalResult<Value> {
        match expr {
            Expr::NumberLiteral(n) => Ok(Value::Scalar(Num {
                v: n.val,
                exact: true,
            })),
            Expr::Paren(p) => self.eval(&p.expr, t),
            Expr::Unary(u) => Ok(match self.eval(&u.expr, t)? {
                Value::Scalar(n) => Value::Scalar(Num { v: -n.v, ..n }),
                Value::Vector(v) => Value::Vector(
                    v.into_iter()
                        .map(|mut e| {
                            e.v = -e.v;
                            e.labels.remove("__name__");
                            e
                        })
                        .collect(),
                ),
                Value::Matrix(_) => return Err(EvalError::fatal("unary minus on a range")),
            }),
            Expr::VectorSelector(vs) => {
                let s = self.selector(node_key(vs))?;
                Ok(Value::Vector(self.instant(s, t)))
            }
            Expr::MatrixSelector(ms) => {
                let s = self.selector(node_key(ms))?;
                Ok(Value::Matrix(self.range(s, t)))
            }
            Expr::Aggregate(a) => {
                let Value::Vector(input) = self.eval(&a.expr, t)? else {
                    return Err(EvalError::fatal("an aggregation of something not a vector"));
                };
                aggregate(&a.op.to_string(), a.modifier.as_ref(), input).map(Value::Vector)
            }
            Expr::Binary(b) => {
                let lhs = self.eval(&b.lhs, t)?;
                let rhs = self.eval(&b.rhs, t)?;
                self.binary(b, lhs, rhs)
            }
            Expr::Call(call) => self.call(call, t),
            Expr::Subquery(_) | Expr::StringLiteral(_) | Expr::Extension(_) => {
                Err(EvalError::fatal("an unsupported expression"))
            }
        }
    }

    fn selector(&self, key: usize) -> EvalResult<&'a Selector> {
        self.selectors
            .get(&key)
            .copied()
            .ok_or_else(|| EvalError::fatal("a selector that was not collected"))
    }

    /// The series a selector selects.
    fn selected<'s>(&'s self, s: &'s Selector) -> impl Iterator<Item = &'s Series> + 's {
        self.series.iter().filter(move |series| {
            series.name() == s.name && s.matchers.iter().all(|m| m.matches(series.label(&m.label)))
        })
    }

    fn instant(&self, s: &Selector, t: i64) -> Vec<Element> {
        let at = t - s.offset_ms;
        self.selected(s)
            .filter_map(|series| {
                if at < 0 {
                    return None;
                }
                let i = (at / INTERVAL_MS).min(series.values.len() as i64 - 1);
                if at - i * INTERVAL_MS > LOOKBACK_MS {
                    return None;
                }
                Some(Element {
                    labels: series.labels.clone(),
                    v: series.values[i as usize],
                    exact: true,
                })
            })
            .collect()
    }

    /// The samples in `[t - offset - range, t - offset]`, both ends included (Prometheus 2.x).
    fn range(&self, s: &Selector, t: i64) -> Vec<Range> {
        let end = t - s.offset_ms;
        let start = end - s.range_ms;
        self.selected(s)
            .map(|series| Range {
                labels: series.labels.clone(),
                points: series
                    .values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (i as i64 * INTERVAL_MS, *v))
                    .filter(|(ts, _)| *ts >= start && *ts <= end)
                    .collect(),
            })
            .filter(|r| !r.points.is_empty())
            .collect()
    }

    /// `a < b` and the like, noting when the two are too close for the answer to be certain.
    fn compare(&mut self, op: &str, a: Num, b: Num) -> bool {
        if a.v.is_nan() || b.v.is_nan() {
            return op == "!=";
        }
        let scale = a.v.abs().max(b.v.abs());
        if (a.v == b.v && !(a.exact && b.exact))
            || (a.v != b.v && (a.v - b.v).abs() <= 1e-9 * scale)
        {
            self.ambiguous = true;
        }
        match op {
            "==" => a.v == b.v,
            "!=" => a.v != b.v,
            ">" => a.v > b.v,
            "<" => a.v < b.v,
            ">=" => a.v >= b.v,
            "<=" => a.v <= b.v,
            _ => false,
        }
    }

    /// The value of `a op b`, and whether a comparison keeps it.
    fn element_op(&mut self, op: &str, a: Num, b: Num) -> EvalResult<(Num, bool)> {
        let exact = a.exact && b.exact;
        let arithmetic = |v: f64| Ok((Num { v, exact }, true));
        match op {
            "+" => arithmetic(a.v + b.v),
            "-" => arithmetic(a.v - b.v),
            "*" => arithmetic(a.v * b.v),
            "/" => arithmetic(a.v / b.v),
            "%" => arithmetic(a.v % b.v),
            "^" => Ok((
                Num {
                    v: a.v.powf(b.v),
                    exact: false,
                },
                true,
            )),
            "==" | "!=" | ">" | "<" | ">=" | "<=" => {
                let keep = self.compare(op, a, b);
                Ok((a, keep))
            }
            _ => Err(EvalError::fatal(format!("the operator `{op}`"))),
        }
    }

    fn binary(&mut self, b: &parser::BinaryExpr, lhs: Value, rhs: Value) -> EvalResult<Value> {
        let op = b.op.to_string();
        let return_bool = b.return_bool();
        let comparison = matches!(op.as_str(), "==" | "!=" | ">" | "<" | ">=" | "<=");
        let drop_name = !comparison;
        let swap = matches!(lhs, Value::Scalar(_));
        match (lhs, rhs) {
            (Value::Scalar(a), Value::Scalar(c)) => {
                let (v, keep) = self.element_op(&op, a, c)?;
                Ok(Value::Scalar(if comparison {
                    Num {
                        v: if keep { 1.0 } else { 0.0 },
                        exact: true,
                    }
                } else {
                    v
                }))
            }
            (Value::Vector(v), Value::Scalar(s)) | (Value::Scalar(s), Value::Vector(v))
                if !matches!(op.as_str(), "and" | "or" | "unless") =>
            {
                let mut out = Vec::new();
                for mut e in v {
                    let x = Num {
                        v: e.v,
                        exact: e.exact,
                    };
                    let (l, r) = if swap { (s, x) } else { (x, s) };
                    let (mut value, keep) = self.element_op(&op, l, r)?;
                    if comparison && swap {
                        value = x;
                    }
                    let (value, keep) = if return_bool {
                        (
                            Num {
                                v: if keep { 1.0 } else { 0.0 },
                                exact: true,
                            },
                            true,
                        )
                    } else {
                        (value, keep)
                    };
                    if keep {
                        if drop_name || return_bool {
                            e.labels.remove("__name__");
                        }
                        e.v = value.v;
                        e.exact = value.exact;
                        out.push(e);
                    }
                }
                Ok(Value::Vector(out))
            }
            (Value::Vector(l), Value::Vector(r)) => {
                let modifier = b.modifier.as_ref();
                let matching = modifier.and_then(|m| m.matching.as_ref());
                match op.as_str() {
                    "and" | "or" | "unless" => Ok(Value::Vector(set_op(&op, matching, l, r))),
                    _ => {
                        let card = modifier
                            .map(|m| m.card.clone())
                            .unwrap_or(VectorMatchCardinality::OneToOne);
                        self.vector_op(&op, return_bool, matching, &card, l, r)
                            .map(Value::Vector)
                    }
                }
            }
            _ => Err(EvalError::fatal(format!(
                "`{op}` between these operand types"
            ))),
        }
    }

    /// One-to-one or many-to-one matching, as Prometheus's `VectorBinop`.
    fn vector_op(
        &mut self,
        op: &str,
        return_bool: bool,
        matching: Option<&LabelModifier>,
        card: &VectorMatchCardinality,
        lhs: Vec<Element>,
        rhs: Vec<Element>,
    ) -> EvalResult<Vec<Element>> {
        let comparison = matches!(op, "==" | "!=" | ">" | "<" | ">=" | "<=");
        let one_to_many = matches!(card, VectorMatchCardinality::OneToMany(_));
        let one_to_one = matches!(card, VectorMatchCardinality::OneToOne);
        let include: Vec<String> = card.labels().map(|l| l.labels.clone()).unwrap_or_default();
        let (many, one) = if one_to_many { (rhs, lhs) } else { (lhs, rhs) };
        let mut one_side: BTreeMap<Labels, &Element> = BTreeMap::new();
        for e in &one {
            if one_side.insert(signature(&e.labels, matching), e).is_some() {
                return Err(EvalError::prometheus(
                    "found duplicate series for a match group on the one side of a binary operation: many-to-many matching not allowed",
                ));
            }
        }
        let mut matched: BTreeMap<Labels, BTreeSet<Labels>> = BTreeMap::new();
        let mut out = Vec::new();
        for e in &many {
            let sig = signature(&e.labels, matching);
            let Some(o) = one_side.get(&sig) else {
                continue;
            };
            let (mut l, mut r) = (
                Num {
                    v: e.v,
                    exact: e.exact,
                },
                Num {
                    v: o.v,
                    exact: o.exact,
                },
            );
            if one_to_many {
                std::mem::swap(&mut l, &mut r);
            }
            let (value, keep) = self.element_op(op, l, r)?;
            let value = if return_bool {
                Num {
                    v: if keep { 1.0 } else { 0.0 },
                    exact: true,
                }
            } else if !keep {
                continue;
            } else {
                value
            };
            let mut labels = e.labels.clone();
            if !comparison {
                labels.remove("__name__");
            }
            if one_to_one {
                match matching {
                    Some(LabelModifier::Include(keep)) => {
                        labels.retain(|k, _| keep.labels.contains(k));
                    }
                    Some(LabelModifier::Exclude(drop)) => {
                        labels.retain(|k, _| !drop.labels.contains(k));
                    }
                    None => {}
                }
            }
            for name in &include {
                match o.labels.get(name) {
                    Some(v) if !v.is_empty() => {
                        labels.insert(name.clone(), v.clone());
                    }
                    _ => {
                        labels.remove(name);
                    }
                }
            }
            if return_bool {
                labels.remove("__name__");
            }
            let seen = matched.entry(sig).or_default();
            if one_to_one && !seen.is_empty() {
                return Err(EvalError::prometheus(
                    "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
                ));
            }
            if !seen.insert(labels.clone()) {
                return Err(EvalError::prometheus(
                    "multiple matches for labels: grouping labels must ensure unique matches",
                ));
            }
            out.push(Element {
                labels,
                v: value.v,
                exact: value.exact,
            });
        }
        Ok(out)
    }

    fn call(&mut self, call: &parser::Call, t: i64) -> EvalResult<Value> {
        let name = call.func.name;
        let args = &call.args.args;
        let arg = |i: usize| {
            args.get(i)
                .map(Box::as_ref)
                .ok_or_else(|| EvalError::fatal(format!("{name}() without argument {i}")))
        };
        let scalar = |ev: &mut Self, i: usize| -> EvalResult<Num> {
            match ev.eval(arg(i)?, t)? {
                Value::Scalar(n) => Ok(n),
                _ => Err(EvalError::fatal(format!(
                    "{name}() needs a number as argument {i}"
                ))),
            }
        };
        let vector = |ev: &mut Self, i: usize| -> EvalResult<Vec<Element>> {
            match ev.eval(arg(i)?, t)? {
                Value::Vector(v) => Ok(v),
                _ => Err(EvalError::fatal(format!(
                    "{name}() needs an instant vector as argument {i}"
                ))),
            }
        };
        match name {
            "histogram_quantile" => {
                let q = scalar(self, 0)?;
                let v = vector(self, 1)?;
                Ok(Value::Vector(histogram_quantile(q.v, v)))
            }
            "scalar" => {
                let v = vector(self, 0)?;
                Ok(Value::Scalar(match v.as_slice() {
                    [e] => Num {
                        v: e.v,
                        exact: e.exact,
                    },
                    _ => Num {
                        v: f64::NAN,
                        exact: true,
                    },
                }))
            }
            "vector" => {
                let n = scalar(self, 0)?;
                Ok(Value::Vector(vec![Element {
                    labels: Labels::new(),
                    v: n.v,
                    exact: n.exact,
                }]))
            }
            "abs" | "ceil" | "floor" | "sqrt" | "clamp" | "clamp_min" | "clamp_max" => {
                let v = vector(self, 0)?;
                let (lo, hi) = match name {
                    "clamp" => (scalar(self, 1)?.v, scalar(self, 2)?.v),
                    "clamp_min" => (scalar(self, 1)?.v, f64::INFINITY),
                    "clamp_max" => (f64::NEG_INFINITY, scalar(self, 1)?.v),
                    _ => (f64::NEG_INFINITY, f64::INFINITY),
                };
                Ok(Value::Vector(
                    v.into_iter()
                        .map(|mut e| {
                            e.labels.remove("__name__");
                            match name {
                                "abs" => e.v = e.v.abs(),
                                "ceil" => e.v = e.v.ceil(),
                                "floor" => e.v = e.v.floor(),
                                "sqrt" => {
                                    e.v = e.v.sqrt();
                                    e.exact = false;
                                }
                                _ => e.v = e.v.max(lo).min(hi),
                            }
                            e
                        })
                        .collect(),
                ))
            }
            _ => {
                // Functions of a range.
                let Value::Matrix(ranges) = self.eval(arg(0)?, t)? else {
                    return Err(EvalError::fatal(format!("{name}() needs a range")));
                };
                let Expr::MatrixSelector(ms) = arg(0)? else {
                    return Err(EvalError::fatal(format!(
                        "{name}() of something other than a range selector"
                    )));
                };
                let range_ms = duration_ms(&ms.range);
                let offset_ms = match &ms.vs.offset {
                    Some(parser::Offset::Pos(d)) => duration_ms(d),
                    _ => 0,
                };
                let horizon = if name == "predict_linear" {
                    Some(scalar(self, 1)?.v)
                } else {
                    None
                };
                let mut out = Vec::new();
                for r in ranges {
                    let value = range_function(name, &r.points, t, range_ms, offset_ms, horizon)?;
                    if let Some(n) = value {
                        let mut labels = r.labels;
                        if name != "last_over_time" {
                            labels.remove("__name__");
                        }
                        out.push(Element {
                            labels,
                            v: n.v,
                            exact: n.exact,
                        });
                    }
                }
                Ok(Value::Vector(out))
            }
        }
    }
}

/// The labels two series are matched on.
fn signature(labels: &Labels, matching: Option<&LabelModifier>) -> Labels {
    let mut sig = labels.clone();
    match matching {
        Some(LabelModifier::Include(on)) => sig.retain(|k, _| on.labels.contains(k)),
        Some(LabelModifier::Exclude(ignoring)) => {
            sig.retain(|k, _| k != "__name__" && !ignoring.labels.contains(k));
        }
        None => {
            sig.remove("__name__");
        }
    }
    sig
}

fn set_op(
    op: &str,
    matching: Option<&LabelModifier>,
    lhs: Vec<Element>,
    rhs: Vec<Element>,
) -> Vec<Element> {
    let right: BTreeSet<Labels> = rhs.iter().map(|e| signature(&e.labels, matching)).collect();
    match op {
        "and" => lhs
            .into_iter()
            .filter(|e| right.contains(&signature(&e.labels, matching)))
            .collect(),
        "unless" => lhs
            .into_iter()
            .filter(|e| !right.contains(&signature(&e.labels, matching)))
            .collect(),
        _ => {
            let left: BTreeSet<Labels> =
                lhs.iter().map(|e| signature(&e.labels, matching)).collect();
            let mut out = lhs;
            out.extend(
                rhs.into_iter()
                    .filter(|e| !left.contains(&signature(&e.labels, matching))),
            );
            out
        }
    }
}

fn aggregate(
    op: &str,
    modifier: Option<&LabelModifier>,
    input: Vec<Element>,
) -> EvalResult<Vec<Element>> {
    let mut groups: BTreeMap<Labels, Vec<Element>> = BTreeMap::new();
    let mut order: Vec<Labels> = Vec::new();
    for e in input {
        let mut key = e.labels.clone();
        match modifier {
            Some(LabelModifier::Include(by)) => key.retain(|k, _| by.labels.contains(k)),
            Some(LabelModifier::Exclude(without)) => {
                key.retain(|k, _| k != "__name__" && !without.labels.contains(k));
            }
            None => key.clear(),
        }
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(e);
    }
    let mut out = Vec::new();
    for key in order {
        let members = &groups[&key];
        let all_exact = members.iter().all(|e| e.exact);
        let (v, exact) = match op {
            "sum" => {
                let sum: f64 = members.iter().map(|e| e.v).sum();
                // The order of the sum does not matter for small integers.
                let integral = members.iter().all(|e| e.v.fract() == 0.0) && sum.abs() < 9e15;
                (sum, all_exact && (members.len() == 1 || integral))
            }
            "avg" => {
                let mean = members.iter().map(|e| e.v).sum::<f64>() / members.len() as f64;
                let same = members.iter().all(|e| e.v == members[0].v);
                (if same { members[0].v } else { mean }, all_exact && same)
            }
            "min" | "max" => {
                let mut best = members[0].v;
                for e in &members[1..] {
                    let better = if op == "min" { e.v < best } else { e.v > best };
                    if better || best.is_nan() {
                        best = e.v;
                    }
                }
                (best, all_exact)
            }
            "count" => (members.len() as f64, true),
            "group" => (1.0, true),
            _ => return Err(EvalError::fatal(format!("the aggregation `{op}`"))),
        };
        out.push(Element {
            labels: key,
            v,
            exact,
        });
    }
    Ok(out)
}

/// `histogram_quantile` as Prometheus 2.x computes it: grouped by the labels without `le`,
/// linear interpolation inside the bucket the rank falls in, the upper bound of the last finite
/// bucket when it falls in `+Inf`, NaN without observations.
fn histogram_quantile(q: f64, input: Vec<Element>) -> Vec<Element> {
    let mut groups: BTreeMap<Labels, Vec<(f64, f64, bool)>> = BTreeMap::new();
    for e in input {
        let Some(Ok(bound)) = e.labels.get("le").map(|le| parse_bound(le)) else {
            continue;
        };
        let mut key = e.labels.clone();
        key.remove("le");
        groups.entry(key).or_default().push((bound, e.v, e.exact));
    }
    groups
        .into_iter()
        .map(|(mut labels, mut buckets)| {
            labels.remove("__name__");
            buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
            let (v, exact) = bucket_quantile(q, &mut buckets);
            Element { labels, v, exact }
        })
        .collect()
}

fn parse_bound(le: &str) -> Result<f64, std::num::ParseFloatError> {
    match le {
        "+Inf" | "Inf" | "+inf" | "inf" => Ok(f64::INFINITY),
        "-Inf" | "-inf" => Ok(f64::NEG_INFINITY),
        _ => le.parse(),
    }
}

fn bucket_quantile(q: f64, buckets: &mut Vec<(f64, f64, bool)>) -> (f64, bool) {
    let exact = buckets.iter().all(|b| b.2);
    if q.is_nan() {
        return (f64::NAN, true);
    }
    if q < 0.0 {
        return (f64::NEG_INFINITY, true);
    }
    if q > 1.0 {
        return (f64::INFINITY, true);
    }
    if buckets.last().is_none_or(|b| b.0 != f64::INFINITY) {
        return (f64::NAN, true);
    }
    // Coalesce equal bounds, then make the counts monotonic.
    buckets.dedup_by(|b, a| {
        if a.0 == b.0 {
            a.1 += b.1;
            true
        } else {
            false
        }
    });
    let mut max = f64::NEG_INFINITY;
    for b in buckets.iter_mut() {
        if b.1 > max {
            max = b.1;
        } else if b.1 < max {
            b.1 = max;
        }
    }
    if buckets.len() < 2 {
        return (f64::NAN, true);
    }
    let observations = buckets[buckets.len() - 1].1;
    if observations == 0.0 {
        return (f64::NAN, true);
    }
    let mut rank = q * observations;
    let b = buckets[..buckets.len() - 1]
        .iter()
        .position(|b| b.1 >= rank)
        .unwrap_or(buckets.len() - 1);
    if b == buckets.len() - 1 {
        return (buckets[buckets.len() - 2].0, exact);
    }
    if b == 0 && buckets[0].0 <= 0.0 {
        return (buckets[0].0, exact);
    }
    let (mut start, end, mut count) = (0.0, buckets[b].0, buckets[b].1);
    if b > 0 {
        start = buckets[b - 1].0;
        count -= buckets[b - 1].1;
        rank -= buckets[b - 1].1;
    }
    (start + (end - start) * (rank / count), false)
}

/// A function of a range of samples, as Prometheus 2.x computes it; `None` when it returns no
/// sample (`rate` of fewer than two).
fn range_function(
    name: &str,
    points: &[(i64, f64)],
    t: i64,
    range_ms: i64,
    offset_ms: i64,
    horizon: Option<f64>,
) -> EvalResult<Option<Num>> {
    let constant = points.iter().all(|p| p.1 == points[0].1);
    let approx = |v: f64| Num { v, exact: constant };
    let exact = |v: f64| Num { v, exact: true };
    let (start, end) = (t - offset_ms - range_ms, t - offset_ms);
    Ok(match name {
        "rate" | "increase" | "delta" => {
            let counter = name != "delta";
            extrapolated_rate(points, start, end, range_ms, counter, name == "rate").map(approx)
        }
        "irate" | "idelta" => {
            if points.len() < 2 {
                return Ok(None);
            }
            let (prev, last) = (points[points.len() - 2], points[points.len() - 1]);
            let mut v = if name == "irate" && last.1 < prev.1 {
                last.1
            } else {
                last.1 - prev.1
            };
            if name == "irate" {
                v /= (last.0 - prev.0) as f64 / 1000.0;
            }
            Some(approx(v))
        }
        "deriv" | "predict_linear" => {
            if points.len() < 2 {
                return Ok(None);
            }
            let (slope, intercept) = linear_regression(points, t);
            Some(match horizon {
                Some(h) => approx(slope * h + intercept),
                None => approx(slope),
            })
        }
        "changes" | "resets" => {
            let n = points
                .windows(2)
                .filter(|w| {
                    if name == "changes" {
                        w[1].1 != w[0].1 && !(w[1].1.is_nan() && w[0].1.is_nan())
                    } else {
                        w[1].1 < w[0].1
                    }
                })
                .count();
            Some(exact(n as f64))
        }
        "count_over_time" => Some(exact(points.len() as f64)),
        "present_over_time" => Some(exact(1.0)),
        "last_over_time" => points.last().map(|p| exact(p.1)),
        "min_over_time" => points
            .iter()
            .map(|p| p.1)
            .reduce(|a, b| if b < a || a.is_nan() { b } else { a })
            .map(exact),
        "max_over_time" => points
            .iter()
            .map(|p| p.1)
            .reduce(|a, b| if b > a || a.is_nan() { b } else { a })
            .map(exact),
        "sum_over_time" | "avg_over_time" => {
            let sum: f64 = points.iter().map(|p| p.1).sum();
            let v = if name == "sum_over_time" {
                sum
            } else if constant {
                points[0].1
            } else {
                sum / points.len() as f64
            };
            Some(Num {
                v,
                exact: constant && name == "avg_over_time",
            })
        }
        _ => return Err(EvalError::fatal(format!("the function `{name}`"))),
    })
}

/// Prometheus 2.x's `extrapolatedRate`.
fn extrapolated_rate(
    points: &[(i64, f64)],
    range_start: i64,
    range_end: i64,
    range_ms: i64,
    counter: bool,
    rate: bool,
) -> Option<f64> {
    if points.len() < 2 {
        return None;
    }
    let (first, last) = (points[0], points[points.len() - 1]);
    let mut result = last.1 - first.1;
    if counter {
        let mut previous = 0.0;
        for p in points {
            if p.1 < previous {
                result += previous;
            }
            previous = p.1;
        }
    }
    let mut to_start = (first.0 - range_start) as f64 / 1000.0;
    let to_end = (range_end - last.0) as f64 / 1000.0;
    let sampled = (last.0 - first.0) as f64 / 1000.0;
    let average = sampled / (points.len() - 1) as f64;
    if counter && result > 0.0 && first.1 >= 0.0 {
        let to_zero = sampled * (first.1 / result);
        if to_zero < to_start {
            to_start = to_zero;
        }
    }
    let threshold = average * 1.1;
    let mut interval = sampled;
    interval += if to_start < threshold {
        to_start
    } else {
        average / 2.0
    };
    interval += if to_end < threshold {
        to_end
    } else {
        average / 2.0
    };
    result *= interval / sampled;
    if rate {
        result /= range_ms as f64 / 1000.0;
    }
    Some(result)
}

/// The least-squares line through the points, its intercept at `t`.
fn linear_regression(points: &[(i64, f64)], t: i64) -> (f64, f64) {
    if points.iter().all(|p| p.1 == points[0].1) {
        return (0.0, points[0].1);
    }
    let n = points.len() as f64;
    let (mut sx, mut sy, mut sxy, mut sx2) = (0.0, 0.0, 0.0, 0.0);
    for p in points {
        let x = (p.0 - t) as f64 / 1000.0;
        sx += x;
        sy += p.1;
        sxy += x * p.1;
        sx2 += x * x;
    }
    let cov = sxy - sx * sy / n;
    let var = sx2 - sx * sx / n;
    let slope = cov / var;
    (slope, sy / n - slope * sx / n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_expand_labels_as_prometheus_does() {
        let labels: Labels = [("region", "eu-west"), ("pool", "a")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .into();
        let ok = |text: &str| expand(text, &labels, false).unwrap();
        assert_eq!(ok("no template"), "no template");
        assert_eq!(ok("in {{ $labels.region }}"), "in eu-west");
        assert_eq!(ok("{{$labels.pool}}/{{ .Labels.region }}"), "a/eu-west");
        assert_eq!(ok("x  {{- $labels.pool -}}  y"), "xay");
        let err = |text: &str| expand(text, &labels, false).unwrap_err();
        assert!(
            err("{{ $value }}").contains("`{{ $value }}`"),
            "{}",
            err("{{ $value }}")
        );
        assert!(err("{{ $labels.pool | toUpper }}").contains("expands `{{ $labels.NAME }}`"));
        assert!(err("{{ $labels.zone }}").contains("no label `zone`"));
        assert!(err("{{ $labels.region").contains("without its `}}`"));
        // Checked without labels: the form only.
        assert!(expand("{{ $labels.zone }}", &Labels::new(), true).is_ok());
        assert!(expand("{{ humanize $value }}", &Labels::new(), true).is_err());
    }

    #[test]
    fn floats_as_go_writes_them() {
        for (v, text) in [
            (0.1, "0.1"),
            (1.0, "1"),
            (2.5, "2.5"),
            (10.0, "10"),
            (0.005, "0.005"),
            (1e6, "1e+06"),
            (250_000.0, "250000"),
            (0.00001, "1e-05"),
            (f64::INFINITY, "+Inf"),
        ] {
            assert_eq!(go_float(v), text);
        }
    }

    #[test]
    fn durations() {
        assert_eq!(format_duration(17 * 60_000), "17m");
        assert_eq!(format_duration(90_000), "1m30s");
        assert_eq!(format_duration(30_000), "30s");
    }

    #[test]
    fn rate_of_a_linear_counter_is_its_slope() {
        let points: Vec<(i64, f64)> = (5..=10).map(|i| (i * 60_000, i as f64 * 600.0)).collect();
        let r = extrapolated_rate(&points, 300_000, 600_000, 300_000, true, true);
        assert_eq!(r, Some(10.0));
    }

    #[test]
    fn quantile_interpolates_inside_the_bucket() {
        let mut buckets = vec![
            (0.1, 0.0, true),
            (1.0, 5.0, true),
            (10.0, 5.0, true),
            (f64::INFINITY, 5.0, true),
        ];
        let (v, _) = bucket_quantile(0.5, &mut buckets);
        assert!((v - 0.55).abs() < 1e-12, "{v}");
        let mut inf = vec![
            (0.1, 0.0, true),
            (1.0, 0.0, true),
            (f64::INFINITY, 5.0, true),
        ];
        assert_eq!(bucket_quantile(0.99, &mut inf).0, 1.0);
    }
}
