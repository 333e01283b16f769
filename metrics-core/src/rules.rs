//! Alert and recording rules, declared next to the metrics they read and checked against them
//! at compile time.
//!
//! `#[alert(...)]` and `#[record(...)]` on a `#[derive(MetricGroup)]` struct (rules over its own
//! metrics) or on a `#[derive(Service)]` struct (rules over any metric of the service) carry a
//! PromQL expression. The derive parses it with `promql-parser` and reduces it to what can be
//! checked against the catalog: every selector with its matchers and the function that reads it,
//! and every `by` / `without` / `on` / `ignoring` clause. Its check then runs during
//! compilation, against the descriptors, and the build fails at the expression when a selector
//! names no declared series, a label is not declared, a value is outside its closed set, a regex
//! matches none of it, `rate` reads a gauge, or `histogram_quantile` reads something other than
//! a histogram's buckets.

use crate::Format;
use crate::descriptor::{LabelDescriptor, LabelKind, MetricDescriptor, MetricType};
use crate::message::Message;
use metrics_internals::exposed::{self, LE, QUANTILE, TOTAL};

/// An alerting rule or a recording rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// `#[alert(...)]`: fires when the expression returns series.
    Alert,
    /// `#[record(...)]`: stores the expression's result under a new name.
    Record,
}

/// One rule, as declared.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Alert or recording rule.
    pub kind: RuleKind,
    /// The alert's name, or the recorded series' name.
    pub name: &'static str,
    /// The PromQL expression, as written.
    pub expr: &'static str,
    /// How long the condition must hold before the alert fires (`for`), as a PromQL duration.
    pub for_duration: Option<&'static str>,
    /// Labels added to the alert or the recorded series (`severity` among them).
    pub labels: &'static [(&'static str, &'static str)],
    /// The alert's annotations: `summary`, `description`, `runbook_url`.
    pub annotations: &'static [(&'static str, &'static str)],
    /// Where the specification's expression was wrong: what it said and what the rule does.
    pub correction: Option<&'static str>,
    /// The documentation section of the metric group the rule is declared on.
    pub section: Option<&'static str>,
    /// Every selector of the expression (for the compile-time checks).
    #[doc(hidden)]
    pub selectors: &'static [Selector],
    /// Every grouping or matching clause of the expression (for the compile-time checks).
    #[doc(hidden)]
    pub groupings: &'static [Grouping],
}

#[doc(hidden)]
/// What the function around a selector requires of the series it reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Any series.
    Any,
    /// A series that only goes up: a counter, or a histogram's or summary's `_bucket`, `_sum`
    /// and `_count` (`rate`, `irate`, `increase`, `resets`).
    Counter,
    /// A gauge (`delta`, `idelta`, `deriv`, `predict_linear`).
    Gauge,
    /// A histogram's `_bucket` series, with `le` kept (`histogram_quantile`).
    Buckets,
}

#[doc(hidden)]
/// A vector or range selector.
#[derive(Clone, Copy, Debug)]
pub struct Selector {
    /// The metric name selected.
    pub name: &'static str,
    /// The label matchers, without the name.
    pub matchers: &'static [Matcher],
    /// What the enclosing function requires.
    pub needs: Needs,
    /// The enclosing function, for messages (`""` when none).
    pub function: &'static str,
    /// Whether the selector reads the latest value (an instant vector, outside `absent`), not a
    /// range: an alert that reads a counter so compares a total that only goes up.
    pub instant: bool,
}

#[doc(hidden)]
/// The operator of a label matcher.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchOp {
    /// `=`
    Equal,
    /// `!=`
    NotEqual,
    /// `=~`
    Regex,
    /// `!~`
    NotRegex,
}

impl MatchOp {
    /// The operator as PromQL writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchOp::Equal => "=",
            MatchOp::NotEqual => "!=",
            MatchOp::Regex => "=~",
            MatchOp::NotRegex => "!~",
        }
    }
}

