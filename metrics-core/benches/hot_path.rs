//! Recording into a series that exists, side by side with the peers, in one run.
//!
//! - `inc`: one thread, three labels, the series already exists.
//! - `observe`: a histogram observation, held or through a family.
//! - `contended_2t`: two threads recording at once; the time is per operation of one thread.
//!
//! `cargo bench -p metrics-benches --bench hot_path` (add `-- --quick` for a short pass); the
//! results are in `target/criterion/<group>/<id>/new/estimates.json`. See BENCHMARKS.md.

use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue};

// ---------------------------------------------------------------------------------------------
// The toolkit's declarations.

mod ours {
    use metrics_core::{Counter, Family, Histogram, LabelSet, LabelValue, MetricGroup};

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Method {
        Get,
        Post,
        Put,
    }

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Route {
        Users,
        Products,
        Orders,
        Health,
    }

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Status {
        Ok,
        ClientError,
        ServerError,
    }

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Reason {
        Timeout,
        Refused,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub(crate) struct Closed {
        pub(crate) method: Method,
        pub(crate) route: Route,
        pub(crate) status: Status,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub(crate) struct FreeText<'a> {
        #[label(bound = 1000)]
        pub(crate) tenant: &'a str,
        #[label(bound = 1000)]
        pub(crate) route: &'a str,
        #[label(bound = 1000)]
        pub(crate) status: &'a str,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub(crate) struct WithOptional {
        pub(crate) method: Method,
        pub(crate) route: Route,
        pub(crate) reason: Option<Reason>,
    }

    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "bench")]
    pub(crate) struct Metrics {
        /// Requests by closed labels.
        pub(crate) closed_total: Family<Closed, Counter>,
        /// Requests by free-text labels.
        pub(crate) free_text_total: Family<FreeText<'static>, Counter>,
        /// Requests by free-text labels, in a family whose series can be removed.
        pub(crate) removable_total: Family<FreeText<'static>, Counter, metrics_core::Removable>,
        /// Requests with an optional label.
        pub(crate) optional_total: Family<WithOptional, Counter>,
        /// Request duration by closed labels.
        #[metric(
            unit = "seconds",
            buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        )]
        pub(crate) closed_duration_seconds: Family<Closed, Histogram>,
        /// Request duration by free-text labels.
        #[metric(
            unit = "seconds",
            buckets(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
        )]
        pub(crate) free_text_duration_seconds: Family<FreeText<'static>, Histogram>,
    }
}

use ours::{Closed, FreeText, Method, Reason, Route, Status, WithOptional};

const CLOSED: Closed = Closed {
    method: Method::Post,
    route: Route::Orders,
    status: Status::Ok,
};
const FREE: FreeText<'static> = FreeText {
    tenant: "acme-corp",
    route: "/api/v1/orders",
    status: "200",
};
/// A route over 15 bytes: stored on the heap, looked up by the path for long values.
const LONG_FREE: FreeText<'static> = FreeText {
    tenant: "acme-corp",
    route: "/api/v1/organisations/{org}/members",
    status: "200",
};
const OTHER_FREE: FreeText<'static> = FreeText {
    tenant: "globex",
    route: "/api/v1/users",
    status: "503",
};
const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

// ---------------------------------------------------------------------------------------------
// prometheus-client's label sets, the way its users write them.

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PcStrings {
    tenant: String,
    route: String,
    status: String,
}

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(dead_code)] // the whole closed set, as a user declares it
enum PcMethod {
    Get,
    Post,
    Put,
}

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(dead_code)] // the whole closed set, as a user declares it
enum PcRoute {
    Users,
    Products,
    Orders,
    Health,
}

