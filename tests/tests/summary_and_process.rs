//! The summary type end to end, and the process collector against the running process.

use metrics_core::{Family, Format, LabelSet, MetricFamily, Registry, Summary};

#[derive(Clone, Copy, Debug, LabelSet)]
struct Route<'a> {
    #[label(bound = 64)]
    route: &'a str,
}

#[derive(Debug, MetricFamily)]
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
    // CPU time only grows, and the collector refreshes it at every exposition.
    let before = process.process_cpu_seconds_total.get();
    let mut x = 0u64;
    for i in 0..30_000_000u64 {
        x = x.wrapping_mul(31).wrapping_add(i);
    }
    assert_ne!(x, 1);
    let _ = registry.encode(Format::Prometheus);
    assert!(process.process_cpu_seconds_total.get() >= before);
}
