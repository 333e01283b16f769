//! The naming rules of `promtool check metrics` (promlint), for the families of an exposition
//! that the catalog does not declare. The catalog's own families were held to the same rules at
//! compile time, with their `allow(...)` allowances, by `metrics-macros`; that code is private to
//! the proc-macro crate (which can export only macros), so the rules are written again here,
//! under the same names, for names read at run time; with one more, `reserved_label` (a label
//! name starting with `__`), which the macros reject as an invalid name rather than lint.

use metrics_core::MetricType;

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

/// The rules a metric `name` of type `kind` (`None` when untyped) breaks, as (rule, message).
/// `name` is the name the catalog would declare: for a counter, the name with `_total`.
pub(crate) fn metric(
    name: &str,
    kind: Option<MetricType>,
    unit: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    let tokens: Vec<&str> = name.split('_').collect();
    // Rule: a counter ends in `_total`.
    if kind == Some(MetricType::Counter) && !name.ends_with("_total") {
        found.push((
            "counter_total",
            format!("counter `{name}` does not end in `_total`"),
        ));
    }
    // Rule: only counters end in `_total`.
    if kind.is_some_and(|k| k != MetricType::Counter) && name.ends_with("_total") {
        found.push((
            "total_suffix",
            format!("`{name}` is not a counter, and only counters end in `_total`"),
        ));
    }
    // Rule: names are snake_case.
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        found.push((
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
        found.push((
            "base_units",
            format!("`{name}` is in {token}, not a base unit (seconds, bytes, ratios)"),
        ));
    }
    // Rule: units are spelled out.
    if let Some(abbreviation) = tokens.iter().skip(1).find(|t| ABBREVIATIONS.contains(t)) {
        found.push((
            "unit_abbreviation",
            format!("`{name}` abbreviates a unit as `_{abbreviation}`"),
        ));
    }
    // Rule: `_bucket`, `_count` and `_sum` name the samples of histograms and summaries.
    let own_suffix = matches!(
        kind,
        Some(MetricType::Histogram | MetricType::Summary) | None
    );
    if !own_suffix
        && let Some(suffix) = ["_bucket", "_count", "_sum"]
            .iter()
            .find(|s| name.ends_with(**s))
    {
        found.push((
            "reserved_suffix",
            format!(
                "`{name}` ends in `{suffix}`, which names a sample of histograms and summaries"
            ),
        ));
    }
    // Rule: a name does not say its type.
    if let Some(word) = tokens
        .iter()
        .find(|t| ["counter", "gauge", "histogram", "summary"].contains(t))
    {
        found.push((
            "type_in_name",
            format!("`{name}` names its type (`{word}`)"),
        ));
    }
    // Rule: `_info` marks an info metric, a gauge of value 1 carrying labels.
    if name.ends_with("_info") && kind.is_some_and(|k| k != MetricType::Gauge) {
        found.push((
            "info_suffix",
            format!("`{name}` ends in `_info`, which marks an info gauge"),
        ));
    }
    found
}

/// The rules a label name breaks: camelCase, and the `__` prefix Prometheus reserves.
pub(crate) fn label(name: &str) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        found.push((
            "camel_case",
            format!("label `{name}` is camelCase: Prometheus label names are snake_case"),
        ));
    }
    if name.starts_with("__") {
        found.push((
            "reserved_label",
            format!("label `{name}` starts with `__`, which Prometheus reserves"),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(name: &str, kind: Option<MetricType>, unit: Option<&str>) -> Vec<&'static str> {
        metric(name, kind, unit)
            .into_iter()
            .map(|(r, _)| r)
            .collect()
    }

    #[test]
    fn each_rule_fires_on_its_mistake_only() {
        use MetricType::*;
        assert!(rules("http_requests_total", Some(Counter), None).is_empty());
        assert!(rules("request_duration_seconds", Some(Histogram), Some("seconds")).is_empty());
        assert!(rules("build_info", Some(Gauge), None).is_empty());
        assert!(rules("x_sum", None, None).is_empty());
        assert_eq!(rules("logins", Some(Counter), None), ["counter_total"]);
        assert_eq!(rules("sessions_total", Some(Gauge), None), ["total_suffix"]);
        assert_eq!(
            rules("mailServer_total", Some(Counter), None),
            ["camel_case"]
        );
        assert_eq!(
            rules("latency_milliseconds", Some(Gauge), None),
            ["base_units"]
        );
        assert_eq!(rules("cert_expiry_days", None, None), ["base_units"]);
        assert_eq!(
            rules("waf_duration_ms", Some(Histogram), None),
            ["unit_abbreviation"]
        );
        assert_eq!(rules("queue_count", Some(Gauge), None), ["reserved_suffix"]);
        assert_eq!(
            rules("errors_counter_total", Some(Counter), None),
            ["type_in_name"]
        );
        assert_eq!(
            rules("version_info", Some(Counter), None),
            ["counter_total", "info_suffix"]
        );
        assert_eq!(label("clientId").len(), 1);
        assert_eq!(label("__x").len(), 1);
        assert!(label("client_id").is_empty());
    }
}
