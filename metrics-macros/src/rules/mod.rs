//! `#[alert(...)]` and `#[record(...)]`: alert and recording rules on a metric group or a
//! service. The expression is parsed here with `promql-parser`; what needs no catalog is checked
//! here (syntax, an alert without a comparison, `histogram_quantile` losing `le`, selectors
//! without a name), and the rest is reduced to selectors and clauses that
//! `metrics_core::rules::check` checks against the descriptors during compilation.

mod syntax;

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use promql_parser::label::{MatchOp, Matcher};
use promql_parser::parser::{self, Expr, LabelModifier};
use quote::{quote, quote_spanned};
use syn::{Attribute, LitStr};

use crate::ctxt::Ctxt;
use crate::expand::paths;
use crate::parse::{parse_keys, string_value};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RuleKind {
    Alert,
    Record,
}

impl RuleKind {
    fn word(self) -> &'static str {
        match self {
            RuleKind::Alert => "alert",
            RuleKind::Record => "recording rule",
        }
    }
}

pub(crate) struct Rule {
    kind: RuleKind,
    name: String,
    name_span: Span,
    expr: LitStr,
    for_duration: Option<String>,
    labels: Vec<(String, String)>,
    annotations: Vec<(String, String)>,
    correction: Option<String>,
    selectors: Vec<Selector>,
    groupings: Vec<Grouping>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Needs {
    Any,
    Counter,
    Gauge,
    Buckets,
}

struct Selector {
    name: String,
    matchers: Vec<Matcher>,
    needs: Needs,
    function: &'static str,
    instant: bool,
}

struct Grouping {
    clause: &'static str,
    labels: Vec<String>,
    selectors: Vec<usize>,
}

const ALERT_KEYS: &[&str] = &[
    "name",
    "expr",
    "for",
    "severity",
    "summary",
    "description",
    "runbook",
    "labels",
    "correction",
];
const RECORD_KEYS: &[&str] = &["name", "expr", "labels", "correction"];
const SEVERITIES: &[&str] = &["critical", "warning", "info"];

/// Every `#[alert(...)]` and `#[record(...)]` of `attrs`, checked as far as it can be without
/// the catalog.
pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute]) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for attr in attrs {
        let kind = if attr.path().is_ident("alert") {
            RuleKind::Alert
        } else if attr.path().is_ident("record") {
            RuleKind::Record
        } else {
            continue;
        };
        if let Some(rule) = parse_one(cx, attr, kind) {
            let key = format!("{}:{}", kind.word(), rule.name);
            if let Some(first) = seen.insert(key, rule.name_span) {
                // Rule: one struct declares each rule name once.
                cx.duplicate(
                    rule.name_span,
                    first,
                    format!(
                        "{} `{}` is defined again here: give one of the two another name, or remove one",
                        kind.word(),
                        rule.name
                    ),
                    format!("{} `{}` is first defined here", kind.word(), rule.name),
                );
            }
            rules.push(rule);
        }
    }
    rules
}

