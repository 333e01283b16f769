//! `catalog check` as a user runs it: its exit codes (0 clean, 1 errors or a malformed page, 2
//! when the check cannot run), and a URL fetched from a one-shot server on the loopback.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use metrics_core::Format;

/// Runs `catalog check` with `args`, `stdin` on its standard input.
fn catalog(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("catalog runs");
    // A program that exits before reading (a usage error) closes the pipe: not a failure here.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("catalog ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn exposition(service: &str, format: Format) -> String {
    catalog::find(service)
        .expect("a service")
        .exposition(format)
        .expect("encodes")
}

#[test]
fn exit_codes() {
    let page = exposition("infra", Format::Prometheus);
    let clean = catalog(&["check", "infra", "-"], page.as_bytes());
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stderr));
    assert_eq!(
        text(&clean.stdout),
        "summary: 0 errors, 0 warnings; 48 families in the exposition (Prometheus text 0.0.4), 48 declared by infra\n"
    );

    let wrong = page.replace("# TYPE go_threads gauge", "# TYPE go_threads counter");
    let errors = catalog(&["check", "infra", "-"], wrong.as_bytes());
    assert_eq!(errors.status.code(), Some(1));
    assert_eq!(
        text(&errors.stdout),
        "error: line 98: go_threads: type counter, the catalog declares a gauge\n\
         summary: 1 error, 0 warnings; 48 families in the exposition (Prometheus text 0.0.4), 48 declared by infra\n"
    );

    let malformed = catalog(&["check", "infra", "-"], b"go_threads nine\n");
    assert_eq!(malformed.status.code(), Some(1));
    assert_eq!(
        text(&malformed.stderr),
        "catalog: -: line 1, column 12: `nine` is not a number\n\
         catalog: the exposition is malformed; a scraper rejects it whole\n"
    );
    assert!(malformed.stdout.is_empty());

    let binary = catalog(
        &["check", "infra", "-"],
        &[0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe],
    );
    assert_eq!(binary.status.code(), Some(1));
    assert!(
        text(&binary.stderr)
            .starts_with("catalog: -: line 1, column 2: not UTF-8 text (byte 0x8b)"),
        "{}",
        text(&binary.stderr)
    );

    let missing = catalog(&["check", "infra", "/nonexistent/metrics.txt"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).starts_with("catalog: cannot read /nonexistent/metrics.txt: "));

    for usage in [
        &["check", "infra"][..],
        &["check", "nosuch", "-"],
        &["check", "infra", "-", "--format", "json"],
    ] {
        let output = catalog(usage, b"");
        assert_eq!(output.status.code(), Some(2), "{usage:?}");
    }
}

/// Serves one request on the loopback with `content_type` and `body`; the thread returns the
/// request's head.
fn serve_once(content_type: &'static str, body: String) -> (String, JoinHandle<String>) {
    serve_response(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))
}

/// Answers one request on the loopback with `response` (status line, headers and body); the
/// thread returns the request's head.
fn serve_response(response: String) -> (String, JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!(
        "http://{}/metrics",
        listener.local_addr().expect("an address")
    );
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout");
        let mut head = Vec::new();
        let mut buf = [0u8; 1024];
        while !head.ends_with(b"\r\n\r\n") {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let _ = stream.write_all(response.as_bytes());
        text(&head)
    });
    (url, server)
}

#[test]
fn a_url_is_fetched_as_a_scraper_fetches_it() {
    let (url, server) = serve_once(
        Format::OpenMetrics.content_type(),
        exposition("hyperauth", Format::OpenMetrics),
    );
    let output = catalog(&["check", "hyperauth", &url], b"");
    let head = server.join().expect("the server ends");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).ends_with("(OpenMetrics 1.0), 20 declared by hyperauth\n"),
        "{}",
        text(&output.stdout)
    );
    let accept = head.lines().find_map(|l| {
        l.strip_prefix("accept: ")
            .or_else(|| l.strip_prefix("Accept: "))
    });
    assert_eq!(accept, Some(metrics_core::tools::check::ACCEPT), "{head}");
}

#[test]
fn a_content_type_naming_the_other_format_is_an_error() {
    let (url, server) = serve_once(
        Format::Prometheus.content_type(),
        exposition("hyperauth", Format::OpenMetrics),
    );
    let output = catalog(&["check", "hyperauth", &url], b"");
    server.join().expect("the server ends");
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert_eq!(
        stdout.lines().next(),
        Some(
            "error: the Content-Type says Prometheus text 0.0.4, but the content is written in OpenMetrics 1.0; read as the Content-Type says, as a scraper does"
        ),
        "{stdout}"
    );
}

#[test]
fn a_url_that_answers_an_error_cannot_be_checked() {
    let (url, server) = serve_response(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".into(),
    );
    let output = catalog(&["check", "infra", &url], b"");
    server.join().expect("the server ends");
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).starts_with(&format!("catalog: cannot fetch {url}: ")),
        "{}",
        text(&output.stderr)
    );
}
