//! Heap bytes per series at 100,000 free-text series (three labels), for prometheus-client's
//! `Family`, the `prometheus` crate's `IntCounterVec` and the toolkit's `Family`, measured with a
//! counting allocator: the bytes still allocated after the series were created, divided by the
//! number of series. The label strings the caller builds to record are freed before counting.
//!
//! Then a million distinct client addresses into a family capped at 2,000 label sets (an
//! unbounded label: the default cap): the heap bytes it holds at the end, against the bytes it
//! held at its cap, and the same million into prometheus-client's `Family`, which has no cap.
//!
//! `cargo bench -p metrics-benches --bench memory` prints one line per library and case.

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
    #[label(bound = 1_000_000)]
    tenant: &'a str,
    #[label(bound = 1_000_000)]
    route: &'a str,
    #[label(bound = 1_000_000)]
    status: &'a str,
}

#[derive(Debug, MetricGroup)]
struct Metrics {
    /// Requests.
    requests_total: Family<Labels<'static>, Counter>,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct ClientLabels<'a> {
    #[label(unbounded)]
    client: &'a str,
}

#[derive(Debug, MetricGroup)]
struct Clients {
    /// Requests by client address.
    requests_total: Family<ClientLabels<'static>, Counter>,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PcClient {
    client: String,
}

const CLIENTS: usize = 1_000_000;

/// The address of client `i`.
fn client(i: usize) -> String {
    format!("10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255)
}

/// A million distinct values into a capped family: the heap bytes at the cap and at the end.
fn capped() -> (isize, isize) {
    let before = LIVE.load(Ordering::Relaxed);
    let clients = Clients::default();
    let cap = metrics_core::DEFAULT_SERIES_CAP;
    for i in 0..cap {
        clients
            .requests_total
            .inc(ClientLabels { client: &client(i) });
    }
    let at_cap = LIVE.load(Ordering::Relaxed) - before;
    for i in cap..CLIENTS {
        clients
            .requests_total
            .inc(ClientLabels { client: &client(i) });
    }
    let at_end = LIVE.load(Ordering::Relaxed) - before;
    assert_eq!(clients.requests_total.len(), cap + 1);
    assert_eq!(clients.requests_total.overflows(), (CLIENTS - cap) as u64);
    drop(clients);
    (at_cap, at_end)
}

/// The same million into prometheus-client's `Family`: the heap bytes at the end.
fn uncapped_pc() -> isize {
    let before = LIVE.load(Ordering::Relaxed);
    let family = prometheus_client::metrics::family::Family::<
        PcClient,
        prometheus_client::metrics::counter::Counter,
    >::default();
    for i in 0..CLIENTS {
        family.get_or_create(&PcClient { client: client(i) }).inc();
    }
    let at_end = LIVE.load(Ordering::Relaxed) - before;
    drop(family);
    at_end
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
    let (at_cap, at_end) = capped();
    let pc_clients = uncapped_pc();
    let mib = |bytes: isize| bytes as f64 / (1024.0 * 1024.0);
    println!("heap bytes after {CLIENTS} distinct values of one free-text label:");
    println!(
        "  ours, capped at {} label sets  {:8.2} MiB (at the cap: {:.2} MiB)",
        metrics_core::DEFAULT_SERIES_CAP,
        mib(at_end),
        mib(at_cap)
    );
    println!(
        "  prometheus_client Family        {:8.2} MiB (no cap)",
        mib(pc_clients)
    );
}
