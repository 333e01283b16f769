//! The exposition and the descriptors of every service, as users and tools see them.
//! Under `CI=true` insta writes nothing, so a stale snapshot fails; review every diff with
//! `cargo insta review` (or read the `.snap.new` files) before accepting it.

use catalog::SERVICES;
use metrics_core::Format;

#[test]
fn exposition_of_every_service_in_every_format_it_allows() {
    for service in SERVICES {
        for format in service.registry().formats() {
            let text = service.exposition(format).expect("encodes");
            assert_eq!(
                text,
                service.exposition(format).expect("encodes"),
                "the exposition of {} is not byte-stable",
                service.name
            );
            let suffix = match format {
                Format::OpenMetrics => "",
                Format::Prometheus => "_prometheus",
            };
            insta::assert_snapshot!(format!("{}_exposition{suffix}", service.name), text);
        }
    }
}

#[test]
fn signaling_and_infra_cannot_be_served_as_openmetrics() {
    for service in SERVICES {
        let formats = service.registry().formats();
        if ["signaling", "infra"].contains(&service.name) {
            assert_eq!(formats, [Format::Prometheus]);
            let error = service
                .exposition(Format::OpenMetrics)
                .expect_err("collides");
            assert!(
                error.name.starts_with(service.name) || error.name.starts_with("go_"),
                "{error}"
            );
        } else {
            assert_eq!(formats, Format::ALL, "{}", service.name);
        }
    }
}

#[test]
fn descriptors_of_every_service() {
    for service in SERVICES {
        let json = serde_json::to_string_pretty(
            &metrics_core::tools::describe::to_json(service).expect("serializes"),
        )
        .expect("serializes");
        insta::assert_snapshot!(format!("{}_describe", service.name), json);
    }
}

/// A tool outside the project rebuilds each service from its JSON: every field is read back
/// (an unknown one fails), written again it is the same JSON, and it says what the declarations
/// say, family by family, label by label, rule by rule.
#[test]
fn each_service_is_rebuilt_from_its_json() {
    use metrics_core::LabelKind;
    use metrics_core::tools::describe::{Description, to_json};
    for service in SERVICES {
        let json = to_json(service).expect("serializes");
        let text = serde_json::to_string(&json).expect("serializes");
        let rebuilt: Description = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} does not read back: {e}", service.name));
        assert_eq!(
            serde_json::to_value(&rebuilt).expect("serializes"),
            json,
            "{} is not written again as read",
            service.name
        );
        assert_eq!(rebuilt.service, service.name);
        assert_eq!(rebuilt.formats, service.formats);
        assert_eq!(rebuilt.budget, service.budget);
        let descriptors = service.descriptors();
        assert_eq!(
            rebuilt.families.len(),
            descriptors.len(),
            "{}",
            service.name
        );
        for (family, d) in rebuilt.families.iter().zip(&descriptors) {
            let what = format!("{} {}", service.name, d.name);
            assert_eq!(
                (
                    family.name.as_str(),
                    family.metric_type,
                    family.help.as_str()
                ),
                (d.name, d.metric_type, d.help),
                "{what}"
            );
            assert_eq!(family.unit.as_deref(), d.unit, "{what}");
            assert_eq!(family.buckets, d.buckets, "{what}");
            assert_eq!(family.quantiles, d.quantiles, "{what}");
            assert_eq!(family.decision.as_deref(), d.decision, "{what}");
            assert_eq!(family.max_series, d.max_series(), "{what}");
            assert_eq!(family.series_cap, d.series_cap(), "{what}");
            assert_eq!(
                family.idle_seconds,
                d.idle.map(|idle| idle.as_secs_f64()),
                "{what}"
            );
            assert_eq!(family.labels.len(), d.labels.len(), "{what}");
            for (label, l) in family.labels.iter().zip(d.labels) {
                let values = match l.kind {
                    LabelKind::FreeText => None,
                    LabelKind::Closed(values) => Some(values.to_vec()),
                };
                assert_eq!(label.name, l.name, "{what}");
                assert_eq!(
                    label
                        .values
                        .as_ref()
                        .map(|v| v.iter().map(String::as_str).collect()),
                    values,
                    "{what} {}",
                    l.name
                );
                assert_eq!(
                    (label.bound, label.optional, label.help.as_deref()),
                    (l.bound, l.optional, l.help),
                    "{what} {}",
                    l.name
                );
            }
        }
        let rules = service.rules();
        assert_eq!(rebuilt.rules.len(), rules.len(), "{}", service.name);
        for (rule, r) in rebuilt.rules.iter().zip(&rules) {
            assert_eq!(
                (
                    rule.name.as_str(),
                    rule.expr.as_str(),
                    rule.for_duration.as_deref()
                ),
                (r.name, r.expr, r.for_duration),
                "{}",
                service.name
            );
            let labels: Vec<(&str, &str)> = rule
                .labels
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str().expect("a string")))
                .collect();
            assert_eq!(labels, r.labels, "{}", r.name);
            let annotations: Vec<(&str, &str)> = rule
                .annotations
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str().expect("a string")))
                .collect();
            assert_eq!(annotations, r.annotations, "{}", r.name);
        }
    }
    // The hexon service carries its alerts.
    assert!(SERVICES.iter().any(|s| !s.rules().is_empty()));
}
