//! The committed references in `docs/` are what the catalog generates: a change to a
//! declaration without regenerating them fails here.

use std::path::PathBuf;

use catalog::SERVICES;

#[test]
fn the_committed_docs_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut stale = Vec::new();
    for service in SERVICES {
        let path = dir.join(format!("{}.md", service.name));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != metrics_core::tools::docs::markdown(service, catalog::PROGRAM.invocation) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale docs: {}; regenerate them with `cargo run -p catalog -- docs --all --out docs`",
        stale.join(", ")
    );
}

#[test]
fn every_family_and_every_decision_is_in_the_docs() {
    for service in SERVICES {
        let docs = metrics_core::tools::docs::markdown(service, catalog::PROGRAM.invocation);
        for d in service.descriptors() {
            assert!(docs.contains(&format!("### `{}`\n", d.name)), "{}", d.name);
            if let Some(decision) = d.decision {
                assert!(
                    docs.contains(&format!("- `{}`: {decision}\n", d.name)),
                    "the decision of {} is not in the Decisions section",
                    d.name
                );
            }
        }
    }
}
