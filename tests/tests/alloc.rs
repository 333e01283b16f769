//! Recording into a series that exists allocates nothing, for array storage (every label a
//! closed set) and for map storage (free-text labels looked up by borrowed `&str`); and a
//! family that is dropped gives back every byte its series took.
//!
//! A counting global allocator counts the allocations (and the bytes live) of the current thread
//! only, so that the test harness's own threads do not disturb the count.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use metrics_core::{Counter, Family, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static LIVE_BYTES: Cell<isize> = const { Cell::new(0) };
}

fn live(change: isize) {
    let _ = LIVE_BYTES.try_with(|c| c.set(c.get() + change));
}

// SAFETY: defers every operation to the system allocator; only counts.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        live(layout.size() as isize);
        // SAFETY: the caller upholds `alloc`'s contract, which is passed on unchanged.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        live(-(layout.size() as isize));
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        live(new_size as isize - layout.size() as isize);
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_during(f: impl FnOnce()) -> u64 {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "snake_case")]
enum Method {
    Get,
    Post,
}

#[derive(Clone, Copy, Debug, LabelValue)]
#[label(rename_all = "snake_case")]
enum Outcome {
    Ok,
    Error,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct ClosedLabels {
    method: Method,
    outcome: Outcome,
    cached: Option<bool>,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct FreeLabels<'a> {
    #[label(bound = 64)]
    realm: &'a str,
    #[label(bound = 64)]
    client_id: &'a str,
    #[label(bound = 64)]
    provider: &'a str,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct OptionalLabels<'a> {
    #[label(bound = 64)]
    realm: &'a str,
    #[label(bound = 64)]
    reason: Option<&'a str>,
}

#[derive(Debug, MetricGroup)]
struct Metrics {
    /// Closed.
    closed_total: Family<ClosedLabels, Counter>,
    /// Free text.
    free_total: Family<FreeLabels<'static>, Counter>,
    /// Optional.
    optional: Family<OptionalLabels<'static>, Gauge>,
    /// Closed histogram.
    #[metric(buckets(0.1, 1))]
    closed_seconds: Family<ClosedLabels, Histogram>,
    /// Free-text histogram.
    #[metric(buckets(0.1, 1))]
    free_seconds: Family<FreeLabels<'static>, Histogram>,
}

#[test]
fn recording_into_existing_series_does_not_allocate() {
    let metrics = Metrics::default();
    // Strings owned by the caller, as a request handler would have them.
    let (realm, client, provider) = (
        String::from("tmax"),
        String::from("portal"),
        String::from("kc"),
    );
    let free = FreeLabels {
        realm: &realm,
        client_id: &client,
        provider: &provider,
    };
    let closed = ClosedLabels {
        method: Method::Post,
        outcome: Outcome::Error,
        cached: Some(true),
    };
    let optional = OptionalLabels {
        realm: &realm,
        reason: Some(&provider),
    };
    // A value over 15 bytes: kept on the heap, looked up by another path.
    let client_long = String::from("a-client-id-longer-than-fifteen-bytes");
    let long = FreeLabels {
        realm: &realm,
        client_id: &client_long,
        provider: &provider,
    };

    // Creating a free-text series allocates its entry (and a copy of a long value), and may grow
    // the map's table. Neither is on the measured path.
    let creating = allocations_during(|| {
        metrics.free_total.inc(free);
        metrics.free_total.inc(long);
        metrics.optional.set(optional, 1);
        metrics.free_seconds.observe(free, 0.5);
    });
    assert!(creating > 0, "the counting allocator sees allocations");

    let recording = allocations_during(|| {
        for i in 0..10_000 {
            metrics.closed_total.inc(closed);
            metrics.closed_seconds.observe(closed, f64::from(i % 3));
            metrics.free_total.inc(free);
            metrics.free_total.inc(long);
            metrics.free_total.inc_by(
                FreeLabels {
                    realm: "tmax",
                    client_id: "portal",
                    provider: "kc",
                },
                2,
            );
            metrics.optional.add(optional, 1);
            metrics.free_seconds.observe(free, 0.05);
        }
    });
    assert_eq!(
        recording, 0,
        "recording into existing series allocated {recording} times"
    );
    assert_eq!(metrics.free_total.get(free), Some(1 + 3 * 10_000));
    assert_eq!(metrics.free_total.get(long), Some(1 + 10_000));
    assert_eq!(metrics.closed_total.get(closed), Some(10_000));
}

/// Every series, its key (long values are heap copies), the entries and every table the map grew
/// through are freed with the family: the bytes live on this thread come back to where they were.
#[test]
fn a_dropped_family_gives_back_every_byte() {
    let values: Vec<String> = (0..300)
        .map(|n| match n % 3 {
            0 => format!("short-{n}"),
            _ => format!("a-value-longer-than-fifteen-bytes-{n}"),
        })
        .collect();
    let before = LIVE_BYTES.with(Cell::get);
    {
        let metrics = Metrics::default();
        for value in &values {
            let labels = FreeLabels {
                realm: value,
                client_id: "portal",
                provider: value,
            };
            metrics.free_total.inc(labels);
            metrics.free_seconds.observe(labels, 0.5);
            metrics.optional.set(
                OptionalLabels {
                    realm: value,
                    reason: Some(value),
                },
                1,
            );
        }
        assert_eq!(metrics.free_total.len(), values.len());
        assert!(LIVE_BYTES.with(Cell::get) - before > 300 * 64);
    }
    assert_eq!(
        LIVE_BYTES.with(Cell::get) - before,
        0,
        "bytes left allocated after the family was dropped"
    );
}
