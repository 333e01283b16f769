//! The tools, for any service declared with `#[derive(Service)]`: the Markdown reference
//! ([`docs`]), the descriptors as JSON ([`describe`]), the Prometheus rule file and its
//! `promtool test rules` cases ([`rules`]), the live checker ([`check`]), the `/metrics` harness
//! ([`serve`], feature `serve`) and the whole command line ([`cli`], feature `cli`).
//!
//! Each takes a [`ServiceEntry`]: the service as the tools see it, made from the derive's
//! constants with [`ServiceEntry::of`].

#[cfg(feature = "check")]
pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "describe")]
pub mod describe;
#[cfg(feature = "docs")]
pub mod docs;
#[cfg(feature = "rules")]
pub mod rules;
#[cfg(feature = "serve")]
pub mod serve;

use crate::exposition::Collision;
use crate::rules::Rule;
use crate::{Format, MetricDescriptor, Registry, Service};

/// One service, as the tools see it: its name and title, its descriptors and rules, the formats
/// it is served in, and how to register it (with a demo workload, or as it starts).
///
/// ```
/// use metrics_core::tools::ServiceEntry;
/// use metrics_core::{Counter, MetricFamily, Service};
///
/// #[derive(MetricFamily)]
/// #[metrics(prefix = "shop")]
/// pub struct Orders {
///     /// Orders placed.
///     pub placed_total: Counter,
/// }
///
/// #[derive(Service)]
/// pub struct Shop {
///     pub orders: Orders,
/// }
///
/// static SHOP: ServiceEntry = ServiceEntry::of::<Shop>("shop").title("the shop");
/// assert_eq!(SHOP.descriptors()[0].name, "shop_placed_total");
/// assert!(SHOP.registry().encode(metrics_core::Format::OpenMetrics).unwrap().contains("shop_placed_total 0\n"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ServiceEntry {
    /// The name used on the command line and in file names.
    pub name: &'static str,
    /// What the service is, for the reference's title (default: the name).
    pub title: &'static str,
    /// The document the declarations follow, when there is one (shown in the reference).
    pub source: Option<&'static str>,
    /// The most series the service may expose, when it declares a budget.
    pub budget: Option<usize>,
    /// The formats the service is declared to be served in, preferred first.
    pub formats: &'static [Format],
    /// Whether [`ServiceEntry::register`] runs a demo workload that `serve` continues (see
    /// [`ServiceEntry::demo`]).
    pub has_demo: bool,
    descriptors: fn() -> Vec<&'static MetricDescriptor>,
    rules: fn() -> Vec<&'static Rule>,
    register: fn(&mut Registry),
}

impl ServiceEntry {
    /// The entry of the service `S`, registered as it starts (every closed-set series at zero).
    pub const fn of<S: Service>(name: &'static str) -> ServiceEntry {
        ServiceEntry {
            name,
            title: name,
            source: None,
            budget: S::BUDGET,
            formats: S::FORMATS,
            has_demo: false,
            descriptors: S::descriptors,
            rules: rules_of::<S>,
            register: register_new::<S>,
        }
    }

    /// With a title for the reference (`"the shop's order service"`).
    pub const fn title(mut self, title: &'static str) -> ServiceEntry {
        self.title = title;
        self
    }

    /// With the document the declarations follow (shown in the reference).
    pub const fn source(mut self, source: &'static str) -> ServiceEntry {
        self.source = Some(source);
        self
    }

    /// Registered by `register`, which creates the service's metrics, registers them and runs a
    /// deterministic demo workload on them; `serve` then continues the example workload of
    /// every metric once a second ([`Registry::record_example`] from step 3 on).
    pub const fn demo(mut self, register: fn(&mut Registry)) -> ServiceEntry {
        self.register = register;
        self.has_demo = true;
        self
    }

    /// The descriptors of every family, in declaration order.
    pub fn descriptors(&self) -> Vec<&'static MetricDescriptor> {
        (self.descriptors)()
    }

    /// Every alert and recording rule of the service, in declaration order: each family
    /// struct's, then the service's own.
    pub fn rules(&self) -> Vec<&'static Rule> {
        (self.rules)()
    }

    /// A registry holding every metric of the service (after its demo workload, if any).
    pub fn registry(&self) -> Registry {
        let mut registry = Registry::new();
        (self.register)(&mut registry);
        registry
    }

    /// Registers every metric of the service into `registry`, next to what it holds (and runs
    /// its demo workload, if any).
    pub fn register(&self, registry: &mut Registry) {
        (self.register)(registry);
    }

    /// The exposition in `format` (after the demo workload, if any); fails when two families of
    /// the service expose the same name in that format.
    pub fn exposition(&self, format: Format) -> Result<String, Collision> {
        self.registry().encode(format)
    }
}

/// Finds the entry named `name`.
pub fn find<'a>(entries: &'a [ServiceEntry], name: &str) -> Option<&'a ServiceEntry> {
    entries.iter().find(|e| e.name == name)
}

/// `OpenMetrics 1.0 or Prometheus text 0.0.4`, as the tools' messages list formats.
#[cfg(feature = "cli")]
fn formats_list(formats: &[Format]) -> String {
    formats
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

fn rules_of<S: Service>() -> Vec<&'static Rule> {
    S::RULES.iter().flat_map(|rules| rules.iter()).collect()
}

fn register_new<S: Service>(registry: &mut Registry) {
    S::new().register(registry);
}
