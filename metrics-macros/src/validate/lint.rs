//! The naming rules of `promtool check metrics` (promlint) and of the Prometheus naming
//! guide, applied to every metric at compile time. A legacy name that a specification requires
//! is kept only with `#[metric(allow(<rule>))]` on that metric; the allowance is listed in the
//! generated docs, and an allowance that no rule needs is an error. What each rule finds is in
//! `naming.rs` (shared with the catalog's live checker); the messages, with their fixes, here.

use crate::ir::Kind;
use metrics_internals::naming::{self, Finding, Source};

pub(crate) use naming::RULES;

/// A rule name given to `allow(...)` that is no rule, with the closest one.
pub(crate) fn unknown_rule(rule: &str) -> String {
    let closest = crate::parse::closest(rule, RULES.iter().copied());
    let expected = RULES
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match closest {
        Some(r) => {
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
    naming::metric_findings(name, Some(kind), unit, Source::Declared)
        .into_iter()
        .map(|finding| {
            let message = match finding {
                // The text format 0.0.4 exposes the declared name.
                Finding::CounterTotal => format!("counter `{name}` does not end in `_total`: the text format 0.0.4 exposes it as `{name}`; name it `{name}_total`"),
                Finding::TotalSuffix => format!(
                    "`{name}` is a {}, and only counters end in `_total`; drop the suffix",
                    kind.as_str()
                ),
                Finding::CamelCase => format!("`{name}` is camelCase: Prometheus names are snake_case"),
                Finding::BaseUnits(token) => format!("`{name}` is in {token}, not a base unit: Prometheus uses seconds, bytes, and ratios from 0 to 1"),
                Finding::UnitAbbreviation(abbreviation) => format!("`{name}` abbreviates a unit as `_{abbreviation}`: spell it out, in a base unit (`_seconds`, `_bytes`)"),
                Finding::ReservedSuffix(suffix) => format!("`{name}` ends in `{suffix}`, which names a sample of histograms and summaries; rename it"),
                Finding::TypeInName(word) => format!("`{name}` names its type (`{word}`): the type is in the exposition already; drop the word"),
                Finding::InfoSuffix => format!(
                    "{} `{name}` ends in `_info`, which marks an info metric (a gauge set to 1 whose labels carry the information): make it a `Gauge`, or drop `_info` from its name",
                    kind.as_str()
                ),
            };
            violation(finding.rule(), message)
        })
        .collect()
}

/// The rules a label name breaks: only `camel_case` applies to labels.
pub(crate) fn label_violations(name: &str) -> Vec<Violation> {
    if naming::is_camel_case(name) {
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

    #[test]
    fn each_message_names_its_rule_and_how_to_keep_the_name() {
        let found = metric_violations("version_info", Kind::Counter, None);
        let rules: Vec<&str> = found.iter().map(|v| v.rule).collect();
        assert_eq!(rules, ["counter_total", "info_suffix"]);
        assert!(found[0].message.contains("name it `version_info_total`"));
        assert!(
            found[1]
                .message
                .starts_with("counter `version_info` ends in `_info`, which marks an info metric")
        );
        assert!(
            found[1]
                .message
                .contains("make it a `Gauge`, or drop `_info` from its name; or keep")
        );
        assert!(found[1].message.ends_with("#[metric(allow(info_suffix))]"));
        assert!(
            label_violations("clientId")[0]
                .message
                .contains("allow(camel_case)")
        );
        assert!(label_violations("client_id").is_empty());
    }
}
