//! Metric groups (`#[derive(MetricGroup)]`, a struct of families) and services
//! (`#[derive(Service)]`, a struct of groups), type-erased for registries and tools
//! ([`AnyGroup`], [`AnyMetric`]); registration into a prometheus-client registry for
//! interoperation ([`PrometheusClientExt`]).

use std::fmt;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::registry::{Registry, Unit};

use crate::descriptor::MetricDescriptor;
use crate::metrics::{Expose, Metric, pc_type};

/// A struct of metrics, one field per metric family, derived with `#[derive(MetricGroup)]`.
pub trait MetricGroup: Register + Sized + Send + Sync + 'static {
    /// The static description of every metric of the struct, in field order.
    const DESCRIPTORS: &'static [MetricDescriptor];

    /// The alert and recording rules declared on the struct (`#[alert(...)]`, `#[record(...)]`),
    /// checked at compile time against its metrics.
    const RULES: &'static [crate::rules::Rule] = &[];

    /// Every metric at zero; families whose labels are all closed sets have all their series.
    fn new() -> Self;

    /// Every metric of the struct, in field order.
    fn metrics(&self) -> Vec<&dyn AnyMetric>;
}

/// A metric behind a trait object, as a metric group hands them out.
pub trait AnyMetric: fmt::Debug + Send + Sync + 'static {
    /// The static description the metric was created from.
    fn descriptor(&self) -> &'static MetricDescriptor;
    /// A handle to the same storage.
    fn boxed(&self) -> Box<dyn AnyMetric>;
    /// Writes the metric's descriptor lines and samples.
    fn encode_into(&self, encoder: &mut DescriptorEncoder<'_>) -> fmt::Result;
    #[cfg(feature = "demo")]
    /// Records the `step`th value of a deterministic example workload (see
    /// [`Family::record_example`](crate::Family::record_example)).
    fn record_example(&self, step: u64);
    /// Writes every series' samples, under the sample name `name`, in `format`, sorted by
    /// label values.
    fn write_samples(&self, name: &str, format: crate::Format, out: &mut String);
    /// The records that went to the family's overflow series (see
    /// [`Family::overflows`](crate::Family::overflows)).
    fn overflows(&self) -> u64;
    /// The scrape's upkeep: the removal of idle series when due, and the freeing of removed
    /// ones (see [`Family::expire_idle`](crate::Family::expire_idle)).
    fn maintain(&self);
    /// Sets the family's cap of label sets (see
    /// [`Family::set_series_cap`](crate::Family::set_series_cap)); false for a metric without
    /// free-text labels, which has no cap to set.
    fn set_series_cap(&self, cap: usize) -> bool;
}

impl<M: Metric + EncodeMetric + Expose> AnyMetric for M {
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        Expose::record_example(self, step);
    }
    fn write_samples(&self, name: &str, format: crate::Format, out: &mut String) {
        Expose::write_samples(self, name, format, out);
    }
    fn overflows(&self) -> u64 {
        Expose::overflows(self)
    }
    fn maintain(&self) {
        Expose::maintain(self);
    }
    fn set_series_cap(&self, cap: usize) -> bool {
        Expose::set_series_cap(self, cap)
    }

    fn descriptor(&self) -> &'static MetricDescriptor {
        Metric::descriptor(self)
    }

    fn boxed(&self) -> Box<dyn AnyMetric> {
        Box::new(self.clone())
    }

    fn encode_into(&self, encoder: &mut DescriptorEncoder<'_>) -> fmt::Result {
        let descriptor = Metric::descriptor(self);
        let (name, unit) = name_and_unit(descriptor);
        // prometheus-client writes HELP as given: escaped here as OpenMetrics requires.
        let mut help = String::with_capacity(descriptor.help.len());
        crate::encoding::text::push_help(&mut help, descriptor.help, crate::Format::OpenMetrics);
        let metric_encoder =
            encoder.encode_descriptor(name, &help, unit.as_ref(), pc_type(<M as Metric>::TYPE))?;
        self.encode(metric_encoder)
    }
}

/// A whole `#[derive(MetricGroup)]` struct behind a trait object, so that a service can hold
/// structs of different types.
pub trait AnyGroup: Send + Sync {
    /// The static description of every metric of the struct.
    fn descriptors(&self) -> &'static [MetricDescriptor];
    /// Every metric of the struct.
    fn metrics(&self) -> Vec<&dyn AnyMetric>;
}

impl<F: MetricGroup> AnyGroup for F {
    fn descriptors(&self) -> &'static [MetricDescriptor] {
        F::DESCRIPTORS
    }
    fn metrics(&self) -> Vec<&dyn AnyMetric> {
        MetricGroup::metrics(self)
    }
}

