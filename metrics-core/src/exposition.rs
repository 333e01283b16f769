//! The toolkit's own exposition: OpenMetrics 1.0 and the Prometheus text format 0.0.4, sorted
//! (families by name, series by label values) and escaped for any runtime string.
//!
//! A [`Registry`] holds the metrics of any number of `#[derive(MetricGroup)]` structs. Before
//! it writes a format, it checks that no two families expose the same name in that format: a
//! gauge `x` beside a counter `x_total` is legal in 0.0.4 but one family `x` twice in
//! OpenMetrics, so such a registry can only be served as 0.0.4.

/// Appends `v` as the Go client writes floats (`strconv.FormatFloat(v, 'g', -1, 64)`: `0.1`,
/// `1`, `1e+06`, `+Inf`, `NaN`), as the text format 0.0.4 writes values, `le` and `quantile`.
pub fn push_float(out: &mut String, v: f64) {
    crate::encoding::text::push_f64(out, v);
}

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

#[doc(hidden)]
pub use crate::encoding::SeriesWriter;

use crate::descriptor::MetricDescriptor;
use crate::group::{AnyMetric, Register};

use crate::descriptor::Format;
use metrics_internals::exposed;

/// The names a metric takes in one format: its family (the `# TYPE` name) and its samples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposedNames {
    /// The name on the `# HELP` and `# TYPE` lines.
    pub family: String,
    /// The name of the main sample: `x_total` for an OpenMetrics counter, the family otherwise.
    pub sample: String,
    /// Every sample name the family writes.
    pub samples: Vec<String>,
}

/// The names `descriptor` takes in `format`, under `name` (its declared name with any prefix).
pub fn exposed_names(name: &str, descriptor: &MetricDescriptor, format: Format) -> ExposedNames {
    let family = exposed::family(name, descriptor.metric_type, format);
    let samples: Vec<String> = exposed::samples(descriptor.metric_type, format)
        .iter()
        .map(|(suffix, _)| format!("{family}{suffix}"))
        .collect();
    let sample = match exposed::samples(descriptor.metric_type, format) {
        [(suffix, exposed::Sample::Value), ..] => format!("{family}{suffix}"),
        _ => family.to_owned(),
    };
    ExposedNames {
        family: family.to_owned(),
        sample,
        samples,
    }
}

/// Two families that expose the same name in a format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collision {
    /// The format in which they collide.
    pub format: Format,
    /// The name both expose.
    pub name: String,
    /// The declared names of the two families.
    pub families: [String; 2],
}

impl fmt::Display for Collision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "in {}, `{}` and `{}` both expose `{}`",
            self.format, self.families[0], self.families[1], self.name
        )
    }
}

impl std::error::Error for Collision {}

/// The name collisions of a set of metrics in `format`, given as (declared name, descriptor).
pub fn collisions<'a, 'd>(
    metrics: impl IntoIterator<Item = (&'a str, &'d MetricDescriptor)>,
    format: Format,
) -> Vec<Collision> {
    let mut owners: HashMap<String, &str> = HashMap::new();
    let mut found = Vec::new();
    for (name, descriptor) in metrics {
        let names = exposed_names(name, descriptor, format);
        let mut taken: Vec<String> = names.samples;
        if !taken.contains(&names.family) {
            taken.push(names.family);
        }
        for exposed in taken {
            match owners.get(exposed.as_str()) {
                Some(&owner) if owner != name => found.push(Collision {
                    format,
                    name: exposed,
                    families: [owner.to_owned(), name.to_owned()],
                }),
                Some(_) => {}
                None => {
                    owners.insert(exposed, name);
                }
            }
        }
    }
    found
}

/// One registered metric: its declared name with the registration prefix, and the metric.
#[derive(Debug)]
struct Entry {
    name: String,
    metric: Box<dyn AnyMetric>,
}

/// A function run before every exposition, to refresh collected values.
type Hook = Box<dyn Fn() + Send + Sync>;

/// The metrics of one or more `#[derive(MetricGroup)]` structs, exposed in either format.
#[derive(Default)]
pub struct Registry {
    entries: Vec<Entry>,
    hooks: Vec<Hook>,
    /// Per format (OpenMetrics, text): the first collision, or the names and the exposition
    /// order. Computed at the first encode after a registration, not at every scrape.
    layouts: [OnceLock<Layout>; 2],
}

