//! The live checker (`catalog check`): Infra's real page and every service's own exposition check
//! clean; altered copies of Infra's page give exactly the expected findings; malformed input is
//! an error with its line, never a panic.

mod common;

use catalog::SERVICES;
use metrics_core::Format;
use metrics_core::tools::ServiceEntry;
use metrics_core::tools::check::{self, Level, Report};

fn infra() -> &'static ServiceEntry {
    catalog::find("infra").expect("infra")
}

fn document() -> Option<String> {
    common::infra_sample()
}

fn lines(report: &Report, level: Level) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.level == level)
        .map(ToString::to_string)
        .collect()
}

/// The error lines of `text` checked against Infra (read as the content shows); the report is
/// printed, so that a failure shows it whole.
fn errors(text: &str) -> Vec<String> {
    let report = check::check(infra(), text, None).expect("well-formed");
    print!("{report}");
    assert_eq!(report.format, Format::Prometheus);
    lines(&report, Level::Error)
}

/// `text` with `from` replaced by `to`, which must occur exactly once.
fn altered(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} occurs once");
    text.replacen(from, to, 1)
}

#[test]
fn infras_real_page_checks_clean() {
    let Some(document) = document() else { return };
    let report = check::check(infra(), &document, None).expect("well-formed");
    print!("{report}");
    assert_eq!(report.format, Format::Prometheus);
    assert_eq!((report.families, report.declared), (48, 48));
    assert_eq!(lines(&report, Level::Error), Vec::<String>::new());
    assert_eq!(lines(&report, Level::Warning), Vec::<String>::new());
    assert_eq!(
        report.summary(),
        "summary: 0 errors, 0 warnings; 48 families in the exposition (Prometheus text 0.0.4), 48 declared by infra"
    );
}

#[test]
fn every_service_checks_clean_in_each_of_its_formats() {
    for service in SERVICES {
        for &format in service.formats {
            let text = service.exposition(format).expect("declared formats encode");
            let report = check::check(service, &text, None)
                .unwrap_or_else(|e| panic!("{} as {format}: {e}", service.name));
            println!("{} as {format}: {}", service.name, report.summary());
            for warning in lines(&report, Level::Warning) {
                println!("  {warning}");
            }
            assert_eq!(report.format, format, "{}: detected format", service.name);
            assert_eq!(
                lines(&report, Level::Error),
                Vec::<String>::new(),
                "{} as {format}",
                service.name
            );
            // The demo workload records into every family, so none is absent.
            assert_eq!(report.families, report.declared, "{}", service.name);
            assert_eq!(report.findings, [], "{} as {format}", service.name);
        }
    }
}

#[test]
fn a_renamed_family_is_unknown_and_the_declared_one_missing() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "# HELP infra_users Number of users managed by Infra.\n# TYPE infra_users gauge\ninfra_users 9\n",
        "# HELP infra_user Number of users managed by Infra.\n# TYPE infra_user gauge\ninfra_user 9\n",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 178: infra_user: not in the catalog of infra; did you mean `infra_users`?",
            "error: infra_users: declared in the catalog (gauge), absent from the exposition: a family without labels is exposed from its registration",
        ]
    );
}

#[test]
fn a_dropped_label_is_missing() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "http_requests_total{handler=\"/v1/grants\",method=\"GET\",status=\"200\"} 12",
        "http_requests_total{handler=\"/v1/grants\",status=\"200\"} 12",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 165: http_requests_total: label `method` is missing on `http_requests_total`"
        ]
    );
}

#[test]
fn a_dropped_label_on_every_series_is_reported_once() {
    let Some(document) = document() else { return };
    let text = document.replace(",method=\"GET\",status=", ",status=");
    assert_eq!(
        errors(&text),
        [
            "error: line 102: http_requests_duration_seconds: label `method` is missing on `http_requests_duration_seconds_bucket` (and 35 more lines)",
            "error: line 163: http_requests_total: label `method` is missing on `http_requests_total` (and 1 more line)",
        ]
    );
}

#[test]
fn an_extra_label_is_unexpected() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "http_requests_in_progress{handler=\"/v1/grants\",method=\"GET\"} 0",
        "http_requests_in_progress{handler=\"/v1/grants\",method=\"GET\",pod=\"a\"} 0",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 160: http_requests_in_progress: unexpected label `pod` on `http_requests_in_progress`; the catalog declares handler, method"
        ]
    );
}

