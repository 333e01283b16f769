//! What a user sees in the exposition: registration next to hand-written prometheus-client
//! metrics, stable order, counter naming, series that exist from the start, optional labels,
//! histograms, and correct totals under concurrent recording.

use std::sync::Arc;

use metrics_core::{
    Counter, Family, Format, Gauge, Histogram, LabelSet, LabelValue, MetricGroup,
    PrometheusClientExt, Registry, Removable,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "lowercase")]
enum Direction {
    In,
    Out,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Closed {
    direction: Direction,
    cached: Option<bool>,
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Host<'a> {
    #[label(bound = 300)]
    host: &'a str,
    direction: Direction,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "net")]
struct Metrics {
    /// Bytes moved.
    #[metric(allow(counter_total))]
    bytes: Family<Closed, Counter>,
    /// Bytes moved per host.
    host_bytes_total: Family<Host<'static>, Counter>,
    /// Connections open.
    connections: Gauge,
    /// Connection time.
    #[metric(unit = "seconds", buckets(0.5, 1, 2))]
    connect_seconds: Histogram,
    /// Seconds spent.
    cpu_seconds_total: Counter<f64>,
}

fn encode(registry: &Registry) -> String {
    registry.encode(Format::OpenMetrics).expect("no collision")
}

/// Interoperation: the toolkit's families register into an ordinary prometheus-client registry,
/// next to metrics written by hand, and prometheus-client's own encoder writes them all (in its
/// order: its own metrics in registration order, then collectors such as a metric group; the
/// sorted writer is `metrics_core::Registry`'s).
#[test]
fn registers_into_a_prometheus_client_registry_next_to_hand_written_metrics() {
    let metrics = Metrics::default();
    let mut registry = prometheus_client::registry::Registry::default();
    let zebra = prometheus_client::metrics::gauge::Gauge::<i64>::default();
    registry.register("zebra", "Registered first", zebra.clone());
    registry.register_metrics(&metrics);
    let apple = prometheus_client::metrics::counter::Counter::<u64>::default();
    registry.register("apple", "Registered last", apple.clone());
    zebra.set(2);
    apple.inc();
    metrics.connections.set(4);
    metrics.bytes.inc_by(
        Closed {
            direction: Direction::In,
            cached: None,
        },
        3,
    );

    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &registry).expect("encodes");
    let families: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .map(|l| l.split(' ').next().unwrap_or_default())
        .collect();
    assert_eq!(
        families,
        [
            "zebra",
            "apple",
            "net_bytes",
            "net_host_bytes",
            "net_connections",
            "net_connect_seconds",
            "net_cpu_seconds",
        ]
    );
    for line in [
        "zebra 2\n",
        "apple_total 1\n",
        "net_connections 4\n",
        "net_bytes_total{direction=\"in\"} 3\n",
        "# HELP net_bytes Bytes moved.\n",
    ] {
        assert!(text.contains(line), "no {line:?} in\n{text}");
    }
}

#[test]
fn a_counter_is_one_family_with_a_total_sample_however_it_is_declared() {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&metrics);
    metrics.host_bytes_total.inc(Host {
        host: "a",
        direction: Direction::In,
    });
    metrics.cpu_seconds_total.inc_by(0.25);
    let text = encode(&registry);
    assert!(text.contains("# TYPE net_host_bytes counter\n"));
    assert!(text.contains("net_host_bytes_total{host=\"a\",direction=\"in\"} 1\n"));
    assert!(text.contains("# TYPE net_bytes counter\n"));
    assert!(text.contains("net_cpu_seconds_total 0.25\n"));
    assert!(!text.contains("_total_total"), "{text}");
}

