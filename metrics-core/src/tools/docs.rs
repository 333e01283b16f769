//! The metrics reference of a service in Markdown, generated from the descriptors.

use std::fmt::Write as _;

use metrics_core::exposition::exposed_names;
use metrics_core::rules::{Rule, RuleKind};
use metrics_core::{Format, LabelDescriptor, LabelKind, MetricDescriptor, MetricType};

use super::ServiceEntry;

/// The reference of `service`: every family by section, then the decisions. `program` is how
/// the reference is generated again (`cargo run -p catalog --`: the command, without `docs`).
pub fn markdown(service: &ServiceEntry, program: &str) -> String {
    let descriptors = service.descriptors();
    let registry = service.registry();
    let mut out = String::new();
    let _ = writeln!(out, "# {} metrics\n", capitalized(service.title));
    let _ = write!(
        out,
        "Generated from the catalog by `{program} docs {}`; do not edit.",
        service.name
    );
    if let Some(source) = service.source {
        let _ = write!(out, " Declared from `{source}`.");
    }
    out.push_str("\n\n");
    let _ = writeln!(out, "{} metric families.\n", descriptors.len());
    out.push_str(&worst_case(service, &descriptors));
    let collisions = registry.collisions(Format::OpenMetrics);
    if service.formats.len() == 2 {
        out.push_str("Served as OpenMetrics 1.0 or the Prometheus text format 0.0.4.\n\n");
    } else if collisions.is_empty() {
        out.push_str(
            "Served in the Prometheus text format 0.0.4 only, as declared: its alerts select the \
             names of that format (a counter declared without `_total` keeps its name).\n\n",
        );
    } else {
        out.push_str(
            "Served in the Prometheus text format 0.0.4 only: in OpenMetrics 1.0 two families would \
             share a name.\n\n",
        );
        for collision in &collisions {
            let _ = writeln!(out, "- {collision}");
        }
        out.push('\n');
    }

    let mut sections: Vec<&str> = Vec::new();
    for d in &descriptors {
        let section = d.section.unwrap_or("Metrics");
        if !sections.contains(&section) {
            sections.push(section);
        }
    }
    for section in sections {
        let _ = writeln!(out, "## {section}\n");
        for d in descriptors
            .iter()
            .filter(|d| d.section.unwrap_or("Metrics") == section)
        {
            family(&mut out, d);
        }
    }
    rules(&mut out, service.name, &service.rules(), program);

    let allowed: Vec<&&MetricDescriptor> = descriptors
        .iter()
        .filter(|d| !d.allowances.is_empty())
        .collect();
    let _ = writeln!(out, "## Naming rules allowed to break\n");
    if allowed.is_empty() {
        out.push_str("Every name keeps the naming rules.\n\n");
    } else {
        let names = if service.source.is_some() {
            "names that the specification requires"
        } else {
            "names"
        };
        let _ = writeln!(
            out,
            "{} {names} break a naming rule, each with an explicit allowance:\n",
            allowed.len()
        );
        for d in allowed {
            let _ = writeln!(out, "- `{}`: {}", d.name, d.allowances.join(", "));
        }
        out.push('\n');
    }

    let decisions: Vec<&&MetricDescriptor> = descriptors
        .iter()
        .filter(|d| d.decision.is_some())
        .collect();
    let _ = writeln!(out, "## Decisions\n");
    if decisions.is_empty() && service.source.is_some() {
        out.push_str("The catalog follows the document everywhere.\n");
    } else if decisions.is_empty() {
        out.push_str("None declared.\n");
    } else {
        out.push_str(
            "Where the document is wrong or ambiguous, what it says and what the catalog does:\n\n",
        );
        for d in decisions {
            let _ = writeln!(out, "- `{}`: {}", d.name, d.decision.unwrap_or_default());
        }
    }
    out
}

