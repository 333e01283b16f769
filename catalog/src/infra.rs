//! Infra (`spec/004_7836ac18d1be0a8d.txt`, 48 families): the document is a real `/metrics` page
//! written by the Go client, so the catalog is read off it: names, types, help texts, label names
//! (alphabetical, as the Go client writes them), buckets and quantiles.
//!
//! Decisions that apply to every family here: the Go client stores every value as a float64, so
//! counters and gauges are `f64` and print as the Go client prints them; the `process_*` families
//! are the toolkit's own process collector ([`metrics_core::process`]). The demo workload loads
//! the document's sample values, so `catalog expose infra --format prometheus` reproduces it.

use crate::bounds::{BUILD, CODE_DEFINED, CONFIGURED, PROTOCOL};
use metrics_core::process::ProcessMetrics;
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup, Service, Summary};

/// The buckets of `http_requests_duration_seconds`: 1ms doubling 15 times, as in the document.
pub const HTTP_BUCKETS: &[f64] = &metrics_core::buckets::exponential::<15>(0.001, 2.0);

/// `code` of `promhttp_metric_handler_requests_total`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
pub enum StatusCode {
    #[label(rename = "200")]
    Code200,
    #[label(rename = "500")]
    Code500,
    #[label(rename = "503")]
    Code503,
}

/// Build and database.
#[metrics_core::labels(
    #[label(bound = BUILD)] branch: &str,
    #[label(bound = BUILD)] commit: &str,
    #[label(bound = BUILD)] date: &str,
    #[label(bound = BUILD)] version: &str,
    #[label(bound = CODE_DEFINED)] name: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "Build and database")]
pub struct Build {
    /// Build information about Infra Server.
    #[metric(labels(branch, commit, date, version))]
    pub build_info: Gauge<f64>,
    /// Database connection status.
    pub database_connected: Gauge<f64>,
    /// Information about configured database.
    #[metric(labels(name))]
    pub database_info: Gauge<f64>,
}

/// Go runtime.
#[metrics_core::labels(
    #[label(bound = BUILD)] version: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "Go runtime")]
pub struct Go {
    /// A summary of the pause duration of garbage collection cycles.
    #[metric(quantiles(0, 0.25, 0.5, 0.75, 1), unit = "seconds")]
    pub go_gc_duration_seconds: Summary,
    /// Number of goroutines that currently exist.
    pub go_goroutines: Gauge<f64>,
    /// Information about the Go environment.
    #[metric(labels(version))]
    pub go_info: Gauge<f64>,
    /// Number of bytes allocated and still in use.
    #[metric(unit = "bytes")]
    pub go_memstats_alloc_bytes: Gauge<f64>,
    /// Total number of bytes allocated, even if freed.
    #[metric(unit = "bytes")]
    pub go_memstats_alloc_bytes_total: Counter<f64>,
    /// Number of bytes used by the profiling bucket hash table.
    #[metric(unit = "bytes")]
    pub go_memstats_buck_hash_sys_bytes: Gauge<f64>,
    /// Total number of frees.
    pub go_memstats_frees_total: Counter<f64>,
    /// The fraction of this program's available CPU time used by the GC since the program started.
    pub go_memstats_gc_cpu_fraction: Gauge<f64>,
    /// Number of bytes used for garbage collection system metadata.
    #[metric(unit = "bytes")]
    pub go_memstats_gc_sys_bytes: Gauge<f64>,
    /// Number of heap bytes allocated and still in use.
    #[metric(unit = "bytes")]
    pub go_memstats_heap_alloc_bytes: Gauge<f64>,
    /// Number of heap bytes waiting to be used.
    #[metric(unit = "bytes")]
    pub go_memstats_heap_idle_bytes: Gauge<f64>,
    /// Number of heap bytes that are in use.
    #[metric(unit = "bytes")]
    pub go_memstats_heap_inuse_bytes: Gauge<f64>,
    /// Number of allocated objects.
    pub go_memstats_heap_objects: Gauge<f64>,
    /// Number of heap bytes released to OS.
    #[metric(unit = "bytes")]
    pub go_memstats_heap_released_bytes: Gauge<f64>,
    /// Number of heap bytes obtained from system.
    #[metric(unit = "bytes")]
    pub go_memstats_heap_sys_bytes: Gauge<f64>,
    /// Number of seconds since 1970 of last garbage collection.
    #[metric(unit = "seconds")]
    pub go_memstats_last_gc_time_seconds: Gauge<f64>,
    /// Total number of pointer lookups.
    pub go_memstats_lookups_total: Counter<f64>,
    /// Total number of mallocs.
    pub go_memstats_mallocs_total: Counter<f64>,
    /// Number of bytes in use by mcache structures.
    #[metric(unit = "bytes")]
    pub go_memstats_mcache_inuse_bytes: Gauge<f64>,
    /// Number of bytes used for mcache structures obtained from system.
    #[metric(unit = "bytes")]
    pub go_memstats_mcache_sys_bytes: Gauge<f64>,
    /// Number of bytes in use by mspan structures.
    #[metric(unit = "bytes")]
    pub go_memstats_mspan_inuse_bytes: Gauge<f64>,
    /// Number of bytes used for mspan structures obtained from system.
    #[metric(unit = "bytes")]
    pub go_memstats_mspan_sys_bytes: Gauge<f64>,
    /// Number of heap bytes when next garbage collection will take place.
    #[metric(unit = "bytes")]
    pub go_memstats_next_gc_bytes: Gauge<f64>,
    /// Number of bytes used for other system allocations.
    #[metric(unit = "bytes")]
    pub go_memstats_other_sys_bytes: Gauge<f64>,
    /// Number of bytes in use by the stack allocator.
    #[metric(unit = "bytes")]
    pub go_memstats_stack_inuse_bytes: Gauge<f64>,
    /// Number of bytes obtained from system for stack allocator.
    #[metric(unit = "bytes")]
    pub go_memstats_stack_sys_bytes: Gauge<f64>,
    /// Number of bytes obtained from system.
    #[metric(unit = "bytes")]
    pub go_memstats_sys_bytes: Gauge<f64>,
    /// Number of OS threads created.
    pub go_threads: Gauge<f64>,
}