#[test]
fn closed_series_exist_from_registration_and_optional_labels_are_left_out() {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&metrics);
    let text = encode(&registry);
    let bytes: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("net_bytes_total"))
        .collect();
    assert_eq!(
        bytes,
        [
            "net_bytes_total{direction=\"in\"} 0",
            "net_bytes_total{direction=\"in\",cached=\"false\"} 0",
            "net_bytes_total{direction=\"in\",cached=\"true\"} 0",
            "net_bytes_total{direction=\"out\"} 0",
            "net_bytes_total{direction=\"out\",cached=\"false\"} 0",
            "net_bytes_total{direction=\"out\",cached=\"true\"} 0",
        ]
    );
    // A family with free text has no series until one is recorded.
    assert!(!text.contains("net_host_bytes_total{"));
    assert!(text.contains("# TYPE net_host_bytes counter\n"));

    metrics.bytes.inc_by(
        Closed {
            direction: Direction::Out,
            cached: None,
        },
        7,
    );
    assert!(encode(&registry).contains("net_bytes_total{direction=\"out\"} 7\n"));
    assert_eq!(
        metrics.bytes.get(Closed {
            direction: Direction::Out,
            cached: None
        }),
        Some(7)
    );
}

#[test]
fn the_exposition_is_byte_stable_whatever_the_recording_order() {
    let hosts: Vec<String> = (0..300)
        .map(|i| format!("host-{:03}", (i * 7919) % 300))
        .collect();
    let render = |reverse: bool| {
        let metrics = Metrics::default();
        let mut registry = Registry::new();
        registry.register(&metrics);
        let mut order: Vec<&String> = hosts.iter().collect();
        if reverse {
            order.reverse();
        }
        for host in order {
            metrics.host_bytes_total.inc(Host {
                host,
                direction: Direction::Out,
            });
        }
        encode(&registry)
    };
    let first = render(false);
    assert_eq!(first, render(true));
    let series: Vec<&str> = first
        .lines()
        .filter(|l| l.starts_with("net_host_bytes_total{"))
        .collect();
    assert_eq!(series.len(), 300);
    let mut sorted = series.clone();
    sorted.sort();
    assert_eq!(series, sorted);
}

#[test]
fn histograms_count_inclusive_buckets_and_agree_with_their_count() {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&metrics);
    for v in [0.5, 0.7, 2.0, 3.0, f64::NAN] {
        metrics.connect_seconds.observe(v);
    }
    let text = encode(&registry);
    for expected in [
        "net_connect_seconds_bucket{le=\"0.5\"} 1\n",
        "net_connect_seconds_bucket{le=\"1.0\"} 2\n",
        "net_connect_seconds_bucket{le=\"2.0\"} 3\n",
        "net_connect_seconds_bucket{le=\"+Inf\"} 5\n",
        "# UNIT net_connect_seconds seconds\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // The NaN observation made the sum NaN, which OpenMetrics cannot carry (a sum is a counter
    // there): no `_sum`, and no `_count` without it. The text format 0.0.4 writes both.
    assert!(!text.contains("net_connect_seconds_sum"), "{text}");
    assert!(!text.contains("net_connect_seconds_count"), "{text}");
    let text = registry.encode(Format::Prometheus).expect("no collision");
    assert!(
        text.contains("net_connect_seconds_sum NaN\nnet_connect_seconds_count 5\n"),
        "{text}"
    );
}

#[test]
fn a_counter_never_goes_down() {
    let metrics = Metrics::default();
    metrics.cpu_seconds_total.inc_by(1.5);
    metrics.cpu_seconds_total.inc_by(-1.0);
    metrics.cpu_seconds_total.inc_by(f64::NAN);
    assert_eq!(metrics.cpu_seconds_total.get(), 1.5);
}

#[test]
fn a_prefix_applies_to_every_family_of_the_struct() {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register_with_prefix(&metrics, "edge");
    metrics.connections.set(4);
    let text = encode(&registry);
    assert!(text.contains("edge_net_connections 4\n"), "{text}");
    assert_eq!(text.matches("# TYPE edge_net_").count(), 5);
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Peer<'a> {
    #[label(bound = 1024)]
    peer: &'a str,
    direction: Direction,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "net")]
