//! Helpers for testing metrics in a service's own unit tests, as client_golang's `testutil`
//! gives Go users.
//!
//! - **An isolated registry per test.** A [`Registry`] is a plain value: nothing is global, so
//!   [`Registry::new`] (or [`registry_of`], for one `#[derive(MetricGroup)]` struct) in each test
//!   sees only what that test registers, and tests running in parallel do not see each other.
//! - **Values through the typed labels.** Every metric reads back its series with the same label
//!   struct that records into it: `get` on counters and gauges, `count_and_sum` and `buckets`
//!   (cumulative, per `le`, as the exposition shows them) on histograms, `read` (count, sum,
//!   quantiles) on summaries; on a [`Family`](crate::Family) they take the labels and return
//!   `None` for a series that does not exist.
//! - **The exposition in one call.** [`exposition`] returns the sorted exposition of a registry
//!   in either format, with the values of the process collector replaced by [`NORMALISED`], ready
//!   for `insta::assert_snapshot!`; [`exposition_normalising`] also normalises families of your
//!   own whose values depend on the time or the machine.
//!
//! ```
//! use metrics_core::testing;
//! use metrics_core::{Counter, Family, Format, Histogram, LabelSet, LabelValue, MetricGroup};
//!
//! #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, LabelValue)]
//! #[label(rename_all = "lowercase")]
//! pub enum Outcome { Ok, Error }
//!
//! #[derive(Clone, Copy, LabelSet)]
//! pub struct Jobs {
//!     pub outcome: Outcome,
//! }
//!
//! #[derive(MetricGroup)]
//! #[metrics(prefix = "worker")]
//! pub struct WorkerMetrics {
//!     /// Jobs run, by outcome.
//!     pub jobs_total: Family<Jobs, Counter>,
//!     /// Time spent on one job.
//!     #[metric(unit = "seconds", buckets(0.5, 1.0))]
//!     pub job_duration_seconds: Histogram,
//! }
//!
//! // The code under test, recording into the metrics it is given.
//! fn run_job(metrics: &WorkerMetrics, seconds: f64) {
//!     metrics.job_duration_seconds.observe(seconds);
//!     metrics.jobs_total.inc(Jobs { outcome: Outcome::Ok });
//! }
//!
//! let metrics = WorkerMetrics::new();
//! let registry = testing::registry_of(&metrics);
//! run_job(&metrics, 0.7);
//!
//! assert_eq!(metrics.jobs_total.get(Jobs { outcome: Outcome::Ok }), Some(1));
//! assert_eq!(metrics.jobs_total.get(Jobs { outcome: Outcome::Error }), Some(0));
//! assert_eq!(metrics.job_duration_seconds.count_and_sum(), (1, 0.7));
//! assert_eq!(
//!     metrics.job_duration_seconds.buckets(),
//!     [(0.5, 0), (1.0, 1), (f64::INFINITY, 1)]
//! );
//!
//! // In a test: insta::assert_snapshot!(testing::exposition(&registry, Format::Prometheus));
//! assert_eq!(
//!     testing::exposition(&registry, Format::Prometheus),
//!     "\
//! ## HELP worker_job_duration_seconds Time spent on one job.
//! ## TYPE worker_job_duration_seconds histogram
//! worker_job_duration_seconds_bucket{le=\"0.5\"} 0
//! worker_job_duration_seconds_bucket{le=\"1\"} 1
//! worker_job_duration_seconds_bucket{le=\"+Inf\"} 1
//! worker_job_duration_seconds_sum 0.7
//! worker_job_duration_seconds_count 1
//! ## HELP worker_jobs_total Jobs run, by outcome.
//! ## TYPE worker_jobs_total counter
//! worker_jobs_total{outcome=\"error\"} 0
//! worker_jobs_total{outcome=\"ok\"} 1
//! "
//! );
//! ```
//!
//! A summary's quantiles cover the observations of the last [`MAX_AGE`](crate::metrics::MAX_AGE)
//! (ten minutes): within one test they do not change with time, so they are not normalised.

use crate::descriptor::MetricDescriptor;
use crate::exposition::exposed_names;
use crate::process::ProcessMetrics;
use crate::{AnyGroup, Format, MetricGroup, Registry};

mod normalise;
#[cfg(test)]
mod tests;

use normalise::normalise;

/// What [`exposition`] writes in place of a value that depends on the time or the machine.
///
/// It is not a number, so that a snapshot cannot be mistaken for a real reading: a normalised
/// exposition is for comparing, not for a parser.
pub const NORMALISED: &str = "[normalised]";