#[doc(hidden)]
/// One label matcher of a selector.
#[derive(Clone, Copy, Debug)]
pub struct Matcher {
    /// The label name.
    pub label: &'static str,
    /// The operator.
    pub op: MatchOp,
    /// The value or the regular expression, as written.
    pub value: &'static str,
    /// For `=~` and `!~`: the regular expression, fully anchored as Prometheus applies it,
    /// compiled by the derive to a table the check can run.
    pub regex: Option<&'static Dfa>,
    /// The value as a number, when it parses as one (for `le` and `quantile`).
    pub number: Option<f64>,
}

#[doc(hidden)]
/// A deterministic finite automaton over bytes, compiled from a regular expression by the
/// derive (with `regex-automata`), small enough to run during const evaluation.
#[derive(Clone, Copy, Debug)]
pub struct Dfa {
    /// The equivalence class of each byte.
    pub classes: &'static [u8; 256],
    /// The number of classes: the width of a row of `transitions`.
    pub stride: usize,
    /// `transitions[state * stride + class]`: the next state; state 0 is the start.
    pub transitions: &'static [u16],
    /// Whether input ending in a state is a match.
    pub accepting: &'static [bool],
}

impl Dfa {
    /// Whether the whole of `text` matches.
    pub const fn matches(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut state = 0usize;
        let mut i = 0;
        while i < bytes.len() {
            let class = self.classes[bytes[i] as usize] as usize;
            state = self.transitions[state * self.stride + class] as usize;
            i += 1;
        }
        self.accepting[state]
    }
}

#[doc(hidden)]
/// A `by`, `without`, `on` or `ignoring` clause and the selectors it groups.
#[derive(Clone, Copy, Debug)]
pub struct Grouping {
    /// The keyword.
    pub clause: Clause,
    /// The labels listed.
    pub labels: &'static [&'static str],
    /// Indexes into the rule's selectors: the selectors under the clause.
    pub selectors: &'static [usize],
}

#[doc(hidden)]
/// The keyword of a grouping or matching clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clause {
    /// `by (...)` of an aggregation: every selector must carry the label.
    By,
    /// `without (...)`: some selector must carry the label.
    Without,
    /// `on (...)` of a binary operation: every selector must carry the label.
    On,
    /// `ignoring (...)`: some selector must carry the label.
    Ignoring,
}

impl Clause {
    /// The keyword as PromQL writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Clause::By => "by",
            Clause::Without => "without",
            Clause::On => "on",
            Clause::Ignoring => "ignoring",
        }
    }
}

/// Which series of a family a sample name selects.
pub use metrics_internals::exposed::Sample;

/// Labels every scraped series carries besides the declared ones.
const TARGET_LABELS: &[&str] = &["job", "instance"];

