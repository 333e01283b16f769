//! The toolkit's own exposition and prometheus-client's encoder write the same families and
//! samples for the same metrics, as read by Python's reference parsers; and the Prometheus text
//! format 0.0.4 output parses too.

mod common;

use catalog::{authelia, hyperauth};
use metrics_core::{Format, MetricFamily, Registry, Service};
use serde_json::Value;

/// The parsed families, each sample as `name{sorted labels} value` with the value as a float,
/// sorted: line order, label order and `16255` against `16255.0` do not matter.
fn normalized(families: Value) -> Vec<(String, String, String, Vec<String>)> {
    families
        .as_array()
        .expect("a list")
        .iter()
        .map(|family| {
            let mut samples: Vec<String> = family["samples"]
                .as_array()
                .expect("samples")
                .iter()
                .map(|s| {
                    let mut labels: Vec<String> = s[1]
                        .as_object()
                        .expect("labels")
                        .iter()
                        .map(|(k, v)| format!("{k}={v}"))
                        .collect();
                    labels.sort();
                    let value = s[2].as_f64().expect("a number");
                    format!(
                        "{}{{{}}} {value:?}",
                        s[0].as_str().expect("a name"),
                        labels.join(",")
                    )
                })
                .collect();
            samples.sort();
            (
                family["name"].to_string(),
                family["type"].to_string(),
                family["help"].to_string(),
                samples,
            )
        })
        .collect()
}

fn both_encoders(register: impl Fn(&mut Registry, &mut prometheus_client::registry::Registry)) {
    let (mut ours, mut theirs) = (
        Registry::new(),
        prometheus_client::registry::Registry::default(),
    );
    register(&mut ours, &mut theirs);
    let native = ours.encode(Format::OpenMetrics).expect("no collision");
    let pc = metrics_core::encoding::encode(&theirs).expect("encodes");
    assert_eq!(
        normalized(common::parse_openmetrics_with_python(&native)),
        normalized(common::parse_openmetrics_with_python(&pc)),
    );
    // The 0.0.4 text parses, with as many families.
    let text = ours.encode(Format::Prometheus).expect("no collision");
    let parsed = common::parse_prometheus_text_with_python(&text);
    assert_eq!(
        parsed.as_array().map(Vec::len),
        common::parse_openmetrics_with_python(&native)
            .as_array()
            .map(Vec::len)
    );
}

fn python() -> bool {
    common::require(
        common::python_prometheus_client(),
        "Python's prometheus_client",
        "pip install prometheus-client",
    )
}

#[test]
fn hyperauth_is_encoded_alike_by_both_encoders() {
    if !python() {
        return;
    }
    let metrics = hyperauth::Hyperauth::default();
    metrics.demo();
    both_encoders(|ours, theirs| {
        metrics.register(ours);
        metrics.user_session_mail.register(theirs);
        MetricFamily::register(&metrics.events, theirs);
    });
}

#[test]
fn authelia_is_encoded_alike_by_both_encoders() {
    if !python() {
        return;
    }
    let metrics = authelia::Authelia::default();
    metrics.demo();
    both_encoders(|ours, theirs| {
        metrics.register(ours);
        MetricFamily::register(&metrics.counters, theirs);
        MetricFamily::register(&metrics.histograms, theirs);
    });
}