#[test]
fn an_extra_bucket_differs_from_the_declared_buckets() {
    let Some(document) = document() else { return };
    let bucket = "http_requests_duration_seconds_bucket{handler=\"/v1/grants\",method=\"GET\",status=\"200\",le=\"0.004\"} 11\n";
    let text = altered(
        &document,
        bucket,
        &format!("{bucket}{}", bucket.replace("0.004", "0.006")),
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 138: http_requests_duration_seconds: the buckets differ from the catalog's (declared buckets and +Inf); not declared: le=\"0.006\""
        ]
    );
}

#[test]
fn a_missing_inf_bucket_differs_from_the_declared_buckets() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "http_requests_duration_seconds_bucket{handler=\"/v1/grants\",method=\"GET\",status=\"200\",le=\"+Inf\"} 12\n",
        "",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 138: http_requests_duration_seconds: the buckets differ from the catalog's (declared buckets and +Inf); missing: le=\"+Inf\""
        ]
    );
}

#[test]
fn a_value_outside_a_closed_set_is_an_error() {
    let Some(document) = document() else { return };
    // `code` of the promhttp handler is the closed set 200, 500, 503.
    let text = altered(
        &document,
        "promhttp_metric_handler_requests_total{code=\"503\"} 0",
        "promhttp_metric_handler_requests_total{code=\"404\"} 0",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 209: promhttp_metric_handler_requests_total: code=\"404\" is not one of the values the catalog declares: \"200\", \"500\", \"503\""
        ]
    );
}

#[test]
fn a_wrong_type_is_an_error() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "# TYPE go_threads gauge",
        "# TYPE go_threads counter",
    );
    assert_eq!(
        errors(&text),
        ["error: line 98: go_threads: type counter, the catalog declares a gauge"]
    );
    // Without a TYPE line, the family is untyped.
    let text = altered(&document, "# TYPE go_threads gauge\n", "");
    assert_eq!(
        errors(&text),
        ["error: line 97: go_threads: no TYPE line (untyped), the catalog declares a gauge"]
    );
}

#[test]
fn a_changed_help_is_an_error_and_escapes_are_compared_unescaped() {
    let Some(document) = document() else { return };
    let text = altered(
        &document,
        "# HELP infra_grants Number of grants managed by Infra.",
        "# HELP infra_grants Number of grants\\nmanaged by \\\\Infra.",
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 169: infra_grants: HELP \"Number of grants\\nmanaged by \\\\Infra.\", the catalog says \"Number of grants managed by Infra.\""
        ]
    );
    // A missing HELP line may be legitimate.
    let text = altered(
        &document,
        "# HELP infra_grants Number of grants managed by Infra.\n",
        "",
    );
    let report = check::check(infra(), &text, None).expect("well-formed");
    assert_eq!(
        lines(&report, Level::Warning),
        [
            "warning: line 169: infra_grants: no HELP line; the catalog says \"Number of grants managed by Infra.\""
        ]
    );
    assert_eq!(report.errors(), 0);
}

#[test]
fn a_family_in_two_groups_is_an_error() {
    let Some(document) = document() else { return };
    let series = "http_requests_in_progress{handler=\"/v1/grants\",method=\"GET\"} 0\n";
    let text = altered(&document, series, "").replace(
        "# HELP infra_destinations",
        &format!("{series}# HELP infra_destinations"),
    );
    assert_eq!(
        errors(&text),
        [
            "error: line 165: http_requests_in_progress: the family starts again here, after other families (it begins on line 156): a family's lines form one group"
        ]
    );
}

#[test]
fn an_unknown_family_breaking_naming_rules_gets_warnings_too() {
    let service = catalog::find("hyperauth").expect("hyperauth");
    let text = service
        .exposition(Format::OpenMetrics)
        .expect("encodes")
        .replace(
            "# EOF\n",
            "# TYPE hyperauth_latency_ms gauge\nhyperauth_latency_ms{clientId=\"a\"} 3\n# EOF\n",
        );
    let report = check::check(service, &text, None).expect("well-formed");
    print!("{report}");
    assert_eq!(report.format, Format::OpenMetrics);
    let line = text.lines().count() - 2;
    let found: Vec<String> = report.findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            format!("error: line {line}: hyperauth_latency_ms: not in the catalog of hyperauth"),
            format!(
                "warning: line {line}: hyperauth_latency_ms: naming rule `unit_abbreviation`: `hyperauth_latency_ms` abbreviates a unit as `_ms`"
            ),
            format!(
                "warning: line {}: hyperauth_latency_ms: naming rule `camel_case`: label `clientId` is camelCase: Prometheus label names are snake_case",
                line + 1
            ),
        ]
    );
}