#[doc(hidden)]
/// Checks `rule` against the metrics of `families`. With `formats`, a selector must name a
/// series in each of them (a service's check); without, in either format (a family's check,
/// which does not know the formats yet). Returns the first problem.
pub const fn check(
    families: &[&'static [MetricDescriptor]],
    rule: &Rule,
    formats: Option<&[Format]>,
) -> Option<Message> {
    let mut s = 0;
    while s < rule.selectors.len() {
        let selector = &rule.selectors[s];
        let (d, sample) = match resolve(families, selector.name, formats) {
            Resolved::Found(d, sample) => (d, sample),
            Resolved::NotIn(format, d) => {
                let (title, there, after) = match format {
                    Format::OpenMetrics => (
                        "OpenMetrics 1.0",
                        ", where the counter `",
                        "` is exposed with `_total` added",
                    ),
                    Format::Prometheus => (
                        "the text format 0.0.4",
                        ", where the counter `",
                        "` is exposed as declared",
                    ),
                };
                return Some(
                    head(rule)
                        .push("selects `")
                        .push(selector.name)
                        .push("`, which is no series in ")
                        .push(title)
                        .push(there)
                        .push(d.name)
                        .push(after)
                        .push(": the service is served in that format, so select the name it exposes there, or declare the formats the service is really served in"),
                );
            }
            Resolved::Missing => return Some(missing(families, rule, selector)),
        };
        if let Some(message) = needs(rule, selector, d, sample) {
            return Some(message);
        }
        let mut m = 0;
        while m < selector.matchers.len() {
            if let Some(message) = matcher(rule, selector, d, sample, &selector.matchers[m]) {
                return Some(message);
            }
            m += 1;
        }
        // Rule: a counter only goes up; an alert on its total fires from the first event on.
        if selector.instant
            && matches!(rule.kind, RuleKind::Alert)
            && matches!(selector.needs, Needs::Any)
            && counter_like(d, sample)
        {
            return Some(
                head(rule)
                    .push("reads the ")
                    .push(describe(d, sample))
                    .push(" `")
                    .push(selector.name)
                    .push("` as it stands: it only goes up, so the alert would fire from the first event until a restart; alert on `increase(")
                    .push(selector.name)
                    .push("[5m])` or `rate(...)` instead"),
            );
        }
        s += 1;
    }
    let mut g = 0;
    while g < rule.groupings.len() {
        if let Some(message) = grouping(families, rule, &rule.groupings[g], formats) {
            return Some(message);
        }
        g += 1;
    }
    None
}

#[doc(hidden)]
/// The first problem of any rule of `rules` against `families`, in `formats`.
pub const fn check_all(
    families: &[&'static [MetricDescriptor]],
    rules: &[&[Rule]],
    formats: &[Format],
) -> Option<Message> {
    let mut i = 0;
    while i < rules.len() {
        let mut j = 0;
        while j < rules[i].len() {
            if let Some(message) = check(families, &rules[i][j], Some(formats)) {
                return Some(message);
            }
            j += 1;
        }
        i += 1;
    }
    None
}

const fn head(rule: &Rule) -> Message {
    let kind = match rule.kind {
        RuleKind::Alert => "alert `",
        RuleKind::Record => "recording rule `",
    };
    Message::new().push(kind).push(rule.name).push("` ")
}

enum Resolved {
    Found(&'static MetricDescriptor, Sample),
    /// Found in one format, not in this one (only a counter's sample differs).
    NotIn(Format, &'static MetricDescriptor),
    Missing,
}

const fn resolve(
    families: &[&'static [MetricDescriptor]],
    name: &str,
    formats: Option<&[Format]>,
) -> Resolved {
    let mut f = 0;
    while f < families.len() {
        let mut i = 0;
        while i < families[f].len() {
            let d = &families[f][i];
            let om = sample_of(d, name, Format::OpenMetrics);
            let text = sample_of(d, name, Format::Prometheus);
            let found = match (om, text) {
                (Some(s), _) | (None, Some(s)) => Some(s),
                (None, None) => None,
            };
            if let Some(sample) = found {
                if let Some(formats) = formats {
                    let mut k = 0;
                    while k < formats.len() {
                        if sample_of(d, name, formats[k]).is_none() {
                            return Resolved::NotIn(formats[k], d);
                        }
                        k += 1;
                    }
                }
                return Resolved::Found(d, sample);
            }
            i += 1;
        }
        f += 1;
    }
    Resolved::Missing
}

/// Which series of `d` the sample name `name` is in `format`, if any: a counter is its declared
/// name in the text format and the family name with `_total` in OpenMetrics.
pub const fn sample_of(d: &MetricDescriptor, name: &str, format: Format) -> Option<Sample> {
    exposed::sample_of(d.name, d.metric_type, format, name)
}

/// The message for a selector that names nothing: says what the name is closest to.
const fn missing(
    families: &[&'static [MetricDescriptor]],
    rule: &Rule,
    selector: &Selector,
) -> Message {
    let message = head(rule).push("selects `").push(selector.name).push("`, ");
    let mut f = 0;
    while f < families.len() {
        let mut i = 0;
        while i < families[f].len() {
            let d = &families[f][i];
            let histogram = matches!(d.metric_type, MetricType::Histogram);
            if histogram && eq(d.name, selector.name) {
                return message
                    .push("a histogram, which has no series of its own: select `")
                    .push(d.name)
                    .push("_bucket` (for histogram_quantile), `")
                    .push(d.name)
                    .push("_sum` or `")
                    .push(d.name)
                    .push("_count`");
            }
            if matches!(d.metric_type, MetricType::Counter)
                && (exposed::concat_eq(selector.name, TOTAL, d.name, "")
                    || exposed::concat_eq(d.name, TOTAL, selector.name, ""))
            {
                return message
                    .push("but the counter is exposed as `")
                    .push(d.name)
                    .push("`: select that name");
            }
            i += 1;
        }
        f += 1;
    }
    let mut message = message.push("which is no metric declared here");
    if let Some(d) = closest(families, selector.name) {
        message = message.push(": did you mean `").push(d.name).push("`?");
    } else if families.len() == 1 {
        message = message.push(
            " (a rule on a metric group reads that struct's metrics; declare a rule over several structs on the service)",
        );
    }
    message
}

/// The declared metric whose name shares the longest prefix with `name`, if it shares most of it.
const fn closest(
    families: &[&'static [MetricDescriptor]],
    name: &str,
) -> Option<&'static MetricDescriptor> {
    let mut best: Option<&'static MetricDescriptor> = None;
    let mut best_len = 0;
    let mut f = 0;
    while f < families.len() {
        let mut i = 0;
        while i < families[f].len() {
            let d = &families[f][i];
            let shared = common_prefix(d.name, name);
            if shared > best_len {
                best_len = shared;
                best = Some(d);
            }
            i += 1;
        }
        f += 1;
    }
    // At least three quarters of the shorter name.
    match best {
        Some(d) if best_len * 4 >= min(d.name.len(), name.len()) * 3 => Some(d),
        _ => None,
    }
}

const fn needs(
    rule: &Rule,
    selector: &Selector,
    d: &MetricDescriptor,
    sample: Sample,
) -> Option<Message> {
    let ok = match selector.needs {
        Needs::Any => true,
        Needs::Counter => counter_like(d, sample),
        Needs::Gauge => matches!(d.metric_type, MetricType::Gauge),
        Needs::Buckets => matches!(sample, Sample::Bucket),
    };
    if ok {
        return None;
    }
    let message = head(rule)
        .push("applies ")
        .push(selector.function)
        .push("() to `")
        .push(selector.name)
        .push("`, a ")
        .push(describe(d, sample))
        .push(": ");
    Some(match selector.needs {
        Needs::Counter => message.push(selector.function).push(
            "() reads counters (a gauge's changes are `delta` or `deriv`; its level is the gauge itself)",
        ),
        Needs::Gauge => message
            .push(selector.function)
            .push("() reads gauges (a counter's changes are `rate` or `increase`)"),
        Needs::Buckets | Needs::Any => {
            let message = message.push("histogram_quantile() reads a histogram's `_bucket` series");
            if matches!(d.metric_type, MetricType::Histogram) {
                message.push(": select `").push(d.name).push("_bucket`")
            } else {
                message
            }
        }
    })
}

/// A counter, or a histogram's or summary's cumulative series.
const fn counter_like(d: &MetricDescriptor, sample: Sample) -> bool {
    matches!(
        (d.metric_type, sample),
        (MetricType::Counter, _)
            | (
                MetricType::Histogram | MetricType::Summary,
                Sample::Sum | Sample::Count
            )
            | (MetricType::Histogram, Sample::Bucket)
    )
}

const fn describe(d: &MetricDescriptor, sample: Sample) -> &'static str {
    match (d.metric_type, sample) {
        (MetricType::Counter, _) => "counter",
        (MetricType::Gauge, _) => "gauge",
        (MetricType::Histogram, Sample::Bucket) => "histogram's buckets",
        (MetricType::Histogram, Sample::Sum) => "histogram's sum",
        (MetricType::Histogram, _) => "histogram's count",
        (MetricType::Summary, Sample::Value) => "summary's quantiles",
        (MetricType::Summary, Sample::Sum) => "summary's sum",
        (MetricType::Summary, _) => "summary's count",
    }
}

/// The label of `d` called `name` on the `sample` series, or a label every series has.
enum Found {
    Declared(&'static LabelDescriptor),
    /// `le` of a bucket: the bounds.
    Le(&'static [f64]),
    /// `quantile` of a summary: the quantiles.
    Quantile(&'static [f64]),
    /// `job`, `instance`, `__name__`.
    Always,
    Missing,
}

const fn find_label(d: &'static MetricDescriptor, sample: Sample, name: &str) -> Found {
    let mut i = 0;
    while i < d.labels.len() {
        if eq(d.labels[i].name, name) {
            return Found::Declared(&d.labels[i]);
        }
        i += 1;
    }
    if eq(name, LE) && matches!(sample, Sample::Bucket) {
        return Found::Le(d.buckets);
    }
    if eq(name, QUANTILE)
        && matches!(d.metric_type, MetricType::Summary)
        && matches!(sample, Sample::Value)
    {
        return Found::Quantile(d.quantiles);
    }
    if eq(name, "__name__") {
        return Found::Always;
    }
    let mut t = 0;
    while t < TARGET_LABELS.len() {
        if eq(TARGET_LABELS[t], name) {
            return Found::Always;
        }
        t += 1;
    }
    Found::Missing
}

const fn matcher(
    rule: &Rule,
    selector: &Selector,
    d: &'static MetricDescriptor,
    sample: Sample,
    m: &Matcher,
) -> Option<Message> {
    let at = head(rule)
        .push("matches `")
        .push(m.label)
        .push(m.op.as_str())
        .push("\"")
        .push(m.value)
        .push("\"` on `")
        .push(selector.name)
        .push("`, ");
    match find_label(d, sample, m.label) {
        Found::Always => None,
        Found::Missing => Some(label_list(
            at.push("but `")
                .push(selector.name)
                .push("` has no label `")
                .push(m.label)
                .push("`"),
            d,
            sample,
        )),
        Found::Le(bounds) => numbers(at, m, bounds, "le", "a declared bucket bound"),
        Found::Quantile(quantiles) => numbers(at, m, quantiles, "quantile", "a declared quantile"),
        Found::Declared(label) => {
            let empty = m.value.is_empty() && matches!(m.op, MatchOp::Equal | MatchOp::NotEqual);
            if empty {
                return if label.optional {
                    None
                } else {
                    Some(
                        at.push("but `")
                            .push(label.name)
                            .push("` is on every series (it is not optional): `=\"\"` matches none and `!=\"\"` all"),
                    )
                };
            }
            let LabelKind::Closed(values) = label.kind else {
                return None;
            };
            let any = match (m.op, m.regex) {
                (MatchOp::Regex | MatchOp::NotRegex, Some(dfa)) => {
                    matches_any(dfa, values) || (label.optional && dfa.matches(""))
                }
                _ => contains(values, m.value),
            };
            if any {
                return None;
            }
            let what = match m.op {
                MatchOp::Regex | MatchOp::NotRegex => "but the regex matches none of its values: ",
                _ => "but that is not one of its values: ",
            };
            Some(values_list(at.push(what), values))
        }
    }
}

const fn numbers(
    at: Message,
    m: &Matcher,
    declared: &'static [f64],
    label: &str,
    what: &str,
) -> Option<Message> {
    let ok = match (m.op, m.regex, m.number) {
        (MatchOp::Regex | MatchOp::NotRegex, Some(_), _) => true,
        (_, _, Some(n)) => {
            let mut found = eq(label, "le") && n == f64::INFINITY;
            let mut i = 0;
            while i < declared.len() {
                if declared[i] == n {
                    found = true;
                }
                i += 1;
            }
            found
        }
        _ => false,
    };
    if ok {
        None
    } else {
        Some(at.push("but that is not ").push(what).push(
            " (the docs list them; a histogram_quantile over the buckets needs no `le` matcher)",
        ))
    }
}

const fn label_list(mut message: Message, d: &MetricDescriptor, sample: Sample) -> Message {
    if d.labels.is_empty() {
        message = message.push(" (it has no labels)");
    } else {
        message = message.push(": its labels are ");
        let mut i = 0;
        while i < d.labels.len() {
            if i > 0 {
                message = message.push(", ");
            }
            message = message.push("`").push(d.labels[i].name).push("`");
            i += 1;
        }
    }
    if matches!(sample, Sample::Bucket) {
        message = message.push(" and `le`");
    }
    message
}

const fn values_list(mut message: Message, values: &[&str]) -> Message {
    let mut i = 0;
    while i < values.len() {
        if i > 0 {
            message = message.push(", ");
        }
        message = message.push("\"").push(values[i]).push("\"");
        i += 1;
    }
    message
}

const fn grouping(
    families: &[&'static [MetricDescriptor]],
    rule: &Rule,
    g: &Grouping,
    formats: Option<&[Format]>,
) -> Option<Message> {
    let every = matches!(g.clause, Clause::By | Clause::On);
    let mut l = 0;
    while l < g.labels.len() {
        let label = g.labels[l];
        let mut carried = 0;
        let mut first_without: Option<&Selector> = None;
        let mut i = 0;
        while i < g.selectors.len() {
            let selector = &rule.selectors[g.selectors[i]];
            let has = match resolve(families, selector.name, formats) {
                Resolved::Found(d, sample) => {
                    !matches!(find_label(d, sample, label), Found::Missing)
                }
                _ => true,
            };
            if has {
                carried += 1;
            } else if first_without.is_none() {
                first_without = Some(selector);
            }
            i += 1;
        }
        let fails = if every {
            first_without.is_some()
        } else {
            carried == 0 && !g.selectors.is_empty()
        };
        if fails {
            let message = head(rule)
                .push("groups ")
                .push(g.clause.as_str())
                .push(" (`")
                .push(label)
                .push("`), ");
            return Some(match first_without {
                Some(selector) if every => message
                    .push("but `")
                    .push(selector.name)
                    .push("` has no label `")
                    .push(label)
                    .push("`: the result would lose or never have it"),
                _ => {
                    message.push("but no selector under it has that label: the clause does nothing")
                }
            });
        }
        l += 1;
    }
    None
}

const fn matches_any(dfa: &Dfa, values: &[&str]) -> bool {
    let mut i = 0;
    while i < values.len() {
        if dfa.matches(values[i]) {
            return true;
        }
        i += 1;
    }
    false
}

const fn contains(values: &[&str], value: &str) -> bool {
    let mut i = 0;
    while i < values.len() {
        if eq(values[i], value) {
            return true;
        }
        i += 1;
    }
    false
}

pub(crate) const fn eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn common_prefix(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() && a[i] == b[i] {
        i += 1;
    }
    i
}

const fn min(a: usize, b: usize) -> usize {
    if a < b { a } else { b }
}

/// A rule as data for other tools (`describe` writes them as JSON): what was declared, its
/// labels and annotations as objects in their order; the selectors and groupings are the
/// expression's, left out.
#[cfg(feature = "serde")]
mod serialize {
    use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

    use super::{Rule, RuleKind};

    /// `[("a", "x"), ...]` as `{"a": "x", ...}`.
    struct Pairs(&'static [(&'static str, &'static str)]);

    impl Serialize for Pairs {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (k, v) in self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    impl Serialize for Rule {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut rule = serializer.serialize_struct("Rule", 8)?;
            let kind = match self.kind {
                RuleKind::Alert => "alert",
                RuleKind::Record => "record",
            };
            rule.serialize_field("kind", kind)?;
            rule.serialize_field("name", self.name)?;
            rule.serialize_field("expr", self.expr)?;
            rule.serialize_field("for", &self.for_duration)?;
            rule.serialize_field("labels", &Pairs(self.labels))?;
            rule.serialize_field("annotations", &Pairs(self.annotations))?;
            rule.serialize_field("correction", &self.correction)?;
            rule.serialize_field("section", &self.section)?;
            rule.end()
        }
    }
}
