//! The shop's metrics as its own code sees them: values read back through the typed labels, and
//! the exposition in both formats.

use metrics_core::{Format, Registry, Service};

use super::*;

/// The shop, registered, after its demo workload.
fn shop() -> (Shop, Registry) {
    let shop = Shop::new();
    let mut registry = Registry::new();
    shop.register(&mut registry);
    shop.demo();
    (shop, registry)
}

#[test]
fn values_read_through_typed_labels() {
    let (shop, _registry) = shop();
    let orders = &shop.orders.orders_total;
    let paid_eu = OrderLabels {
        status: OrderStatus::Paid,
        region: "eu-west",
    };
    assert_eq!(orders.get(paid_eu), Some(37));
    orders.inc(paid_eu);
    assert_eq!(orders.get(paid_eu), Some(38));
    // A region never recorded into has no series.
    let paid_ap = OrderLabels {
        status: OrderStatus::Paid,
        region: "ap-south",
    };
    assert_eq!(orders.get(paid_ap), None);

    assert_eq!(shop.orders.carts_open.get(), 7);
    shop.orders.carts_open.dec();
    assert_eq!(shop.orders.carts_open.get(), 6);

    let checkout = &shop.checkout.checkout_duration_seconds;
    let (count, sum) = checkout
        .count_and_sum(CheckoutLabels {
            payment_method: PaymentMethod::Card,
        })
        .expect("a closed-set series exists from the start");
    assert_eq!(count, 3);
    assert!((sum - 2.8).abs() < 1e-9, "sum {sum}");
    assert_eq!(
        checkout.count_and_sum(CheckoutLabels {
            payment_method: PaymentMethod::BankTransfer,
        }),
        Some((1, 0.2))
    );
}

#[test]
fn payments_start_without_series_of_free_text() {
    let payments = Payments::new();
    let errors = &payments.providers.provider_errors_total;
    let declined = ProviderErrorLabels {
        provider: "acme-pay",
        code: "card_declined",
    };
    assert_eq!(errors.get(declined), None);
    errors.inc(declined);
    errors.inc(declined);
    assert_eq!(errors.get(declined), Some(2));
    assert_eq!(errors.len(), 1);
}

#[test]
fn exposition_openmetrics() {
    let (_shop, registry) = shop();
    insta::assert_snapshot!(registry.encode(Format::OpenMetrics).unwrap());
}

#[test]
fn exposition_prometheus_text() {
    let (_shop, registry) = shop();
    insta::assert_snapshot!(registry.encode(Format::Prometheus).unwrap());
}

/// The entry as the tools see it, without a demo: the closed-set series at zero, the free-text
/// family absent.
#[test]
fn entry_without_demo_exposes_the_series_at_zero() {
    let entry = ServiceEntry::of::<Shop>("shop");
    assert!(!entry.has_demo);
    let text = entry.exposition(Format::OpenMetrics).unwrap();
    assert!(text.contains("shop_carts_open 0\n"), "{text}");
    assert!(
        text.contains("shop_checkout_duration_seconds_count{payment_method=\"paypal\"} 0\n"),
        "{text}"
    );
    assert!(!text.contains("shop_orders_total{"), "{text}");
}