/// A new registry holding the metrics of `family` and nothing else.
///
/// The same as [`Registry::new`] followed by [`Registry::register`]: every registry is
/// isolated, so a test that needs several structs or a whole service registers them into one
/// [`Registry::new`] itself.
///
/// ```
/// use metrics_core::{Counter, Format, MetricGroup, testing};
///
/// #[derive(MetricGroup)]
/// struct Metrics {
///     /// Logins.
///     logins_total: Counter,
/// }
///
/// let first = Metrics::new();
/// let second = Metrics::new();
/// let (a, b) = (testing::registry_of(&first), testing::registry_of(&second));
/// first.logins_total.inc();
/// assert!(testing::exposition(&a, Format::Prometheus).contains("logins_total 1\n"));
/// assert!(testing::exposition(&b, Format::Prometheus).contains("logins_total 0\n"));
/// ```
pub fn registry_of(family: &dyn AnyGroup) -> Registry {
    let mut registry = Registry::new();
    registry.register(family);
    registry
}

/// The exposition of `registry` in `format`, with every value of the process collector
/// ([`crate::process`]) replaced by [`NORMALISED`].
///
/// Normalised are the values, and only the values, of the sample lines of the seven
/// `process_*` families of [`ProcessMetrics`] (CPU time, start time, resident and virtual
/// memory and its limit, open and maximum file descriptors), wherever they are registered and
/// under any prefix: they change between two scrapes, between runs and between machines (on
/// a system other than Linux they stay 0, normalised too). Everything else, including their
/// `# HELP`, `# TYPE` and `# UNIT` lines and sample names, is byte for byte
/// [`Registry::encode`]: sorted by family name, series by label values.
///
/// # Panics
///
/// When two registered families collide in `format` (see [`Registry::collisions`]).
///
/// ```
/// use metrics_core::{Format, Registry, testing};
///
/// let mut registry = Registry::new();
/// metrics_core::process::register(&mut registry);
/// let text = testing::exposition(&registry, Format::OpenMetrics);
/// assert_eq!(text, testing::exposition(&registry, Format::OpenMetrics));
/// assert!(text.contains("\n# UNIT process_cpu_seconds seconds\nprocess_cpu_seconds_total [normalised]\n"));
/// assert!(text.contains("\nprocess_open_fds [normalised]\n"));
/// assert!(text.ends_with("# EOF\n"));
/// ```
#[track_caller]
pub fn exposition(registry: &Registry, format: Format) -> String {
    exposition_normalising(registry, format, &[])
}

/// As [`exposition`], also normalising the values of the registered metrics named in `names`
/// (their declared names with any registration prefix, as [`Registry::metrics`] lists them):
/// an uptime, the time of the last reload, a summary observed over more than ten minutes.
///
/// # Panics
///
/// When a name is not registered (a misspelled name would otherwise normalise nothing), or
/// when two registered families collide in `format`.
///
/// ```
/// use metrics_core::{Counter, Format, Gauge, MetricGroup, testing};
///
/// #[derive(MetricGroup)]
/// #[metrics(prefix = "app")]
/// struct Metrics {
///     /// Seconds since the last configuration reload.
///     #[metric(unit = "seconds")]
///     since_reload_seconds: Gauge<f64>,
///     /// Reloads.
///     reloads_total: Counter,
/// }
///
/// let metrics = Metrics::new();
/// metrics.since_reload_seconds.set(12.5);
/// metrics.reloads_total.inc();
/// let registry = testing::registry_of(&metrics);
/// let text = testing::exposition_normalising(&registry, Format::Prometheus, &["app_since_reload_seconds"]);
/// assert!(text.contains("\napp_since_reload_seconds [normalised]\n"), "{text}");
/// assert!(text.contains("\napp_reloads_total 1\n"), "{text}");
/// ```
#[track_caller]
pub fn exposition_normalising(registry: &Registry, format: Format, names: &[&str]) -> String {
    for name in names {
        assert!(
            registry
                .metrics()
                .any(|(registered, _)| registered == *name),
            "no metric named `{name}` is registered: the registry holds {:?}",
            registry.metrics().map(|(n, _)| n).collect::<Vec<_>>()
        );
    }
    let text = match registry.encode(format) {
        Ok(text) => text,
        Err(collision) => panic!("{collision}"),
    };
    let samples: Vec<String> = registry
        .metrics()
        .filter(|(name, descriptor)| names.contains(name) || is_process_metric(descriptor))
        .flat_map(|(name, descriptor)| exposed_names(name, descriptor, format).samples)
        .collect();
    normalise(&text, &samples)
}

/// Whether `descriptor` is one of the process collector's: compared by value, so that a
/// prefix does not hide it.
fn is_process_metric(descriptor: &MetricDescriptor) -> bool {
    ProcessMetrics::DESCRIPTORS.contains(descriptor)
}
