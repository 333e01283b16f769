//! A service's alert and recording rules as a Prometheus rule file (YAML), as the `rules`
//! command prints it and `promtool check rules` reads it; [`promtool`] generates its
//! `promtool test rules` cases.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::ser::SerializeMap;

use metrics_core::rules::{Rule, RuleKind};

pub mod promtool;

use crate::tools::ServiceEntry;
use promtool::Generated;

/// What [`write()`] wrote.
#[derive(Debug)]
pub struct Written {
    /// `<dir>/<service>.rules.yml`.
    pub rules: PathBuf,
    /// `<dir>/<service>.test.yml`, which reads the rule file next to it.
    pub tests: PathBuf,
    /// The tests, and the alerts left without.
    pub generated: Generated,
}

/// Writes the rule file of `service` and its `promtool test rules` tests into `dir`, creating it.
pub fn write(service: &ServiceEntry, dir: &Path) -> Result<Written, String> {
    let rules = service.rules();
    let rules_name = format!("{}.rules.yml", service.name);
    let generated = promtool::generate(&rules_name, &service.descriptors(), &rules);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok::<_, String>(path)
    };
    Ok(Written {
        rules: write(&rules_name, &yaml(service.name, &rules))?,
        tests: write(
            &format!("{}.test.yml", service.name),
            &generated.tests.to_yaml(),
        )?,
        generated,
    })
}

/// The rule file of `service`: one group per documentation section (`<service>.<section>`, or
/// `<service>` for rules without one), in the order the sections first appear, and the rules of
/// each in declaration order. No rules give `groups: []`.
pub fn yaml(service: &str, rules: &[&Rule]) -> String {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for rule in rules {
        let name = group_name(service, rule);
        let entry = RuleEntry::from(*rule);
        match groups.iter_mut().find(|g| g.name == name) {
            Some(group) => group.rules.push(entry),
            None => groups.push(Group {
                name,
                rules: vec![entry],
            }),
        }
    }
    serde_yaml_ng::to_string(&File { groups }).unwrap_or_else(|e| {
        // Serializing plain strings and maps cannot fail; say so in the file if it ever does.
        format!("# the rule file could not be written: {e}\ngroups: []\n")
    })
}

/// The group a rule belongs to: the service's name, and the slug of the rule's section.
pub fn group_name(service: &str, rule: &Rule) -> String {
    match rule.section.map(slug).filter(|s| !s.is_empty()) {
        Some(section) => format!("{service}.{section}"),
        None => service.to_owned(),
    }
}

/// `Load Balancer` -> `load_balancer`: lowercase ASCII letters and digits, every other run of
/// characters one `_`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

#[derive(Serialize)]
struct File<'a> {
    groups: Vec<Group<'a>>,
}

#[derive(Serialize)]
struct Group<'a> {
    name: String,
    rules: Vec<RuleEntry<'a>>,
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    alert: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<&'a str>,
    expr: &'a str,
    #[serde(rename = "for", skip_serializing_if = "Option::is_none")]
    for_duration: Option<&'a str>,
    #[serde(skip_serializing_if = "Pairs::is_empty")]
    labels: Pairs<'a>,
    #[serde(skip_serializing_if = "Pairs::is_empty")]
    annotations: Pairs<'a>,
}

impl<'a> From<&'a Rule> for RuleEntry<'a> {
    fn from(rule: &'a Rule) -> Self {
        let alert = rule.kind == RuleKind::Alert;
        RuleEntry {
            alert: alert.then_some(rule.name),
            record: (!alert).then_some(rule.name),
            expr: rule.expr,
            for_duration: if alert { rule.for_duration } else { None },
            labels: Pairs(rule.labels),
            annotations: Pairs(if alert { rule.annotations } else { &[] }),
        }
    }
}

/// Labels or annotations, written as a map in declaration order.
struct Pairs<'a>(&'a [(&'static str, &'static str)]);

impl Pairs<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Pairs<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Load Balancer"), "load_balancer");
        assert_eq!(
            slug("Just-In-Time Two-Factor Authentication"),
            "just_in_time_two_factor_authentication"
        );
        assert_eq!(slug("  (SSH) Bastion  "), "ssh_bastion");
    }

    #[test]
    fn no_rules_is_an_empty_file() {
        assert_eq!(yaml("x", &[]), "groups: []\n");
    }
}
