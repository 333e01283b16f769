//! The helpers on registries whose process values change at every exposition.

use super::*;
use crate::{Counter, Family, Gauge, LabelSet, Summary};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

#[derive(Clone, Copy, LabelSet)]
struct Peer<'a> {
    #[label(bound = 8)]
    peer: &'a str,
}

#[derive(MetricGroup)]
#[metrics(prefix = "app")]
struct Metrics {
    /// Requests served.
    requests_total: Counter,
    /// Open connections, by peer.
    connections: Family<Peer<'static>, Gauge>,
    /// Latency.
    #[metric(quantiles(0.5))]
    latency: Summary,
}

/// A registry whose process metrics take new values at every exposition, as the real
/// collector's do, and the application's metrics beside them.
fn changing_registry() -> (Registry, Metrics) {
    let mut registry = Registry::new();
    let process = ProcessMetrics::new();
    registry.register(&process);
    let prefixed = ProcessMetrics::new();
    registry.register_with_prefix(&prefixed, "child");
    let scrapes = Arc::new(AtomicU32::new(0));
    registry.before_encode(move || {
        let n = f64::from(scrapes.fetch_add(1, Ordering::Relaxed) + 1);
        for p in [&process, &prefixed] {
            p.process_cpu_seconds_total.set_total(n / 100.0);
            p.process_start_time_seconds.set(1.7e9 + n);
            p.process_open_fds.set(n);
            p.process_max_fds.set(1024.0 * n);
            p.process_resident_memory_bytes.set(1e6 * n);
            p.process_virtual_memory_bytes.set(2e6 * n);
            p.process_virtual_memory_max_bytes.set(3e6 * n);
        }
    });
    let metrics = Metrics::new();
    registry.register(&metrics);
    metrics.connections.set(Peer { peer: "a b" }, 2);
    (registry, metrics)
}

#[test]
fn process_values_that_change_between_scrapes_are_normalised() {
    let (registry, _metrics) = changing_registry();
    for format in Format::ALL {
        let raw = |r: &Registry| r.encode(format).expect("no collision");
        assert_ne!(
            raw(&registry),
            raw(&registry),
            "{format}: the input must change"
        );
        let first = exposition(&registry, format);
        assert_eq!(first, exposition(&registry, format), "{format}");
        let normalised = first.matches(NORMALISED).count();
        assert_eq!(normalised, 14, "{format}: 7 families, twice:\n{first}");
        for line in first
            .lines()
            .filter(|l| l.contains("process_") && !l.starts_with('#'))
        {
            assert!(line.ends_with(" [normalised]"), "{format}: {line}");
        }
    }
}

#[test]
fn only_values_are_normalised_and_ordinary_changes_show() {
    let (registry, metrics) = changing_registry();
    let text = exposition(&registry, Format::OpenMetrics);
    for line in [
        "# HELP child_process_open_fds Number of open file descriptors.\n\
         # TYPE child_process_open_fds gauge\nchild_process_open_fds [normalised]\n",
        "# TYPE process_cpu_seconds counter\n# UNIT process_cpu_seconds seconds\n\
         process_cpu_seconds_total [normalised]\n",
        "app_connections{peer=\"a b\"} 2\n",
        "app_requests_total 0\n",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    // The same bytes as the exposition once the normalised values are put back.
    let raw = registry.encode(Format::OpenMetrics).expect("no collision");
    assert_eq!(text.lines().count(), raw.lines().count());
    for (ours, theirs) in text.lines().zip(raw.lines()) {
        if !ours.ends_with(NORMALISED) {
            assert_eq!(ours, theirs);
        }
    }
    metrics.requests_total.inc();
    metrics.connections.set(Peer { peer: "a b" }, 3);
    metrics.latency.observe(4.0);
    let changed = exposition(&registry, Format::OpenMetrics);
    assert_ne!(text, changed);
    for line in [
        "app_requests_total 1\n",
        "app_connections{peer=\"a b\"} 3\n",
        "app_latency{quantile=\"0.5\"} 4\n",
    ] {
        assert!(changed.contains(line), "missing {line:?} in\n{changed}");
    }
}

#[test]
fn without_process_metrics_the_exposition_is_the_registry_s() {
    let metrics = Metrics::new();
    let registry = registry_of(&metrics);
    metrics.latency.observe(1.5);
    for format in Format::ALL {
        assert_eq!(
            exposition(&registry, format),
            registry.encode(format).expect("no collision")
        );
    }
}

#[test]
fn named_metrics_are_normalised_too() {
    let metrics = Metrics::new();
    let registry = registry_of(&metrics);
    metrics.latency.observe(1.5);
    let text = exposition_normalising(&registry, Format::Prometheus, &["app_latency"]);
    assert!(
        text.contains(
            "app_latency{quantile=\"0.5\"} [normalised]\n\
             app_latency_sum [normalised]\napp_latency_count [normalised]\n"
        ),
        "{text}"
    );
    assert!(text.contains("app_requests_total 0\n"), "{text}");
}

#[test]
#[should_panic(expected = "no metric named `app_latncy` is registered")]
fn a_misspelled_name_panics() {
    let metrics = Metrics::new();
    exposition_normalising(&registry_of(&metrics), Format::Prometheus, &["app_latncy"]);
}
