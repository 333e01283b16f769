//! The metric families of five real services (`shared/spec/`), declared with `metrics-core`,
//! and what the `catalog` program does with them.

// Clippy reads two `#[alert(...)]` attributes that share a key and value (`severity = "warning"`)
// as one attribute given twice; each is its own rule.
#![allow(clippy::duplicated_attributes)]

pub mod authelia;
pub mod bounds;
pub mod check;
pub mod describe;
pub mod docs;
pub mod hexon;
pub mod hyperauth;
pub mod infra;
pub mod rule_file;
pub mod rule_tests;
pub mod signaling;

use metrics_core::exposition::Collision;
use metrics_core::rules::Rule;
use metrics_core::{Format, MetricDescriptor, Registry, Service as _};

/// One service of the specification.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The name used on the command line.
    pub name: &'static str,
    /// What the service is.
    pub title: &'static str,
    /// The document of `shared/spec/` it is declared from.
    pub spec: &'static str,
    /// The most series the service may expose, when it declares a budget.
    pub budget: Option<usize>,
    /// The formats the service is declared to be served in, preferred first.
    pub formats: &'static [Format],
    descriptors: fn() -> Vec<&'static MetricDescriptor>,
    rules: fn() -> Vec<&'static Rule>,
    demo: fn(&mut Registry),
}

impl Service {
    /// The descriptors of every family, in the document's order.
    pub fn descriptors(&self) -> Vec<&'static MetricDescriptor> {
        (self.descriptors)()
    }

    /// Every alert and recording rule of the service, in declaration order: each family
    /// struct's, then the service's own.
    pub fn rules(&self) -> Vec<&'static Rule> {
        (self.rules)()
    }

    /// A registry holding every metric of the service, after its deterministic demo workload.
    pub fn demo_registry(&self) -> Registry {
        let mut registry = Registry::new();
        (self.demo)(&mut registry);
        registry
    }

    /// Registers every metric of the service into `registry`, next to what it holds, and runs
    /// the deterministic demo workload on them. `Registry::record_example` with steps from 3 on
    /// continues the workload (`catalog serve` does it every second).
    pub fn register_demo(&self, registry: &mut Registry) {
        (self.demo)(registry);
    }

    /// The exposition in `format` after the demo workload; fails when two families of the
    /// service expose the same name in that format.
    pub fn demo_exposition(&self, format: Format) -> Result<String, Collision> {
        self.demo_registry().encode(format)
    }

    /// Finds a service by its command-line name.
    pub fn find(name: &str) -> Option<&'static Service> {
        SERVICES.iter().find(|s| s.name == name)
    }
}

/// Registers `families` and runs a deterministic example workload on every metric: three steps,
/// which create two example series in each free-text family (see
/// `metrics_core::Family::record_example`).
pub fn example_workload(service: &impl metrics_core::Service, registry: &mut Registry) {
    service.register(registry);
    for step in 0..3 {
        for metric in service.families().iter().flat_map(|f| f.metrics()) {
            metric.record_example(step);
        }
    }
}

/// The rules of a `#[derive(Service)]` struct, flattened.
fn rules_of<S: metrics_core::Service>() -> Vec<&'static Rule> {
    S::RULES.iter().flat_map(|rules| rules.iter()).collect()
}

/// Every service of the catalog.
pub static SERVICES: &[Service] = &[
    Service {
        name: "hyperauth",
        title: "hyperauth, a Keycloak-based identity server",
        spec: "000_ae4d8bee28028289.txt",
        budget: hyperauth::Hyperauth::BUDGET,
        formats: hyperauth::Hyperauth::FORMATS,
        descriptors: hyperauth::Hyperauth::descriptors,
        rules: rules_of::<hyperauth::Hyperauth>,
        demo: |registry| {
            let metrics = hyperauth::Hyperauth::default();
            metrics.register(registry);
            metrics.demo();
        },
    },
    Service {
        name: "signaling",
        title: "the Nextcloud Talk signaling server and proxy",
        spec: "001_1d6680fbfe2cf131.txt",
        budget: signaling::SignalingService::BUDGET,
        formats: signaling::SignalingService::FORMATS,
        descriptors: signaling::SignalingService::descriptors,
        rules: rules_of::<signaling::SignalingService>,
        demo: |registry| example_workload(&signaling::SignalingService::new(), registry),
    },
    Service {
        name: "hexon",
        title: "hexon, a security gateway",
        spec: "002_d70fb58de778f465.txt",
        budget: hexon::Hexon::BUDGET,
        formats: hexon::Hexon::FORMATS,
        descriptors: hexon::Hexon::descriptors,
        rules: rules_of::<hexon::Hexon>,
        demo: |registry| example_workload(&hexon::Hexon::new(), registry),
    },
    Service {
        name: "authelia",
        title: "Authelia, an authentication and authorization server",
        spec: "003_1e358b2760e0738c.txt",
        budget: authelia::Authelia::BUDGET,
        formats: authelia::Authelia::FORMATS,
        descriptors: authelia::Authelia::descriptors,
        rules: rules_of::<authelia::Authelia>,
        demo: |registry| {
            let metrics = authelia::Authelia::default();
            metrics.register(registry);
            metrics.demo();
        },
    },
    Service {
        name: "infra",
        title: "Infra, an access-management server written in Go",
        spec: "004_7836ac18d1be0a8d.txt",
        budget: infra::Infra::BUDGET,
        formats: infra::Infra::FORMATS,
        descriptors: infra::Infra::descriptors,
        rules: rules_of::<infra::Infra>,
        demo: |registry| {
            let metrics = infra::Infra::default();
            metrics.register(registry);
            metrics.load_sample();
        },
    },
];
