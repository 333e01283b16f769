//! The scrape workload, the same registry contents in every library: 10 groups of 10 counter
//! families of 100 series (three free-text labels, large integer values) and one histogram
//! family of 100 series (10 buckets, several observations each): 11,000 series, 23,000 samples,
//! about 2 MB of text.
//!
//! Each library is filled through its own recording API and written by its own text encoder
//! into a buffer kept from one scrape to the next; [`samples`] reads any of the expositions
//! back, so that a bench can check that every library writes the same samples.

use std::collections::BTreeMap;

use metrics_core::tools::check::parse::{self, detect};
use metrics_core::{Counter, Family, Histogram, LabelSet, MetricGroup, Registry};

/// Groups of families, each registered under a prefix `g<n>`.
pub const GROUPS: usize = 10;
/// Counter families per group.
pub const COUNTERS: usize = 10;
/// Series per family.
pub const SERIES: usize = 100;
/// Observations recorded into each histogram series.
pub const OBSERVATIONS: usize = 5;
/// The histograms' bucket bounds.
pub const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];
/// The label names, in declaration order.
pub const LABELS: [&str; 3] = ["tenant", "route", "status"];

const COUNTER_HELP: &str = "Requests.";
const HISTOGRAM_HELP: &str = "Request duration.";

/// The label values of series `i`: a tenant, a route, a status code.
pub fn values(i: usize) -> [String; 3] {
    [
        format!("tenant-{i:03}"),
        format!("/api/v1/resource/{}", i % 7),
        ["200", "404", "503"][i % 3].to_owned(),
    ]
}

/// The value of counter `c` of group `g` at series `i`: ten or eleven digits, as the byte and
/// request totals of a service that has run for a while.
pub fn counter_value(g: usize, c: usize, i: usize) -> u64 {
    let k = ((g * COUNTERS + c) * SERIES + i) as u64;
    1_000_000_000 + k.wrapping_mul(2_654_435_761) % 90_000_000_000
}

/// The observations recorded into histogram series `i` of group `g`, spread over the buckets
/// (and past the last one).
pub fn observations(g: usize, i: usize) -> [f64; OBSERVATIONS] {
    std::array::from_fn(|o| ((g * 131 + i * OBSERVATIONS + o) as f64 * 0.0173) % 6.0)
}

/// The name of counter family `c` of group `g`, as exposed (with `_total`).
pub fn counter_name(g: usize, c: usize) -> String {
    format!("g{g}_requests_{c}_total")
}

/// The name of the histogram family of group `g`.
pub fn histogram_name(g: usize) -> String {
    format!("g{g}_request_duration_seconds")
}

// ---------------------------------------------------------------------------------------------
// The toolkit.

/// The toolkit's labels.
#[derive(Clone, Copy, Debug, LabelSet)]
pub struct Labels<'a> {
    #[label(bound = 100)]
    pub tenant: &'a str,
    #[label(bound = 100)]
    pub route: &'a str,
    #[label(bound = 100)]
    pub status: &'a str,
}

impl<'a> Labels<'a> {
    /// The labels of `values`.
    pub fn of(values: &'a [String; 3]) -> Self {
        Labels {
            tenant: &values[0],
            route: &values[1],
            status: &values[2],
        }
    }
}

/// One group of the toolkit's workload; registered ten times under ten prefixes.
#[derive(Debug, MetricGroup)]
pub struct Group {
    /// Requests.
    pub requests_0_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_1_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_2_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_3_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_4_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_5_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_6_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_7_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_8_total: Family<Labels<'static>, Counter>,
    /// Requests.
    pub requests_9_total: Family<Labels<'static>, Counter>,
    /// Request duration.
    #[metric(
        unit = "seconds",
        buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
    )]
    pub request_duration_seconds: Family<Labels<'static>, Histogram>,
}

impl Group {
    /// The counter families, in order.
    pub fn counters(&self) -> [&Family<Labels<'static>, Counter>; COUNTERS] {
        [
            &self.requests_0_total,
            &self.requests_1_total,
            &self.requests_2_total,
            &self.requests_3_total,
            &self.requests_4_total,
            &self.requests_5_total,
            &self.requests_6_total,
            &self.requests_7_total,
            &self.requests_8_total,
            &self.requests_9_total,
        ]
    }
}

/// The toolkit's registry of the workload, and the groups it reads.
pub fn ours() -> (Vec<Group>, Registry) {
    let groups: Vec<Group> = (0..GROUPS).map(|_| Group::default()).collect();
    let mut registry = Registry::new();
    for (g, group) in groups.iter().enumerate() {
        for i in 0..SERIES {
            let values = values(i);
            let labels = Labels::of(&values);
            for (c, family) in group.counters().into_iter().enumerate() {
                family.inc_by(labels, counter_value(g, c, i));
            }
            for v in observations(g, i) {
                group.request_duration_seconds.observe(labels, v);
            }
        }
        registry.register_with_prefix(group, &format!("g{g}"));
    }
    (groups, registry)
}

// ---------------------------------------------------------------------------------------------
// prometheus-client.

