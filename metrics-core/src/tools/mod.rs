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
/// use metrics_core::{Counter, MetricGroup, Service};
///
/// #[derive(MetricGroup)]
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
    descriptors: fn() -> Vec<&'static MetricDescriptor>,
    rules: fn() -> Vec<&'static Rule>,
    /// Registers the service as it starts.
    register: fn(&mut Registry),
    /// Registers the service and starts its demo workload, when it has one.
    demo: Option<fn(&mut Registry) -> Demo>,
}

/// What a demo workload leaves running: `serve` calls it once a second with the step (3, 4,
/// ...; steps 0 to 2 are the demo's own, run as it registers the service). It owns a handle to
/// the service's metrics (a clone of the service struct shares its storage).
pub type Demo = Box<dyn FnMut(u64) + Send>;

impl ServiceEntry {
    /// The entry of the service `S`, registered as it starts (every closed-set series at zero).
    pub const fn of<S: Service>(name: &'static str) -> ServiceEntry {
        ServiceEntry {
            name,
            title: name,
            source: None,
            budget: S::BUDGET,
            formats: S::FORMATS,
            descriptors: S::descriptors,
            rules: rules_of::<S>,
            register: register_new::<S>,
            demo: None,
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

    /// Registered by `demo`, which creates the service's metrics, registers them, records a
    /// first few values and returns the workload that `serve` continues once a second: the
    /// values a reader of `expose`, `check` or `serve` sees move as in production.
    ///
    /// ```
    /// use metrics_core::tools::{Demo, ServiceEntry};
    /// use metrics_core::{Counter, Gauge, MetricGroup, Registry, Service};
    ///
    /// #[derive(Clone, MetricGroup)]
    /// #[metrics(prefix = "shop")]
    /// pub struct Orders {
    ///     /// Orders placed.
    ///     pub placed_total: Counter,
    ///     /// Carts open now.
    ///     pub carts_open: Gauge,
    /// }
    ///
    /// #[derive(Clone, Service)]
    /// pub struct Shop {
    ///     pub orders: Orders,
    /// }
    ///
    /// fn demo(registry: &mut Registry) -> Demo {
    ///     let shop = Shop::new();
    ///     registry.register(&shop);
    ///     shop.orders.placed_total.inc_by(3);
    ///     Box::new(move |step| {
    ///         shop.orders.placed_total.inc();
    ///         shop.orders.carts_open.set((step % 5) as i64);
    ///     })
    /// }
    ///
    /// static SHOP: ServiceEntry = ServiceEntry::of::<Shop>("shop").demo(demo);
    /// let text = SHOP.exposition(metrics_core::Format::OpenMetrics).unwrap();
    /// assert!(text.contains("shop_placed_total 3\n"), "{text}");
    /// ```
    pub const fn demo(mut self, demo: fn(&mut Registry) -> Demo) -> ServiceEntry {
        self.demo = Some(demo);
        self
    }

    /// Whether [`ServiceEntry::register`] starts a demo workload (see [`ServiceEntry::demo`]).
    pub const fn has_demo(&self) -> bool {
        self.demo.is_some()
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

    /// A registry holding every metric of the service (after the first steps of its demo
    /// workload, if any).
    pub fn registry(&self) -> Registry {
        let mut registry = Registry::new();
        self.register(&mut registry);
        registry
    }

    /// Registers every metric of the service into `registry`, next to what it holds; with a demo
    /// workload, runs its first steps and returns the rest of it.
    pub fn register(&self, registry: &mut Registry) -> Option<Demo> {
        match self.demo {
            Some(demo) => Some(demo(registry)),
            None => {
                (self.register)(registry);
                None
            }
        }
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
    registry.register(&S::new());
}