fn parse_one(cx: &Ctxt, attr: &Attribute, kind: RuleKind) -> Option<Rule> {
    let (word, keys) = match kind {
        RuleKind::Alert => ("alert", ALERT_KEYS),
        RuleKind::Record => ("record", RECORD_KEYS),
    };
    let mut values: HashMap<&'static str, LitStr> = HashMap::new();
    let mut labels: Vec<(String, String)> = Vec::new();
    parse_keys(cx, std::slice::from_ref(attr), word, keys, |key, meta| {
        if key == "labels" {
            meta.parse_nested_meta(|item| {
                let name = item
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let value = string_value(&item)?;
                if kind == RuleKind::Alert && name == "severity" {
                    // Rule: an alert's severity is its `severity` key, checked against the set
                    // that routing expects; in `labels(...)` it would escape the check, or give
                    // the alert two severities.
                    cx.error_spanned_by(
                        &item.path,
                        "give the severity as `severity = \"...\"` on the alert, not in \
                         `labels(...)`: it is one of `critical`, `warning` or `info`",
                    );
                } else if labels.iter().any(|(n, _)| *n == name) {
                    // Rule: a rule carries each label once.
                    cx.error_spanned_by(
                        &item.path,
                        format!("label `{name}` is given twice in `labels(...)`: remove one"),
                    );
                } else {
                    labels.push((name, value.value()));
                }
                Ok(())
            })?;
            return Ok(());
        }
        let key = keys.iter().find(|k| **k == key).copied().unwrap_or("name");
        values.insert(key, string_value(meta)?);
        Ok(())
    });
    let Some(name) = values.get("name") else {
        cx.error_spanned_by(attr, format!("#[{word}(...)] needs `name = \"...\"`"));
        return None;
    };
    let Some(expr) = values.get("expr").cloned() else {
        cx.error_spanned_by(
            attr,
            format!("#[{word}(...)] needs `expr = \"...\"`, its PromQL expression"),
        );
        return None;
    };
    let name_text = name.value();
    let what = format!("{} `{name_text}`", kind.word());
    match kind {
        // Rule: an alert's name is an identifier, as Alertmanager routes and silences name it.
        RuleKind::Alert if !is_identifier(&name_text) => cx.error_spanned_by(
            name,
            format!("alert name `{name_text}` must be letters, digits and `_`, starting with a letter (such as `ProxyErrorRateHigh`)"),
        ),
        // Rule: a recorded series is a metric name, by convention `level:metric:operations`.
        RuleKind::Record if !is_recorded_name(&name_text) => cx.error_spanned_by(
            name,
            format!("recording rule name `{name_text}` must be a metric name of the form `level:metric:operations` (letters, digits, `_` and at least one `:`)"),
        ),
        _ => {}
    }

    let mut annotations = Vec::new();
    let mut for_duration = None;
    if kind == RuleKind::Alert {
        if let Some(duration) = values.get("for") {
            // Rule: `for` is a PromQL duration.
            if let Err(error) = promql_parser::util::duration::parse_duration(&duration.value()) {
                cx.error_spanned_by(
                    duration,
                    format!("`for` of {what} is not a duration ({error}): write it as `5m`, `1h` or `1h30m`"),
                );
            }
            for_duration = Some(duration.value());
        }
        match values.get("severity") {
            Some(severity) if SEVERITIES.contains(&severity.value().as_str()) => {
                labels.push(("severity".to_owned(), severity.value()));
            }
            Some(severity) => cx.error_spanned_by(
                severity,
                format!("unknown severity `{}`: expected one of `critical` (pages someone), `warning` (a ticket) or `info`", severity.value()),
            ),
            None => {}
        }
        match values.get("summary") {
            Some(summary) if !summary.value().trim().is_empty() => {
                annotations.push(("summary".to_owned(), summary.value()));
            }
            _ => cx.error_spanned_by(
                attr,
                format!("{what} needs `summary = \"...\"`: what is wrong, for the person it pages"),
            ),
        }
        for (key, annotation) in [("description", "description"), ("runbook", "runbook_url")] {
            if let Some(value) = values.get(key) {
                annotations.push((annotation.to_owned(), value.value()));
            }
        }
    }
    for (label, _) in &labels {
        if !is_identifier(label) || label.starts_with("__") {
            cx.error_spanned_by(
                attr,
                format!("`{label}` in `labels(...)` of {what} is not a label name"),
            );
        }
    }
    let correction = values.get("correction").map(|c| {
        if c.value().trim().is_empty() {
            cx.error_spanned_by(c, "a correction says what the document wrote and why the rule differs; it cannot be empty");
        }
        c.value()
    });

    // Rule: a number is a number; PromQL 2 reads `60s` only as a range or an offset.
    if let Some(duration) = duration_as_number(&expr.value()) {
        cx.error_spanned_by(
            &expr,
            format!("{what}: `{duration}` is a duration where a number belongs: PromQL compares values in the metric's unit, so write seconds (`{}`)", seconds(&duration)),
        );
        return None;
    }
    let parsed = match parser::parse(&expr.value()) {
        Ok(parsed) => parsed,
        Err(error) => {
            let located = syntax::locate(&expr.value(), &error);
            cx.error_at(
                subspan(&expr, located.range).unwrap_or_else(|| expr.span()),
                format!(
                    "{what}: the expression is not valid PromQL {}",
                    located.message
                ),
            );
            return None;
        }
    };
    // Rule: an alert fires for every series its expression returns, so the expression filters:
    // a comparison (without `bool`), a set operation of comparisons, or `absent(...)`.
    if kind == RuleKind::Alert && !filters(&parsed) {
        cx.error_spanned_by(
            &expr,
            format!("{what} has no comparison, so it would fire for every series the expression returns: compare it with a threshold (such as `> 0`), or use `absent(...)`"),
        );
    }
    let mut walker = Walker {
        cx,
        expr: &expr,
        what: &what,
        selectors: Vec::new(),
        groupings: Vec::new(),
    };
    walker.walk(&parsed, Context::default());
    let (selectors, groupings) = (walker.selectors, walker.groupings);
    Some(Rule {
        kind,
        name_span: name.span(),
        name: name_text,
        expr,
        for_duration,
        labels,
        annotations,
        correction,
        selectors,
        groupings,
    })
}