/// The alerts and recording rules, in declaration order.
fn rules(out: &mut String, service: &str, rules: &[&Rule], program: &str) {
    out.push_str("## Alerts and recording rules\n\n");
    if rules.is_empty() {
        out.push_str("None declared.\n\n");
        return;
    }
    let alerts = rules.iter().filter(|r| r.kind == RuleKind::Alert).count();
    let _ = writeln!(
        out,
        "{alerts} alerts and {} recording rules; `{program} rules {service}` writes \
         them as a Prometheus rule file, and `--out DIR` adds its `promtool test rules` tests.\n",
        rules.len() - alerts
    );
    for rule in rules {
        let kind = match rule.kind {
            RuleKind::Alert => "alert",
            RuleKind::Record => "recording rule",
        };
        let _ = writeln!(out, "### `{}` ({kind})\n", rule.name);
        if let Some(summary) = annotation(rule, "summary") {
            let _ = writeln!(out, "{}\n", summary.replace('\n', " "));
        }
        match (rule.kind, rule.for_duration) {
            (_, Some(duration)) => {
                let _ = writeln!(out, "- for: {duration}");
            }
            (RuleKind::Alert, None) => {
                out.push_str("- for: none (fires at the first evaluation that returns series)\n");
            }
            (RuleKind::Record, None) => {}
        }
        if let Some(severity) = rule.labels.iter().find(|(k, _)| *k == "severity") {
            let _ = writeln!(out, "- severity: {}", severity.1);
        }
        let others: Vec<String> = rule
            .labels
            .iter()
            .filter(|(k, _)| *k != "severity")
            .map(|(k, v)| format!("`{k}=\"{v}\"`"))
            .collect();
        if !others.is_empty() {
            let _ = writeln!(out, "- labels: {}", others.join(", "));
        }
        if let Some(runbook) = annotation(rule, "runbook_url") {
            let _ = writeln!(out, "- runbook: {runbook}");
        }
        if let Some(description) = annotation(rule, "description") {
            let _ = writeln!(out, "- description: {}", description.replace('\n', " "));
        }
        let fence = if rule.expr.contains("```") {
            "````"
        } else {
            "```"
        };
        let _ = writeln!(out, "\n{fence}promql\n{}\n{fence}\n", rule.expr);
        if let Some(correction) = rule.correction {
            let _ = writeln!(out, "Corrected from the document: {correction}\n");
        }
    }
}

fn annotation(rule: &Rule, name: &str) -> Option<&'static str> {
    rule.annotations
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| *v)
}

fn family(out: &mut String, d: &MetricDescriptor) {
    let _ = writeln!(out, "### `{}`\n", d.name);
    let _ = writeln!(out, "{}\n", d.help.replace('\n', " "));
    let om = exposed_names(d.name, d, Format::OpenMetrics);
    let kind = d.metric_type.as_str();
    if d.metric_type == MetricType::Counter && om.sample != d.name {
        let _ = writeln!(out, "- type: {kind} (OpenMetrics sample `{}`)", om.sample);
    } else {
        let _ = writeln!(out, "- type: {kind}");
    }
    if let Some(unit) = d.unit {
        let _ = writeln!(out, "- unit: {unit}");
    }
    if d.labels.is_empty() {
        out.push_str("- labels: none\n");
    } else {
        out.push_str("- labels:\n");
        for label in d.labels {
            match label.help {
                Some(help) => {
                    let _ = writeln!(out, "  - {}: {help}", label_line(label));
                }
                None => {
                    let _ = writeln!(out, "  - {}", label_line(label));
                }
            }
        }
    }
    if !d.buckets.is_empty() {
        let bounds: Vec<String> = d.buckets.iter().map(|b| b.to_string()).collect();
        let _ = writeln!(out, "- buckets: {}, +Inf", bounds.join(", "));
    }
    if !d.quantiles.is_empty() {
        let quantiles: Vec<String> = d.quantiles.iter().map(|q| q.to_string()).collect();
        let _ = writeln!(out, "- quantiles: {}", quantiles.join(", "));
    }
    let _ = writeln!(out, "- series: {}", series(d));
    if let Some(since) = d.since {
        let _ = writeln!(out, "- since: {since}");
    }
    if let Some(note) = d.deprecated {
        let _ = writeln!(out, "- deprecated: {note}");
    }
    if !d.allowances.is_empty() {
        let _ = writeln!(out, "- allowed to break: {}", d.allowances.join(", "));
    }
    if let Some(decision) = d.decision {
        let _ = writeln!(out, "- decision: {decision}");
    }
    out.push('\n');
}