/// prometheus-client's labels.
#[derive(Clone, Debug, Hash, PartialEq, Eq, prometheus_client::encoding::EncodeLabelSet)]
pub struct PcLabels {
    pub tenant: String,
    pub route: String,
    pub status: String,
}

impl PcLabels {
    /// The labels of `values`.
    pub fn of([tenant, route, status]: [String; 3]) -> Self {
        PcLabels {
            tenant,
            route,
            status,
        }
    }
}

/// prometheus-client's registry of the workload (counter families are registered without
/// `_total`, which its encoder appends).
pub fn prometheus_client() -> prometheus_client::registry::Registry {
    use prometheus_client::metrics::counter::Counter;
    use prometheus_client::metrics::family::Family;
    use prometheus_client::metrics::histogram::Histogram;
    let mut registry = prometheus_client::registry::Registry::default();
    for g in 0..GROUPS {
        for c in 0..COUNTERS {
            let family = Family::<PcLabels, Counter>::default();
            for i in 0..SERIES {
                family
                    .get_or_create(&PcLabels::of(values(i)))
                    .inc_by(counter_value(g, c, i));
            }
            let name = counter_name(g, c);
            let name = name.strip_suffix("_total").unwrap_or(&name);
            registry.register(name, COUNTER_HELP, family);
        }
        let family = Family::<PcLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(BUCKETS.iter().copied())
        });
        for i in 0..SERIES {
            let series = family.get_or_create(&PcLabels::of(values(i)));
            for v in observations(g, i) {
                series.observe(v);
            }
        }
        registry.register(histogram_name(g), HISTOGRAM_HELP, family);
    }
    registry
}

// ---------------------------------------------------------------------------------------------
// measured.

/// measured's labels: strings interned by lasso, as measured stores free text.
#[derive(Clone, Copy, Debug, PartialEq, measured::LabelGroup)]
#[label(set = MeasuredLabelSet)]
pub struct MeasuredLabels<'a> {
    #[label(dynamic_with = lasso::ThreadedRodeo<lasso::Spur>)]
    pub tenant: &'a str,
    #[label(dynamic_with = lasso::ThreadedRodeo<lasso::Spur>)]
    pub route: &'a str,
    #[label(dynamic_with = lasso::ThreadedRodeo<lasso::Spur>)]
    pub status: &'a str,
}

impl<'a> MeasuredLabels<'a> {
    /// The labels of `values`.
    pub fn of(values: &'a [String; 3]) -> Self {
        MeasuredLabels {
            tenant: &values[0],
            route: &values[1],
            status: &values[2],
        }
    }
}

type MeasuredCounters = measured::CounterVec<MeasuredLabelSet>;
type MeasuredHistograms = measured::HistogramVec<MeasuredLabelSet, { BUCKETS.len() }>;

/// measured's families of the workload, with their names; [`Measured::encode`] writes them.
pub struct Measured {
    counters: Vec<(
        &'static measured::metric::name::MetricName,
        MeasuredCounters,
    )>,
    histograms: Vec<(
        &'static measured::metric::name::MetricName,
        MeasuredHistograms,
    )>,
}

impl std::fmt::Debug for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Measured")
            .field("families", &(self.counters.len() + self.histograms.len()))
            .finish_non_exhaustive()
    }
}

fn measured_name(name: String) -> &'static measured::metric::name::MetricName {
    // Leaked once per family at set-up: measured names are `&'static`.
    measured::metric::name::MetricName::try_from_str(Box::leak(name.into_boxed_str()))
        .expect("a valid metric name")
}

fn measured_label_set() -> MeasuredLabelSet {
    MeasuredLabelSet {
        tenant: Default::default(),
        route: Default::default(),
        status: Default::default(),
    }
}

/// measured's families of the workload.
pub fn measured() -> Measured {
    let mut counters = Vec::new();
    let mut histograms = Vec::new();
    for g in 0..GROUPS {
        for c in 0..COUNTERS {
            let family = MeasuredCounters::with_label_set(measured_label_set());
            for i in 0..SERIES {
                family.inc_by(MeasuredLabels::of(&values(i)), counter_value(g, c, i));
            }
            counters.push((measured_name(counter_name(g, c)), family));
        }
        let family = MeasuredHistograms::with_label_set_and_metadata(
            measured_label_set(),
            measured::metric::histogram::Thresholds::with_buckets(BUCKETS),
        );
        for i in 0..SERIES {
            let values = values(i);
            let labels = MeasuredLabels::of(&values);
            for v in observations(g, i) {
                family.observe(labels, v);
            }
        }
        histograms.push((measured_name(histogram_name(g)), family));
    }
    Measured {
        counters,
        histograms,
    }
}

impl Measured {
    /// Writes every family, group by group, with measured's `BufferedTextEncoder` (kept between
    /// scrapes, as its documentation asks): the bytes of one scrape.
    pub fn encode(
        &self,
        enc: &mut measured::text::BufferedTextEncoder,
    ) -> impl std::ops::Deref<Target = [u8]> + use<> {
        use measured::metric::MetricFamilyEncoding;
        use measured::metric::group::Encoding;
        for (g, histogram) in self.histograms.iter().enumerate() {
            for (name, family) in &self.counters[g * COUNTERS..(g + 1) * COUNTERS] {
                let _ = enc.write_help(*name, COUNTER_HELP);
                let _ = family.collect_family_into(*name, enc);
            }
            let (name, family) = histogram;
            let _ = enc.write_help(*name, HISTOGRAM_HELP);
            let _ = family.collect_family_into(*name, enc);
        }
        enc.finish()
    }
}

