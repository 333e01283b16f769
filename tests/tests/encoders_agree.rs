//! The toolkit's own exposition and prometheus-client's encoder write the same families and
//! samples for the same metrics, as read by Python's reference parsers; and the Prometheus text
//! format 0.0.4 output parses too.

mod common;

use catalog::{authelia, hyperauth};
use metrics_core::{Format, PrometheusClientExt, Registry, Service};
use serde_json::Value;

/// The parsed families, sorted, each sample as `name{sorted labels} value` with the value as a
/// float, sorted: family order, line order, label order and `16255` against `16255.0` do not
/// matter.
fn normalized(families: Value) -> Vec<(String, String, String, Vec<String>)> {
    let mut families = families
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
                    let value = common::sample_value(&s[2]);
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
        .collect::<Vec<_>>();
    // Family order too: prometheus-client writes in registration order.
    families.sort();
    families
}

/// Both encoders write the same families and samples; `families` is how many the service
/// declares, and the parser must read one sample per line of the exposition, so that two empty
/// (or equally truncated) outputs cannot agree.
fn both_encoders(
    families: usize,
    register: impl Fn(&mut Registry, &mut prometheus_client::registry::Registry),
) {
    let (mut ours, mut theirs) = (
        Registry::new(),
        prometheus_client::registry::Registry::default(),
    );
    register(&mut ours, &mut theirs);
    let native = ours.encode(Format::OpenMetrics).expect("no collision");
    // prometheus-client's own encoder, in its order: the comparison sorts.
    let mut pc = String::new();
    prometheus_client::encoding::text::encode(&mut pc, &theirs).expect("encodes");
    let ours_parsed = normalized(common::parse_openmetrics_with_python(&native));
    assert_eq!(ours_parsed.len(), families, "families");
    let lines = native.lines().filter(|l| !l.starts_with('#')).count();
    assert!(lines > families, "{native}");
    assert_eq!(
        ours_parsed.iter().map(|f| f.3.len()).sum::<usize>(),
        lines,
        "samples"
    );
    assert_eq!(
        ours_parsed,
        normalized(common::parse_openmetrics_with_python(&pc))
    );
    // The 0.0.4 text holds the same samples (Python names a counter's samples `x_total` in
    // both formats); only the spelling of `le` and `quantile` differs (`1` against `1.0`).
    let text = ours.encode(Format::Prometheus).expect("no collision");
    let text_samples = bounds_as_numbers(common::python_samples(
        &common::parse_prometheus_text_with_python(&text),
    ));
    let om_samples = bounds_as_numbers(common::python_samples(
        &common::parse_openmetrics_with_python(&native),
    ));
    assert_eq!(text_samples.len(), lines);
    for (text, om) in text_samples.iter().zip(&om_samples) {
        assert_eq!(text, om);
    }
}

use common::Sample;

/// `le` and `quantile` values as the numbers they are, so that both formats' spellings compare.
fn bounds_as_numbers(samples: Vec<Sample>) -> Vec<Sample> {
    let mut samples: Vec<Sample> = samples
        .into_iter()
        .map(|(name, labels, value)| {
            let labels = labels
                .into_iter()
                .map(|(k, v)| match k.as_str() {
                    "le" | "quantile" => {
                        // Rust reads `+Inf` as the formats write it.
                        let number: f64 = v.parse().expect("a bound");
                        (k, format!("{number:?}"))
                    }
                    _ => (k, v),
                })
                .collect();
            (name, labels, value)
        })
        .collect();
    samples.sort();
    samples
}

fn descriptors_of<S: Service>(_: &S) -> usize {
    S::descriptors().len()
}

#[test]
fn hyperauth_is_encoded_alike_by_both_encoders() {
    if !common::require_python() {
        return;
    }
    let metrics = hyperauth::Hyperauth::default();
    metrics.demo();
    both_encoders(descriptors_of(&metrics), |ours, theirs| {
        ours.register(&metrics);
        theirs.register_metrics(&metrics.user_session_mail);
        theirs.register_metrics(&metrics.events);
    });
}

#[test]
fn authelia_is_encoded_alike_by_both_encoders() {
    if !common::require_python() {
        return;
    }
    let metrics = authelia::Authelia::default();
    metrics.demo();
    both_encoders(descriptors_of(&metrics), |ours, theirs| {
        ours.register(&metrics);
        theirs.register_metrics(&metrics);
    });
}
