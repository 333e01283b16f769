//! Infra's document is a real `/metrics` page written by the Go client. Loaded into the infra
//! catalog and rendered in the same format, the document's values give back the document: byte
//! for byte, and family by family through an independent parser.

mod common;

use metrics_core::Format;

fn document() -> Option<String> {
    common::infra_sample()
}

fn rendered() -> String {
    catalog::find("infra")
        .expect("infra")
        .exposition(Format::Prometheus)
        .expect("infra is servable as text 0.0.4")
}

#[test]
fn the_rendered_catalog_is_the_document_byte_for_byte() {
    let Some(document) = document() else { return };
    let rendered = rendered();
    assert_eq!(document.lines().count(), 209);
    for (i, (ours, theirs)) in rendered.lines().zip(document.lines()).enumerate() {
        assert_eq!(ours, theirs, "line {} differs", i + 1);
    }
    assert_eq!(rendered, document);
}

#[test]
fn an_independent_parser_reads_the_same_families_from_both() {
    let Some(document) = document() else { return };
    if !common::require_python() {
        return;
    }
    let ours = common::parse_prometheus_text_with_python(&rendered());
    let theirs = common::parse_prometheus_text_with_python(&document);
    assert_eq!(ours.as_array().map(Vec::len), Some(48));
    assert_eq!(ours, theirs);
}

#[test]
fn infra_like_signaling_can_only_be_served_as_text_0_0_4() {
    let registry = catalog::find("infra").expect("infra").registry();
    assert_eq!(registry.formats(), [Format::Prometheus]);
    let collisions = registry.collisions(Format::OpenMetrics);
    let names: Vec<&str> = collisions.iter().map(|c| c.name.as_str()).collect();
    // The Go client's own gauge `x` beside its counter `x_total`.
    assert_eq!(names, ["go_memstats_alloc_bytes"]);
}
