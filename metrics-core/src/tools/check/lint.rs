//! The naming rules of `promtool check metrics` (promlint), for the families of an exposition
//! that the catalog does not declare. The catalog's own families were held to the same rules at
//! compile time, with their `allow(...)` allowances, by `metrics-macros`; what each rule finds
//! is written once, in `metrics-internals` (`metrics-macros/internals`), which both use. The
//! messages here are for names read at run time; with one more rule, `reserved_label` (a label
//! name starting with `__`), which the macros reject as an invalid name rather than lint.

use metrics_core::MetricType;
use metrics_internals::naming::{self, Finding, Source};

/// The rules a metric `name` of type `kind` (`None` when untyped) breaks, as (rule, message).
/// `name` is the name the catalog would declare: for a counter, the name with `_total`.
pub(crate) fn metric(
    name: &str,
    kind: Option<MetricType>,
    unit: Option<&str>,
) -> Vec<(&'static str, String)> {
    naming::metric_findings(name, kind, unit, Source::Exposed)
        .into_iter()
        .map(|finding| {
            let message = match finding {
                Finding::CounterTotal => format!("counter `{name}` does not end in `_total`"),
                Finding::TotalSuffix => {
                    format!("`{name}` is not a counter, and only counters end in `_total`")
                }
                Finding::CamelCase => {
                    format!("`{name}` is camelCase: Prometheus names are snake_case")
                }
                Finding::BaseUnits(token) => {
                    format!("`{name}` is in {token}, not a base unit (seconds, bytes, ratios)")
                }
                Finding::UnitAbbreviation(abbreviation) => {
                    format!("`{name}` abbreviates a unit as `_{abbreviation}`")
                }
                Finding::ReservedSuffix(suffix) => format!(
                    "`{name}` ends in `{suffix}`, which names a sample of histograms and summaries"
                ),
                Finding::TypeInName(word) => format!("`{name}` names its type (`{word}`)"),
                Finding::InfoSuffix => {
                    format!("`{name}` ends in `_info`, which marks an info gauge")
                }
            };
            (finding.rule(), message)
        })
        .collect()
}

/// The rules a label name breaks: camelCase, and the `__` prefix Prometheus reserves.
pub(crate) fn label(name: &str) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    if naming::is_camel_case(name) {
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

    #[test]
    fn messages_name_the_rule_and_labels_have_their_own_rules() {
        let found = metric("version_info", Some(MetricType::Counter), None);
        let rules: Vec<&str> = found.iter().map(|(rule, _)| *rule).collect();
        assert_eq!(rules, ["counter_total", "info_suffix"]);
        assert_eq!(
            found[0].1,
            "counter `version_info` does not end in `_total`"
        );
        // A family read from an exposition may end like its samples when it has them.
        assert!(metric("x_sum", None, None).is_empty());
        assert_eq!(label("clientId")[0].0, "camel_case");
        assert_eq!(label("__x")[0].0, "reserved_label");
        assert!(label("client_id").is_empty());
    }
}