/// How a registry is written in one format.
type Layout = Result<Vec<(ExposedNames, usize)>, Collision>;

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("entries", &self.entries)
            .field("hooks", &self.hooks.len())
            .finish_non_exhaustive()
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Registers every metric of a metric group or of a whole service; recording through it
    /// (or a clone) shows in the registry.
    pub fn register(&mut self, what: &(impl Register + ?Sized)) {
        self.register_with_prefix(what, "");
    }

    /// Registers every metric of a metric group or a service under `prefix_` (no prefix when
    /// `prefix` is empty).
    pub fn register_with_prefix(&mut self, what: &(impl Register + ?Sized), prefix: &str) {
        for metric in what
            .register_groups()
            .iter()
            .flat_map(|group| group.metrics())
        {
            let declared = metric.descriptor().name;
            let name = if prefix.is_empty() {
                declared.to_owned()
            } else {
                format!("{prefix}_{declared}")
            };
            self.entries.push(Entry {
                name,
                metric: metric.boxed(),
            });
        }
        self.layouts = Default::default();
    }

    fn layout(&self, format: Format) -> &Layout {
        self.layouts[format as usize].get_or_init(|| {
            if let Some(collision) = self.collisions(format).into_iter().next() {
                return Err(collision);
            }
            let mut order: Vec<(ExposedNames, usize)> = self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (exposed_names(&e.name, e.metric.descriptor(), format), i))
                .collect();
            order.sort_by(|a, b| a.0.family.cmp(&b.0.family));
            Ok(order)
        })
    }

    /// Sets the cap of label sets of the registered family `family` (its declared name with the
    /// registration prefix, as `metrics_core_series_overflows_total` names it), replacing the
    /// declared one (see [`crate::Family::set_series_cap`]); false, changing nothing, when no
    /// registered family of that name has a free-text label.
    ///
    /// ```
    /// use metrics_core::{Counter, Family, LabelSet, MetricGroup, Registry};
    ///
    /// #[derive(Clone, Copy, LabelSet)]
    /// struct Client<'a> {
    ///     #[label(unbounded)]
    ///     client_ip: &'a str,
    /// }
    ///
    /// #[derive(MetricGroup)]
    /// struct Metrics {
    ///     /// Requests by client.
    ///     requests_total: Family<Client<'static>, Counter>,
    /// }
    ///
    /// let metrics = Metrics::new();
    /// let mut registry = Registry::new();
    /// registry.register_with_prefix(&metrics, "edge");
    /// assert!(registry.set_series_cap("edge_requests_total", 2));
    /// assert!(!registry.set_series_cap("requests_total", 2));
    /// for ip in ["10.0.0.1", "10.0.0.2", "10.0.0.3"] {
    ///     metrics.requests_total.inc(Client { client_ip: ip });
    /// }
    /// assert_eq!(metrics.requests_total.len(), 3); // two, and the overflow series
    /// assert_eq!(metrics.requests_total.overflows(), 1);
    /// ```
    pub fn set_series_cap(&self, family: &str, cap: usize) -> bool {
        let mut set = false;
        for entry in self.entries.iter().filter(|e| e.name == family) {
            set |= entry.metric.set_series_cap(cap);
        }
        set
    }

    /// Runs `hook` before every exposition, to refresh values collected from elsewhere (see
    /// [`crate::process::register`]).
    pub fn before_encode(&mut self, hook: impl Fn() + Send + Sync + 'static) {
        self.hooks.push(Box::new(hook));
    }

    #[cfg(feature = "demo")]
    /// Records the `step`th value of the deterministic example workload on every registered
    /// metric (see [`Family::record_example`](crate::Family::record_example)); a demo that calls
    /// it with growing steps keeps every counter rising and every gauge moving.
    pub fn record_example(&self, step: u64) {
        for entry in &self.entries {
            entry.metric.record_example(step);
        }
    }

    /// Every registered metric: its declared name with prefix, and its descriptor.
    pub fn metrics(&self) -> impl Iterator<Item = (&str, &'static MetricDescriptor)> {
        self.entries
            .iter()
            .map(|e| (e.name.as_str(), e.metric.descriptor()))
    }

    /// The names that two registered families both expose in `format`.
    pub fn collisions(&self, format: Format) -> Vec<Collision> {
        collisions(self.metrics(), format)
    }

    /// The formats this registry can be written in, OpenMetrics first.
    pub fn formats(&self) -> Vec<Format> {
        Format::ALL
            .into_iter()
            .filter(|f| self.collisions(*f).is_empty())
            .collect()
    }

    /// Writes the exposition in `format`; fails, writing nothing, when two families collide in
    /// that format (see [`Registry::collisions`]).
    pub fn encode(&self, format: Format) -> Result<String, Collision> {
        let mut out = String::with_capacity(self.entries.len() * 256);
        self.encode_into(format, &mut out)?;
        Ok(out)
    }

    /// As [`Registry::encode`], appending to `out`.
    pub fn encode_into(&self, format: Format, out: &mut String) -> Result<(), Collision> {
        let order = self.layout(format).as_ref().map_err(Clone::clone)?;
        for hook in &self.hooks {
            hook();
        }
        for (names, index) in order {
            let metric = &self.entries[*index].metric;
            write_header(out, &names.family, metric.descriptor(), format);
            metric.maintain();
            metric.write_samples(&names.sample, format, out);
        }
        self.write_overflows(format, out);
        if format == Format::OpenMetrics {
            out.push_str("# EOF\n");
        }
        Ok(())
    }
}

