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

mod label_help {
    use metrics_core::tools::{ServiceEntry, describe, docs};
    use metrics_core::{Counter, Family, LabelSet, LabelValue, MetricGroup, Service};

    #[derive(Clone, Copy, Debug, LabelValue)]
    #[label(rename_all = "lowercase")]
    pub(crate) enum Method {
        Get,
        Post,
    }

    #[derive(Clone, Copy, Debug, LabelSet)]
    pub(crate) struct RequestLabels<'a> {
        /// The HTTP method of the request.
        pub(crate) method: Method,
        /// The route that matched,
        /// as configured (not the raw path).
        #[label(bound = 32)]
        pub(crate) route: &'a str,
        #[label(bound = 8)]
        pub(crate) zone: &'a str,
    }

    #[derive(Debug, MetricGroup)]
    #[metrics(prefix = "web")]
    pub(crate) struct Web {
        /// Requests served.
        pub(crate) requests_total: Family<RequestLabels<'static>, Counter>,
    }

    #[derive(Service)]
    pub(crate) struct WebService {
        pub(crate) web: Web,
    }

    static WEB: ServiceEntry = ServiceEntry::of::<WebService>("web");

    /// A label field's doc comment is the label's help: in the descriptors, the reference and
    /// the JSON description; a label without one has none.
    #[test]
    fn a_label_doc_comment_is_its_help_everywhere() {
        let labels = <RequestLabels<'static> as LabelSet>::LABELS;
        let helps: Vec<Option<&str>> = labels.iter().map(|l| l.help).collect();
        assert_eq!(
            helps,
            [
                Some("The HTTP method of the request."),
                Some("The route that matched, as configured (not the raw path)."),
                None
            ]
        );
        let reference = docs::markdown(&WEB, "web");
        for line in [
            "  - `method` (2): `get`, `post`: The HTTP method of the request.\n",
            "  - `route` (free text, at most 32 values): The route that matched, as configured (not the raw path).\n",
            "  - `zone` (free text, at most 8 values)\n",
        ] {
            assert!(reference.contains(line), "no {line:?} in\n{reference}");
        }
        let json = describe::to_json(&WEB).expect("serializes");
        let described = &json["families"][0]["labels"];
        assert_eq!(described[0]["help"], "The HTTP method of the request.");
        assert!(described[2].get("help").is_none(), "{described}");
    }
}
