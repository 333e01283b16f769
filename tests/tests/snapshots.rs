//! The exposition and the descriptors of every service, as users and tools see them.
//! Under `CI=true` insta writes nothing, so a stale snapshot fails; review every diff with
//! `cargo insta review` (or read the `.snap.new` files) before accepting it.

use catalog::SERVICES;
use metrics_core::Format;

#[test]
fn exposition_of_every_service_in_every_format_it_allows() {
    for service in SERVICES {
        for format in service.registry().formats() {
            let text = service.exposition(format).expect("encodes");
            assert_eq!(
                text,
                service.exposition(format).expect("encodes"),
                "the exposition of {} is not byte-stable",
                service.name
            );
            let suffix = match format {
                Format::OpenMetrics => "",
                Format::Prometheus => "_prometheus",
            };
            insta::assert_snapshot!(format!("{}_exposition{suffix}", service.name), text);
        }
    }
}

#[test]
fn signaling_and_infra_cannot_be_served_as_openmetrics() {
    for service in SERVICES {
        let formats = service.registry().formats();
        if ["signaling", "infra"].contains(&service.name) {
            assert_eq!(formats, [Format::Prometheus]);
            let error = service
                .exposition(Format::OpenMetrics)
                .expect_err("collides");
            assert!(
                error.name.starts_with(service.name) || error.name.starts_with("go_"),
                "{error}"
            );
        } else {
            assert_eq!(formats, Format::ALL, "{}", service.name);
        }
    }
}

#[test]
fn descriptors_of_every_service() {
    for service in SERVICES {
        let json = serde_json::to_string_pretty(
            &metrics_core::tools::describe::to_json(service).expect("serializes"),
        )
        .expect("serializes");
        insta::assert_snapshot!(format!("{}_describe", service.name), json);
    }
}