/// The registry's own family: the records each family sent to its overflow series (see
/// [`crate::OVERFLOW_VALUE`]), by the family's declared name with its registration prefix.
/// Written last, and only once a family has overflowed: a service that stays within its caps
/// exposes exactly what it declared.
pub const OVERFLOWS_FAMILY: MetricDescriptor = MetricDescriptor {
    help: "Records that went to a family's overflow series, its label sets at their cap.",
    ..MetricDescriptor::bare(
        "metrics_core_series_overflows_total",
        crate::MetricType::Counter,
    )
};

impl Registry {
    /// Writes [`OVERFLOWS_FAMILY`] if a family has overflowed.
    fn write_overflows(&self, format: Format, out: &mut String) {
        let mut overflowed: Vec<(&str, u64)> = self
            .entries
            .iter()
            .filter_map(|e| {
                let n = e.metric.overflows();
                (n > 0).then_some((e.name.as_str(), n))
            })
            .collect();
        if overflowed.is_empty() {
            return;
        }
        overflowed.sort();
        let names = exposed_names(OVERFLOWS_FAMILY.name, &OVERFLOWS_FAMILY, format);
        write_header(out, &names.family, &OVERFLOWS_FAMILY, format);
        let mut labels = String::new();
        for (family, n) in overflowed {
            labels.clear();
            crate::encoding::text::push_label(&mut labels, "family", family);
            out.push_str(&names.sample);
            out.push('{');
            out.push_str(&labels);
            out.push_str("} ");
            crate::encoding::text::push_u64(out, n);
            out.push('\n');
        }
    }
}