/// The family name without its unit suffix, and the unit when the name carries it.
///
/// OpenMetrics requires a family with a `# UNIT` line to end in `_<unit>`. A declared unit that
/// the name does not carry (a legacy name such as `request_duration` in milliseconds) stays in
/// the descriptor and the docs, but no `# UNIT` line is written, so the exposed name is kept.
fn name_and_unit(descriptor: &MetricDescriptor) -> (&'static str, Option<Unit>) {
    let family = descriptor.family_name();
    if let Some(unit) = descriptor.unit
        && let Some(base) = family
            .strip_suffix(unit)
            .and_then(|rest| rest.strip_suffix('_'))
    {
        return (base, Some(Unit::Other(unit.to_owned())));
    }
    (family, None)
}

/// The metrics of one struct, registered as one prometheus-client collector so that names and
/// help texts are written exactly as declared (`Registry::register` appends a period to help).
#[derive(Debug)]
struct Metrics(Vec<Box<dyn AnyMetric>>);

impl Collector for Metrics {
    fn encode(&self, mut encoder: DescriptorEncoder<'_>) -> fmt::Result {
        for metric in &self.0 {
            metric.encode_into(&mut encoder)?;
        }
        Ok(())
    }
}

/// A whole service: every `#[derive(MetricGroup)]` struct of it, derived with
/// `#[derive(Service)]` on a struct with one field per metric group. The derive also checks,
/// at compile time, that no two families of the service expose the same name in a format the
/// service is declared to be served in.
pub trait Service: Register + Sized + Send + Sync + 'static {
    /// The service's name.
    const NAME: &'static str;
    /// The descriptors of every metric group, in field order.
    const GROUPS: &'static [&'static [MetricDescriptor]];
    /// The formats the service is served in.
    const FORMATS: &'static [crate::Format];
    /// The most series the service may expose (`#[service(budget = N)]`), checked at compile
    /// time against the sum of every family's worst case.
    const BUDGET: Option<usize> = None;
    /// The rules of every metric group, in field order, then the service's own.
    const RULES: &'static [&'static [crate::rules::Rule]] = &[];
    /// Every metric at zero.
    fn new() -> Self;
    /// Every metric group, in field order.
    fn groups(&self) -> Vec<&dyn AnyGroup>;
    /// The descriptors of every metric, in field order.
    fn descriptors() -> Vec<&'static MetricDescriptor> {
        Self::GROUPS.iter().flat_map(|f| f.iter()).collect()
    }
}

/// What [`Registry::register`](crate::Registry::register) takes: a metric group
/// (`#[derive(MetricGroup)]`) or a whole service (`#[derive(Service)]`); both derives implement
/// it.
pub trait Register {
    /// The metric groups to register, in field order.
    fn register_groups(&self) -> Vec<&dyn AnyGroup>;
}

impl Register for dyn AnyGroup + '_ {
    fn register_groups(&self) -> Vec<&dyn AnyGroup> {
        vec![self]
    }
}

/// Registration into an ordinary `prometheus_client` registry, for interoperation, in the same
/// direction as [`Registry::register`](crate::Registry::register): the metrics of a group or a
/// service next to metrics written by hand, all written by prometheus-client's encoder (in its
/// order: its own metrics in registration order, then collectors such as these; the sorted
/// writer is [`crate::Registry`]'s). Recording through the group (or a clone) shows in it.
///
/// ```
/// use metrics_core::{Counter, MetricGroup, PrometheusClientExt};
///
/// #[derive(MetricGroup)]
/// #[metrics(prefix = "shop")]
/// pub struct Orders {
///     /// Orders placed.
///     pub placed_total: Counter,
/// }
///
/// let orders = Orders::new();
/// let mut registry = prometheus_client::registry::Registry::default();
/// registry.register_metrics(&orders);
/// orders.placed_total.inc();
/// let mut text = String::new();
/// prometheus_client::encoding::text::encode(&mut text, &registry).unwrap();
/// assert!(text.contains("shop_placed_total 1\n"), "{text}");
/// ```
pub trait PrometheusClientExt {
    /// Registers every metric of a metric group or a service.
    fn register_metrics(&mut self, what: &(impl Register + ?Sized));
    /// Registers every metric of a metric group or a service under `prefix_`, in a
    /// sub-registry.
    fn register_metrics_with_prefix(&mut self, what: &(impl Register + ?Sized), prefix: &str);
}

impl PrometheusClientExt for Registry {
    fn register_metrics(&mut self, what: &(impl Register + ?Sized)) {
        for group in what.register_groups() {
            let metrics = group.metrics().iter().map(|m| m.boxed()).collect();
            self.register_collector(Box::new(Metrics(metrics)));
        }
    }

    fn register_metrics_with_prefix(&mut self, what: &(impl Register + ?Sized), prefix: &str) {
        self.sub_registry_with_prefix(prefix).register_metrics(what);
    }
}
