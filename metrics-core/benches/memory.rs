//! Heap bytes per series at 100,000 free-text series (three labels), for prometheus-client's
//! `Family`, the `prometheus` crate's `IntCounterVec` and the toolkit's `Family`, measured with a
//! counting allocator: the bytes still allocated after the series were created, divided by the
//! number of series. The label strings the caller builds to record are freed before counting.
//!
//! `cargo bench -p metrics-core --bench memory` prints one line per library.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use metrics_core::{Counter, Family, LabelSet, MetricGroup};
use prometheus_client::encoding::EncodeLabelSet;

struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

// SAFETY: defers every operation to the system allocator; only counts the live bytes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: the caller upholds `alloc`'s contract, passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(
            new_size as isize - layout.size() as isize,
            Ordering::Relaxed,
        );
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SERIES: usize = 100_000;

/// The label values of series `i`: 18 to 22 bytes of text in all, like a tenant, a route and a
/// status code.
fn values(i: usize) -> (String, String, String) {
    (
        format!("tenant-{:04}", i % 1000),
        format!("/api/r{}", i / 1000),
        ["200", "404", "503"][i % 3].to_owned(),
    )
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Labels<'a> {
    #[label(unbounded)]
    tenant: &'a str,
    #[label(unbounded)]
    route: &'a str,
    #[label(unbounded)]
    status: &'a str,
}

#[derive(Debug, MetricGroup)]
struct Metrics {
    /// Requests.
    requests_total: Family<Labels<'static>, Counter>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PcLabels {
    tenant: String,
    route: String,
    status: String,
}

/// The bytes per series that `fill` leaves allocated, with what it returns still alive.
fn per_series<T>(fill: impl FnOnce() -> T) -> f64 {
    let before = LIVE.load(Ordering::Relaxed);
    let kept = fill();
    let after = LIVE.load(Ordering::Relaxed);
    drop(kept);
    (after - before) as f64 / SERIES as f64
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: both run it.
    let pc = per_series(|| {
        let family = prometheus_client::metrics::family::Family::<
            PcLabels,
            prometheus_client::metrics::counter::Counter,
        >::default();
        for i in 0..SERIES {
            let (tenant, route, status) = values(i);
            let labels = PcLabels {
                tenant,
                route,
                status,
            };
            family.get_or_create(&labels).inc();
        }
        family
    });
    let tikv = per_series(|| {
        let vec = prometheus::IntCounterVec::new(
            prometheus::Opts::new("requests_total", "Requests."),
            &["tenant", "route", "status"],
        )
        .expect("a valid counter vec");
        for i in 0..SERIES {
            let (tenant, route, status) = values(i);
            vec.with_label_values(&[&tenant, &route, &status]).inc();
        }
        vec
    });
    let ours = per_series(|| {
        let metrics = Metrics::default();
        for i in 0..SERIES {
            let (tenant, route, status) = values(i);
            metrics.requests_total.inc(Labels {
                tenant: &tenant,
                route: &route,
                status: &status,
            });
        }
        assert_eq!(metrics.requests_total.len(), SERIES);
        metrics
    });
    println!("heap bytes per series, {SERIES} free-text series of three labels:");
    println!("  prometheus_client Family  {pc:8.1}");
    println!("  prometheus IntCounterVec  {tikv:8.1}");
    println!(
        "  ours (metrics-core)       {ours:8.1}   ({:.2}x prometheus-client)",
        ours / pc
    );
}
