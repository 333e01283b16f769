//! Writing an exposition, side by side with prometheus-client, in one run.
//!
//! - `encode`: 100 counter families of 100 series (three labels) and 10 histogram families of
//!   100 series with 10 buckets: prometheus-client's `text::encode` (unsorted), and the toolkit's
//!   OpenMetrics 1.0 and text 0.0.4 (sorted by family and series, escaped).
//!
//! The whole catalog's exposition (`encode_catalog`) is measured in `encode_catalog.rs`: the
//! toolkit's benches depend on no application crate.
//!
//! `cargo bench -p metrics-benches --bench exposition` (add `-- --quick` for a short pass).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metrics_core::{Counter, Family, Format, Histogram, LabelSet, MetricGroup, Registry};
use prometheus_client::encoding::EncodeLabelSet;

const SERIES: usize = 100;
const GROUPS: usize = 10;

#[derive(Clone, Copy, Debug, LabelSet)]
struct Labels<'a> {
    #[label(bound = 100)]
    tenant: &'a str,
    #[label(bound = 100)]
    route: &'a str,
    #[label(bound = 100)]
    status: &'a str,
}

/// Ten counter families and one histogram family; registered ten times under ten prefixes.
#[derive(Debug, MetricGroup)]
struct Group {
    /// Requests 0.
    requests_0_total: Family<Labels<'static>, Counter>,
    /// Requests 1.
    requests_1_total: Family<Labels<'static>, Counter>,
    /// Requests 2.
    requests_2_total: Family<Labels<'static>, Counter>,
    /// Requests 3.
    requests_3_total: Family<Labels<'static>, Counter>,
    /// Requests 4.
    requests_4_total: Family<Labels<'static>, Counter>,
    /// Requests 5.
    requests_5_total: Family<Labels<'static>, Counter>,
    /// Requests 6.
    requests_6_total: Family<Labels<'static>, Counter>,
    /// Requests 7.
    requests_7_total: Family<Labels<'static>, Counter>,
    /// Requests 8.
    requests_8_total: Family<Labels<'static>, Counter>,
    /// Requests 9.
    requests_9_total: Family<Labels<'static>, Counter>,
    /// Request duration.
    #[metric(
        unit = "seconds",
        buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
    )]
    request_duration_seconds: Family<Labels<'static>, Histogram>,
}

impl Group {
    fn counters(&self) -> [&Family<Labels<'static>, Counter>; 10] {
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

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PcLabels {
    tenant: String,
    route: String,
    status: String,
}

/// The label values of series `i`, the same for both libraries.
fn values(i: usize) -> PcLabels {
    PcLabels {
        tenant: format!("tenant-{i:03}"),
        route: format!("/api/v1/resource/{}", i % 7),
        status: ["200", "404", "503"][i % 3].to_owned(),
    }
}

/// Calls `f` with the toolkit's borrowed labels of series `i`.
fn with_labels(i: usize, f: impl FnOnce(Labels<'_>)) {
    let owned = values(i);
    f(Labels {
        tenant: &owned.tenant,
        route: &owned.route,
        status: &owned.status,
    });
}

const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

fn pc_registry() -> prometheus_client::registry::Registry {
    use prometheus_client::metrics::counter::Counter;
    use prometheus_client::metrics::family::Family;
    use prometheus_client::metrics::histogram::Histogram;
    let mut registry = prometheus_client::registry::Registry::default();
    for g in 0..GROUPS {
        for c in 0..10 {
            let family = Family::<PcLabels, Counter>::default();
            for i in 0..SERIES {
                family.get_or_create(&values(i)).inc_by((i * c + 1) as u64);
            }
            registry.register(format!("g{g}_requests_{c}"), "Requests", family);
        }
        let family = Family::<PcLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(BUCKETS.iter().copied())
        });
        for i in 0..SERIES {
            family.get_or_create(&values(i)).observe(i as f64 * 0.01);
        }
        registry.register(
            format!("g{g}_request_duration_seconds"),
            "Request duration",
            family,
        );
    }
    registry
}

fn our_registry() -> (Vec<Group>, Registry) {
    let groups: Vec<Group> = (0..GROUPS).map(|_| Group::default()).collect();
    let mut registry = Registry::new();
    for (g, group) in groups.iter().enumerate() {
        for (c, family) in group.counters().into_iter().enumerate() {
            for i in 0..SERIES {
                with_labels(i, |labels| family.inc_by(labels, (i * c + 1) as u64));
            }
        }
        for i in 0..SERIES {
            with_labels(i, |labels| {
                group
                    .request_duration_seconds
                    .observe(labels, i as f64 * 0.01)
            });
        }
        registry.register_with_prefix(group, &format!("g{g}"));
    }
    (groups, registry)
}

fn encode(c: &mut Criterion) {
    let mut group = c.benchmark_group("encode");
    let pc = pc_registry();
    let (_families, ours) = our_registry();
    let mut out = String::new();
    prometheus_client::encoding::text::encode(&mut out, &pc).expect("pc encodes");
    let lines = out.lines().count();
    // Both sides write the same samples, or the comparison means nothing.
    let samples = |text: &str| text.lines().filter(|l| !l.starts_with('#')).count();
    let pc_samples = samples(&out);
    let ours_text = ours.encode(Format::OpenMetrics).expect("ours encodes");
    assert_eq!(pc_samples, samples(&ours_text), "the two registries differ");
    eprintln!("encode: {pc_samples} samples, {lines} lines as prometheus-client writes them");
    group.throughput(Throughput::Elements(lines as u64));
    group.bench_function("pc_text_encode", |b| {
        b.iter(|| {
            out.clear();
            prometheus_client::encoding::text::encode(&mut out, black_box(&pc)).expect("encodes");
        })
    });
    group.bench_function("ours_openmetrics", |b| {
        b.iter(|| {
            out.clear();
            black_box(&ours)
                .encode_into(Format::OpenMetrics, &mut out)
                .expect("encodes");
        })
    });
    group.bench_function("ours_prometheus_text", |b| {
        b.iter(|| {
            out.clear();
            black_box(&ours)
                .encode_into(Format::Prometheus, &mut out)
                .expect("encodes");
        })
    });
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