#[derive(Clone, Copy, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(dead_code)] // the whole closed set, as a user declares it
enum PcStatus {
    Ok,
    ClientError,
    ServerError,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PcEnums {
    method: PcMethod,
    route: PcRoute,
    status: PcStatus,
}

fn pc_strings(labels: &FreeText<'_>) -> PcStrings {
    PcStrings {
        tenant: labels.tenant.to_owned(),
        route: labels.route.to_owned(),
        status: labels.status.to_owned(),
    }
}

const PC_ENUMS: PcEnums = PcEnums {
    method: PcMethod::Post,
    route: PcRoute::Orders,
    status: PcStatus::Ok,
};

type PcCounterFamily<L> =
    prometheus_client::metrics::family::Family<L, prometheus_client::metrics::counter::Counter>;

// ---------------------------------------------------------------------------------------------
// measured's label groups.

mod measured_labels {
    use lasso::{Spur, ThreadedRodeo};
    use measured::{FixedCardinalityLabel, LabelGroup};

    #[derive(Clone, Copy, Debug, PartialEq, FixedCardinalityLabel)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Method {
        Get,
        Post,
        Put,
    }

    #[derive(Clone, Copy, Debug, PartialEq, FixedCardinalityLabel)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Route {
        Users,
        Products,
        Orders,
        Health,
    }

    #[derive(Clone, Copy, Debug, PartialEq, FixedCardinalityLabel)]
    #[label(rename_all = "snake_case")]
    pub(crate) enum Status {
        Ok,
        ClientError,
        ServerError,
    }

    #[derive(Clone, Copy, Debug, PartialEq, LabelGroup)]
    #[label(set = EnumSet)]
    pub(crate) struct Enums {
        pub(crate) method: Method,
        pub(crate) route: Route,
        pub(crate) status: Status,
    }

    #[derive(Clone, Copy, Debug, PartialEq, LabelGroup)]
    #[label(set = StringSet)]
    pub(crate) struct Strings<'a> {
        #[label(dynamic_with = ThreadedRodeo<Spur>)]
        pub(crate) tenant: &'a str,
        #[label(dynamic_with = ThreadedRodeo<Spur>)]
        pub(crate) route: &'a str,
        #[label(dynamic_with = ThreadedRodeo<Spur>)]
        pub(crate) status: &'a str,
    }
}

// ---------------------------------------------------------------------------------------------
// group `inc`

