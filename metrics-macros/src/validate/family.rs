//! `#[derive(MetricGroup)]`: help, names, types, buckets, units, duplicates.

use std::cell::Cell;

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{GenericArgument, LitStr, PathArguments, Type};

use super::lint;
use super::names::metric_name_error;
use crate::ctxt::Ctxt;
use crate::ir::{Buckets, Kind, Metric, MetricSet};
use crate::parse::family::{RawBounds, RawFamily, RawMetric};

pub(crate) fn validate<'a>(cx: &Ctxt, raw: RawFamily<'a>) -> MetricSet<'a> {
    // Rule: a prefix is itself part of a metric name, so it obeys the metric name rules.
    let prefix = raw.prefix.as_ref().map(|p| {
        if let Some(message) = metric_name_error(&p.value()) {
            cx.error_spanned_by(p, message.replace("metric name", "prefix"));
        }
        p.value()
    });
    let section = raw.section.as_ref().map(|s| s.value());
    let default_since = raw.since.as_ref().map(|s| s.value());
    let shared = Shared {
        allow: &raw.allow,
        used: vec![Cell::new(false); raw.allow.len()],
        decision: raw.decision.as_ref(),
    };
    for (rule, span) in &raw.allow {
        if !lint::RULES.contains(&rule.as_str()) {
            cx.error_at(*span, lint::unknown_rule(rule));
        }
    }

    let mut metrics: Vec<Metric<'a>> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    for raw_metric in &raw.metrics {
        let Some(metric) = validate_metric(cx, raw_metric, prefix.as_deref(), &shared) else {
            continue;
        };
        // Rule: two metrics of one struct cannot expose the same name, and two counters cannot
        // expose the same family: a counter `x` and a counter `x_total` both write `x_total`.
        // (A gauge `x` beside a counter `x_total` is legal in the text format 0.0.4; which
        // formats such a pair can be served in is checked across the whole service.)
        let span = name_span(raw_metric);
        let clash = metrics.iter().position(|other| {
            other.name == metric.name
                || (other.kind == Kind::Counter
                    && metric.kind == Kind::Counter
                    && other.family() == metric.family())
        });
        if let Some(index) = clash {
            cx.duplicate(
                span,
                spans[index],
                format!(
                    "two metrics expose `{}`: give one of them another name with #[metric(name = \"...\")]",
                    metric.family()
                ),
                "first declared here",
            );
        }
        spans.push(span);
        metrics.push(Metric {
            since: metric.since.or_else(|| default_since.clone()),
            section: section.clone(),
            ..metric
        });
    }
    // Rule: an allowance on the struct is for a rule some of its metrics break.
    for ((rule, span), used) in raw.allow.iter().zip(&shared.used) {
        if !used.get() && lint::RULES.contains(&rule.as_str()) {
            cx.error_at(
                *span,
                format!(
                    "no metric of `{}` breaks the rule `{rule}`: remove the allowance",
                    raw.ident
                ),
            );
        }
    }
    MetricSet {
        ident: raw.ident,
        metrics,
    }
}

fn name_span(raw: &RawMetric<'_>) -> Span {
    raw.name.as_ref().map_or(raw.ident.span(), |n| n.span())
}

/// What the struct's `#[metrics(...)]` says for every metric: allowances (each marked when a
/// metric uses it) and a decision.
struct Shared<'r> {
    allow: &'r [(String, Span)],
    used: Vec<Cell<bool>>,
    decision: Option<&'r LitStr>,
}

