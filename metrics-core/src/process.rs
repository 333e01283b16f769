//! The standard `process_*` metrics of the running process, read from `/proc` on Linux, as the
//! client libraries of other languages provide them. One line registers them:
//!
//! ```
//! let mut registry = metrics_core::Registry::new();
//! metrics_core::process::register(&mut registry);
//! let text = registry.encode(metrics_core::Format::Prometheus).unwrap();
//! assert!(text.contains("# TYPE process_cpu_seconds_total counter"));
//! # #[cfg(target_os = "linux")]
//! assert!(!text.contains("process_open_fds 0\n"));
//! ```

use std::fmt;

use crate::{Counter, Gauge, MetricGroup, Registry};

/// The `process_*` families, with the Go client's names and help texts.
#[derive(Clone, Debug, MetricGroup)]
#[metrics(section = "Process")]
pub struct ProcessMetrics {
    /// Total user and system CPU time spent in seconds.
    #[metric(unit = "seconds")]
    pub process_cpu_seconds_total: Counter<f64>,
    /// Maximum number of open file descriptors.
    pub process_max_fds: Gauge<f64>,
    /// Number of open file descriptors.
    pub process_open_fds: Gauge<f64>,
    /// Resident memory size in bytes.
    #[metric(unit = "bytes")]
    pub process_resident_memory_bytes: Gauge<f64>,
    /// Start time of the process since unix epoch in seconds.
    #[metric(unit = "seconds")]
    pub process_start_time_seconds: Gauge<f64>,
    /// Virtual memory size in bytes.
    #[metric(unit = "bytes")]
    pub process_virtual_memory_bytes: Gauge<f64>,
    /// Maximum amount of virtual memory available in bytes.
    #[metric(unit = "bytes")]
    pub process_virtual_memory_max_bytes: Gauge<f64>,
}

/// Why the process could not be read.
#[derive(Debug)]
pub struct ProcessError(String);

impl fmt::Display for ProcessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "reading the process's statistics failed: {}", self.0)
    }
}

impl std::error::Error for ProcessError {}

impl ProcessMetrics {
    /// Reads the running process's statistics into the metrics. On an error the metrics keep
    /// their last values.
    #[cfg(target_os = "linux")]
    pub fn refresh(&self) -> Result<(), ProcessError> {
        use procfs::process::{LimitValue, Process};
        let error = |e: procfs::ProcError| ProcessError(e.to_string());
        let limit = |v: LimitValue| match v {
            // The Go client reports "unlimited" as the largest 64-bit value.
            LimitValue::Unlimited => u64::MAX as f64,
            LimitValue::Value(v) => v as f64,
        };
        let me = Process::myself().map_err(error)?;
        let stat = me.stat().map_err(error)?;
        let ticks = procfs::ticks_per_second() as f64;
        self.process_cpu_seconds_total
            .set_total((stat.utime + stat.stime) as f64 / ticks);
        self.process_virtual_memory_bytes.set(stat.vsize as f64);
        self.process_resident_memory_bytes
            .set((stat.rss * procfs::page_size()) as f64);
        let boot = procfs::boot_time_secs().map_err(error)? as f64;
        self.process_start_time_seconds
            .set(boot + stat.starttime as f64 / ticks);
        self.process_open_fds
            .set(me.fd_count().map_err(error)? as f64);
        let limits = me.limits().map_err(error)?;
        self.process_max_fds
            .set(limit(limits.max_open_files.soft_limit));
        self.process_virtual_memory_max_bytes
            .set(limit(limits.max_address_space.soft_limit));
        Ok(())
    }

    /// Reading the process is implemented for Linux only.
    #[cfg(not(target_os = "linux"))]
    pub fn refresh(&self) -> Result<(), ProcessError> {
        Err(ProcessError("only Linux is supported".into()))
    }
}

/// Registers the `process_*` metrics into `registry`, refreshed before every exposition, and
/// returns them.
pub fn register(registry: &mut Registry) -> ProcessMetrics {
    let metrics = ProcessMetrics::new();
    registry.register(&metrics);
    let refreshed = metrics.clone();
    registry.before_encode(move || {
        // A failed read keeps the last values: a scrape still gets every other metric.
        let _ = refreshed.refresh();
    });
    metrics
}
