//! The values a float can hold besides ordinary numbers, and gauges that go down: `NaN`, `+Inf`,
//! `-Inf`, negative gauges, `dec` and `sub`, written by both of the toolkit's writers and read
//! back by Python's reference parsers (one per format) as the same values.

mod common;

use metrics_core::{Counter, Format, Gauge, Histogram, MetricGroup, Registry, Summary};

#[derive(Debug, MetricGroup)]
struct Values {
    /// A gauge that went below zero by `dec` and `sub`.
    below_zero: Gauge,
    /// The smallest integer gauge.
    smallest: Gauge,
    /// A float gauge set to NaN.
    not_a_number: Gauge<f64>,
    /// A float gauge set to +Inf.
    above_all: Gauge<f64>,
    /// A float gauge set to -Inf.
    below_all: Gauge<f64>,
    /// A float gauge that went below zero by `sub`.
    negative_ratio: Gauge<f64>,
    /// A float counter that reached +Inf.
    endless_total: Counter<f64>,
    /// A histogram of negative and infinite observations.
    #[metric(buckets(0, 1))]
    offsets: Histogram,
    /// A histogram whose sum went negative.
    #[metric(buckets(0, 1))]
    drift: Histogram,
    /// A histogram with a negative bound.
    #[metric(buckets(-10, 0, 10))]
    temperatures: Histogram,
    /// A summary with a NaN observation.
    #[metric(quantiles(0, 1))]
    gaps: Summary,
}

fn registry() -> Registry {
    let values = Values::default();
    values.below_zero.set(2);
    values.below_zero.dec();
    values.below_zero.dec();
    values.below_zero.dec();
    values.below_zero.sub(4);
    values.below_zero.add(-1);
    assert_eq!(values.below_zero.get(), -6);
    values.smallest.set(i64::MIN);
    values.not_a_number.set(f64::NAN);
    values.above_all.set(f64::INFINITY);
    values.below_all.set(f64::NEG_INFINITY);
    values.negative_ratio.set(0.25);
    values.negative_ratio.sub(0.75);
    values.negative_ratio.dec();
    values.endless_total.inc_by(1.5);
    values.endless_total.inc_by(f64::INFINITY);
    for v in [-2.5, -0.5, 0.5, f64::INFINITY] {
        values.offsets.observe(v);
    }
    values.drift.observe(-2.0);
    values.drift.observe(0.5);
    values.temperatures.observe(-4.0);
    values.temperatures.observe(12.0);
    for v in [3.0, f64::NAN, -1.0] {
        values.gaps.observe(v);
    }
    let mut registry = Registry::new();
    registry.register(&values);
    registry
}

/// What each format must carry, as `(sample, labels, value)` with the value as `{:?}` writes an
/// `f64`: the histogram's `le` is `1.0` in OpenMetrics and `1` in the text format 0.0.4.
///
/// OpenMetrics 1.0 has no NaN or negative sum, no sum for a histogram with a negative bound, and
/// no negative quantile value: those samples are in the text format 0.0.4 only (and a histogram
/// without a sum has no `_count` in OpenMetrics either).
fn expected(format: Format) -> Vec<common::Sample> {
    let om = format == Format::OpenMetrics;
    let bound = |om: &str, text: &str| match format {
        Format::OpenMetrics => om.to_owned(),
        Format::Prometheus => text.to_owned(),
    };
    let v = |x: f64| format!("{x:?}");
    type Written<'a> = (&'a str, Vec<(&'a str, String)>, String);
    let mut samples: Vec<Written<'_>> = vec![
        ("below_zero", vec![], v(-6.0)),
        ("smallest", vec![], v(i64::MIN as f64)),
        ("not_a_number", vec![], v(f64::NAN)),
        ("above_all", vec![], v(f64::INFINITY)),
        ("below_all", vec![], v(f64::NEG_INFINITY)),
        ("negative_ratio", vec![], v(-1.5)),
        ("endless_total", vec![], v(f64::INFINITY)),
        ("offsets_bucket", vec![("le", bound("0.0", "0"))], v(2.0)),
        ("offsets_bucket", vec![("le", bound("1.0", "1"))], v(3.0)),
        ("offsets_bucket", vec![("le", "+Inf".to_owned())], v(4.0)),
        ("offsets_count", vec![], v(4.0)),
        ("offsets_sum", vec![], v(f64::INFINITY)),
        ("drift_bucket", vec![("le", bound("0.0", "0"))], v(1.0)),
        ("drift_bucket", vec![("le", bound("1.0", "1"))], v(2.0)),
        ("drift_bucket", vec![("le", "+Inf".to_owned())], v(2.0)),
        (
            "temperatures_bucket",
            vec![("le", bound("-10.0", "-10"))],
            v(0.0),
        ),
        (
            "temperatures_bucket",
            vec![("le", bound("0.0", "0"))],
            v(1.0),
        ),
        (
            "temperatures_bucket",
            vec![("le", bound("10.0", "10"))],
            v(1.0),
        ),
        (
            "temperatures_bucket",
            vec![("le", "+Inf".to_owned())],
            v(2.0),
        ),
        ("gaps", vec![("quantile", bound("1.0", "1"))], v(3.0)),
        ("gaps_count", vec![], v(3.0)),
    ];
    if !om {
        samples.extend([
            ("drift_count", vec![], v(2.0)),
            ("drift_sum", vec![], v(-1.5)),
            ("temperatures_count", vec![], v(2.0)),
            ("temperatures_sum", vec![], v(8.0)),
            ("gaps", vec![("quantile", bound("0.0", "0"))], v(-1.0)),
            ("gaps_sum", vec![], v(f64::NAN)),
        ]);
    }
    let mut samples = samples
        .into_iter()
        .map(|(name, labels, value)| {
            let labels = labels.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
            (name.to_owned(), labels, value)
        })
        .collect::<Vec<_>>();
    samples.sort();
    samples
}

#[test]
fn the_writers_spell_special_values_as_the_formats_require() {
    let registry = registry();
    for format in Format::ALL {
        let text = registry.encode(format).expect("no collision");
        for line in [
            "below_zero -6\n",
            "smallest -9223372036854775808\n",
            "not_a_number NaN\n",
            "above_all +Inf\n",
            "below_all -Inf\n",
            "negative_ratio -1.5\n",
            "endless_total +Inf\n",
            "offsets_sum +Inf\n",
            "offsets_count 4\n",
            "gaps_count 3\n",
        ] {
            assert!(text.contains(line), "{format}: no {line:?} in\n{text}");
        }
        let text_only = [
            "drift_sum -1.5\ndrift_count 2\n",
            "temperatures_sum 8\ntemperatures_count 2\n",
            "gaps{quantile=\"0\"} -1\n",
            "gaps_sum NaN\n",
        ];
        for line in text_only {
            let line = match format {
                Format::OpenMetrics => line.replace("quantile=\"0\"", "quantile=\"0.0\""),
                Format::Prometheus => line.to_owned(),
            };
            assert_eq!(
                text.contains(&line),
                format == Format::Prometheus,
                "{format}: {line:?} in\n{text}"
            );
        }
    }
}

#[test]
fn the_python_parsers_read_back_the_same_values() {
    if !common::require_python() {
        return;
    }
    let registry = registry();
    for format in Format::ALL {
        let text = registry.encode(format).expect("no collision");
        let parsed = match format {
            Format::OpenMetrics => common::parse_openmetrics_with_python(&text),
            Format::Prometheus => common::parse_prometheus_text_with_python(&text),
        };
        assert_eq!(
            common::python_samples(&parsed),
            expected(format),
            "{format}"
        );
    }
}