/// HTTP.
#[metrics_core::labels(
    #[label(bound = CONFIGURED)] handler: &str,
    #[label(bound = PROTOCOL)] method: &str,
    #[label(bound = CODE_DEFINED)] status: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "HTTP")]
pub struct Http {
    /// A histogram of the duration, in seconds, handling HTTP requests.
    #[metric(labels(handler, method, status), buckets = HTTP_BUCKETS, unit = "seconds")]
    pub http_requests_duration_seconds: Histogram,
    /// Number of HTTP requests currently in progress.
    #[metric(labels(handler, method))]
    pub http_requests_in_progress: Gauge<f64>,
    /// Total number of HTTP requests served.
    #[metric(labels(handler, method, status))]
    pub http_requests_total: Counter<f64>,
}

/// Infra objects.
#[derive(Debug, MetricGroup)]
#[metrics(section = "Infra objects")]
pub struct Objects {
    /// Number of destinations managed by Infra.
    pub infra_destinations: Gauge<f64>,
    /// Number of grants managed by Infra.
    pub infra_grants: Gauge<f64>,
    /// Number of groups managed by Infra.
    pub infra_groups: Gauge<f64>,
    /// Number of providers managed by Infra.
    pub infra_providers: Gauge<f64>,
    /// Number of users managed by Infra.
    pub infra_users: Gauge<f64>,
}

/// Metrics handler.
#[metrics_core::labels(
    code: StatusCode,
)]
#[derive(Debug, MetricGroup)]
#[metrics(section = "Metrics handler")]
pub struct Promhttp {
    /// Current number of scrapes being served.
    pub promhttp_metric_handler_requests_in_flight: Gauge<f64>,
    /// Total number of scrapes by HTTP status code.
    #[metric(
        decision = "the sample shows codes 200, 500 and 503, all present, as the Go client pre-creates them: a closed set, present at zero"
    )]
    #[metric(labels(code))]
    pub promhttp_metric_handler_requests_total: Counter<f64>,
}

/// Every metric of Infra: served in the text format 0.0.4 only, as the Go client's own gauge
/// `go_memstats_alloc_bytes` stands beside its counter `go_memstats_alloc_bytes_total`.
#[derive(Debug, Service)]
#[service(name = "infra", formats(prometheus))]
pub struct Infra {
    pub build: Build,
    pub go: Go,
    pub http: Http,
    pub objects: Objects,
    pub process: ProcessMetrics,
    pub promhttp: Promhttp,
}