#[test]
fn an_openmetrics_counter_keeps_its_total_sample() {
    let service = catalog::find("authelia").expect("authelia");
    let text = service.exposition(Format::OpenMetrics).expect("encodes");
    // Written as 0.0.4 writes it: the sample under the family name.
    let broken = text.replace("authelia_authn_total{", "authelia_authn{");
    let error = check::check(service, &broken, None).expect_err("malformed");
    assert_eq!(
        error.to_string(),
        "line 3, column 1: `authelia_authn` is a counter here, whose samples are named `authelia_authn_total`, `authelia_authn_created`"
    );
    // Read as 0.0.4 (`--format prometheus`), where `# EOF` is a comment, the `_total` samples
    // are families of their own, unknown to the catalog.
    let report = check::check(service, &text, Some(Format::Prometheus)).expect("well-formed");
    print!("{report}");
    assert_eq!(
        lines(&report, Level::Error),
        [
            "error: line 3: authelia_authn_total: not in the catalog of authelia",
            "error: line 61: authelia_authn_second_factor_total: not in the catalog of authelia",
            "error: line 75: authelia_authz_total: not in the catalog of authelia",
            "error: line 79: authelia_request_total: not in the catalog of authelia",
        ]
    );
}

#[test]
fn a_truncated_page_is_an_error_at_its_last_line() {
    let Some(document) = document() else { return };
    let cut = document
        .find("http_requests_total{handler=\"/v1/grants\"")
        .expect("a line")
        + 30;
    let error = check::check(infra(), &document[..cut], None).expect_err("truncated");
    assert_eq!(
        error.to_string(),
        "line 165, column 31: the exposition ends in the middle of this line (no final newline): truncated? the value of `handler` is not closed by `\"`"
    );
    // Cut after a value, the line is a valid sample; the missing newline still tells.
    let cut = document.find("infra_users 9").expect("a line") + "infra_users 9".len();
    let error = check::check(infra(), &document[..cut], None).expect_err("truncated");
    assert_eq!(
        error.to_string(),
        "line 180: the exposition ends in the middle of this line (no final newline): truncated?"
    );
    // OpenMetrics ends in `# EOF`.
    let service = catalog::find("hyperauth").expect("hyperauth");
    let text = service.exposition(Format::OpenMetrics).expect("encodes");
    let cut = text.strip_suffix("# EOF\n").expect("ends in # EOF");
    let error = check::check(service, cut, Some(Format::OpenMetrics)).expect_err("truncated");
    assert_eq!(
        error.to_string(),
        format!(
            "line {}: the exposition ends without `# EOF`: truncated? (OpenMetrics ends with `# EOF`)",
            cut.lines().count()
        )
    );
}

#[test]
fn random_bytes_are_an_error_not_a_panic() {
    // A fixed xorshift stream: the same bytes every run.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let bytes: Vec<u8> = (0..4096).map(|_| next() as u8).collect();
    let error = check::check_bytes(infra(), &bytes, None).expect_err("not an exposition");
    assert!(
        error.to_string().starts_with("line 1, column ") && error.message.contains("not UTF-8"),
        "{error}"
    );
    // Printable noise is UTF-8, and still no exposition.
    for round in 0..200 {
        let noise: String = (0..200)
            .map(|_| match next() % 100 {
                0..=4 => '\n',
                n => char::from(b' ' + (n as u8 % 95)),
            })
            .collect();
        let lines: Vec<&str> = noise.split('\n').collect();
        for format in [None, Some(Format::OpenMetrics), Some(Format::Prometheus)] {
            let error = check::check(infra(), &noise, format)
                .expect_err(&format!("round {round}: noise read as an exposition"));
            // The error points into the noise: a line it has, a column of that line.
            assert!(
                (1..=lines.len()).contains(&error.line),
                "round {round}: {error} (of {} lines)",
                lines.len()
            );
            if let Some(column) = error.column {
                let width = lines[error.line - 1].chars().count();
                assert!(
                    (1..=width + 1).contains(&column),
                    "round {round}: {error} (the line has {width} characters)"
                );
            }
        }
    }
    let error = check::check(infra(), "this is not an exposition\n", None).expect_err("no sample");
    assert_eq!(error.to_string(), "line 1, column 6: `is` is not a number");
}

/// Byte offsets at which to cut `text`: at the start, second byte, middle and last byte of every
/// line, and after its newline (`true` for the cuts between lines).
fn cuts(text: &str) -> Vec<(usize, bool)> {
    let mut cuts = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        for cut in [start + 1, start + line.len() / 2, end - 1] {
            if cut > start && text.is_char_boundary(cut) {
                cuts.push((cut, false));
            }
        }
        cuts.push((end, true));
        start = end;
    }
    cuts
}

