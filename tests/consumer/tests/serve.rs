//! `shop serve`, checked by `shop check` as a user would: the live page is clean; a copy of it
//! with a wrong HELP or a value outside a closed set is an `error:` and exit code 1.

mod common;

use common::{Run, Serve, scratch, shop};
use shop_metrics::SERVICES;

/// The `error:` lines of a check.
fn errors(run: &Run) -> Vec<&str> {
    run.stdout
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect()
}

/// The sample lines of the shop's own families (the process's change at every scrape anyway).
fn shop_samples(page: &str) -> Vec<&str> {
    page.lines().filter(|l| l.starts_with("shop_")).collect()
}

/// `shop check <service> <url>`: exit 0, no error, and the summary counting no error and every
/// declared family.
fn assert_clean(service: &str, url: &str) -> Run {
    let families = metrics_core::tools::find(SERVICES, service)
        .expect("a service of the shop")
        .descriptors()
        .len();
    let run = shop(&["check", service, url]).expect_code(0, "check the live page");
    assert_eq!(errors(&run), Vec::<&str>::new(), "{run:?}");
    assert!(
        run.stdout.contains(&format!(
            "summary: 0 errors, 0 warnings; {families} families in the exposition (OpenMetrics 1.0), {families} declared by {service}\n"
        )),
        "{run:?}"
    );
    run
}

#[test]
fn the_live_page_is_clean_and_an_altered_copy_is_not() {
    let mut serve = Serve::start(&["--service", "shop"]);
    serve.wait_for("the demo workload changes the values every second");
    let url = serve.url();
    assert_clean("shop", &url);

    let page = serve.get();
    assert!(
        page.contains("shop_orders_total{status=\"refunded\",region=\"us-east\"} 1\n"),
        "{page}"
    );
    let dir = scratch("serve_altered");
    let check_copy = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("the copy is written");
        shop(&["check", "shop", path.to_str().expect("a UTF-8 path")])
    };
    // The copy as served is clean from a file too: what fails below is the alteration.
    let same = check_copy("same.txt", &page).expect_code(0, "the copy as served");
    assert_eq!(errors(&same), Vec::<&str>::new(), "{same:?}");

    let help = "# HELP shop_carts_open Shopping carts open now.\n";
    let line = 1 + page
        .lines()
        .position(|l| l == help.trim_end())
        .unwrap_or_else(|| panic!("{help:?} in:\n{page}"));
    let wrong_help = check_copy(
        "wrong-help.txt",
        &page.replace(help, "# HELP shop_carts_open Carts.\n"),
    )
    .expect_code(1, "a wrong HELP");
    assert_eq!(
        errors(&wrong_help),
        [format!(
            r#"error: line {line}: shop_carts_open: HELP "Carts.", the catalog says "Shopping carts open now.""#
        )],
        "{wrong_help:?}"
    );

    let refunded = "{status=\"refunded\",";
    let outside = check_copy(
        "outside-closed-set.txt",
        &page.replace(refunded, "{status=\"returned\","),
    )
    .expect_code(1, "a value outside the closed set");
    let errors = errors(&outside);
    assert_eq!(errors.len(), 1, "{outside:?}");
    assert!(
        errors[0].contains(
            r#"shop_orders: status="returned" is not one of the values the catalog declares: "cancelled", "paid", "placed", "refunded", "shipped""#
        ),
        "{outside:?}"
    );

    // The process is read at each scrape.
    assert!(page.contains("\nprocess_open_fds "), "{page}");
    assert!(!page.contains("\nprocess_open_fds 0\n"), "{page}");

    // Still clean once the demo workload has moved the shop's own values on.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = serve.get();
    assert_ne!(
        shop_samples(&later),
        shop_samples(&page),
        "the demo workload moves the values"
    );
    // The shop's own workload (`Shop::tick`), not a generic one: one more placed order a second.
    let placed = |page: &str| -> u64 {
        let line = page
            .lines()
            .find_map(|l| {
                l.strip_prefix("shop_orders_total{status=\"placed\",region=\"eu-west\"} ")
            })
            .unwrap_or_else(|| panic!("no placed orders in eu-west:\n{page}"));
        line.parse().expect("an integer count")
    };
    assert!(placed(&later) > placed(&page), "{later}");
    assert!(placed(&page) >= 40, "the demo's first orders: {page}");
    assert_clean("shop", &url);
    serve.interrupt();
}

/// The payment worker has no demo workload: served as it starts, its free-text family has no
/// series yet, and the page is still clean.
#[test]
fn a_service_without_demo_is_served_as_it_starts() {
    let mut serve = Serve::start(&["--service", "payments"]);
    serve.wait_for("the series as registered (no demo workload)");
    let page = serve.get();
    assert!(page.contains("\npayments_queued 0\n"), "{page}");
    assert!(!page.contains("payments_provider_errors_total{"), "{page}");
    assert_clean("payments", &serve.url());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(serve.get(), page, "nothing moves without a workload");
    serve.interrupt();
}