// ---------------------------------------------------------------------------------------------
// The `prometheus` crate (TiKV's).

/// The `prometheus` crate's registry of the workload.
pub fn tikv() -> prometheus::Registry {
    let registry = prometheus::Registry::new();
    for g in 0..GROUPS {
        for c in 0..COUNTERS {
            let family = prometheus::IntCounterVec::new(
                prometheus::Opts::new(counter_name(g, c), COUNTER_HELP),
                &LABELS,
            )
            .expect("valid options");
            for i in 0..SERIES {
                let values = values(i);
                family
                    .with_label_values(&[&values[0], &values[1], &values[2]])
                    .inc_by(counter_value(g, c, i));
            }
            registry
                .register(Box::new(family))
                .expect("registered once");
        }
        let family = prometheus::HistogramVec::new(
            prometheus::HistogramOpts::new(histogram_name(g), HISTOGRAM_HELP)
                .buckets(BUCKETS.to_vec()),
            &LABELS,
        )
        .expect("valid options");
        for i in 0..SERIES {
            let values = values(i);
            let series = family.with_label_values(&[&values[0], &values[1], &values[2]]);
            for v in observations(g, i) {
                series.observe(v);
            }
        }
        registry
            .register(Box::new(family))
            .expect("registered once");
    }
    registry
}

/// One scrape of the `prometheus` crate: `gather` and its `TextEncoder`, into `out`.
pub fn tikv_encode(registry: &prometheus::Registry, out: &mut Vec<u8>) {
    use prometheus::Encoder;
    let families = registry.gather();
    prometheus::TextEncoder::new()
        .encode(&families, out)
        .expect("writes into a Vec");
}

// ---------------------------------------------------------------------------------------------
// metrics-rs with metrics-exporter-prometheus.

/// metrics-rs's Prometheus recorder holding the workload (histograms with the workload's
/// buckets), and the handle that renders it.
pub fn metrics_rs() -> metrics_exporter_prometheus::PrometheusHandle {
    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new()
        .set_buckets(&BUCKETS)
        .expect("valid buckets")
        .build_recorder();
    let handle = recorder.handle();
    metrics::with_local_recorder(&recorder, || {
        for g in 0..GROUPS {
            for c in 0..COUNTERS {
                let name = counter_name(g, c);
                metrics::describe_counter!(name.clone(), COUNTER_HELP);
                for i in 0..SERIES {
                    let [tenant, route, status] = values(i);
                    metrics::counter!(name.clone(), "tenant" => tenant, "route" => route, "status" => status)
                        .increment(counter_value(g, c, i));
                }
            }
            let name = histogram_name(g);
            metrics::describe_histogram!(name.clone(), HISTOGRAM_HELP);
            for i in 0..SERIES {
                let [tenant, route, status] = values(i);
                let series = metrics::histogram!(name.clone(), "tenant" => tenant, "route" => route, "status" => status);
                for v in observations(g, i) {
                    series.record(v);
                }
            }
        }
    });
    handle
}

// ---------------------------------------------------------------------------------------------
// The check that every library writes the same samples.

/// The samples of an exposition in either format, read back with the toolkit's checker: sample
/// name and labels (sorted, `le` as the number it is) to value. Fails on an exposition the
/// reader rejects or a sample written twice.
pub fn samples(text: &str) -> Result<BTreeMap<String, f64>, String> {
    let format = detect(text);
    let exposition = parse::parse(text, format).map_err(|e| e.to_string())?;
    let mut samples = BTreeMap::new();
    for sample in exposition.families.iter().flat_map(|f| &f.samples) {
        let mut labels: Vec<(String, String)> = sample
            .labels
            .iter()
            .map(|(name, value)| {
                let value = match parse::parse_float(value) {
                    Some(le) if name == "le" => le.to_string(),
                    _ => value.clone(),
                };
                (name.clone(), value)
            })
            .collect();
        labels.sort();
        let key = format!("{}{labels:?}", sample.name);
        if samples.insert(key.clone(), sample.value).is_some() {
            return Err(format!("{key} written twice"));
        }
    }
    Ok(samples)
}

/// Whether two expositions hold the same samples; the first difference otherwise.
pub fn same_samples(ours: &str, theirs: &str) -> Result<usize, String> {
    let ours = samples(ours)?;
    let theirs = samples(theirs)?;
    for (key, value) in &ours {
        match theirs.get(key) {
            Some(v) if v == value => {}
            Some(v) => return Err(format!("{key}: {value} against {v}")),
            None => return Err(format!("{key} missing")),
        }
    }
    if let Some(key) = theirs.keys().find(|k| !ours.contains_key(*k)) {
        return Err(format!("{key} not written by ours"));
    }
    Ok(ours.len())
}