fn write_header(out: &mut String, family: &str, descriptor: &MetricDescriptor, format: Format) {
    out.push_str("# HELP ");
    out.push_str(family);
    out.push(' ');
    crate::encoding::text::push_help(out, descriptor.help, format);
    out.push_str("\n# TYPE ");
    out.push_str(family);
    out.push(' ');
    out.push_str(descriptor.metric_type.as_str());
    out.push('\n');
    // OpenMetrics requires a family with a UNIT line to end in `_<unit>`; a legacy name that
    // does not carry its unit keeps the unit in the descriptor only.
    if format == Format::OpenMetrics
        && let Some(unit) = descriptor.unit
        && family
            .strip_suffix(unit)
            .is_some_and(|rest| rest.ends_with('_'))
    {
        out.push_str("# UNIT ");
        out.push_str(family);
        out.push(' ');
        out.push_str(unit);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::MetricType;

    const fn descriptor(name: &'static str, metric_type: MetricType) -> MetricDescriptor {
        MetricDescriptor {
            buckets: &[1.0],
            ..MetricDescriptor::bare(name, metric_type)
        }
    }

    fn clash(a: &MetricDescriptor, b: &MetricDescriptor, format: Format) -> Vec<String> {
        collisions([(a.name, a), (b.name, b)], format)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn a_gauge_beside_a_counter_total_is_legal_only_in_the_text_format() {
        let gauge = descriptor("sessions", MetricType::Gauge);
        let counter = descriptor("sessions_total", MetricType::Counter);
        assert_eq!(clash(&gauge, &counter, Format::OpenMetrics), ["sessions"]);
        assert!(clash(&gauge, &counter, Format::Prometheus).is_empty());
    }

    #[test]
    fn derived_sample_names_collide_in_every_format() {
        let histogram = descriptor("latency", MetricType::Histogram);
        let gauge = descriptor("latency_bucket", MetricType::Gauge);
        for format in Format::ALL {
            assert_eq!(
                clash(&histogram, &gauge, format),
                ["latency_bucket"],
                "{format}"
            );
        }
        let counter = descriptor("requests", MetricType::Counter);
        let total = descriptor("requests_total", MetricType::Gauge);
        assert_eq!(
            clash(&counter, &total, Format::OpenMetrics),
            ["requests_total"]
        );
        assert!(clash(&counter, &total, Format::Prometheus).is_empty());
    }

    #[test]
    fn names_follow_the_format() {
        let counter = descriptor("authelia_request", MetricType::Counter);
        let om = exposed_names(counter.name, &counter, Format::OpenMetrics);
        assert_eq!(
            (om.family.as_str(), om.sample.as_str()),
            ("authelia_request", "authelia_request_total")
        );
        let text = exposed_names(counter.name, &counter, Format::Prometheus);
        assert_eq!(
            (text.family.as_str(), text.sample.as_str()),
            ("authelia_request", "authelia_request")
        );
        let total = descriptor("x_total", MetricType::Counter);
        let om = exposed_names(total.name, &total, Format::OpenMetrics);
        assert_eq!((om.family.as_str(), om.sample.as_str()), ("x", "x_total"));
    }
}

/// The whole writer on one registry of every metric type, in both formats, byte for byte: the
/// family order (by name), headers (HELP escaped per format, TYPE, UNIT only where the name
/// carries it), counter names per format, labels and their escaping, cumulative buckets with
/// `+Inf`, bounds per format, summaries, the OpenMetrics-only rules for sums, and `# EOF`.
#[cfg(test)]
mod writer_tests {
    use crate::{
        Counter, Family, Format, Gauge, Histogram, LabelSet, LabelValue, MetricGroup, Registry,
        Summary,
    };

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "lowercase")]
    enum Method {
        Get,
        Post,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    struct Route<'a> {
        method: Method,
        #[label(bound = 8)]
        path: &'a str,
    }

    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "app")]
    struct Metrics {
        /// Requests "served", \ counted.
        requests_total: Family<Route<'static>, Counter>,
        /// Open connections.
        connections: Gauge,
        /// Request latency.
        #[metric(unit = "seconds", buckets(0.5, 1, 2.5))]
        latency_seconds: Histogram,
        /// Legacy name without its unit.
        #[metric(unit = "seconds", buckets(1))]
        legacy_duration: Histogram,
        /// Payload sizes.
        #[metric(quantiles(0.5, 1))]
        payload: Summary,
    }

    fn registry() -> Registry {
        let metrics = Metrics::default();
        let mut registry = Registry::new();
        registry.register(&metrics);
        let route = |method, path| Route { method, path };
        metrics
            .requests_total
            .inc_by(route(Method::Post, "/a\"b"), 2);
        metrics.requests_total.inc(route(Method::Get, "/"));
        metrics.requests_total.inc(route(Method::Get, "/"));
        metrics.connections.set(-3);
        for v in [0.25, 0.5, 0.75, 3.0] {
            metrics.latency_seconds.observe(v);
        }
        metrics.legacy_duration.observe(-1.0);
        for v in [10.0, 30.0, 20.0] {
            metrics.payload.observe(v);
        }
        registry
    }

    const OPENMETRICS: &str = "\
# HELP app_connections Open connections.
# TYPE app_connections gauge
app_connections -3
# HELP app_latency_seconds Request latency.
# TYPE app_latency_seconds histogram
# UNIT app_latency_seconds seconds
app_latency_seconds_bucket{le=\"0.5\"} 2
app_latency_seconds_bucket{le=\"1.0\"} 3
app_latency_seconds_bucket{le=\"2.5\"} 3
app_latency_seconds_bucket{le=\"+Inf\"} 4
app_latency_seconds_sum 4.5
app_latency_seconds_count 4
# HELP app_legacy_duration Legacy name without its unit.
# TYPE app_legacy_duration histogram
app_legacy_duration_bucket{le=\"1.0\"} 1
app_legacy_duration_bucket{le=\"+Inf\"} 1
# HELP app_payload Payload sizes.
# TYPE app_payload summary
app_payload{quantile=\"0.5\"} 20
app_payload{quantile=\"1.0\"} 30
app_payload_sum 60
app_payload_count 3
# HELP app_requests Requests \\\"served\\\", \\\\ counted.
# TYPE app_requests counter
app_requests_total{method=\"get\",path=\"/\"} 2
app_requests_total{method=\"post\",path=\"/a\\\"b\"} 2
# EOF
";

    const TEXT: &str = "\
# HELP app_connections Open connections.
# TYPE app_connections gauge
app_connections -3
# HELP app_latency_seconds Request latency.
# TYPE app_latency_seconds histogram
app_latency_seconds_bucket{le=\"0.5\"} 2
app_latency_seconds_bucket{le=\"1\"} 3
app_latency_seconds_bucket{le=\"2.5\"} 3
app_latency_seconds_bucket{le=\"+Inf\"} 4
app_latency_seconds_sum 4.5
app_latency_seconds_count 4
# HELP app_legacy_duration Legacy name without its unit.
# TYPE app_legacy_duration histogram
app_legacy_duration_bucket{le=\"1\"} 1
app_legacy_duration_bucket{le=\"+Inf\"} 1
app_legacy_duration_sum -1
app_legacy_duration_count 1
# HELP app_payload Payload sizes.
# TYPE app_payload summary
app_payload{quantile=\"0.5\"} 20
app_payload{quantile=\"1\"} 30
app_payload_sum 60
app_payload_count 3
# HELP app_requests_total Requests \"served\", \\\\ counted.
# TYPE app_requests_total counter
app_requests_total{method=\"get\",path=\"/\"} 2
app_requests_total{method=\"post\",path=\"/a\\\"b\"} 2
";

    #[derive(Debug, MetricGroup)]
    struct Skewed {
        /// Clock skew.
        #[metric(quantiles(0, 0.5, 1))]
        skew: Summary,
    }

    /// OpenMetrics has no negative quantile value and no negative sum: those lines are left out
    /// there (a quantile of exactly 0 stays), and kept in the text format 0.0.4.
    #[test]
    fn a_summary_of_negative_values_is_written_as_each_format_allows() {
        let skewed = Skewed::default();
        let mut registry = Registry::new();
        registry.register(&skewed);
        for v in [-5.0, 0.0, 3.0] {
            skewed.skew.observe(v);
        }
        assert_eq!(
            registry.encode(Format::OpenMetrics).unwrap(),
            "# HELP skew Clock skew.\n# TYPE skew summary\n\
             skew{quantile=\"0.5\"} 0\nskew{quantile=\"1.0\"} 3\nskew_count 3\n# EOF\n"
        );
        assert_eq!(
            registry.encode(Format::Prometheus).unwrap(),
            "# HELP skew Clock skew.\n# TYPE skew summary\n\
             skew{quantile=\"0\"} -5\nskew{quantile=\"0.5\"} 0\nskew{quantile=\"1\"} 3\n\
             skew_sum -2\nskew_count 3\n"
        );
    }

    #[derive(Debug, MetricGroup)]
    struct Sessions {
        /// Sessions open.
        sessions: Gauge,
        /// Sessions created.
        sessions_total: Counter,
    }

    /// A gauge `x` beside a counter `x_total`: the same family name in OpenMetrics, so only the
    /// text format 0.0.4 can hold both, and encoding OpenMetrics says which two collide.
    #[test]
    fn a_registry_knows_the_formats_it_can_be_written_in() {
        let mut registry = Registry::new();
        registry.register(&Sessions::default());
        assert_eq!(registry.formats(), [Format::Prometheus]);
        let collisions = registry.collisions(Format::OpenMetrics);
        assert_eq!(collisions.len(), 1);
        assert_eq!(collisions[0].name, "sessions");
        assert!(registry.collisions(Format::Prometheus).is_empty());
        let error = registry
            .encode(Format::OpenMetrics)
            .expect_err("a collision");
        assert_eq!(error.name, "sessions");
        assert!(registry.encode(Format::Prometheus).is_ok());
    }

    #[test]
    fn every_metric_type_is_written_byte_for_byte_in_both_formats() {
        let registry = registry();
        assert_eq!(registry.encode(Format::OpenMetrics).unwrap(), OPENMETRICS);
        assert_eq!(registry.encode(Format::Prometheus).unwrap(), TEXT);
        // Into a buffer that already holds text: appended, not replaced.
        let mut out = String::from("x\n");
        registry.encode_into(Format::Prometheus, &mut out).unwrap();
        assert_eq!(out, format!("x\n{TEXT}"));
    }
}