struct Busy {
    /// Bytes moved per peer.
    peer_bytes_total: Family<Peer<'static>, Counter>,
    /// Bytes moved.
    #[metric(allow(counter_total))]
    bytes: Family<Closed, Counter>,
    /// Connection time.
    #[metric(unit = "seconds", buckets(0.5, 1, 2))]
    connect_seconds: Histogram,
}

/// The `net_peer_bytes_total` series of a scrape, and the value of each; fails on a malformed
/// or repeated series.
fn peer_series(text: &str) -> std::collections::BTreeMap<String, u64> {
    let mut series = std::collections::BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| l.starts_with("net_peer_bytes_total{"))
    {
        let (labels, value) = line.rsplit_once(' ').expect("labels and a value");
        let value = value.parse().unwrap_or_else(|_| panic!("a count: {line}"));
        assert!(
            series.insert(labels.to_owned(), value).is_none(),
            "a series written twice: {line}"
        );
    }
    series
}

/// Fails when a series of `labels` in the last scrape is missing from this one, or lower.
fn assert_still_rising<'a>(
    last: &std::collections::BTreeMap<String, u64>,
    now: &std::collections::BTreeMap<String, u64>,
    labels: impl IntoIterator<Item = &'a String>,
) {
    for labels in labels {
        if let Some(before) = last.get(labels) {
            let now = now
                .get(labels)
                .unwrap_or_else(|| panic!("{labels} vanished"));
            assert!(now >= before, "{labels} went from {before} to {now}");
        }
    }
}

/// Four threads start together (a barrier) and create 512 free-text series each in its own
/// order, so that the table grows under all of them at once, while a fifth thread scrapes: every
/// scrape is whole (each series once, none lost from one scrape to the next, no count going
/// down), and at the end every increment is there.
#[test]
fn concurrent_recording_while_scraping_loses_no_increment() {
    use std::sync::Barrier;
    use std::sync::atomic::{AtomicBool, Ordering};

    const THREADS: usize = 4;
    const PEERS: usize = 512;
    const PER_THREAD: usize = 8 * PEERS;
    // Short values live in the key, longer ones on the heap: both kinds grow the table.
    let peers: Arc<Vec<String>> = Arc::new(
        (0..PEERS)
            .map(|n| match n % 2 {
                0 => format!("10.0.{}.{}", n / 256, n % 256),
                _ => format!("a-longer-peer-name-{n}.example.org"),
            })
            .collect(),
    );
    let metrics = Arc::new(Busy::default());
    let registry = {
        let mut registry = Registry::new();
        registry.register(&*metrics);
        Arc::new(registry)
    };
    let start = Arc::new(Barrier::new(THREADS + 1));
    let done = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..THREADS)
        .map(|t| {
            let (metrics, peers, start) =
                (Arc::clone(&metrics), Arc::clone(&peers), Arc::clone(&start));
            std::thread::spawn(move || {
                // An odd stride is a permutation of the 512 peers: each thread its own order.
                let stride = 2 * t + 1;
                start.wait();
                for i in 0..PER_THREAD {
                    let peer = &peers[(i * stride + t * 97) % PEERS];
                    metrics.peer_bytes_total.inc(Peer {
                        peer,
                        direction: Direction::In,
                    });
                    metrics.bytes.inc(Closed {
                        direction: Direction::Out,
                        cached: Some(i % 2 == 0),
                    });
                    metrics.connect_seconds.observe(1.0);
                }
            })
        })
        .collect();
    let scraper = {
        let (registry, start, done) =
            (Arc::clone(&registry), Arc::clone(&start), Arc::clone(&done));
        std::thread::spawn(move || {
            start.wait();
            let mut scrapes = 0;
            let mut last = std::collections::BTreeMap::new();
            while !done.load(Ordering::Acquire) || scrapes < 2 {
                let text = registry.encode(Format::OpenMetrics).expect("no collision");
                assert!(text.ends_with("# EOF\n"));
                let series = peer_series(&text);
                assert!(series.len() <= PEERS);
                assert_still_rising(&last, &series, last.keys());
                last = series;
                scrapes += 1;
            }
            scrapes
        })
    };
    for writer in writers {
        writer.join().expect("a recording thread panicked");
    }
    done.store(true, Ordering::Release);
    let scrapes = scraper.join().expect("the scraping thread panicked");
    assert!(scrapes >= 2, "{scrapes} scrapes");

    let text = registry.encode(Format::OpenMetrics).expect("no collision");
    let series = peer_series(&text);
    assert_eq!(series.len(), PEERS);
    assert_eq!(metrics.peer_bytes_total.len(), PEERS);
    // Each thread visits every peer 8 times.
    for (labels, count) in &series {
        assert_eq!(*count, (THREADS * 8) as u64, "{labels}");
    }
    let per_peer: u64 = peers
        .iter()
        .map(|peer| {
            metrics
                .peer_bytes_total
                .get(Peer {
                    peer,
                    direction: Direction::In,
                })
                .expect("the series exists")
        })
        .sum();
    let total = (THREADS * PER_THREAD) as u64;
    assert_eq!(per_peer, total);
    let closed: u64 = [true, false]
        .into_iter()
        .map(|cached| {
            metrics
                .bytes
                .get(Closed {
                    direction: Direction::Out,
                    cached: Some(cached),
                })
                .expect("present from the start")
        })
        .sum();
    assert_eq!(closed, total);
    assert_eq!(
        metrics.connect_seconds.count_and_sum(),
        (total, total as f64)
    );
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Request<'a> {
    #[label(bound = 64)]
    path: &'a str,
    #[label(bound = 64)]
    user: Option<&'a str>,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "web")]
