//! `shop expose` in both formats, with and without a demo workload, and `shop check` of what it
//! wrote.

mod common;

use common::{scratch, shop};

#[test]
fn expose_and_check_each_service_in_each_format() {
    let dir = scratch("expose");
    for (service, format, line) in [
        ("shop", "openmetrics", "shop_carts_open 7\n"),
        ("shop", "prometheus", "shop_carts_open 7\n"),
        ("payments", "openmetrics", "payments_queued 0\n"),
        ("payments", "prometheus", "payments_queued 0\n"),
    ] {
        let what = format!("expose {service} --format {format}");
        let text = shop(&["expose", service, "--format", format]).expect_code(0, &what);
        assert!(text.stdout.contains(line), "{what}:\n{}", text.stdout);
        assert_eq!(
            text.stdout.ends_with("# EOF\n"),
            format == "openmetrics",
            "{what}:\n{}",
            text.stdout
        );
        let path = dir.join(format!("{service}.{format}.txt"));
        std::fs::write(&path, &text.stdout).expect("the exposition is written");
        let path = path.to_str().expect("a UTF-8 path");
        let check = shop(&["check", service, path, "--format", format])
            .expect_code(0, &format!("check {service} {format}"));
        assert!(
            check.stdout.contains("summary: 0 errors, 0 warnings;"),
            "{check:?}"
        );
        // Read as the other service's, it is all errors: the check compares with the catalog.
        let other = if service == "shop" {
            "payments"
        } else {
            "shop"
        };
        let wrong = shop(&["check", other, path]).expect_code(1, "checked as the other service");
        assert!(
            wrong
                .stdout
                .contains(&format!("not in the catalog of {other}")),
            "{wrong:?}"
        );
    }
}

#[test]
fn the_default_format_is_openmetrics() {
    let text = shop(&["expose", "shop"]).expect_code(0, "expose").stdout;
    assert!(text.contains("# TYPE shop_orders counter\n"), "{text}");
    assert!(text.ends_with("# EOF\n"), "{text}");
}

#[test]
fn list_names_both_services() {
    let list = shop(&["list"]).expect_code(0, "list").stdout;
    let names: Vec<&str> = list
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(names, ["shop", "payments"], "{list}");
    let unknown = shop(&["expose", "warehouse"]).expect_code(2, "an unknown service");
    assert!(
        unknown.stderr.contains("[possible values: shop, payments]"),
        "{unknown:?}"
    );
}

#[test]
fn version_is_the_crates() {
    let version = shop(&["--version"]).expect_code(0, "--version").stdout;
    assert_eq!(version, format!("shop {}\n", env!("CARGO_PKG_VERSION")));
}