#[test]
fn every_cut_is_caught_where_the_format_allows() {
    // OpenMetrics ends in `# EOF`: every shorter prefix is an error (`# EOF` without its
    // newline is whole).
    let service = catalog::find("authelia").expect("authelia");
    let text = service.exposition(Format::OpenMetrics).expect("encodes");
    for (cut, _) in cuts(&text)
        .into_iter()
        .filter(|(cut, _)| *cut < text.len() - 1)
    {
        let result = check::check(service, &text[..cut], Some(Format::OpenMetrics));
        assert!(result.is_err(), "a cut at byte {cut} passed");
    }
    // The text format 0.0.4 cannot tell a cut between lines; a cut inside a line leaves no final
    // newline.
    let Some(document) = document() else { return };
    for (cut, between_lines) in cuts(&document) {
        let result = check::check(infra(), &document[..cut], None);
        match result {
            Ok(report) => assert!(between_lines, "a cut at byte {cut} passed: {report}"),
            Err(error) => {
                assert!(!between_lines, "byte {cut}: {error}");
                assert!(error.message.contains("truncated?"), "byte {cut}: {error}");
            }
        }
    }
}

#[test]
fn an_openmetrics_counter_under_its_declared_name_is_an_error() {
    // The double `_total` of clients that append the suffix to a name that has it already.
    let service = catalog::find("hyperauth").expect("hyperauth");
    let text = service
        .exposition(Format::OpenMetrics)
        .expect("encodes")
        .replace("hyperauth_response ", "hyperauth_response_total ")
        .replace(
            "hyperauth_response_total{",
            "hyperauth_response_total_total{",
        );
    let report = check::check(service, &text, None).expect("well-formed");
    print!("{report}");
    assert_eq!(
        lines(&report, Level::Error),
        [
            "error: line 56: hyperauth_response_total: OpenMetrics 1.0 writes the counter `hyperauth_response_total` as the family `hyperauth_response`"
        ]
    );
    assert_eq!(report.count(Level::Warning), 0);
}

#[test]
fn units_are_compared_in_openmetrics() {
    let service = catalog::find("hexon").expect("hexon");
    let text = service.exposition(Format::OpenMetrics).expect("encodes");
    // Another unit the name ends in: well-formed, and not the catalog's.
    let wrong = altered(
        &text,
        "# UNIT acme_provider_ratelimit_usage_percent percent\n",
        "# UNIT acme_provider_ratelimit_usage_percent usage_percent\n",
    );
    let report = check::check(service, &wrong, None).expect("well-formed");
    assert_eq!(
        lines(&report, Level::Error),
        [
            "error: line 57: acme_provider_ratelimit_usage_percent: UNIT \"usage_percent\", the catalog declares \"percent\""
        ]
    );
    // A unit the name does not end in: no valid OpenMetrics page has it.
    let malformed = altered(
        &text,
        "# UNIT acme_provider_ratelimit_usage_percent percent\n",
        "# UNIT acme_provider_ratelimit_usage_percent ratio\n",
    );
    assert_eq!(
        check::check(service, &malformed, None)
            .unwrap_err()
            .to_string(),
        "line 57: `# UNIT acme_provider_ratelimit_usage_percent ratio`: the name of a family with a unit ends in `_ratio`"
    );
    // Most clients never write a UNIT line.
    let absent = altered(
        &text,
        "# UNIT acme_provider_ratelimit_usage_percent percent\n",
        "",
    );
    let report = check::check(service, &absent, None).expect("well-formed");
    assert_eq!(report.errors(), 0);
    assert_eq!(
        lines(&report, Level::Warning),
        [
            "warning: line 55: acme_provider_ratelimit_usage_percent: no UNIT line; the catalog declares \"percent\""
        ]
    );
}

#[test]
fn the_created_gauge_of_a_counter_in_0_0_4_is_a_warning() {
    let Some(document) = document() else { return };
    // As Python's client writes it beside a counter in the text format 0.0.4.
    let series = "http_requests_total{handler=\"/v1/grants\",method=\"GET\",status=\"200\"} 12\n";
    let text = altered(
        &document,
        series,
        &format!(
            "{series}# HELP http_requests_created Total number of HTTP requests served.\n\
             # TYPE http_requests_created gauge\n\
             http_requests_created{{handler=\"/v1/grants\",method=\"GET\",status=\"200\"}} 1.6419263e+09\n"
        ),
    );
    let report = check::check(infra(), &text, None).expect("well-formed");
    assert_eq!(report.errors(), 0, "{report}");
    assert_eq!(
        lines(&report, Level::Warning),
        [
            "warning: line 166: http_requests_created: not in the catalog: the creation time of the counter `http_requests_total`, which some clients write as a gauge in the text format 0.0.4"
        ]
    );
}
