//! `shop rules --out DIR`: the rule file passes `promtool check rules`, and the tests written
//! beside it pass `promtool test rules`; a wrong expectation in them fails it.

mod common;

use common::{require_promtool, run, scratch, shop};
use shop_metrics::SERVICES;

#[test]
fn the_shops_alerts_pass_promtool() {
    let dir = scratch("rules_shop");
    let out = dir.to_str().expect("a UTF-8 path");
    let written = shop(&["rules", "shop", "--out", out]).expect_code(0, "rules --out");
    let alerts = SERVICES[0].rules();
    assert_eq!(alerts.len(), 2);
    // Both alerts have tests: none is left out for being a template or too hard to evaluate.
    assert!(
        written
            .stderr
            .contains("(4 test cases: 2 of 2 alerts tested firing and silent)"),
        "{}",
        written.stderr
    );
    assert!(!written.stderr.contains("not tested"), "{}", written.stderr);

    let rules = std::fs::read_to_string(dir.join("shop.rules.yml")).expect("the rule file");
    let tests = std::fs::read_to_string(dir.join("shop.test.yml")).expect("the test file");
    for alert in &alerts {
        assert!(
            rules.contains(&format!("- alert: {}\n", alert.name)),
            "{rules}"
        );
        assert!(
            tests.contains(&format!("- name: {} fires\n", alert.name)),
            "{tests}"
        );
        assert!(
            tests.contains(&format!("- name: {} stays silent\n", alert.name)),
            "{tests}"
        );
    }
    // The rule file on stdout is the one written.
    assert_eq!(
        shop(&["rules", "shop"]).expect_code(0, "rules").stdout,
        rules
    );

    if !require_promtool() {
        return;
    }
    let rule_file = dir.join("shop.rules.yml");
    let test_file = dir.join("shop.test.yml");
    let check = run("promtool", &["check", "rules", rule_file.to_str().unwrap()]);
    let check = check.expect_code(0, "promtool check rules");
    assert!(check.stdout.contains("SUCCESS: 2 rules found"), "{check:?}");
    run("promtool", &["test", "rules", test_file.to_str().unwrap()])
        .expect_code(0, "promtool test rules");

    // The same tests expecting another severity: promtool must reject them, or it checks nothing.
    assert!(tests.contains("severity: critical\n"), "{tests}");
    let wrong = dir.join("shop.wrong.test.yml");
    std::fs::write(
        &wrong,
        tests.replace("severity: critical\n", "severity: info\n"),
    )
    .expect("the altered tests are written");
    let failed = run("promtool", &["test", "rules", wrong.to_str().unwrap()]);
    assert_eq!(failed.code, Some(1), "{failed:?}");
    assert!(
        failed
            .stderr
            .contains("FAILED:\n    name: ShopCheckoutSlow fires,"),
        "{failed:?}"
    );

    // The templated summary is expanded for the alert's series as Prometheus expands it: the
    // tests expecting the template verbatim fail.
    let expanded = tests
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("summary: Orders are being cancelled in ")
        })
        .unwrap_or_else(|| panic!("no expanded summary:\n{tests}"));
    assert!(!expanded.contains("{{"), "{tests}");
    let verbatim = dir.join("shop.verbatim.test.yml");
    std::fs::write(
        &verbatim,
        tests.replace(
            &format!("Orders are being cancelled in {expanded}"),
            "Orders are being cancelled in {{ $labels.region }}",
        ),
    )
    .expect("the altered tests are written");
    let failed = run("promtool", &["test", "rules", verbatim.to_str().unwrap()]);
    assert_eq!(failed.code, Some(1), "{failed:?}");
    assert!(
        failed
            .stderr
            .contains("FAILED:\n    name: ShopOrdersCancelled fires,"),
        "{failed:?}"
    );
}

#[test]
fn a_service_without_rules_writes_an_empty_rule_file() {
    let dir = scratch("rules_payments");
    let out = dir.to_str().expect("a UTF-8 path");
    let written = shop(&["rules", "payments", "--out", out]).expect_code(0, "rules --out");
    assert!(
        written
            .stderr
            .contains("shop: payments declares no alert or recording rule"),
        "{}",
        written.stderr
    );
    let rules = std::fs::read_to_string(dir.join("payments.rules.yml")).expect("the rule file");
    assert_eq!(rules, "groups: []\n");
    if !require_promtool() {
        return;
    }
    let check = run(
        "promtool",
        &[
            "check",
            "rules",
            dir.join("payments.rules.yml").to_str().unwrap(),
        ],
    )
    .expect_code(0, "promtool check rules");
    assert!(check.stdout.contains("SUCCESS: 0 rules found"), "{check:?}");
}
