//! The exposition and the descriptors of every service, as users and tools see them.
//! Under `CI=true` insta writes nothing, so a stale snapshot fails; review every diff with
//! `cargo insta review` (or read the `.snap.new` files) before accepting it.

use catalog::SERVICES;
use metrics_core::Format;

#[test]
fn exposition_of_every_service() {
    for service in SERVICES {
        let text = service
            .demo_exposition(Format::OpenMetrics)
            .expect("encodes");
        assert_eq!(
            text,
            service
                .demo_exposition(Format::OpenMetrics)
                .expect("encodes"),
            "the exposition of {} is not byte-stable",
            service.name
        );
        insta::assert_snapshot!(format!("{}_exposition", service.name), text);
        let text = service
            .demo_exposition(Format::Prometheus)
            .expect("encodes");
        insta::assert_snapshot!(format!("{}_exposition_prometheus", service.name), text);
    }
}

#[test]
fn descriptors_of_every_service() {
    for service in SERVICES {
        let json =
            serde_json::to_string_pretty(&catalog::describe::to_json(service)).expect("serializes");
        insta::assert_snapshot!(format!("{}_describe", service.name), json);
    }
}
