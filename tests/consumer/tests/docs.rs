//! `shop docs`: the Markdown reference of each service, with every family and every alert the
//! code declares.

mod common;

use common::{scratch, shop};
use shop_metrics::SERVICES;

/// The family headings of a reference (`### \`name\``), without the rules' (`(alert)`).
fn family_headings(markdown: &str) -> Vec<&str> {
    markdown
        .lines()
        .filter_map(|l| l.strip_prefix("### `"))
        .filter_map(|l| l.strip_suffix('`'))
        .collect()
}

#[test]
fn every_family_and_alert_is_in_the_reference() {
    for service in SERVICES {
        let run = shop(&["docs", service.name]).expect_code(0, "docs");
        let markdown = run.stdout;
        let (first, rest) = service.title.split_at(1);
        let title = format!("# {}{rest} metrics\n\n", first.to_uppercase());
        assert!(markdown.starts_with(&title), "{title:?} in:\n{markdown}");
        let declared: Vec<&str> = service.descriptors().iter().map(|d| d.name).collect();
        assert_eq!(family_headings(&markdown), declared, "{markdown}");
        assert!(
            markdown.contains(&format!("\n{} metric families.\n", declared.len())),
            "{markdown}"
        );
        for d in service.descriptors() {
            let section = format!("### `{}`\n\n{}\n", d.name, d.help);
            assert!(markdown.contains(&section), "{section:?} in:\n{markdown}");
        }
        let rules = service.rules();
        for rule in &rules {
            let heading = format!("### `{}` (alert)\n", rule.name);
            assert!(markdown.contains(&heading), "{heading:?} in:\n{markdown}");
            assert!(
                markdown.contains(rule.expr),
                "{} in:\n{markdown}",
                rule.expr
            );
        }
        if rules.is_empty() {
            assert!(
                markdown.contains("## Alerts and recording rules\n\nNone declared.\n"),
                "{markdown}"
            );
        }
    }
}

#[test]
fn the_reference_shows_labels_and_buckets() {
    let markdown = shop(&["docs", "shop"]).expect_code(0, "docs").stdout;
    for line in [
        "  - `status` (5): `cancelled`, `paid`, `placed`, `refunded`, `shipped`\n",
        // The label field's doc comment is its help.
        "  - `region` (free text, at most 16 values): The region the order ships to (`eu-west`, `us-east`): configured, so bounded.\n",
        "  - `payment_method` (3): `card`, `invoice`, `paypal`\n",
        "- buckets: 0.1, 0.25, 0.5, 1, 2.5, 5, 10, +Inf\n",
        "Generated from the catalog by `cargo run -p shop-metrics -- docs shop`",
    ] {
        assert!(markdown.contains(line), "{line:?} in:\n{markdown}");
    }
    let markdown = shop(&["docs", "payments"]).expect_code(0, "docs").stdout;
    for line in [
        "  - `provider` (free text, at most 8 values)\n",
        "  - `code` (free text, unbounded): The error code as the provider returns it: the providers' own vocabulary, which they extend without notice.\n",
        "- since: 1.1.0\n",
    ] {
        assert!(markdown.contains(line), "{line:?} in:\n{markdown}");
    }
}

#[test]
fn docs_all_writes_each_reference_as_printed() {
    let dir = scratch("docs_all");
    let out = dir.to_str().expect("a UTF-8 path");
    shop(&["docs", "--all", "--out", out]).expect_code(0, "docs --all");
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder is read")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    written.sort();
    assert_eq!(written, ["payments.md", "shop.md"]);
    for service in SERVICES {
        let file = std::fs::read_to_string(dir.join(format!("{}.md", service.name)))
            .expect("the reference is written");
        assert_eq!(
            file,
            shop(&["docs", service.name]).stdout,
            "{}",
            service.name
        );
    }
}