/// The span of `range` of the string's value inside the literal, where the compiler gives one
/// (`Literal::subspan` is `None` on stable) and the literal has no escapes to map across.
fn subspan(lit: &LitStr, range: std::ops::Range<usize>) -> Option<Span> {
    let token = lit.token();
    let source = token.to_string();
    let open = source.find('"')? + 1;
    let value = lit.value();
    if source.get(open..open + value.len())? != value {
        return None;
    }
    token.subspan(open + range.start..open + range.end)
}

/// The first duration literal (`60s`, `5m`) outside a range `[...]`, a string and an `offset`.
fn duration_as_number(expr: &str) -> Option<String> {
    let bytes = expr.as_bytes();
    let (mut i, mut depth) = (0, 0usize);
    let mut previous_word = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            quote @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'0'..=b'9' if depth == 0 && (i == 0 || !is_word(bytes[i - 1])) => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                    i += 1;
                }
                let unit_start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let unit = &expr[unit_start..i];
                let is_duration = ["ms", "s", "m", "h", "d", "w", "y"].contains(&unit)
                    && (i == bytes.len() || !is_word(bytes[i]));
                if is_duration && previous_word != "offset" {
                    return Some(expr[start..i].to_owned());
                }
                continue;
            }
            c if is_word(c) => {
                let start = i;
                while i < bytes.len() && is_word(bytes[i]) {
                    i += 1;
                }
                previous_word = expr[start..i].to_owned();
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b':'
}

/// `60s` -> `60`, `5m` -> `300`: the duration in seconds, for the message.
fn seconds(duration: &str) -> String {
    promql_parser::util::duration::parse_duration(duration)
        .map(|d| d.as_secs_f64().to_string())
        .unwrap_or_else(|_| duration.to_owned())
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_recorded_name(s: &str) -> bool {
    let mut chars = s.chars();
    s.contains(':')
        && matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == ':')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// Whether an expression only returns the series that meet a condition.
fn filters(expr: &Expr) -> bool {
    match expr {
        Expr::Paren(p) => filters(&p.expr),
        Expr::Binary(b) => {
            let op = b.op.to_string();
            if b.op.is_comparison_operator() {
                !b.modifier.as_ref().is_some_and(|m| m.return_bool)
            } else if op == "and" || op == "unless" {
                filters(&b.lhs)
            } else if op == "or" {
                filters(&b.lhs) && filters(&b.rhs)
            } else {
                false
            }
        }
        Expr::Call(c) => matches!(c.func.name, "absent" | "absent_over_time"),
        _ => false,
    }
}

#[derive(Clone, Copy)]
struct Context {
    needs: Needs,
    function: &'static str,
    /// Under `histogram_quantile`: aggregations must keep `le`.
    keep_le: bool,
    /// Under `absent`: a selector asks whether a series exists, not what it holds.
    existence: bool,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            needs: Needs::Any,
            function: "",
            keep_le: false,
            existence: false,
        }
    }
}