struct Web {
    /// Requests by path and user.
    requests_total: Family<Request<'static>, Counter>,
}

/// Free-text values are stored in the key up to 15 bytes and on the heap beyond: every length
/// around that limit, empty and absent, non-ASCII, and values that differ only in their last
/// byte, each name a series of its own, read back and exposed exactly.
#[test]
fn free_text_values_of_every_length_are_series_of_their_own() {
    let fifteen = "/abcdefghijklmn";
    let sixteen = "/abcdefghijklmno";
    let long = "/api/v1/organisations/{org}/members/{id}";
    let paths = [
        "",
        "/",
        "/a",
        "/ab",
        "/abc",
        "/abcdefg",
        "/abcdefgh",
        fifteen,
        sixteen,
        long,
        "/abcdefghijklmnp",
        "/stra\u{df}e",
        "/\u{65e5}\u{672c}\u{8a9e}",
        "nul\0byte",
    ];
    let users = [
        None,
        Some(""),
        Some("bob"),
        Some("a-user-name-longer-than-15"),
    ];
    let web = Web::default();
    let mut expected = Vec::new();
    let mut n = 0;
    for path in paths {
        for user in users {
            n += 1;
            web.requests_total.inc_by(Request { path, user }, n);
            expected.push((path, user, n));
        }
    }
    for (path, user, n) in &expected {
        let got = web.requests_total.get(Request { path, user: *user });
        assert_eq!(got, Some(*n), "path {path:?}, user {user:?}");
    }
    assert_eq!(web.requests_total.len(), expected.len());
    // Never recorded: a prefix, an extension and a value one byte off, of each storage form.
    for path in [
        "/abcdefghijklm",
        "/abcdefghijklmnop",
        "/api/v1/organisations/{org}/members/{iD}",
    ] {
        assert_eq!(
            web.requests_total.get(Request { path, user: None }),
            None,
            "{path:?}"
        );
    }

    let mut registry = Registry::new();
    registry.register(&web);
    let text = encode(&registry);
    assert!(
        text.contains(&format!(
            "web_requests_total{{path=\"{long}\",user=\"a-user-name-longer-than-15\"}} 40\n"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("web_requests_total{{path=\"{sixteen}\"}} 33\n")),
        "{text}"
    );
    assert!(
        text.contains("web_requests_total{path=\"\",user=\"\"} 2\n"),
        "{text}"
    );
    assert!(text.contains("web_requests_total{path=\"\"} 1\n"), "{text}");
    assert_eq!(text.matches("web_requests_total{").count(), expected.len());
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct MeshPeer<'a> {
    #[label(bound = 2)]
    peer: &'a str,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "mesh")]
struct Mesh {
    /// Messages by peer.
    messages_total: Family<MeshPeer<'static>, Counter>,
    /// Links by peer.
    links: Family<MeshPeer<'static>, Gauge>,
}

/// A family past its cap writes its overflow series among its own, sorted with them, and the
/// registry then writes how many records each family sent there, by declared name; a registry
/// whose families stayed within their caps writes no such family.
#[test]
fn overflows_are_written_in_the_page_and_counted_by_family() {
    let mesh = Mesh::default();
    let mut registry = Registry::new();
    registry.register(&mesh);
    for peer in ["a", "b"] {
        mesh.messages_total.inc(MeshPeer { peer });
    }
    let within = registry.encode(Format::OpenMetrics).unwrap();
    assert!(!within.contains("overflow"), "{within}");
    for peer in ["c", "d", "e"] {
        mesh.messages_total.inc(MeshPeer { peer });
    }
    assert_eq!(
        registry.encode(Format::OpenMetrics).unwrap(),
        "# HELP mesh_links Links by peer.\n\
         # TYPE mesh_links gauge\n\
         # HELP mesh_messages Messages by peer.\n\
         # TYPE mesh_messages counter\n\
         mesh_messages_total{peer=\"__overflow__\"} 3\n\
         mesh_messages_total{peer=\"a\"} 1\n\
         mesh_messages_total{peer=\"b\"} 1\n\
         # HELP metrics_core_series_overflows Records that went to a family's overflow series, its label sets at their cap.\n\
         # TYPE metrics_core_series_overflows counter\n\
         metrics_core_series_overflows_total{family=\"mesh_messages_total\"} 3\n\
         # EOF\n"
    );
    let text = registry.encode(Format::Prometheus).unwrap();
    assert!(
        text.ends_with(
            "# HELP metrics_core_series_overflows_total Records that went to a family's overflow series, its label sets at their cap.\n\
             # TYPE metrics_core_series_overflows_total counter\n\
             metrics_core_series_overflows_total{family=\"mesh_messages_total\"} 3\n"
        ),
        "{text}"
    );
}

#[derive(Clone, Copy, Debug, LabelSet)]
struct Room<'a> {
    #[label(unbounded)]
    room: &'a str,
    direction: Direction,
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "sfu")]
struct Rooms {
    /// Participants in each room.
    #[metric(idle = "150ms")]
    participants: Family<Room<'static>, Gauge, Removable>,
    /// Media bytes by room.
    #[metric(series_cap = 2)]
    media_bytes_total: Family<Room<'static>, Counter, Removable>,
    /// Packets by direction.
    packets_total: Family<Closed, Counter, Removable>,
}