fn validate_metric<'a>(
    cx: &Ctxt,
    raw: &RawMetric<'a>,
    prefix: Option<&str>,
    shared: &Shared<'_>,
) -> Option<Metric<'a>> {
    let field = raw.ident.unraw().to_string();

    // Rule: every metric has a HELP text; the doc comment is the single place it is written.
    let help = match (&raw.help, &raw.doc) {
        (Some(help), _) => help.value(),
        (None, Some((doc, _))) => doc.clone(),
        (None, None) => {
            cx.error_spanned_by(
                raw.ident,
                format!(
                    "metric `{field}` has no help text: add a doc comment (`/// what it measures`) or #[metric(help = \"...\")]"
                ),
            );
            String::new()
        }
    };
    if raw
        .help
        .as_ref()
        .is_some_and(|h| h.value().trim().is_empty())
    {
        cx.error_spanned_by(raw.help.as_ref(), "the help text cannot be empty");
    }

    // Rule: the exposed name is the declared name, or the prefix and the field name.
    let name = match (&raw.name, prefix) {
        (Some(name), _) => name.value(),
        (None, Some(prefix)) => format!("{prefix}_{field}"),
        (None, None) => field.clone(),
    };
    if let Some(message) = metric_name_error(&name) {
        cx.error_at(name_span(raw), message);
    }

    // Rule: the metric type is the field type's (`Counter`, `Gauge`, `Histogram`, or the kind
    // of a `Family`), or is stated when the field type is an alias.
    let detected = detect_kind(raw.ty);
    let kind = match (raw.kind, detected) {
        (Some((stated, span)), Some(detected)) if stated != detected => {
            cx.error_at(
                span,
                format!(
                    "`{}` does not match the field type, which is a {}: remove the key or change the type",
                    stated.as_str(),
                    detected.as_str()
                ),
            );
            detected
        }
        (Some((stated, _)), _) => stated,
        (None, Some(detected)) => detected,
        (None, None) => {
            cx.error_spanned_by(
                raw.ty,
                "cannot tell the metric type from this field type: use `Counter`, `Gauge`, `Histogram`, `Summary` or `Family<Labels, _>` of one, or state it with #[metric(counter)], #[metric(gauge)], #[metric(histogram)] or #[metric(summary)]",
            );
            return None;
        }
    };

    let buckets = validate_buckets(cx, raw, kind, &name);
    let quantiles = validate_quantiles(cx, raw, kind, &name);

    // Rule: a unit is a lower-case word such as `seconds` or `bytes`, as OpenMetrics writes it.
    let unit = raw.unit.as_ref().map(|u| {
        let value = u.value();
        if value.is_empty()
            || !value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            cx.error_spanned_by(
                u,
                format!("invalid unit `{value}`: a unit is lower-case ASCII letters, digits and `_`, such as `seconds` or `bytes`"),
            );
        }
        value
    });

    let since = raw.since.as_ref().map(|s| {
        if s.value().trim().is_empty() {
            cx.error_spanned_by(s, "`since` names a version, such as \"1.2.0\"");
        }
        s.value()
    });
    let deprecated = raw.deprecated.as_ref().map(|(note, _)| {
        note.as_ref()
            .map_or_else(|| "deprecated".to_owned(), |n| n.value())
    });

    let allowances = check_rules(cx, raw, &name, kind, unit.as_deref(), shared);
    Some(Metric {
        allowances,
        ident: raw.ident,
        name_span: name_span(raw),
        ty: raw.ty,
        kind,
        kind_stated: raw.kind.is_some(),
        name,
        help,
        unit,
        buckets,
        quantiles,
        since,
        deprecated,
        section: None,
        budget: raw.budget.clone(),
        series_cap: raw.series_cap.clone(),
        idle: raw
            .idle
            .as_ref()
            .and_then(|idle| Some((validate_idle(cx, idle)?, idle.span()))),
        decision: raw.decision.as_ref().or(shared.decision).map(|d| {
            if d.value().trim().is_empty() {
                cx.error_spanned_by(d, "a decision says what the document says and what the catalog does; it cannot be empty");
            }
            d.value()
        }),
    })
}

/// `idle = "5m"`: a duration (`30s`, `5m`, `1h`, as Prometheus writes them), not zero; in
/// milliseconds.
fn validate_idle(cx: &Ctxt, idle: &LitStr) -> Option<u64> {
    let value = idle.value();
    match humantime::parse_duration(&value) {
        Ok(duration) if duration.is_zero() => {
            cx.error_spanned_by(
                idle,
                "an idle duration of zero would remove every series at each scrape: give one such as \"5m\"",
            );
            None
        }
        Ok(duration) => Some(u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)),
        Err(_) => {
            cx.error_spanned_by(
                idle,
                format!("invalid idle duration `{value}`: a Prometheus duration such as \"30s\", \"5m\" or \"1h\""),
            );
            None
        }
    }
}

/// Reports every naming rule the metric breaks without an allowance, and every allowance that
/// names no rule or a rule the metric keeps; returns the allowances.
fn check_rules(
    cx: &Ctxt,
    raw: &RawMetric<'_>,
    name: &str,
    kind: Kind,
    unit: Option<&str>,
    shared: &Shared<'_>,
) -> Vec<String> {
    let violations = lint::metric_violations(name, kind, unit);
    let mut allowances = Vec::new();
    // The struct's allowances apply to the metrics that break their rule, and to no other.
    for ((rule, _), used) in shared.allow.iter().zip(&shared.used) {
        if violations.iter().any(|v| v.rule == rule) && !allowances.contains(rule) {
            used.set(true);
            allowances.push(rule.clone());
        }
    }
    for (rule, span) in &raw.allow {
        if !lint::RULES.contains(&rule.as_str()) {
            cx.error_at(*span, lint::unknown_rule(rule));
        } else if allowances.contains(rule) {
            cx.error_at(
                *span,
                format!("`{rule}` is already allowed on the struct: remove it here"),
            );
        } else if !violations.iter().any(|v| v.rule == rule) {
            cx.error_at(
                *span,
                format!("`{name}` keeps the rule `{rule}`: remove the allowance"),
            );
        } else {
            allowances.push(rule.clone());
        }
    }
    for v in violations {
        if !allowances.iter().any(|a| a == v.rule) {
            cx.error_at(name_span(raw), v.message);
        }
    }
    allowances
}

