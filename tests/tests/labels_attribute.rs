//! `#[metrics_core::labels(...)]` against the derives by hand: the same metrics, declared both
//! ways, have the same descriptors and the same exposition, in both formats.

use metrics_core::Registry;
use metrics_core::{Counter, Family, Format, Gauge, Histogram, LabelSet, LabelValue, MetricGroup};

#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum Strategy {
    RoundRobin,
    LeastConnections,
}

/// By hand: one label struct per label list.
pub mod by_hand {
    use super::*;

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct SelectsLabels<'a> {
        /// The pool.
        #[label(bound = 8)]
        pub pool_id: &'a str,
        pub strategy: Strategy,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct FailuresLabels<'a> {
        /// The pool.
        #[label(bound = 8)]
        pub pool_id: &'a str,
        #[label(name = "reason", unbounded)]
        pub why: Option<&'a str>,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct HealthyLabels {
        pub healthy: bool,
    }

    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "lb")]
    pub struct LoadBalancer {
        /// Successful backend selections
        #[metric(allow(counter_total))]
        pub selects: Family<SelectsLabels<'static>, Counter>,
        /// Failed selections
        pub failures_total: Family<FailuresLabels<'static>, Counter>,
        /// Selection latency
        #[metric(unit = "seconds", buckets(0.1, 1))]
        pub latency_seconds: Family<SelectsLabels<'static>, Histogram>,
        /// Healthy pools
        pub pools: Family<HealthyLabels, Gauge>,
        /// Pools deleted
        pub deleted_total: Counter,
    }
}

/// With the attribute: each label declared once, each metric naming its labels.
pub mod declared {
    use super::*;

    #[metrics_core::labels(
        /// The pool.
        #[label(bound = 8)]
        pool_id: &str,
        strategy: Strategy,
        #[label(name = "reason", unbounded, optional)]
        why: &str,
        healthy: bool,
    )]
    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "lb")]
    pub struct LoadBalancer {
        /// Successful backend selections
        #[metric(labels(pool_id, strategy), allow(counter_total))]
        pub selects: Counter,
        /// Failed selections
        #[metric(labels(pool_id, why?))]
        pub failures_total: Counter,
        /// Selection latency
        #[metric(unit = "seconds", buckets(0.1, 1))]
        #[metric(labels(pool_id, strategy))]
        pub latency_seconds: Histogram,
        /// Healthy pools
        #[metric(labels(healthy))]
        pub pools: Gauge,
        /// Pools deleted
        pub deleted_total: Counter,
    }
}

/// A whole service in one inline module: the labels shared by its two groups are declared once.
#[metrics_core::labels(
    #[label(bound = 8)]
    pool_id: &str,
    strategy: Strategy,
)]
pub mod service {
    use super::*;

    /// The first group.
    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "a")]
    pub struct First {
        /// Selections
        #[metric(labels(pool_id, strategy))]
        pub selects_total: Counter,
    }

    /// Not a metric group: left alone.
    #[derive(Clone, Copy, Debug, LabelSet)]
    pub struct Other {
        pub strategy: Strategy,
    }

    /// The second group.
    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "b")]
    pub struct Second {
        /// Pools
        #[metric(labels(pool_id))]
        pub pools: Gauge,
        /// Strategies
        pub strategies: Family<Other, Gauge>,
    }
}

fn descriptors<G: MetricGroup>() -> String {
    format!("{:#?}", G::DESCRIPTORS)
}

fn exposition(register: impl FnOnce(&mut Registry)) -> Vec<String> {
    let mut registry = Registry::new();
    register(&mut registry);
    Format::ALL
        .iter()
        .map(|&format| registry.encode(format).expect("no clash"))
        .collect()
}

#[test]
fn the_attribute_declares_what_the_derives_declare_by_hand() {
    assert_eq!(
        descriptors::<declared::LoadBalancer>(),
        descriptors::<by_hand::LoadBalancer>()
    );
    // The same series recorded through either set of types.
    macro_rules! record {
        ($module:ident, $failures:ident, $latency:ident, $pools:ident) => {
            exposition(|r| {
                use $module::*;
                let m = LoadBalancer::new();
                m.selects.inc(SelectsLabels {
                    pool_id: "a",
                    strategy: Strategy::RoundRobin,
                });
                m.failures_total.inc($failures {
                    pool_id: "a",
                    why: None,
                });
                m.failures_total.inc($failures {
                    pool_id: "b",
                    why: Some("down"),
                });
                let latency = $latency {
                    pool_id: "a",
                    strategy: Strategy::LeastConnections,
                };
                m.latency_seconds.observe(latency, 0.5);
                m.pools.set($pools { healthy: true }, 3);
                m.deleted_total.inc();
                r.register(&m);
            })
        };
    }
    let declared = record!(
        declared,
        FailuresTotalLabels,
        LatencySecondsLabels,
        PoolsLabels
    );
    let by_hand = record!(by_hand, FailuresLabels, SelectsLabels, HealthyLabels);
    assert_eq!(declared, by_hand);
    // What the comparison compares: every series recorded, in both formats.
    for text in &declared {
        assert!(
            text.contains(r#"lb_failures_total{pool_id="b",reason="down"} 1"#),
            "{text}"
        );
        assert!(
            text.contains(r#"lb_failures_total{pool_id="a"} 1"#),
            "{text}"
        );
        assert!(text.contains(r#"lb_pools{healthy="true"} 3"#), "{text}");
    }
}

#[test]
fn a_module_declares_the_labels_of_its_groups_once() {
    let first = service::First::new();
    first.selects_total.inc(service::SelectsTotalLabels {
        pool_id: "p",
        strategy: Strategy::RoundRobin,
    });
    let second = service::Second::new();
    second.pools.set(service::PoolsLabels { pool_id: "p" }, 2);
    second.strategies.set(
        service::Other {
            strategy: Strategy::RoundRobin,
        },
        1,
    );
    let text = exposition(|r| {
        r.register(&first);
        r.register(&second);
    });
    assert!(text[0].contains(r#"a_selects_total{pool_id="p",strategy="round_robin"} 1"#));
    assert!(text[0].contains(r#"b_pools{pool_id="p"} 2"#));
    assert_eq!(
        <service::Second as MetricGroup>::DESCRIPTORS[0].labels[0].kind,
        metrics_core::LabelKind::FreeText
    );
}