fn label_line(label: &LabelDescriptor) -> String {
    let optional = match (label.optional, label.allowances) {
        (false, []) => String::new(),
        (true, []) => ", optional".to_owned(),
        (optional, rules) => format!(
            "{}, allowed to break: {}",
            if optional { ", optional" } else { "" },
            rules.join(", ")
        ),
    };
    match label.kind {
        LabelKind::FreeText => match label.bound {
            Some(bound) => format!(
                "`{}` (free text, at most {bound} values{optional})",
                label.name
            ),
            None => format!("`{}` (free text, unbounded{optional})", label.name),
        },
        LabelKind::Closed(values) => {
            let values: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            format!(
                "`{}` ({}{optional}): {}",
                label.name,
                values.len(),
                values.join(", ")
            )
        }
    }
}

/// The service's worst case: the sum over its bounded families, and the unbounded ones.
fn worst_case(service: &ServiceEntry, descriptors: &[&MetricDescriptor]) -> String {
    let bounded: usize = descriptors.iter().filter_map(|d| d.max_series()).sum();
    let unbounded: Vec<String> = descriptors
        .iter()
        .filter(|d| d.max_series().is_none())
        .map(|d| format!("`{}`", d.name))
        .collect();
    let mut out = format!("Worst case, from the label bounds and closed sets: {bounded} series");
    if let Some(budget) = service.budget {
        let _ = write!(out, ", within the service's budget of {budget}");
    }
    if unbounded.is_empty() {
        out.push_str(".\n\n");
    } else {
        let _ = write!(
            out,
            " from the bounded families; the {} families with an unbounded label hold {} label sets each, then record into an overflow series: {}.\n\n",
            unbounded.len(),
            crate::DEFAULT_SERIES_CAP,
            unbounded.join(", ")
        );
    }
    out
}

/// The worst-case number of series: label sets, times the samples of a histogram or summary
/// (each bucket, `+Inf`, `_sum` and `_count`; each quantile, `_sum` and `_count`).
fn series(d: &MetricDescriptor) -> String {
    let per_set = d.series_per_label_set();
    let worst = match (d.max_label_sets(), d.unbounded_label()) {
        (Some(sets), _) if per_set == 1 => format!("at most {sets}"),
        (Some(sets), _) => format!(
            "at most {} ({sets} label sets x {per_set})",
            sets.saturating_mul(per_set)
        ),
        (None, Some(label)) => format!(
            "{} label sets, then an overflow series (`{}` is unbounded free text)",
            d.series_cap(),
            label.name
        ),
        (None, None) => "unbounded".to_owned(),
    };
    let mut text = match (d.cap, d.max_label_sets()) {
        (Some(cap), Some(sets)) if cap < sets => {
            format!("{worst}, capped at {cap} label sets, then an overflow series")
        }
        _ => worst,
    };
    if let Some(idle) = d.idle {
        let ms = i64::try_from(idle.as_millis()).unwrap_or(i64::MAX);
        text.push_str(&format!(
            ", a series removed after {} without a record",
            crate::descriptor::format_duration(ms)
        ));
    }
    match d.budget {
        Some(budget) => format!("{text}, budget {budget}"),
        None => text,
    }
}

fn capitalized(title: &str) -> String {
    let mut chars = title.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