/// A removed series leaves the page and comes back from zero when recorded again; `clear`
/// empties a family; a closed-set series is set back to zero and stays (as every closed-set
/// series does from creation on).
#[test]
fn removed_series_leave_the_page_and_come_back_from_zero() {
    let rooms = Rooms::default();
    let mut registry = Registry::new();
    registry.register(&rooms);
    let lobby = Room {
        room: "lobby",
        direction: Direction::In,
    };
    let stage = Room {
        room: "a room named with more than fifteen bytes",
        direction: Direction::Out,
    };
    rooms.media_bytes_total.inc_by(lobby, 10);
    rooms.media_bytes_total.inc_by(stage, 20);
    assert!(rooms.media_bytes_total.remove(stage));
    assert!(!rooms.media_bytes_total.remove(stage), "already gone");
    let page = encode(&registry);
    assert!(page.contains("sfu_media_bytes_total{room=\"lobby\",direction=\"in\"} 10\n"));
    assert!(!page.contains("fifteen"), "{page}");
    rooms.media_bytes_total.inc(stage);
    assert_eq!(rooms.media_bytes_total.get(stage), Some(1));
    rooms.media_bytes_total.clear();
    assert!(rooms.media_bytes_total.is_empty());
    assert!(!encode(&registry).contains("sfu_media_bytes_total{"));

    let closed = Closed {
        direction: Direction::Out,
        cached: None,
    };
    rooms.packets_total.inc_by(closed, 5);
    assert!(rooms.packets_total.remove(closed));
    assert_eq!(rooms.packets_total.get(closed), Some(0));
    rooms.packets_total.inc(closed);
    rooms.packets_total.clear();
    assert_eq!(rooms.packets_total.get(closed), Some(0));
    assert_eq!(rooms.packets_total.len(), 6);
}

