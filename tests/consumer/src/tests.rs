//! The shop's metrics as its own code sees them: values read back through the typed labels, and
//! the exposition in both formats (`metrics_core::testing`).

use metrics_core::{Format, Registry, Service, testing};

use super::*;

/// The shop, registered as it is served (the process read before each exposition), after its
/// demo workload.
fn shop() -> (Shop, Registry) {
    let shop = Shop::new();
    let mut registry = Registry::new();
    shop.register_live(&mut registry);
    shop.demo();
    (shop, registry)
}

#[test]
fn values_read_through_typed_labels() {
    let (shop, _registry) = shop();
    let orders = &shop.orders.orders_total;
    let paid_eu = OrdersTotalLabels {
        status: OrderStatus::Paid,
        region: "eu-west",
    };
    assert_eq!(orders.get(paid_eu), Some(37));
    orders.inc(paid_eu);
    assert_eq!(orders.get(paid_eu), Some(38));
    // A region never recorded into has no series.
    let paid_ap = OrdersTotalLabels {
        status: OrderStatus::Paid,
        region: "ap-south",
    };
    assert_eq!(orders.get(paid_ap), None);

    assert_eq!(shop.orders.carts_open.get(), 7);
    shop.orders.carts_open.dec();
    assert_eq!(shop.orders.carts_open.get(), 6);

    let checkout = &shop.checkout.checkout_duration_seconds;
    let card = CheckoutDurationSecondsLabels {
        payment_method: PaymentMethod::Card,
    };
    let (count, sum) = checkout
        .count_and_sum(card)
        .expect("a closed-set series exists from the start");
    assert_eq!(count, 3);
    assert!((sum - 2.8).abs() < 1e-9, "sum {sum}");
    // 0.3, 0.8 and 1.7 seconds, counted cumulatively per `le`.
    assert_eq!(
        checkout.buckets(card),
        Some(vec![
            (0.1, 0),
            (0.25, 0),
            (0.5, 1),
            (1.0, 2),
            (2.5, 3),
            (5.0, 3),
            (10.0, 3),
            (f64::INFINITY, 3)
        ])
    );
    let invoice = CheckoutDurationSecondsLabels {
        payment_method: PaymentMethod::BankTransfer,
    };
    assert_eq!(checkout.count_and_sum(invoice), Some((1, 0.2)));
}

#[test]
fn payments_start_without_series_of_free_text() {
    let payments = Payments::new();
    let registry = testing::registry_of(&payments.providers);
    let errors = &payments.providers.provider_errors_total;
    let declined = ProviderErrorsTotalLabels {
        provider: "acme-pay",
        code: "card_declined",
    };
    assert_eq!(errors.get(declined), None);
    assert!(
        !testing::exposition(&registry, Format::Prometheus)
            .contains("payments_provider_errors_total{"),
    );
    errors.inc(declined);
    errors.inc(declined);
    assert_eq!(errors.get(declined), Some(2));
    assert_eq!(errors.len(), 1);
    assert!(testing::exposition(&registry, Format::Prometheus).contains(
        "\npayments_provider_errors_total{provider=\"acme-pay\",code=\"card_declined\"} 2\n"
    ));
}

#[test]
fn exposition_openmetrics() {
    let (_shop, registry) = shop();
    insta::assert_snapshot!(testing::exposition(&registry, Format::OpenMetrics));
}

#[test]
fn exposition_prometheus_text() {
    let (_shop, registry) = shop();
    insta::assert_snapshot!(testing::exposition(&registry, Format::Prometheus));
}

/// The `process_*` values are read from `/proc` before each exposition: the snapshots hold them
/// normalised, or they would differ between two runs.
#[cfg(target_os = "linux")]
#[test]
fn the_process_is_read_before_each_exposition() {
    let (shop, registry) = shop();
    assert_eq!(shop.process.process_open_fds.get(), 0.0);
    let text = registry.encode(Format::Prometheus).unwrap();
    assert!(shop.process.process_open_fds.get() > 0.0);
    assert!(!text.contains("\nprocess_open_fds 0\n"), "{text}");
    assert!(
        testing::exposition(&registry, Format::Prometheus)
            .contains("\nprocess_open_fds [normalised]\n")
    );
}

/// The entry as the tools see it, without a demo: the closed-set series at zero, the free-text
/// family absent.
#[test]
fn entry_without_demo_exposes_the_series_at_zero() {
    let entry = ServiceEntry::of::<Shop>("shop");
    assert!(!entry.has_demo());
    let text = entry.exposition(Format::OpenMetrics).unwrap();
    assert!(text.contains("\nshop_carts_open 0\n"), "{text}");
    assert!(
        text.contains("\nshop_checkout_duration_seconds_count{payment_method=\"paypal\"} 0\n"),
        "{text}"
    );
    assert!(!text.contains("shop_orders_total{"), "{text}");
}
