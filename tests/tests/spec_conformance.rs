//! The catalog against the documents it is declared from (`shared/spec/`): every family of the
//! document is declared with its name, type, labels, buckets and help, and nothing else is.
//! The documents are read here with a parser of their own, independent of the declarations.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use catalog::Service;
use metrics_core::{LabelKind, MetricDescriptor};

#[derive(Clone, Debug, Default, PartialEq)]
struct SpecFamily {
    metric_type: String,
    labels: Vec<String>,
    help: Option<String>,
    buckets: Vec<f64>,
}

fn spec(file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/spec")
        .join(file);
    let text = std::fs::read_to_string(&path).ok();
    common::require(
        text.is_some(),
        &format!("the specification {}", path.display()),
        "check out shared/ beside the repository",
    )
    .then_some(text)
    .flatten()
}

fn declared(service: &str) -> BTreeMap<String, SpecFamily> {
    Service::find(service)
        .expect("the service exists")
        .descriptors()
        .into_iter()
        .map(|d: &MetricDescriptor| {
            (
                d.name.to_owned(),
                SpecFamily {
                    metric_type: d.metric_type.as_str().to_owned(),
                    labels: d.labels.iter().map(|l| l.name.to_owned()).collect(),
                    help: Some(d.help.to_owned()),
                    buckets: d.buckets.to_vec(),
                },
            )
        })
        .collect()
}

fn numbers(list: &str) -> Vec<f64> {
    list.split(',')
        .map(|n| n.trim().parse::<f64>().expect("a bucket bound"))
        .collect()
}

/// `- name (Type)` followed by `- help : ...`, `- label : a, b`, `- buckets : 1, 2`.
fn parse_hyperauth(text: &str) -> BTreeMap<String, SpecFamily> {
    let mut families = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("- ")
            && let Some((name, kind)) = rest.split_once(" (")
            && !line.starts_with("  ")
        {
            let family = SpecFamily {
                metric_type: kind.trim_end_matches(')').to_lowercase(),
                ..SpecFamily::default()
            };
            families.insert(name.trim().to_owned(), family);
            current = Some(name.trim().to_owned());
            continue;
        }
        let Some(family) = current.as_ref().and_then(|c| families.get_mut(c)) else {
            continue;
        };
        if let Some(help) = trimmed.strip_prefix("- help : ") {
            family.help = Some(help.trim().to_owned());
        } else if let Some(labels) = trimmed.strip_prefix("- label : ") {
            family.labels = labels.split(',').map(|l| l.trim().to_owned()).collect();
        } else if let Some(buckets) = trimmed.strip_prefix("- buckets : ") {
            family.buckets = numbers(buckets);
        }
    }
    families
}

fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The two tables of vectored counters and histograms; names get Authelia's `authelia_`.
fn parse_authelia(text: &str) -> BTreeMap<String, SpecFamily> {
    let mut families = BTreeMap::new();
    let mut kind = None;
    for line in text.lines() {
        if line.starts_with("##### Vectored Counters") {
            kind = Some("counter");
        } else if line.starts_with("##### Vectored Histograms") {
            kind = Some("histogram");
        } else if line.starts_with('#') {
            kind = None;
        }
        let (Some(kind), Some(row)) = (kind, line.strip_prefix('|')) else {
            continue;
        };
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        if cells.len() < 3 || cells[0] == "Name" || cells[0].starts_with(':') {
            continue;
        }
        let family = SpecFamily {
            metric_type: kind.to_owned(),
            labels: backticked(cells[1]),
            help: (kind == "counter").then(|| cells[2].to_owned()),
            buckets: if kind == "histogram" {
                numbers(cells[2])
            } else {
                Vec::new()
            },
        };
        families.insert(format!("authelia_{}", cells[0]), family);
    }
    families
}

/// A family as the hexon document lists it: type (`None` for the untyped `e2oe_*` entries) and
/// labels with their optional mark.
#[derive(Debug, Clone, PartialEq)]
struct HexonFamily {
    metric_type: Option<String>,
    labels: Vec<(String, bool)>,
}