struct Walker<'a> {
    cx: &'a Ctxt,
    expr: &'a LitStr,
    what: &'a str,
    selectors: Vec<Selector>,
    groupings: Vec<Grouping>,
}

impl Walker<'_> {
    fn error(&self, message: String) {
        self.cx
            .error_spanned_by(self.expr, format!("{}: {message}", self.what));
    }

    fn walk(&mut self, expr: &Expr, ctx: Context) {
        match expr {
            Expr::Aggregate(a) => {
                let first = self.selectors.len();
                let op = a.op.to_string();
                if let Some(param) = &a.param {
                    self.walk(param, Context::default());
                }
                self.walk(&a.expr, ctx);
                if ctx.keep_le {
                    // Rule: histogram_quantile reads the bucket bounds from `le`.
                    let keeps = match &a.modifier {
                        Some(LabelModifier::Include(l)) => l.labels.iter().any(|l| l == "le"),
                        Some(LabelModifier::Exclude(l)) => !l.labels.iter().any(|l| l == "le"),
                        None => false,
                    };
                    if !keeps {
                        self.error(format!("`{op}` under histogram_quantile() drops `le`, the bucket bounds it reads: aggregate `by (le, ...)`"));
                    }
                }
                if let Some(modifier) = &a.modifier {
                    let (clause, labels) = match modifier {
                        LabelModifier::Include(l) => ("by", l),
                        LabelModifier::Exclude(l) => ("without", l),
                    };
                    self.group(clause, &labels.labels, first);
                }
            }
            Expr::Unary(u) => self.walk(&u.expr, ctx),
            Expr::Paren(p) => self.walk(&p.expr, ctx),
            Expr::Subquery(s) => self.walk(&s.expr, ctx),
            Expr::Binary(b) => {
                let first = self.selectors.len();
                self.walk(&b.lhs, ctx);
                self.walk(&b.rhs, ctx);
                if let Some(matching) = b.modifier.as_ref().and_then(|m| m.matching.as_ref()) {
                    let (clause, labels) = match matching {
                        LabelModifier::Include(l) => ("on", l),
                        LabelModifier::Exclude(l) => ("ignoring", l),
                    };
                    self.group(clause, &labels.labels, first);
                }
            }
            Expr::Call(c) => {
                let name = c.func.name;
                let inner = match name {
                    // Under histogram_quantile, its own need (buckets, which are counters) stays.
                    "rate" | "irate" | "increase" | "resets" if ctx.needs == Needs::Buckets => ctx,
                    "rate" | "irate" | "increase" | "resets" => Context {
                        needs: Needs::Counter,
                        function: name,
                        ..ctx
                    },
                    "delta"
                    | "idelta"
                    | "deriv"
                    | "predict_linear"
                    | "holt_winters"
                    | "double_exponential_smoothing" => Context {
                        needs: Needs::Gauge,
                        function: name,
                        keep_le: false,
                        ..ctx
                    },
                    "absent" | "absent_over_time" => Context {
                        existence: true,
                        ..ctx
                    },
                    _ => ctx,
                };
                for (i, arg) in c.args.args.iter().enumerate() {
                    if name == "histogram_quantile" && i == 1 {
                        let buckets = Context {
                            needs: Needs::Buckets,
                            function: "histogram_quantile",
                            keep_le: true,
                            ..ctx
                        };
                        self.walk(arg, buckets);
                    } else if name == "histogram_quantile" {
                        self.walk(arg, Context::default());
                    } else {
                        self.walk(arg, inner);
                    }
                }
            }
            Expr::VectorSelector(vs) => self.selector(vs, ctx, !ctx.existence),
            Expr::MatrixSelector(ms) => self.selector(&ms.vs, ctx, false),
            Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::Extension(_) => {}
        }
    }

    fn selector(&mut self, vs: &parser::VectorSelector, ctx: Context, instant: bool) {
        let by_matcher = vs
            .matchers
            .matchers
            .iter()
            .find(|m| m.name == "__name__" && matches!(m.op, MatchOp::Equal))
            .map(|m| m.value.clone());
        let Some(name) = vs.name.clone().or(by_matcher) else {
            self.error("every selector names its metric, so that it can be checked against the catalog: `{__name__=~\"...\"}` cannot be".to_owned());
            return;
        };
        if !vs.matchers.or_matchers.is_empty() {
            self.error(format!("`{name}` uses `or` inside its braces, which Prometheus does not accept: write two selectors joined by `or`"));
            return;
        }
        self.selectors.push(Selector {
            name,
            matchers: vs
                .matchers
                .matchers
                .iter()
                .filter(|m| m.name != "__name__")
                .cloned()
                .collect(),
            needs: ctx.needs,
            function: ctx.function,
            instant,
        });
    }

    fn group(&mut self, clause: &'static str, labels: &[String], first: usize) {
        if labels.is_empty() {
            return;
        }
        self.groupings.push(Grouping {
            clause,
            labels: labels.to_vec(),
            selectors: (first..self.selectors.len()).collect(),
        });
    }
}

