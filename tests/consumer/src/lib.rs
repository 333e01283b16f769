//! The metrics of a small online shop, declared with `metrics-core` as a new user would: the
//! storefront (`shop`: orders, open carts, checkout latency, two alerts) and its payment worker
//! (`payments`: errors the payment providers return), and the `shop` program over both.
//!
//! The storefront also exposes the toolkit's `process_*` families, as most services do.

// Clippy reads two `#[alert(...)]` attributes that share a key and value as one attribute given
// twice; each is its own rule.
#![allow(clippy::duplicated_attributes)]

use metrics_core::process::ProcessMetrics;
use metrics_core::tools::ServiceEntry;
use metrics_core::tools::cli::Program;
use metrics_core::{Counter, Gauge, Histogram, LabelValue, MetricGroup, Registry, Service};

/// The regions the shop ships to: configured per deployment, a dozen at most.
pub const REGIONS: usize = 16;

/// The payment providers the worker is configured with.
pub const PROVIDERS: usize = 8;

/// `status`: where an order is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum OrderStatus {
    Placed,
    Paid,
    Shipped,
    Cancelled,
    Refunded,
}

/// `payment_method`: how the customer pays at checkout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, LabelValue)]
#[label(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    Paypal,
    #[label(rename = "invoice")]
    BankTransfer,
}

/// Orders and carts.
#[metrics_core::labels(
    status: OrderStatus,
    /// The region the order ships to (`eu-west`, `us-east`): configured, so bounded.
    #[label(bound = REGIONS)]
    region: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shop", section = "Orders")]
#[alert(
    name = "ShopOrdersCancelled",
    expr = r#"sum by (region) (rate(shop_orders_total{status="cancelled"}[5m])) > 0.5"#,
    for = "10m",
    severity = "warning",
    summary = "Orders are being cancelled in {{ $labels.region }}",
    description = "More than one order every two seconds cancelled in one region for 10 minutes."
)]
pub struct Orders {
    /// Orders, by status and the region they ship to.
    #[metric(labels(status, region))]
    pub orders_total: Counter,
    /// Shopping carts open now.
    pub carts_open: Gauge,
}

/// Checkout.
#[metrics_core::labels(payment_method: PaymentMethod)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "shop", section = "Checkout")]
#[alert(
    name = "ShopCheckoutSlow",
    expr = "histogram_quantile(0.95, sum by (le) (rate(shop_checkout_duration_seconds_bucket[5m]))) > 2",
    for = "5m",
    severity = "critical",
    summary = "The slowest 5% of checkouts take more than 2 seconds",
    runbook = "https://shop.example.com/runbooks/checkout-slow"
)]
pub struct Checkout {
    /// Time from "pay now" to the order confirmation.
    #[metric(
        labels(payment_method),
        unit = "seconds",
        buckets(0.1, 0.25, 0.5, 1, 2.5, 5, 10)
    )]
    pub checkout_duration_seconds: Histogram,
}

/// The storefront.
#[derive(Debug, Service)]
#[service(name = "shop")]
pub struct Shop {
    pub orders: Orders,
    pub checkout: Checkout,
    /// The toolkit's `process_*` families, read from `/proc` (see [`Shop::register_live`]).
    pub process: ProcessMetrics,
}

/// The payment worker's families.
#[metrics_core::labels(
    #[label(bound = PROVIDERS)]
    provider: &str,
    /// The error code as the provider returns it: the providers' own vocabulary, which they
    /// extend without notice.
    #[label(unbounded)]
    code: &str,
)]
#[derive(Debug, MetricGroup)]
#[metrics(prefix = "payments", section = "Providers")]
pub struct Providers {
    /// Errors returned by the payment providers, by provider and the provider's error code.
    #[metric(labels(provider, code), since = "1.1.0")]
    pub provider_errors_total: Counter,
    /// Payments waiting for a provider's answer.
    pub queued: Gauge,
}

/// The payment worker.
#[derive(Debug, Service)]
#[service(name = "payments")]
pub struct Payments {
    pub providers: Providers,
}

impl Shop {
    /// Registers every family into `registry`, the `process_*` ones read again before each
    /// exposition (as [`metrics_core::process::register`] does for a registry of its own).
    pub fn register_live(&self, registry: &mut Registry) {
        registry.register(self);
        let process = self.process.clone();
        registry.before_encode(move || {
            // A failed read keeps the last values: the scrape still gets the shop's own.
            let _ = process.refresh();
        });
    }

    /// A small deterministic workload on every family: a morning of orders in two regions.
    pub fn demo(&self) {
        let orders = &self.orders.orders_total;
        for (status, region, n) in [
            (OrderStatus::Placed, "eu-west", 40),
            (OrderStatus::Paid, "eu-west", 37),
            (OrderStatus::Shipped, "eu-west", 30),
            (OrderStatus::Cancelled, "eu-west", 2),
            (OrderStatus::Placed, "us-east", 12),
            (OrderStatus::Paid, "us-east", 11),
            (OrderStatus::Refunded, "us-east", 1),
        ] {
            orders.inc_by(OrdersTotalLabels { status, region }, n);
        }
        self.orders.carts_open.set(7);
        let checkout = &self.checkout.checkout_duration_seconds;
        for (payment_method, seconds) in [
            (PaymentMethod::Card, 0.3),
            (PaymentMethod::Card, 0.8),
            (PaymentMethod::Card, 1.7),
            (PaymentMethod::Paypal, 2.9),
            (PaymentMethod::BankTransfer, 0.2),
        ] {
            checkout.observe(CheckoutDurationSecondsLabels { payment_method }, seconds);
        }
    }

    /// One more second of the workload, as `serve` calls it (steps 3, 4, ...): an order placed
    /// and one paid, the open carts moving between 5 and 9, one card checkout.
    pub fn tick(&self, step: u64) {
        let orders = &self.orders.orders_total;
        orders.inc(OrdersTotalLabels {
            status: OrderStatus::Placed,
            region: "eu-west",
        });
        orders.inc(OrdersTotalLabels {
            status: OrderStatus::Paid,
            region: "eu-west",
        });
        self.orders.carts_open.set(5 + (step % 5) as i64);
        let checkout = CheckoutDurationSecondsLabels {
            payment_method: PaymentMethod::Card,
        };
        self.checkout
            .checkout_duration_seconds
            .observe(checkout, 0.6);
    }
}

/// Every service of the `shop` program: the storefront with a demo workload, and the payment
/// worker as it starts (no workload: its free-text family has no series yet).
pub static SERVICES: &[ServiceEntry] = &[
    ServiceEntry::of::<Shop>("shop")
        .title("the shop's storefront")
        .demo(|registry: &mut Registry| {
            let shop = Shop::new();
            shop.register_live(registry);
            shop.demo();
            Box::new(move |step| shop.tick(step))
        }),
    ServiceEntry::of::<Payments>("payments").title("the shop's payment worker"),
];

/// The `shop` program: the toolkit's command line over the shop's services.
pub static PROGRAM: Program = Program::new("shop", SERVICES)
    .about("The metrics of the shop: their reference, rules, exposition and live check")
    .invocation("cargo run -p shop-metrics --")
    .version(env!("CARGO_PKG_VERSION"));

#[cfg(test)]
mod tests;
