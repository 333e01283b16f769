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
    reader_slot_of_this_thread();
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

#[derive(Clone, Copy, Debug, LabelSet)]
struct ClientLabels<'a> {
    #[label(bound = 1000)]
    client: &'a str,
    method: Method,
}

#[derive(Debug, MetricGroup)]
struct Clients {
    /// Requests by client address.
    requests_total: Family<ClientLabels<'static>, Counter>,
}

/// A million distinct values of a free-text label declared `bound = 1000` (with a closed label of
/// two values: a cap of 2,000 label sets) keep the family at its cap: the heap grows by the two
/// overflow series and nothing else, every increment is counted (in its series or in the overflow
/// series of its method), and each overflowed record is counted once.
#[test]
fn a_million_distinct_values_keep_a_capped_family_at_its_cap() {
    const RECORDS: usize = 1_000_000;
    let clients = Clients::default();
    let family = &clients.requests_total;
    let method = |i: usize| {
        if i.is_multiple_of(2) {
            Method::Get
        } else {
            Method::Post
        }
    };
    let mut client = String::new();
    let mut record = |i: usize| {
        use std::fmt::Write as _;
        client.clear();
        write!(client, "10.{}.{}.{}", i >> 16, (i >> 8) & 255, i & 255).unwrap();
        family.inc(ClientLabels {
            client: &client,
            method: method(i),
        });
    };
    for i in 0..2000 {
        record(i);
    }
    assert_eq!(family.len(), 2000);
    assert_eq!(family.overflows(), 0);
    let at_cap = LIVE_BYTES.with(Cell::get);
    for i in 2000..RECORDS {
        record(i);
    }
    let grown = LIVE_BYTES.with(Cell::get) - at_cap;
    assert_eq!(
        family.len(),
        2002,
        "the cap and one overflow series per method"
    );
    assert!(
        grown <= 2 * 128,
        "{grown} bytes allocated past the cap (two overflow series)"
    );
    assert_eq!(family.overflows(), (RECORDS - 2000) as u64);
    let overflowed: u64 = [Method::Get, Method::Post]
        .into_iter()
        .map(|method| {
            family
                .get(ClientLabels {
                    client: metrics_core::OVERFLOW_VALUE,
                    method,
                })
                .expect("an overflow series per method")
        })
        .sum();
    assert_eq!(overflowed, family.overflows());
    // The series created before the cap hold one record each: 2,000 + the overflow = every record.
    assert_eq!(
        family.get(ClientLabels {
            client: "10.0.7.207",
            method: Method::Post
        }),
        Some(1)
    );
    assert_eq!(2000 + overflowed, RECORDS as u64);
    // A record of a label set that exists still goes to its series.
    record(7);
    assert_eq!(family.overflows(), (RECORDS - 2000) as u64);
}

/// A real value equal to the overflow marker is recorded in the overflow series (so that the
/// overflow and a real series never mix), and counted as an overflow, before the cap too.
#[test]
fn a_real_value_equal_to_the_marker_goes_to_the_overflow_series() {
    let clients = Clients::default();
    let labels = ClientLabels {
        client: metrics_core::OVERFLOW_VALUE,
        method: Method::Get,
    };
    clients.requests_total.inc(labels);
    clients.requests_total.inc(ClientLabels {
        client: "10.0.0.1",
        method: Method::Get,
    });
    assert_eq!(clients.requests_total.overflows(), 1);
    assert_eq!(clients.requests_total.get(labels), Some(1));
    assert_eq!(clients.requests_total.len(), 2);
}

/// Makes the thread's reader slot, which its first record into a free-text series makes and
/// keeps for the thread (for the reclamation of removed series), before bytes are counted.
fn reader_slot_of_this_thread() {
    Metrics::default().free_total.inc(FreeLabels {
        realm: "r",
        client_id: "c",
        provider: "p",
    });
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct SessionLabels<'a> {
    #[label(unbounded)]
    session: &'a str,
}

#[derive(Debug, MetricGroup)]
struct Sessions {
    /// Bytes sent in each session.
    #[metric(series_cap = 200_000)]
    sent_bytes: Family<SessionLabels<'static>, Gauge, metrics_core::Removable>,
}

/// Removed series give their memory back: 100,000 sessions come and go, removed one by one, and
/// the heap comes back to within the empty family's table; then again with `clear`. Recording
/// into the series left is unaffected, and a removed series records again from zero.
///
/// What a removal unlinks is freed once no thread is inside a read section begun before it (the
/// other tests of this file record meanwhile), at the next upkeep: a scrape here.
#[test]
fn removed_series_give_their_memory_back() {
    reader_slot_of_this_thread();
    let sessions = Sessions::default();
    let family = &sessions.sent_bytes;
    let mut registry = metrics_core::Registry::new();
    registry.register(&sessions);
    let bytes_left_after_scrapes = |empty: isize| {
        for _ in 0..1000 {
            let left = LIVE_BYTES.with(Cell::get) - empty;
            if left < 4096 {
                return left;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
            registry.encode(metrics_core::Format::OpenMetrics).unwrap();
        }
        LIVE_BYTES.with(Cell::get) - empty
    };
    // The registry's layout is made at its first scrape, and kept.
    registry.encode(metrics_core::Format::OpenMetrics).unwrap();
    let names: Vec<String> = (0..100_000).map(|i| format!("session-{i:06}")).collect();
    let empty = LIVE_BYTES.with(Cell::get);
    for (i, name) in names.iter().enumerate() {
        family.set(SessionLabels { session: name }, i as i64);
    }
    assert_eq!(family.len(), 100_000);
    let full = LIVE_BYTES.with(Cell::get) - empty;
    assert!(full > 100_000 * 64, "{full} bytes for 100,000 series");
    for name in &names[1..] {
        assert!(family.remove(SessionLabels { session: name }));
    }
    assert!(!family.remove(SessionLabels { session: &names[1] }));
    assert_eq!(family.len(), 1);
    assert_eq!(family.get(SessionLabels { session: &names[0] }), Some(0));
    family.add(SessionLabels { session: &names[0] }, 5);
    assert_eq!(family.get(SessionLabels { session: &names[0] }), Some(5));
    let left = bytes_left_after_scrapes(empty);
    println!("100,000 series: {full} bytes; after removing all but one: {left} bytes");
    assert!(
        left < 4096,
        "{left} of {full} bytes still allocated with one series left"
    );
    // Back again, from zero, then all cleared at once.
    family.inc(SessionLabels { session: &names[7] });
    assert_eq!(family.get(SessionLabels { session: &names[7] }), Some(1));
    for name in &names {
        family.inc(SessionLabels { session: name });
    }
    family.clear();
    family.inc(SessionLabels { session: "after" });
    assert_eq!(family.len(), 1);
    let left = bytes_left_after_scrapes(empty);
    println!("after clear and one new series: {left} bytes");
    assert!(left < 4096, "{left} bytes still allocated after clear");
}
