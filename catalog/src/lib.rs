//! The metric families of five real services (`shared/spec/`), declared with `metrics-core`,
//! and what the `catalog` program does with them.

// Clippy reads two `#[alert(...)]` attributes that share a key and value (`severity = "warning"`)
// as one attribute given twice; each is its own rule.
#![allow(clippy::duplicated_attributes)]

pub mod authelia;
pub mod bounds;
pub mod hexon;
pub mod hyperauth;
pub mod infra;
pub mod signaling;

use metrics_core::tools::cli::Program;
use metrics_core::tools::{Demo, ServiceEntry};
use metrics_core::{Registry, Service};

/// The `catalog` program: the toolkit's command line over the five services.
pub static PROGRAM: Program = Program {
    name: "catalog",
    about: "The metric catalog of five real services",
    invocation: "cargo run -p catalog --",
    version: env!("CARGO_PKG_VERSION"),
    services: SERVICES,
};

/// Finds a service by its command-line name.
pub fn find(name: &str) -> Option<&'static ServiceEntry> {
    metrics_core::tools::find(SERVICES, name)
}

/// Records the `step`th value of the deterministic example workload on every metric of
/// `service` (see `metrics_core::Family::record_example`, feature `demo`): counters rise, gauges
/// move, histograms observe, two example series in each free-text family.
pub fn example_step(service: &impl Service, step: u64) {
    for metric in service.groups().iter().flat_map(|f| f.metrics()) {
        metric.record_example(step);
    }
}

/// The demo of a service without a hand-written one: registered, the example workload's first
/// three steps, and the rest of it for `serve`.
fn example_demo<S: Service>(registry: &mut Registry) -> Demo {
    demo_with(registry, |service: &S| {
        for step in 0..3 {
            example_step(service, step);
        }
    })
}

/// The demo of a service with a workload of its own (`first`, the document's values): `serve`
/// continues with the example workload.
fn demo_with<S: Service>(registry: &mut Registry, first: fn(&S)) -> Demo {
    let service = S::new();
    registry.register(&service);
    first(&service);
    Box::new(move |step| example_step(&service, step))
}

/// Every service of the catalog, each with its demo workload.
pub static SERVICES: &[ServiceEntry] = &[
    ServiceEntry::of::<hyperauth::Hyperauth>("hyperauth")
        .title("hyperauth, a Keycloak-based identity server")
        .source("spec/000_ae4d8bee28028289.txt")
        .demo(|registry| demo_with(registry, hyperauth::Hyperauth::demo)),
    ServiceEntry::of::<signaling::SignalingService>("signaling")
        .title("the Nextcloud Talk signaling server and proxy")
        .source("spec/001_1d6680fbfe2cf131.txt")
        .demo(example_demo::<signaling::SignalingService>),
    ServiceEntry::of::<hexon::Hexon>("hexon")
        .title("hexon, a security gateway")
        .source("spec/002_d70fb58de778f465.txt")
        .demo(example_demo::<hexon::Hexon>),
    ServiceEntry::of::<authelia::Authelia>("authelia")
        .title("Authelia, an authentication and authorization server")
        .source("spec/003_1e358b2760e0738c.txt")
        .demo(|registry| demo_with(registry, authelia::Authelia::demo)),
    ServiceEntry::of::<infra::Infra>("infra")
        .title("Infra, an access-management server written in Go")
        .source("spec/004_7836ac18d1be0a8d.txt")
        .demo(|registry| demo_with(registry, infra::Infra::load_sample)),
];
