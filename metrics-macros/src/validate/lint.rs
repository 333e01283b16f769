//! The naming rules of `promtool check metrics` (promlint) and of the Prometheus naming
//! guide, applied to every metric at compile time. A legacy name that a specification requires
//! is kept only with `#[metric(allow(<rule>))]` on that metric; the allowance is listed in the
//! generated docs, and an allowance that no rule needs is an error.

use crate::ir::Kind;

/// Every rule, with what it asks.
pub(crate) const RULES: &[&str] = &[
    "counter_total",
    "total_suffix",
    "camel_case",
    "base_units",
    "unit_abbreviation",
    "reserved_suffix",
    "type_in_name",
    "info_suffix",
];

const PREFIXES: &[&str] = &[
    "pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega",
    "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi",
];
const BASE_UNITS: &[&str] = &[
    "seconds", "bytes", "meters", "metres", "grams", "amperes", "volts", "joules", "celsius",
];
const NON_BASE_UNITS: &[&str] = &["minutes", "hours", "days", "weeks", "percent", "bits"];
const ABBREVIATIONS: &[&str] = &[
    "s", "ms", "us", "ns", "sec", "secs", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d", "pct",
];

/// A rule name given to `allow(...)` that is no rule, with the closest one.
pub(crate) fn unknown_rule(rule: &str) -> String {
    let closest = RULES
        .iter()
        .map(|r| (strsim::jaro_winkler(rule, r), *r))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    let expected = RULES
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest {
        Some((_, r)) => {
            format!("unknown rule `{rule}`: did you mean `{r}`? (the rules: {expected})")
        }
        None => format!("unknown rule `{rule}`: the rules are {expected}"),
    }
}

/// One broken rule: the rule and the message, which says how to fix it.
pub(crate) struct Violation {
    pub(crate) rule: &'static str,
    pub(crate) message: String,
}

fn violation(rule: &'static str, message: String) -> Violation {
    Violation {
        rule,
        message: format!(
            "{message}; or keep a name the specification requires with #[metric(allow({rule}))]"
        ),
    }
}

/// The rules `name` (of type `kind`, declared in `unit`) breaks.
pub(crate) fn metric_violations(name: &str, kind: Kind, unit: Option<&str>) -> Vec<Violation> {
    let mut found = Vec::new();
    let tokens: Vec<&str> = name.split('_').collect();
    // Rule: a counter ends in `_total` (the text format 0.0.4 exposes the declared name).
    if kind == Kind::Counter && !name.ends_with("_total") {
        found.push(violation(
            "counter_total",
            format!("counter `{name}` does not end in `_total`: the text format 0.0.4 exposes it as `{name}`; name it `{name}_total`"),
        ));
    }
    // Rule: only counters end in `_total`.
    if kind != Kind::Counter && name.ends_with("_total") {
        found.push(violation(
            "total_suffix",
            format!(
                "`{name}` is a {}, and only counters end in `_total`; drop the suffix",
                kind.as_str()
            ),
        ));
    }
    // Rule: names are snake_case.
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        found.push(violation(
            "camel_case",
            format!("`{name}` is camelCase: Prometheus names are snake_case"),
        ));
    }
    // Rule: base units (seconds, bytes, ratios), never a scaled or other unit.
    let scaled = tokens.iter().find(|t| {
        NON_BASE_UNITS.contains(t)
            || PREFIXES
                .iter()
                .any(|p| BASE_UNITS.iter().any(|u| **t == format!("{p}{u}")))
    });
    let scaled_unit =
        unit.filter(|u| NON_BASE_UNITS.contains(u) || PREFIXES.iter().any(|p| u.starts_with(p)));
    if let Some(token) = scaled.copied().or(scaled_unit) {
        found.push(violation(
            "base_units",
            format!("`{name}` is in {token}, not a base unit: Prometheus uses seconds, bytes, and ratios from 0 to 1"),
        ));
    }
    // Rule: units are spelled out.
    if let Some(abbreviation) = tokens.iter().skip(1).find(|t| ABBREVIATIONS.contains(t)) {
        found.push(violation(
            "unit_abbreviation",
            format!("`{name}` abbreviates a unit as `_{abbreviation}`: spell it out, in a base unit (`_seconds`, `_bytes`)"),
        ));
    }
    // Rule: `_bucket`, `_count` and `_sum` are the samples of histograms and summaries.
    if let Some(suffix) = ["_bucket", "_count", "_sum"]
        .iter()
        .find(|s| name.ends_with(**s))
    {
        found.push(violation(
            "reserved_suffix",
            format!("`{name}` ends in `{suffix}`, which names a sample of histograms and summaries; rename it"),
        ));
    }
    // Rule: a name does not say its type.
    if let Some(word) = tokens
        .iter()
        .find(|t| ["counter", "gauge", "histogram", "summary"].contains(t))
    {
        found.push(violation(
            "type_in_name",
            format!("`{name}` names its type (`{word}`): the type is in the exposition already; drop the word"),
        ));
    }
    // Rule: `_info` marks an info metric, a gauge of value 1 carrying labels.
    if name.ends_with("_info") && kind != Kind::Gauge {
        found.push(violation(
            "info_suffix",
            format!(
                "`{name}` ends in `_info`, which marks an info gauge, but it is a {}",
                kind.as_str()
            ),
        ));
    }
    found
}

/// The rules a label name breaks: only `camel_case` applies to labels.
pub(crate) fn label_violations(name: &str) -> Vec<Violation> {
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        vec![Violation {
            rule: "camel_case",
            message: format!(
                "label `{name}` is camelCase: Prometheus label names are snake_case; or keep a name the specification requires with #[label(allow(camel_case))]"
            ),
        }]
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(name: &str, kind: Kind, unit: Option<&str>) -> Vec<&'static str> {
        metric_violations(name, kind, unit)
            .into_iter()
            .map(|v| v.rule)
            .collect()
    }

    #[test]
    fn each_rule_fires_on_its_mistake_only() {
        assert!(rules("http_requests_total", Kind::Counter, None).is_empty());
        assert!(rules("request_duration_seconds", Kind::Histogram, Some("seconds")).is_empty());
        assert!(rules("build_info", Kind::Gauge, None).is_empty());
        assert_eq!(
            rules("hyperauth_logins", Kind::Counter, None),
            ["counter_total"]
        );
        assert_eq!(rules("sessions_total", Kind::Gauge, None), ["total_suffix"]);
        assert_eq!(
            rules("mailServer_total", Kind::Counter, None),
            ["camel_case"]
        );
        assert_eq!(
            rules("latency_milliseconds", Kind::Gauge, None),
            ["base_units"]
        );
        assert_eq!(
            rules("request_duration", Kind::Histogram, Some("milliseconds")),
            ["base_units"]
        );
        assert_eq!(rules("cert_expiry_days", Kind::Gauge, None), ["base_units"]);
        assert_eq!(
            rules("waf_duration_ms", Kind::Histogram, None),
            ["unit_abbreviation"]
        );
        assert_eq!(rules("queue_count", Kind::Gauge, None), ["reserved_suffix"]);
        assert_eq!(
            rules("errors_counter_total", Kind::Counter, None),
            ["type_in_name"]
        );
        assert_eq!(
            rules("version_info_total", Kind::Counter, None),
            Vec::<&str>::new()
        );
        assert_eq!(
            rules("version_info", Kind::Counter, None),
            ["counter_total", "info_suffix"]
        );
    }
}