/// The `metrics_core::rules::Rule` constants of `rules`, in order.
pub(crate) fn expand(rules: &[Rule], section: Option<&str>) -> Vec<TokenStream> {
    rules.iter().map(|rule| expand_one(rule, section)).collect()
}

fn expand_one(rule: &Rule, section: Option<&str>) -> TokenStream {
    let p = paths::private();
    let kind = match rule.kind {
        RuleKind::Alert => quote!(#p::RuleKind::Alert),
        RuleKind::Record => quote!(#p::RuleKind::Record),
    };
    let name = &rule.name;
    let expr = rule.expr.value();
    let for_duration = option(rule.for_duration.as_deref());
    let correction = option(rule.correction.as_deref());
    let section = option(section);
    let pairs = |pairs: &[(String, String)]| {
        let (k, v): (Vec<_>, Vec<_>) = pairs.iter().cloned().unzip();
        quote!(&[#((#k, #v)),*])
    };
    let labels = pairs(&rule.labels);
    let annotations = pairs(&rule.annotations);
    let selectors = rule.selectors.iter().map(|s| {
        let name = &s.name;
        let function = s.function;
        let instant = s.instant;
        let needs = match s.needs {
            Needs::Any => quote!(#p::Needs::Any),
            Needs::Counter => quote!(#p::Needs::Counter),
            Needs::Gauge => quote!(#p::Needs::Gauge),
            Needs::Buckets => quote!(#p::Needs::Buckets),
        };
        let matchers = s.matchers.iter().map(matcher);
        quote! {
            #p::Selector {
                name: #name,
                matchers: &[#(#matchers),*],
                needs: #needs,
                function: #function,
                instant: #instant,
            }
        }
    });
    let groupings = rule.groupings.iter().map(|g| {
        let clause = match g.clause {
            "by" => quote!(#p::Clause::By),
            "without" => quote!(#p::Clause::Without),
            "on" => quote!(#p::Clause::On),
            _ => quote!(#p::Clause::Ignoring),
        };
        let labels = &g.labels;
        let selectors = &g.selectors;
        quote! {
            #p::Grouping { clause: #clause, labels: &[#(#labels),*], selectors: &[#(#selectors),*] }
        }
    });
    quote! {
        #p::Rule {
            kind: #kind,
            name: #name,
            expr: #expr,
            for_duration: #for_duration,
            labels: #labels,
            annotations: #annotations,
            correction: #correction,
            section: #section,
            selectors: &[#(#selectors),*],
            groupings: &[#(#groupings),*],
        }
    }
}

fn matcher(m: &Matcher) -> TokenStream {
    let p = paths::private();
    let label = &m.name;
    let value = &m.value;
    let (op, regex) = match &m.op {
        MatchOp::Equal => (quote!(#p::MatchOp::Equal), None),
        MatchOp::NotEqual => (quote!(#p::MatchOp::NotEqual), None),
        MatchOp::Re(_) => (quote!(#p::MatchOp::Regex), dfa(value)),
        MatchOp::NotRe(_) => (quote!(#p::MatchOp::NotRegex), dfa(value)),
    };
    let regex = match regex {
        Some(tokens) => quote!(#p::Some(&#tokens)),
        None => quote!(#p::None),
    };
    let number = match parse_number(value) {
        Some(n) if n.is_finite() => {
            let lit = proc_macro2::Literal::f64_suffixed(n);
            quote!(#p::Some(#lit))
        }
        Some(n) if n == f64::INFINITY => quote!(#p::Some(f64::INFINITY)),
        _ => quote!(#p::None),
    };
    quote! {
        #p::Matcher { label: #label, op: #op, value: #value, regex: #regex, number: #number }
    }
}

/// A label value as Prometheus reads numbers (`+Inf`, `1e3`, `0.5`).
fn parse_number(value: &str) -> Option<f64> {
    match value {
        "+Inf" | "Inf" => Some(f64::INFINITY),
        _ => value.parse().ok(),
    }
}

/// A label regex as a table of transitions over byte classes (see `metrics_core::rules::Dfa`).
struct Table {
    classes: [u8; 256],
    stride: usize,
    transitions: Vec<u16>,
    accepting: Vec<bool>,
}

impl Table {
    /// Prometheus anchors label regexes at both ends and lets `.` match a newline. `None` when
    /// the regex does not compile here (the parser has accepted it, so only a size limit can
    /// refuse it), in which case its values are not checked.
    fn build(regex: &str) -> Option<Table> {
        use regex_automata::dfa::{Automaton, StartKind, dense};
        use regex_automata::util::{start, syntax};
        use regex_automata::{Anchored, util::primitives::StateID};

        let dfa = dense::Builder::new()
            .syntax(syntax::Config::new().dot_matches_new_line(true))
            .configure(dense::Config::new().start_kind(StartKind::Anchored))
            .build(&format!("^(?:{regex})$"))
            .ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        // One representative byte per class.
        let mut classes = [0u8; 256];
        let mut representatives: Vec<u8> = Vec::new();
        let mut class_of: HashMap<u8, u8> = HashMap::new();
        for byte in 0..=255u8 {
            let class = dfa.byte_classes().get(byte);
            let ours = *class_of.entry(class).or_insert_with(|| {
                representatives.push(byte);
                (representatives.len() - 1) as u8
            });
            classes[byte as usize] = ours;
        }
        let mut index: HashMap<StateID, usize> = HashMap::from([(start, 0)]);
        let mut order = vec![start];
        let mut transitions: Vec<u16> = Vec::new();
        let mut i = 0;
        while i < order.len() {
            let state = order[i];
            for &byte in &representatives {
                let next = dfa.next_state(state, byte);
                let n = index.len();
                let id = *index.entry(next).or_insert_with(|| {
                    order.push(next);
                    n
                });
                transitions.push(u16::try_from(id).ok()?);
            }
            i += 1;
        }
        let accepting = order
            .iter()
            .map(|&s| dfa.is_match_state(dfa.next_eoi_state(s)))
            .collect();
        Some(Table {
            classes,
            stride: representatives.len(),
            transitions,
            accepting,
        })
    }

    /// As `metrics_core::rules::Dfa::matches`.
    #[cfg(test)]
    fn matches(&self, text: &str) -> bool {
        let mut state = 0;
        for &byte in text.as_bytes() {
            let class = self.classes[byte as usize] as usize;
            state = self.transitions[state * self.stride + class] as usize;
        }
        self.accepting[state]
    }

    fn tokens(&self) -> TokenStream {
        let p = paths::private();
        let Table {
            classes,
            stride,
            transitions,
            accepting,
        } = self;
        quote! {
            #p::Dfa {
                classes: &[#(#classes),*],
                stride: #stride,
                transitions: &[#(#transitions),*],
                accepting: &[#(#accepting),*],
            }
        }
    }
}

fn dfa(regex: &str) -> Option<TokenStream> {
    Table::build(regex).map(|t| t.tokens())
}

fn option(value: Option<&str>) -> TokenStream {
    let p = paths::private();
    match value {
        Some(v) => quote!(#p::Some(#v)),
        None => quote!(#p::None),
    }
}

/// The compile-time check of each rule against `families` (an expression of type
/// `&[&[MetricDescriptor]]`), each pointing at its expression.
pub(crate) fn checks(
    rules: &[Rule],
    families: &TokenStream,
    rules_const: &TokenStream,
    formats: &TokenStream,
) -> TokenStream {
    rules
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let span = rule.expr.span();
            let at = paths::private_at(span);
            quote_spanned! {span=>
                const _: () = if let #at::Some(message) =
                    #at::check_rule(#families, &#rules_const[#i], #formats)
                {
                    ::core::panic!("{}", message.as_str())
                };
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::Table;

    /// The table agrees with the `regex` crate, anchored as Prometheus anchors label regexes.
    #[test]
    fn tables_match_as_anchored_regexes_do() {
        let cases: &[(&str, &[(&str, bool)])] = &[
            (
                "no_.*",
                &[
                    ("no_healthy", true),
                    ("no_", true),
                    ("yes_no_x", false),
                    ("no", false),
                ],
            ),
            (
                "success|failure",
                &[
                    ("success", true),
                    ("failure", true),
                    ("successful", false),
                    ("", false),
                ],
            ),
            (
                "5..",
                &[("500", true), ("5xx", true), ("50", false), ("4000", false)],
            ),
            (".*", &[("", true), ("anything\nat all", true)]),
            (
                "[a-c]+_(x|y)?",
                &[("abc_", true), ("abc_x", true), ("abd_", false)],
            ),
            ("é.", &[("éa", true), ("é", false), ("ée", true)]),
            ("(?i)GET", &[("get", true), ("GeT", true), ("post", false)]),
        ];
        for (regex, texts) in cases {
            let table = Table::build(regex).expect("compiles");
            let reference = regex::Regex::new(&format!("(?s)^(?:{regex})$")).unwrap();
            for (text, expected) in *texts {
                assert_eq!(table.matches(text), *expected, "{regex} on {text:?}");
                assert_eq!(
                    reference.is_match(text),
                    *expected,
                    "reference {regex} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn durations_where_numbers_belong_are_found() {
        use super::duration_as_number as d;
        assert_eq!(d("x > 60s").as_deref(), Some("60s"));
        assert_eq!(d("rate(x[5m]) > 0"), None);
        assert_eq!(d("rate(x[5m] offset 1h) > 2"), None);
        assert_eq!(d(r#"x{le="5m"} > 1"#), None);
        assert_eq!(d("x > 1e3"), None);
        assert_eq!(d("x_5m > 2"), None);
        assert_eq!(d("x > 1.5h"), Some("1.5h".to_owned()));
    }
}
