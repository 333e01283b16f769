//! The summary type end to end, and the process collector against the running process.

use metrics_core::{Family, Format, LabelSet, MetricGroup, Registry, Summary};

#[derive(Clone, Copy, Debug, LabelSet)]
struct Route<'a> {
    #[label(bound = 64)]
    route: &'a str,
}

#[derive(Debug, MetricGroup)]
struct Metrics {
    /// Request latency.
    #[metric(unit = "seconds", quantiles(0.5, 0.9, 0.99))]
    latency_seconds: Family<Route<'static>, Summary>,
    /// Pauses reported by a runtime.
    #[metric(quantiles(0, 1))]
    pauses: Summary,
}

#[test]
fn a_summary_reports_quantiles_sum_and_count_in_both_formats() {
    let metrics = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&metrics);
    for ms in 1..=100 {
        metrics
            .latency_seconds
            .observe(Route { route: "/a" }, f64::from(ms) / 1000.0);
    }
    metrics.pauses.set(3, 0.5, &[0.1, 0.3]);
    let om = registry.encode(Format::OpenMetrics).expect("no collision");
    for line in [
        "# TYPE latency_seconds summary\n# UNIT latency_seconds seconds\n",
        "latency_seconds{route=\"/a\",quantile=\"0.5\"} 0.05\n",
        "latency_seconds{route=\"/a\",quantile=\"0.9\"} 0.09\n",
        "latency_seconds{route=\"/a\",quantile=\"0.99\"} 0.099\n",
        "latency_seconds_count{route=\"/a\"} 100\n",
        "pauses{quantile=\"0.0\"} 0.1\npauses{quantile=\"1.0\"} 0.3\npauses_sum 0.5\npauses_count 3\n",
    ] {
        assert!(om.contains(line), "missing {line:?} in\n{om}");
    }
    let text = registry.encode(Format::Prometheus).expect("no collision");
    assert!(
        text.contains("pauses{quantile=\"0\"} 0.1\npauses{quantile=\"1\"} 0.3\n"),
        "{text}"
    );
    // A summary without observations reports NaN quantiles, as the Go client does.
    let empty = Metrics::default();
    let mut registry = Registry::new();
    registry.register(&empty);
    assert!(
        registry
            .encode(Format::Prometheus)
            .expect("ok")
            .contains("pauses{quantile=\"0\"} NaN\n")
    );
}

#[test]
#[cfg(target_os = "linux")]
fn the_process_collector_reads_the_running_process() {
    let mut registry = Registry::new();
    let process = metrics_core::process::register(&mut registry);
    let _text = registry.encode(Format::Prometheus).expect("no collision");
    let files: Vec<_> = std::fs::read_dir("/proc/self/fd").expect("/proc").collect();
    let open = process.process_open_fds.get();
    assert!(
        open >= 3.0 && open <= files.len() as f64 + 8.0,
        "open fds {open}"
    );
    assert!(process.process_max_fds.get() >= open);
    assert!(process.process_resident_memory_bytes.get() > 1_000_000.0);
    assert!(
        process.process_virtual_memory_bytes.get() >= process.process_resident_memory_bytes.get()
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64();
    let start = process.process_start_time_seconds.get();
    assert!(
        start <= now + 1.0 && start > now - 3600.0,
        "start {start}, now {now}"
    );
    // The collector refreshes the CPU time at every exposition: burn a measured 0.3 s of this
    // thread's CPU (read apart, from the scheduler's own account) and see it counted.
    let before = process.process_cpu_seconds_total.get();
    let started = std::time::Instant::now();
    let burnt = thread_cpu_seconds();
    let mut x = 0u64;
    while thread_cpu_seconds() - burnt < 0.3 {
        for i in 0..1_000_000u64 {
            x = x.wrapping_mul(31).wrapping_add(i);
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "could not burn 0.3 s of CPU"
        );
    }
    std::hint::black_box(x);
    let _ = registry.encode(Format::Prometheus);
    let grown = process.process_cpu_seconds_total.get() - before;
    // At least what this thread burnt (less one clock tick of rounding), at most what every CPU
    // could have burnt meanwhile (other tests run in this process too).
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
    let most = started.elapsed().as_secs_f64() * cpus + 0.02;
    assert!(
        (0.29..=most).contains(&grown),
        "the CPU time grew by {grown} s, not by 0.3 to {most} s"
    );
}

/// This thread's time on a CPU so far, from `/proc/thread-self/schedstat` (nanoseconds).
#[cfg(target_os = "linux")]
fn thread_cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("schedstat");
    let ns: u64 = stat
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number of nanoseconds");
    ns as f64 / 1e9
}