fn validate_buckets(cx: &Ctxt, raw: &RawMetric<'_>, kind: Kind, name: &str) -> Buckets {
    let Some(buckets) = &raw.buckets else {
        // Rule: a histogram's buckets are part of its declaration, so that the docs show them.
        if kind == Kind::Histogram {
            cx.error_spanned_by(
                raw.ident,
                format!("histogram `{name}` needs buckets: add #[metric(buckets(0.1, 0.5, 1.0))] with its upper bounds"),
            );
        }
        return Buckets::List(Vec::new());
    };
    // Rule: only histograms have buckets.
    if kind != Kind::Histogram {
        cx.error_at(
            buckets.span,
            format!(
                "`{name}` is a {}: only histograms have buckets; remove `buckets` or make the field a `Histogram`",
                kind.as_str()
            ),
        );
        return Buckets::List(Vec::new());
    }
    let values = match &buckets.bounds {
        RawBounds::Path(path) => return Buckets::Path(path.clone()),
        RawBounds::List(values) => values,
    };
    if values.is_empty() {
        cx.error_at(
            buckets.span,
            "a histogram needs at least one bucket bound besides the implicit `+Inf`",
        );
    }
    // Rule: bucket bounds increase strictly; `+Inf` is implicit.
    for pair in values.windows(2) {
        let ((previous, _), (bound, span)) = (pair[0], pair[1]);
        if bound == previous {
            cx.error_at(
                span,
                format!("bucket bound {bound} is listed twice: remove one"),
            );
        } else if bound < previous {
            cx.error_at(
                span,
                format!("bucket bounds must increase: {bound} comes after {previous}; sort them"),
            );
        }
    }
    Buckets::List(values.iter().map(|(v, _)| *v).collect())
}

fn validate_quantiles(cx: &Ctxt, raw: &RawMetric<'_>, kind: Kind, name: &str) -> Vec<f64> {
    let Some((span, values)) = &raw.quantiles else {
        // Rule: a summary's quantiles are part of its declaration, so that the docs show them.
        if kind == Kind::Summary {
            cx.error_spanned_by(
                raw.ident,
                format!(
                    "summary `{name}` needs quantiles: add #[metric(quantiles(0.5, 0.9, 0.99))]"
                ),
            );
        }
        return Vec::new();
    };
    // Rule: only summaries have quantiles.
    if kind != Kind::Summary {
        cx.error_at(
            *span,
            format!(
                "`{name}` is a {}: only summaries have quantiles; remove `quantiles` or make the field a `Summary`",
                kind.as_str()
            ),
        );
        return Vec::new();
    }
    if values.is_empty() {
        cx.error_at(*span, "a summary needs at least one quantile");
    }
    // Rule: quantiles are within [0, 1] and increase strictly.
    for (i, &(q, span)) in values.iter().enumerate() {
        if !(0.0..=1.0).contains(&q) {
            cx.error_at(
                span,
                format!("quantile {q} is outside [0, 1]: write quantiles as fractions, such as 0.99 for the 99th percentile"),
            );
        } else if i > 0 && q <= values[i - 1].0 {
            cx.error_at(
                span,
                format!(
                    "quantiles must increase: {q} comes after {}",
                    values[i - 1].0
                ),
            );
        }
    }
    values.iter().map(|(v, _)| *v).collect()
}

/// The metric kind named by a field type, read from its last path segment.
fn detect_kind(ty: &Type) -> Option<Kind> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    match last.ident.to_string().as_str() {
        "Counter" => Some(Kind::Counter),
        "Gauge" => Some(Kind::Gauge),
        "Histogram" => Some(Kind::Histogram),
        "Summary" => Some(Kind::Summary),
        "Family" => {
            let PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            args.args.iter().nth(1).and_then(|arg| match arg {
                GenericArgument::Type(ty) => detect_kind(ty),
                _ => None,
            })
        }
        _ => None,
    }
}