fn inc(c: &mut Criterion) {
    let mut group = c.benchmark_group("inc");

    let atomic = AtomicU64::new(0);
    group.bench_function("atomic", |b| {
        b.iter(|| black_box(&atomic).fetch_add(1, Ordering::Relaxed))
    });

    let held = prometheus_client::metrics::counter::Counter::<u64>::default();
    group.bench_function("pc_counter_held", |b| b.iter(|| black_box(&held).inc()));

    let family = PcCounterFamily::<PcStrings>::default();
    let labels = pc_strings(&FREE);
    family.get_or_create(&labels).inc();
    group.bench_function("pc_family_string", |b| {
        b.iter(|| family.get_or_create(black_box(&labels)).inc())
    });
    let long_labels = pc_strings(&LONG_FREE);
    family.get_or_create(&long_labels).inc();
    group.bench_function("pc_family_string_long", |b| {
        b.iter(|| family.get_or_create(black_box(&long_labels)).inc())
    });

    let family = PcCounterFamily::<PcEnums>::default();
    family.get_or_create(&PC_ENUMS).inc();
    group.bench_function("pc_family_enum", |b| {
        b.iter(|| family.get_or_create(black_box(&PC_ENUMS)).inc())
    });

    let vec = prometheus::IntCounterVec::new(
        prometheus::Opts::new("bench_requests_total", "Requests."),
        &["tenant", "route", "status"],
    )
    .expect("a valid counter vec");
    let values = [FREE.tenant, FREE.route, FREE.status];
    vec.with_label_values(&values).inc();
    group.bench_function("tikv_vec", |b| {
        b.iter(|| vec.with_label_values(black_box(&values)).inc())
    });

    let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
    metrics::with_local_recorder(&recorder, || {
        group.bench_function("metrics_rs", |b| {
            b.iter(|| {
                metrics::counter!(
                    "bench_requests_total",
                    "tenant" => black_box(FREE.tenant),
                    "route" => black_box(FREE.route),
                    "status" => black_box(FREE.status)
                )
                .increment(1)
            })
        });
    });

    let measured_enums = measured::CounterVec::with_label_set(measured_labels::EnumSet {
        method: Default::default(),
        route: Default::default(),
        status: Default::default(),
    });
    let enums = measured_labels::Enums {
        method: measured_labels::Method::Post,
        route: measured_labels::Route::Orders,
        status: measured_labels::Status::Ok,
    };
    group.bench_function("measured_enum", |b| {
        b.iter(|| measured_enums.inc(black_box(enums)))
    });

    let measured_strings = measured::CounterVec::with_label_set(measured_labels::StringSet {
        tenant: Default::default(),
        route: Default::default(),
        status: Default::default(),
    });
    let strings = measured_labels::Strings {
        tenant: FREE.tenant,
        route: FREE.route,
        status: FREE.status,
    };
    measured_strings.inc(strings);
    group.bench_function("measured_string", |b| {
        b.iter(|| measured_strings.inc(black_box(strings)))
    });

    let metrics = ours::Metrics::default();
    group.bench_function("ours_closed", |b| {
        b.iter(|| metrics.closed_total.inc(black_box(CLOSED)))
    });
    metrics.free_text_total.inc(FREE);
    group.bench_function("ours_free_text", |b| {
        b.iter(|| metrics.free_text_total.inc(black_box(FREE)))
    });
    metrics.removable_total.inc(FREE);
    group.bench_function("ours_free_text_removable", |b| {
        b.iter(|| metrics.removable_total.inc(black_box(FREE)))
    });
    metrics.free_text_total.inc(LONG_FREE);
    group.bench_function("ours_free_text_long", |b| {
        b.iter(|| metrics.free_text_total.inc(black_box(LONG_FREE)))
    });
    let optional = WithOptional {
        method: Method::Get,
        route: Route::Users,
        reason: Some(Reason::Timeout),
    };
    group.bench_function("ours_optional", |b| {
        b.iter(|| metrics.optional_total.inc(black_box(optional)))
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `observe`

fn observe(c: &mut Criterion) {
    let mut group = c.benchmark_group("observe");
    // A value that lands in the middle of the buckets, varied so that no branch is free.
    let mut i = 0u32;
    let mut next = move || {
        i = i.wrapping_add(1);
        f64::from(i % 64) * 0.01
    };

    let held = prometheus_client::metrics::histogram::Histogram::new(BUCKETS);
    group.bench_function("pc_histogram_held", |b| {
        b.iter(|| held.observe(black_box(next())))
    });

    let family =
        prometheus_client::metrics::family::Family::<PcEnums, _>::new_with_constructor(|| {
            prometheus_client::metrics::histogram::Histogram::new(BUCKETS)
        });
    family.get_or_create(&PC_ENUMS).observe(0.1);
    group.bench_function("pc_family_histogram", |b| {
        b.iter(|| family.get_or_create(black_box(&PC_ENUMS)).observe(next()))
    });

    let metrics = ours::Metrics::default();
    group.bench_function("ours_histogram_closed", |b| {
        b.iter(|| {
            metrics
                .closed_duration_seconds
                .observe(black_box(CLOSED), next())
        })
    });
    metrics.free_text_duration_seconds.observe(FREE, 0.1);
    group.bench_function("ours_histogram_free_text", |b| {
        b.iter(|| {
            metrics
                .free_text_duration_seconds
                .observe(black_box(FREE), next())
        })
    });
    group.finish();
}

// ---------------------------------------------------------------------------------------------
// group `contended_2t`

/// Runs `op(thread, i)` `iters` times on each of two threads started together, each pinned to
/// a CPU of its own, and returns the wall time of the slower one: the time of `iters`
/// operations of one thread under contention.
///
/// Pinned, so that what is measured is two CPUs contending, not the scheduler's placement (two
/// threads taking turns on one CPU contend less). prometheus-client's `pc_family_other_series`
/// still moves between runs on this VM (46 to 101 ns pinned, 44 to 114 unpinned): see
/// BENCHMARKS.md.
fn two_threads<F, R>(iters: u64, op: Arc<F>) -> Duration
where
    F: Fn(usize) -> R + Send + Sync + 'static,
{
    let cpus = core_affinity::get_core_ids().unwrap_or_default();
    let barrier = Arc::new(Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|thread| {
            let barrier = Arc::clone(&barrier);
            let op = Arc::clone(&op);
            let cpu = (cpus.len() >= 2).then(|| cpus[thread]);
            std::thread::spawn(move || {
                if let Some(cpu) = cpu {
                    core_affinity::set_for_current(cpu);
                }
                barrier.wait();
                let start = Instant::now();
                for _ in 0..iters {
                    black_box(op(thread));
                }
                start.elapsed()
            })
        })
        .collect();
    handles
        .into_iter()
        .map(|h| h.join().expect("a benchmark thread panicked"))
        .max()
        .unwrap_or_default()
}

fn contended(c: &mut Criterion) {
    if core_affinity::get_core_ids().unwrap_or_default().len() < 2 {
        eprintln!(
            "contended_2t: fewer than two CPUs are available, so the two threads are not pinned \
             and take turns: these figures do not measure contention"
        );
    }
    let mut group = c.benchmark_group("contended_2t");

    let atomic = Arc::new(AtomicU64::new(0));
    group.bench_function("atomic_same_line", |b| {
        let atomic = Arc::clone(&atomic);
        let op = Arc::new(move |_| {
            black_box(&atomic).fetch_add(1, Ordering::Relaxed);
        });
        b.iter_custom(|iters| two_threads(iters, Arc::clone(&op)))
    });

    let family = PcCounterFamily::<PcEnums>::default();
    let series = [
        PC_ENUMS,
        PcEnums {
            method: PcMethod::Get,
            route: PcRoute::Users,
            status: PcStatus::ServerError,
        },
    ];
    for labels in &series {
        family.get_or_create(labels).inc();
    }
    let series = Arc::new(series);
    group.bench_function("pc_family_same_series", |b| {
        let (family, series) = (family.clone(), Arc::clone(&series));
        let op = Arc::new(move |_| family.get_or_create(black_box(&series[0])).inc());
        b.iter_custom(|iters| two_threads(iters, Arc::clone(&op)))
    });
    group.bench_function("pc_family_other_series", |b| {
        let (family, series) = (family.clone(), Arc::clone(&series));
        let op = Arc::new(move |t: usize| family.get_or_create(black_box(&series[t])).inc());
        b.iter_custom(|iters| two_threads(iters, Arc::clone(&op)))
    });

    let metrics = Arc::new(ours::Metrics::default());
    let closed = [
        CLOSED,
        Closed {
            method: Method::Get,
            route: Route::Users,
            status: Status::ServerError,
        },
    ];
    group.bench_function("ours_closed_other_series", |b| {
        let metrics = Arc::clone(&metrics);
        let op = Arc::new(move |t: usize| metrics.closed_total.inc(black_box(closed[t])));
        b.iter_custom(|iters| two_threads(iters, Arc::clone(&op)))
    });
    let free = [FREE, OTHER_FREE];
    for labels in free {
        metrics.free_text_total.inc(labels);
    }
    group.bench_function("ours_free_text_other_series", |b| {
        let metrics = Arc::clone(&metrics);
        let op = Arc::new(move |t: usize| metrics.free_text_total.inc(black_box(free[t])));
        b.iter_custom(|iters| two_threads(iters, Arc::clone(&op)))
    });
    group.finish();
}

criterion_group!(benches, inc, observe, contended);
criterion_main!(benches);