impl Infra {
    /// Loads the values of the document's sample output.
    pub fn load_sample(&self) {
        let (b, g, h, o, pr, p) = (
            &self.build,
            &self.go,
            &self.http,
            &self.objects,
            &self.process,
            &self.promhttp,
        );
        b.build_info.set(
            BuildInfoLabels {
                branch: "main",
                commit: "",
                date: "",
                version: "0.0.0-development",
            },
            1.0,
        );
        b.database_connected.set(1.0);
        b.database_info
            .set(DatabaseInfoLabels { name: "sqlite" }, 1.0);
        g.go_goroutines.set(30.0);
        g.go_info.set(
            GoInfoLabels {
                version: "go1.16.13",
            },
            1.0,
        );
        g.go_memstats_alloc_bytes.set(1.0739064e+07);
        g.go_memstats_alloc_bytes_total.inc_by(2.5754896e+07);
        g.go_memstats_buck_hash_sys_bytes.set(1.456602e+06);
        g.go_memstats_frees_total.inc_by(220329.0);
        g.go_memstats_gc_cpu_fraction.set(0.0025359370371158844);
        g.go_memstats_gc_sys_bytes.set(5.898248e+06);
        g.go_memstats_heap_alloc_bytes.set(1.0739064e+07);
        g.go_memstats_heap_idle_bytes.set(5.2887552e+07);
        g.go_memstats_heap_inuse_bytes.set(1.3336576e+07);
        g.go_memstats_heap_objects.set(82656.0);
        g.go_memstats_heap_released_bytes.set(5.1511296e+07);
        g.go_memstats_heap_sys_bytes.set(6.6224128e+07);
        g.go_memstats_last_gc_time_seconds
            .set(1.6419263434352999e+09);
        g.go_memstats_lookups_total.inc_by(0.0);
        g.go_memstats_mallocs_total.inc_by(302985.0);
        g.go_memstats_mcache_inuse_bytes.set(4800.0);
        g.go_memstats_mcache_sys_bytes.set(16384.0);
        g.go_memstats_mspan_inuse_bytes.set(193664.0);
        g.go_memstats_mspan_sys_bytes.set(196608.0);
        g.go_memstats_next_gc_bytes.set(1.24e+07);
        g.go_memstats_other_sys_bytes.set(903718.0);
        g.go_memstats_stack_inuse_bytes.set(884736.0);
        g.go_memstats_stack_sys_bytes.set(884736.0);
        g.go_memstats_sys_bytes.set(7.5580424e+07);
        g.go_threads.set(9.0);
        h.http_requests_in_progress.set(
            HttpRequestsInProgressLabels {
                handler: "/v1/destinations",
                method: "GET",
            },
            0.0,
        );
        h.http_requests_in_progress.set(
            HttpRequestsInProgressLabels {
                handler: "/v1/destinations/:id",
                method: "PUT",
            },
            0.0,
        );
        h.http_requests_in_progress.set(
            HttpRequestsInProgressLabels {
                handler: "/v1/grants",
                method: "GET",
            },
            0.0,
        );
        h.http_requests_total.inc_by(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/destinations",
                method: "GET",
                status: "200",
            },
            1.0,
        );
        h.http_requests_total.inc_by(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/destinations/:id",
                method: "PUT",
                status: "200",
            },
            1.0,
        );
        h.http_requests_total.inc_by(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/grants",
                method: "GET",
                status: "200",
            },
            12.0,
        );
        o.infra_destinations.set(1.0);
        o.infra_grants.set(1.0);
        o.infra_groups.set(4.0);
        o.infra_providers.set(1.0);
        o.infra_users.set(9.0);
        pr.process_cpu_seconds_total.set_total(0.29);
        pr.process_max_fds.set(1.048576e+06);
        pr.process_open_fds.set(28.0);
        pr.process_resident_memory_bytes.set(3.8100992e+07);
        pr.process_start_time_seconds.set(1.64192634179e+09);
        pr.process_virtual_memory_bytes.set(1.308618752e+09);
        pr.process_virtual_memory_max_bytes
            .set(1.8446744073709552e+19);
        p.promhttp_metric_handler_requests_in_flight.set(1.0);
        p.promhttp_metric_handler_requests_total.inc_by(
            PromhttpMetricHandlerRequestsTotalLabels {
                code: StatusCode::Code200,
            },
            1.0,
        );
        p.promhttp_metric_handler_requests_total.inc_by(
            PromhttpMetricHandlerRequestsTotalLabels {
                code: StatusCode::Code500,
            },
            0.0,
        );
        p.promhttp_metric_handler_requests_total.inc_by(
            PromhttpMetricHandlerRequestsTotalLabels {
                code: StatusCode::Code503,
            },
            0.0,
        );
        h.http_requests_duration_seconds.set(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/destinations",
                method: "GET",
                status: "200",
            },
            &[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            0.000855667,
        );
        h.http_requests_duration_seconds.set(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/destinations/:id",
                method: "PUT",
                status: "200",
            },
            &[0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            0.006805916,
        );
        h.http_requests_duration_seconds.set(
            HttpRequestsDurationSecondsLabels {
                handler: "/v1/grants",
                method: "GET",
                status: "200",
            },
            &[2, 4, 5, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
            0.031218166,
        );
        g.go_gc_duration_seconds.set(
            6,
            0.000655124,
            &[6.3958e-05, 8.3042e-05, 8.8167e-05, 0.000166625, 0.000167333],
        );
    }
}
