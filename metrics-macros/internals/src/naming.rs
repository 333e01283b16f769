//! The naming rules of `promtool check metrics` (promlint) and of the Prometheus naming guide:
//! what each rule finds in a name. Written once for two users: `metrics-macros` holds declared
//! names to them at compile time (`validate/lint.rs`, whose messages say how to fix a name), and
//! `metrics-core`'s live checker the names of an exposition read at run time
//! (`tools/check/lint.rs`). Nothing here may depend on either crate.

use crate::exposed::{BUCKET, COUNT, MetricType, SUM, TOTAL};

/// Where a name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A declared family name (a counter's with `_total`): no family is named like a sample.
    Declared,
    /// A family name read from an exposition: a histogram's, a summary's or an untyped family
    /// may end like its samples (`_count`, `_sum`, `_bucket`).
    Exposed,
}

/// Every rule, in the order they are checked.
pub const RULES: &[&str] = &[
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

/// A rule a name breaks, with what it found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finding<'a> {
    /// A counter does not end in `_total`.
    CounterTotal,
    /// Not a counter, yet it ends in `_total`.
    TotalSuffix,
    /// Upper-case letters.
    CamelCase,
    /// A scaled or non-base unit: the token of the name, or the declared unit.
    BaseUnits(&'a str),
    /// An abbreviated unit token.
    UnitAbbreviation(&'a str),
    /// Ends in the suffix of a histogram's or summary's samples.
    ReservedSuffix(&'static str),
    /// Names its type.
    TypeInName(&'a str),
    /// Ends in `_info` but is not a gauge.
    InfoSuffix,
}

impl Finding<'_> {
    /// The rule's name, as `allow(...)` takes it.
    pub fn rule(&self) -> &'static str {
        match self {
            Finding::CounterTotal => "counter_total",
            Finding::TotalSuffix => "total_suffix",
            Finding::CamelCase => "camel_case",
            Finding::BaseUnits(_) => "base_units",
            Finding::UnitAbbreviation(_) => "unit_abbreviation",
            Finding::ReservedSuffix(_) => "reserved_suffix",
            Finding::TypeInName(_) => "type_in_name",
            Finding::InfoSuffix => "info_suffix",
        }
    }
}

/// The rules a metric `name` of type `kind` (`None`: untyped, to which the rules about types
/// do not apply), declared or exposed in `unit`, breaks, in the order of [`RULES`].
pub fn metric_findings<'a>(
    name: &'a str,
    kind: Option<MetricType>,
    unit: Option<&'a str>,
    source: Source,
) -> Vec<Finding<'a>> {
    let mut found = Vec::new();
    let tokens: Vec<&str> = name.split('_').collect();
    if kind == Some(MetricType::Counter) && !name.ends_with(TOTAL) {
        found.push(Finding::CounterTotal);
    }
    if kind.is_some_and(|k| k != MetricType::Counter) && name.ends_with(TOTAL) {
        found.push(Finding::TotalSuffix);
    }
    if is_camel_case(name) {
        found.push(Finding::CamelCase);
    }
    let scaled = tokens.iter().find(|t| {
        NON_BASE_UNITS.contains(t)
            || PREFIXES
                .iter()
                .any(|p| BASE_UNITS.iter().any(|u| **t == format!("{p}{u}")))
    });
    let scaled_unit =
        unit.filter(|u| NON_BASE_UNITS.contains(u) || PREFIXES.iter().any(|p| u.starts_with(p)));
    if let Some(token) = scaled.copied().or(scaled_unit) {
        found.push(Finding::BaseUnits(token));
    }
    if let Some(abbreviation) = tokens.iter().skip(1).find(|t| ABBREVIATIONS.contains(t)) {
        found.push(Finding::UnitAbbreviation(abbreviation));
    }
    let named_like_its_samples = source == Source::Exposed
        && matches!(
            kind,
            Some(MetricType::Histogram | MetricType::Summary) | None
        );
    if !named_like_its_samples
        && let Some(suffix) = [BUCKET, COUNT, SUM].into_iter().find(|s| name.ends_with(s))
    {
        found.push(Finding::ReservedSuffix(suffix));
    }
    if let Some(word) = tokens
        .iter()
        .find(|t| ["counter", "gauge", "histogram", "summary"].contains(t))
    {
        found.push(Finding::TypeInName(word));
    }
    if name.ends_with("_info") && kind.is_some_and(|k| k != MetricType::Gauge) {
        found.push(Finding::InfoSuffix);
    }
    found
}

/// Whether a metric or label name has upper-case letters (Prometheus names are snake_case).
pub fn is_camel_case(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(
        name: &str,
        kind: Option<MetricType>,
        unit: Option<&str>,
        source: Source,
    ) -> Vec<&'static str> {
        metric_findings(name, kind, unit, source)
            .iter()
            .map(Finding::rule)
            .collect()
    }

    #[test]
    fn each_rule_fires_on_its_mistake_only() {
        use MetricType::*;
        use Source::*;
        for source in [Declared, Exposed] {
            assert!(rules("http_requests_total", Some(Counter), None, source).is_empty());
            assert!(
                rules(
                    "request_duration_seconds",
                    Some(Histogram),
                    Some("seconds"),
                    source
                )
                .is_empty()
            );
            assert!(rules("build_info", Some(Gauge), None, source).is_empty());
            assert_eq!(
                rules("logins", Some(Counter), None, source),
                ["counter_total"]
            );
            assert_eq!(
                rules("sessions_total", Some(Gauge), None, source),
                ["total_suffix"]
            );
            assert_eq!(
                rules("mailServer_total", Some(Counter), None, source),
                ["camel_case"]
            );
            assert_eq!(
                rules("latency_milliseconds", Some(Gauge), None, source),
                ["base_units"]
            );
            assert_eq!(
                rules(
                    "request_duration",
                    Some(Histogram),
                    Some("milliseconds"),
                    source
                ),
                ["base_units"]
            );
            assert_eq!(
                rules("cert_expiry_days", None, None, source),
                ["base_units"]
            );
            assert_eq!(
                rules("waf_duration_ms", Some(Histogram), None, source),
                ["unit_abbreviation"]
            );
            assert_eq!(
                rules("queue_count", Some(Gauge), None, source),
                ["reserved_suffix"]
            );
            assert_eq!(
                rules("errors_counter_total", Some(Counter), None, source),
                ["type_in_name"]
            );
            assert!(rules("version_info_total", Some(Counter), None, source).is_empty());
            assert_eq!(
                rules("version_info", Some(Counter), None, source),
                ["counter_total", "info_suffix"]
            );
        }
        // An exposed histogram, summary or untyped family may end like its samples.
        assert_eq!(
            rules("x_sum", Some(Summary), None, Declared),
            ["reserved_suffix"]
        );
        assert!(rules("x_sum", Some(Summary), None, Exposed).is_empty());
        assert!(rules("x_sum", None, None, Exposed).is_empty());
        assert_eq!(
            rules("x_sum", Some(Gauge), None, Exposed),
            ["reserved_suffix"]
        );
    }

    #[test]
    fn the_rules_are_the_findings_in_order() {
        let every = [
            Finding::CounterTotal,
            Finding::TotalSuffix,
            Finding::CamelCase,
            Finding::BaseUnits(""),
            Finding::UnitAbbreviation(""),
            Finding::ReservedSuffix(""),
            Finding::TypeInName(""),
            Finding::InfoSuffix,
        ];
        assert_eq!(every.map(|f| f.rule()), RULES);
    }
}
