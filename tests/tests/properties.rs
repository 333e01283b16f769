//! Property tests: a million random label values (any Unicode scalar value, one in four a quote,
//! a backslash, a line end, a brace, `#`...; up to 4,096 characters) round-trip through both
//! writers (the toolkit's `Registry` in both formats, prometheus-client's encoder) and the
//! checker's reader; the reader given random bytes, or a page cut anywhere, returns an error or a
//! page, never panics.

mod common;

use std::collections::HashMap;

use metrics_core::tools::check::parse::{decode, parse};
use metrics_core::{Counter, Family, Format, LabelSet, MetricGroup, PrometheusClientExt, Registry};
use proptest::prelude::*;

#[derive(Clone, Copy, Debug, LabelSet)]
struct ValueLabels<'a> {
    #[label(bound = 10_000)]
    value: &'a str,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "prop")]
struct Values {
    /// Records by value.
    records_total: Family<ValueLabels<'static>, Counter>,
}

/// The characters an exposition escapes, or that end a line, a value or a page.
const SPECIAL: &[char] = &[
    '"', '\\', '\n', '\r', '\t', '{', '}', ',', '=', '#', ' ', '\0', '\u{2028}', '\u{FEFF}',
];

/// Mostly short strings, one in a hundred of 256 to 4,096 characters; any `char`, one in four of them
/// one an exposition escapes or that ends a line or a value.
fn value() -> impl Strategy<Value = String> {
    let c = prop_oneof![3 => any::<char>(), 1 => prop::sample::select(SPECIAL)];
    prop_oneof![
        99 => prop::collection::vec(c.clone(), 0..24),
        1 => prop::collection::vec(c, 256..4096),
    ]
    .prop_map(String::from_iter)
}

/// `n` values drawn as [`value`] draws one, from `seed` (xorshift): a million values drawn
/// through proptest's trees would take most of the test's time, in a debug build.
fn values(seed: u64, n: usize) -> Vec<String> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let len = if next() % 100 == 0 {
                256 + next() as usize % 3840
            } else {
                next() as usize % 24
            };
            (0..len)
                .map(|_| {
                    if next() % 4 == 0 {
                        SPECIAL[next() as usize % SPECIAL.len()]
                    } else {
                        // Any scalar value: a surrogate is drawn again.
                        loop {
                            if let Some(c) = char::from_u32((next() % 0x11_0000) as u32) {
                                break c;
                            }
                        }
                    }
                })
                .collect()
        })
        .collect()
}

/// The value each series was recorded with, read back from a page, with its count.
fn read_back(text: &str, format: Format) -> Result<HashMap<String, f64>, String> {
    let page = parse(text, format).map_err(|e| e.to_string())?;
    let family = page
        .families
        .iter()
        // The counter's family: `prop_records` in OpenMetrics, `prop_records_total` in 0.0.4.
        .find(|f| f.name.starts_with("prop_records"))
        .ok_or("no family")?;
    Ok(family
        .samples
        .iter()
        .filter(|s| s.name == "prop_records_total")
        .map(|s| (s.label("value").unwrap_or_default().to_owned(), s.value))
        .collect())
}

/// 250 cases of 4,000 values: a million values through each writer and format.
const CASES: u32 = 250;
const VALUES: usize = 4000;

proptest! {
    #![proptest_config(ProptestConfig { cases: CASES, ..ProptestConfig::default() })]

    #[test]
    fn label_values_round_trip_through_both_writers_and_the_reader(seed in any::<u64>()) {
        let values = values(seed, VALUES);
        let metrics = Values::default();
        let mut expected: HashMap<String, f64> = HashMap::new();
        for (i, value) in values.iter().enumerate() {
            let n = i as u64 % 7 + 1;
            metrics.records_total.inc_by(ValueLabels { value }, n);
            *expected.entry(value.clone()).or_default() += n as f64;
        }
        let mut ours = Registry::new();
        ours.register(&metrics);
        let mut theirs = prometheus_client::registry::Registry::default();
        theirs.register_metrics(&metrics);
        for format in Format::ALL {
            let text = ours.encode(format).expect("no collision");
            let read = read_back(&text, format).map_err(TestCaseError::fail)?;
            prop_assert_eq!(&read, &expected, "{:?}, the toolkit's writer", format);
        }
        let mut text = String::new();
        prometheus_client::encoding::text::encode(&mut text, &theirs).expect("encodes");
        let read = read_back(&text, Format::OpenMetrics).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&read, &expected, "prometheus-client's writer");
    }

    #[test]
    fn random_bytes_are_an_error_or_a_page(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Ok(text) = decode(&bytes) {
            for format in Format::ALL {
                let _ = parse(text, format);
            }
        }
    }

    #[test]
    fn truncated_pages_are_an_error_or_a_page(values in prop::collection::vec(value(), 1..20), cut in any::<prop::sample::Index>()) {
        let metrics = Values::default();
        for value in &values {
            metrics.records_total.inc(ValueLabels { value });
        }
        let mut registry = Registry::new();
        registry.register(&metrics);
        for format in Format::ALL {
            let text = registry.encode(format).expect("no collision");
            let bytes = text.as_bytes();
            let cut = cut.index(bytes.len() + 1);
            if let Ok(text) = decode(&bytes[..cut]) {
                // A cut page is malformed, unless it was cut at a line's end in 0.0.4.
                let _ = parse(text, format);
            }
        }
    }
}

/// A sample of the random values (two pages of 2,500) read back by Python's reference parsers
/// (`prometheus_client`, one parser per format): an independent reader agrees.
#[test]
fn a_sample_of_random_values_reads_back_through_python() {
    if !common::require_python() {
        return;
    }
    for seed in [0x5eed, 0xfeed_beef] {
        let metrics = Values::default();
        let mut expected: Vec<common::Sample> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for value in values(seed, 2500) {
            if seen.insert(value.clone()) {
                metrics.records_total.inc(ValueLabels { value: &value });
                expected.push((
                    "prop_records_total".into(),
                    vec![("value".into(), value)],
                    format!("{:?}", 1.0),
                ));
            }
        }
        expected.sort();
        let mut registry = Registry::new();
        registry.register(&metrics);
        for (format, parsed) in [
            (
                Format::OpenMetrics,
                common::parse_openmetrics_with_python(
                    &registry.encode(Format::OpenMetrics).unwrap(),
                ),
            ),
            (
                Format::Prometheus,
                common::parse_prometheus_text_with_python(
                    &registry.encode(Format::Prometheus).unwrap(),
                ),
            ),
        ] {
            let read = common::python_samples(&parsed);
            assert_eq!(read.len(), expected.len(), "{format}");
            for (read, expected) in read.iter().zip(&expected) {
                assert_eq!(read, expected, "{format}");
            }
        }
    }
}