/// A family declared `idle = "150ms"` loses, at a scrape, the series that went a whole sweep
/// interval without a record: a room recorded into between two scrapes stays, one left alone
/// goes at the second scrape after its last record.
#[test]
fn idle_series_are_removed_at_scrape_time() {
    let rooms = Rooms::default();
    let mut registry = Registry::new();
    registry.register(&rooms);
    let room = |room| Room {
        room,
        direction: Direction::In,
    };
    let interval = std::time::Duration::from_millis(160);
    rooms.participants.set(room("busy"), 3);
    rooms.participants.set(room("empty"), 1);
    std::thread::sleep(interval);
    // The first sweep: both were recorded into since the family began; both stay.
    assert!(encode(&registry).contains("room=\"empty\""));
    rooms.participants.set(room("busy"), 4);
    std::thread::sleep(interval);
    let page = encode(&registry);
    assert!(
        page.contains("sfu_participants{room=\"busy\",direction=\"in\"} 4\n"),
        "{page}"
    );
    assert!(!page.contains("room=\"empty\""), "{page}");
    assert_eq!(rooms.participants.len(), 1);
    std::thread::sleep(interval);
    encode(&registry);
    assert!(rooms.participants.is_empty(), "busy went idle too");
    // A record brings a series back, and a sweep before the idle time has passed removes none.
    rooms.participants.set(room("busy"), 1);
    assert_eq!(rooms.participants.expire_idle(), 0);
    assert_eq!(rooms.participants.len(), 1);
}

/// A cap declared with `series_cap`, and one set at registration, replace the worst case.
#[test]
fn caps_are_declared_or_set_at_registration() {
    let rooms = Rooms::default();
    let mut registry = Registry::new();
    registry.register_with_prefix(&rooms, "edge");
    assert_eq!(rooms.media_bytes_total.series_cap(), 2);
    assert_eq!(Rooms::DESCRIPTORS[1].series_cap(), 2);
    for name in ["a", "b", "c"] {
        rooms.media_bytes_total.inc(Room {
            room: name,
            direction: Direction::In,
        });
    }
    assert_eq!(rooms.media_bytes_total.overflows(), 1);
    assert_eq!(
        rooms.participants.series_cap(),
        metrics_core::DEFAULT_SERIES_CAP
    );
    assert!(registry.set_series_cap("edge_sfu_participants", 1));
    assert!(
        !registry.set_series_cap("edge_sfu_packets_total", 1),
        "closed sets have no cap"
    );
    assert!(
        !registry.set_series_cap("sfu_participants", 1),
        "the name with its prefix"
    );
    for name in ["a", "b"] {
        rooms.participants.set(
            Room {
                room: name,
                direction: Direction::In,
            },
            1,
        );
    }
    assert_eq!(rooms.participants.overflows(), 1);
    assert!(
        encode(&registry)
            .contains("metrics_core_series_overflows_total{family=\"edge_sfu_participants\"} 1\n")
    );
}

#[derive(Debug, MetricGroup)]
#[metrics(prefix = "net")]
struct Churn {
    /// Bytes moved per peer.
    peer_bytes_total: Family<Peer<'static>, Counter, Removable>,
    /// Bytes moved.
    #[metric(allow(counter_total))]
    bytes: Family<Closed, Counter, Removable>,
}