/// The metric lines of the hexon document: `name type {a, b?} description`, with the document's
/// variants: `(none)` or `(no labels)` for no labels, labels on the following line, untyped
/// `e2oe_*` entries, and one family listed twice with two label sets (merged: the union, with
/// the labels of only one listing optional).
fn parse_hexon(text: &str) -> BTreeMap<String, HexonFamily> {
    let lines: Vec<&str> = text.lines().collect();
    let mut families: BTreeMap<String, HexonFamily> = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        let mut words = line.splitn(3, ' ');
        let (name, kind, rest) = (
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
            words.next().unwrap_or(""),
        );
        let name_ok = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        let (name, metric_type, labels_text) =
            if name_ok && matches!(kind, "counter" | "gauge" | "histogram" | "latency") {
                let labels = if rest.starts_with('{') {
                    Some(rest)
                } else {
                    lines
                        .get(i + 1)
                        .copied()
                        .filter(|next| next.starts_with('{'))
                };
                (name, Some(kind.to_owned()), labels)
            } else if let Some(untyped) = line.strip_prefix("e2oe_") {
                let end = untyped.find([' ', '{']).unwrap_or(untyped.len());
                let name = &line[..5 + end];
                (
                    name,
                    None,
                    line[5 + end..].starts_with('{').then(|| &line[5 + end..]),
                )
            } else {
                continue;
            };
        let labels: Vec<(String, bool)> = labels_text
            .and_then(|l| l.strip_prefix('{'))
            .and_then(|l| l.split_once('}'))
            .map(|(inside, _)| {
                inside
                    .split(',')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    // `reason|method`: one label or the other, so each is optional.
                    .flat_map(|l| {
                        // `result=success|failure`: the label with its values inline.
                        let l = l.split_once('=').map_or(l, |(name, _)| name);
                        let alternatives: Vec<&str> = l.split('|').collect();
                        let either = alternatives.len() > 1;
                        alternatives
                            .into_iter()
                            .map(move |a| match a.strip_suffix('?') {
                                Some(optional) => (optional.to_owned(), true),
                                None => (a.to_owned(), either),
                            })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let family = HexonFamily {
            metric_type,
            labels,
        };
        match families.get_mut(name) {
            Some(first) => {
                let second = family.labels;
                let in_second = |n: &str| second.iter().any(|(m, _)| m == n);
                for label in &mut first.labels {
                    label.1 |= !in_second(&label.0);
                }
                for (n, _) in &second {
                    if !first.labels.iter().any(|(m, _)| m == n) {
                        first.labels.push((n.clone(), true));
                    }
                }
            }
            None => {
                families.insert(name.to_owned(), family);
            }
        }
    }
    families
}

#[test]
fn hexon_declares_every_family_of_its_document() {
    let Some(text) = spec("002_d70fb58de778f465.txt") else {
        return;
    };
    let documented = parse_hexon(&text);
    assert_eq!(documented.len(), 564, "the document lists 564 families");

    let descriptors = Service::find("hexon").expect("hexon").descriptors();
    let mut declared: BTreeMap<String, &MetricDescriptor> = BTreeMap::new();
    for d in &descriptors {
        assert!(
            declared.insert(d.name.to_owned(), d).is_none(),
            "{} is declared twice",
            d.name
        );
    }
    let mut problems = Vec::new();
    for (name, doc) in &documented {
        // Names with a `.` are not valid classic names: the catalog exposes them with `_`, and
        // says so in a decision.
        let exposed = name.replace('.', "_");
        let Some(d) = declared.remove(&exposed) else {
            problems.push(format!("missing: {name}"));
            continue;
        };
        if exposed != *name && d.decision.is_none() {
            problems.push(format!("{exposed}: renamed from {name} without a decision"));
        }
        let expected_type = match doc.metric_type.as_deref() {
            Some("latency") | Some("histogram") => "histogram",
            Some(t) => t,
            // The untyped e2oe_* entries are all `_total` event counts: declared as counters.
            None => "counter",
        };
        if d.metric_type.as_str() != expected_type {
            problems.push(format!(
                "{name}: type {} instead of {expected_type}",
                d.metric_type.as_str()
            ));
        }
        if doc.metric_type.as_deref() == Some("latency") && d.buckets != catalog::hexon::LATENCY {
            problems.push(format!(
                "{name}: a latency metric without the LATENCY buckets"
            ));
        }
        let labels: Vec<(String, bool)> = d
            .labels
            .iter()
            .map(|l| (l.name.to_owned(), l.optional))
            .collect();
        // An optional label the document does not list is allowed when a decision says why.
        let documented_only: Vec<(String, bool)> = labels
            .iter()
            .filter(|(n, optional)| {
                !(*optional && d.decision.is_some() && !doc.labels.iter().any(|(m, _)| m == n))
            })
            .cloned()
            .collect();
        if documented_only != doc.labels {
            problems.push(format!(
                "{name}: labels {labels:?} instead of {:?}",
                doc.labels
            ));
        }
    }
    for name in declared.keys() {
        problems.push(format!("not in the document: {name}"));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn signaling_declares_every_family_of_its_table() {
    let Some(text) = spec("001_1d6680fbfe2cf131.txt") else {
        return;
    };
    // | `name` | Type | Since | Description | `label`, `label` |
    let documented: BTreeMap<String, (SpecFamily, String)> = text
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let family = SpecFamily {
                metric_type: cells[1].to_lowercase(),
                labels: backticked(cells[4]),
                help: Some(cells[3].to_owned()),
                buckets: Vec::new(),
            };
            (
                cells[0].trim_matches('`').to_owned(),
                (family, cells[2].to_owned()),
            )
        })
        .collect();
    assert_eq!(documented.len(), 44, "the document lists 44 families");
    let mut declared = declared("signaling");
    // The one histogram has no documented buckets; the catalog's choice is a decision.
    for family in declared.values_mut() {
        family.buckets.clear();
    }
    let since: BTreeMap<String, String> = Service::find("signaling")
        .expect("signaling")
        .descriptors()
        .into_iter()
        .map(|d| (d.name.to_owned(), d.since.unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(
        declared,
        documented
            .iter()
            .map(|(k, (f, _))| (k.clone(), SpecFamily { ..(*f).clone() }))
            .collect()
    );
    assert_eq!(
        since,
        documented.into_iter().map(|(k, (_, s))| (k, s)).collect()
    );
}

#[test]
fn hyperauth_declares_every_family_of_its_document() {
    let Some(text) = spec("000_ae4d8bee28028289.txt") else {
        return;
    };
    let documented = parse_hyperauth(&text);
    assert_eq!(documented.len(), 20, "the document lists 20 families");
    assert_eq!(declared("hyperauth"), documented);
}

#[test]
fn authelia_declares_every_family_of_its_document() {
    let Some(text) = spec("003_1e358b2760e0738c.txt") else {
        return;
    };
    let documented = parse_authelia(&text);
    assert_eq!(documented.len(), 7, "the document lists 7 families");
    let mut declared = declared("authelia");
    // The histograms' table has no description: the catalog writes its own help for them.
    for (name, family) in &mut declared {
        if documented.get(name).is_some_and(|d| d.help.is_none()) {
            family.help = None;
        }
    }
    assert_eq!(declared, documented);
}

#[test]
fn authelia_closed_sets_are_the_documented_values() {
    let Some(text) = spec("003_1e358b2760e0738c.txt") else {
        return;
    };
    let section = |name: &str| -> String {
        let start = text
            .find(&format!("##### {name}\n"))
            .expect("the section exists");
        let rest = &text[start + 7 + name.len()..];
        rest[..rest.find("\n##").unwrap_or(rest.len())].to_owned()
    };
    let mut types = backticked(&section("type"));
    let mut endpoints: Vec<String> = section("endpoint")
        .lines()
        .filter_map(|l| l.strip_prefix("- "))
        .map(|l| l.trim().to_owned())
        .collect();
    let mut booleans = backticked(&section("success"));
    types.sort();
    endpoints.sort();
    booleans.sort();

    let descriptors = Service::find("authelia").expect("authelia").descriptors();
    let values = |label: &str| -> Vec<String> {
        let kinds: Vec<LabelKind> = descriptors
            .iter()
            .flat_map(|d| d.labels.iter())
            .filter(|l| l.name == label)
            .map(|l| l.kind)
            .collect();
        assert!(!kinds.is_empty(), "no family has the label {label}");
        assert!(
            kinds.windows(2).all(|w| w[0] == w[1]),
            "{label} differs between families"
        );
        match kinds[0] {
            LabelKind::Closed(values) => values.iter().map(|v| v.to_string()).collect(),
            LabelKind::FreeText => panic!("{label} should be a closed set"),
        }
    };
    assert_eq!(values("type"), types);
    assert_eq!(values("endpoint"), endpoints);
    assert_eq!(values("success"), booleans);
    assert_eq!(values("banned"), booleans);
}