/// Two threads record for a bounded time into 16 peers that stay and 112 that come and go,
/// while a third removes the ones that go (and now and then clears a family of its own) and a
/// fourth scrapes: every page parses with each series once, a peer that stays never goes down
/// or vanishes, and at the end every increment of a peer that stayed is in the page.
#[test]
fn recording_removing_and_scraping_at_once_loses_no_increment_of_a_live_series() {
    use std::sync::Barrier;
    use std::sync::atomic::{AtomicBool, Ordering};

    const STAYING: usize = 16;
    const PEERS: usize = 128;
    let peers: Arc<Vec<String>> = Arc::new(
        (0..PEERS)
            .map(|n| match n % 2 {
                0 => format!("10.1.0.{n}"),
                _ => format!(
                    "a-peer-that-{}-{n}.example.org",
                    if n < STAYING { "stays" } else { "goes" }
                ),
            })
            .collect(),
    );
    let metrics = Arc::new(Churn::default());
    let registry = {
        let mut registry = Registry::new();
        registry.register(&*metrics);
        Arc::new(registry)
    };
    let start = Arc::new(Barrier::new(4));
    let stop = Arc::new(AtomicBool::new(false));
    fn peer(name: &str) -> Peer<'_> {
        Peer {
            peer: name,
            direction: Direction::Out,
        }
    }
    // Starts a thread that waits for the others, then works until told to stop.
    type Work = Box<dyn FnOnce(&Churn, &Registry, &[String], &AtomicBool) -> u64 + Send>;
    let spawn = |work: Work| {
        let (metrics, registry, peers, start, stop) = (
            Arc::clone(&metrics),
            Arc::clone(&registry),
            Arc::clone(&peers),
            Arc::clone(&start),
            Arc::clone(&stop),
        );
        std::thread::spawn(move || {
            start.wait();
            work(&metrics, &registry, &peers, &stop)
        })
    };
    let recorders: Vec<_> = (0..2)
        .map(|t| {
            spawn(Box::new(move |metrics, _, peers, stop| {
                let mut staying = 0u64;
                let mut i = t;
                while !stop.load(Ordering::Relaxed) {
                    let n = (i * 37) % PEERS;
                    metrics.peer_bytes_total.inc(peer(&peers[n]));
                    staying += u64::from(n < STAYING);
                    i += 1;
                }
                staying
            }))
        })
        .collect();
    let remover = spawn(Box::new(|metrics, _, peers, stop| {
        let mut removed = 0u64;
        while !stop.load(Ordering::Relaxed) {
            for name in &peers[STAYING..] {
                removed += u64::from(metrics.peer_bytes_total.remove(peer(name)));
            }
            metrics.bytes.clear();
        }
        removed
    }));
    let scraper = spawn(Box::new(|_, registry, peers, stop| {
        let staying: Vec<String> = peers[..STAYING]
            .iter()
            .map(|name| format!("net_peer_bytes_total{{peer=\"{name}\",direction=\"out\"}}"))
            .collect();
        let mut last = std::collections::BTreeMap::new();
        let mut scrapes = 0u64;
        while !stop.load(Ordering::Relaxed) {
            let series = peer_series(&registry.encode(Format::OpenMetrics).expect("a page"));
            assert_still_rising(&last, &series, &staying);
            last = series;
            scrapes += 1;
        }
        scrapes
    }));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    stop.store(true, Ordering::Relaxed);
    let made: u64 = recorders
        .into_iter()
        .map(|r| r.join().expect("no panic"))
        .sum();
    let removed = remover.join().expect("no panic");
    let scrapes = scraper.join().expect("no panic");
    let page = peer_series(&registry.encode(Format::OpenMetrics).expect("a page"));
    let counted: u64 = peers[..STAYING]
        .iter()
        .map(|name| page[&format!("net_peer_bytes_total{{peer=\"{name}\",direction=\"out\"}}")])
        .sum();
    println!("{made} increments of staying peers, {removed} removals, {scrapes} scrapes");
    assert!(
        removed > 100 && scrapes > 10,
        "{removed} removals, {scrapes} scrapes"
    );
    assert_eq!(counted, made, "increments of the peers that stayed");
}
