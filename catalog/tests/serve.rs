//! `catalog serve` as a child process on a free port of 127.0.0.1: scraped over HTTP, values
//! that change, text-only services never served as OpenMetrics, every service in one registry,
//! the allowlist and the bearer token, the connection cap and the header timeout, and a clean
//! exit on SIGINT.

mod common;

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use common::Serve;

const PROMETHEUS_3: &str = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
const TEXT: &str = "text/plain; version=0.0.4; charset=utf-8";

struct Answer {
    status: u16,
    head: String,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.eq_ignore_ascii_case(name).then_some(v.trim())
        })
    }
}

fn scrape(addr: SocketAddr, headers: &[(&str, &str)]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("GET /metrics HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("sends");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("reads");
    let text = String::from_utf8(bytes).expect("UTF-8 (no gzip asked for)");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head");
    Answer {
        status: head[9..12].parse().expect("a status"),
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

#[test]
fn one_service_with_values_that_change_stopped_by_sigint() {
    let serve = Serve::start(&["--service", "hyperauth"]);
    let first = scrape(serve.addr, &[("Accept", PROMETHEUS_3)]);
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.header("content-type"), Some(OPENMETRICS));
    assert!(first.body.ends_with("# EOF\n"));
    // The demo workload steps once a second.
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let next = scrape(serve.addr, &[("Accept", PROMETHEUS_3)]);
        assert_eq!(next.status, 200);
        if next.body != first.body {
            break;
        }
        assert!(Instant::now() < deadline, "no value changed in 20 s");
    }
    serve.interrupt();
}

#[test]
fn text_only_services_are_never_openmetrics() {
    for service in catalog::SERVICES {
        let openmetrics = service.formats.contains(&metrics_core::Format::OpenMetrics);
        let mut serve = Serve::start(&["--service", service.name]);
        let logged = serve.wait_for("families, served as");
        assert!(logged.contains(service.name), "{logged}");
        assert_eq!(
            logged.contains("served as OpenMetrics"),
            openmetrics,
            "{logged}"
        );
        let answer = scrape(serve.addr, &[("Accept", PROMETHEUS_3)]);
        assert_eq!(answer.status, 200, "{}: {}", service.name, answer.body);
        let expected = if openmetrics { OPENMETRICS } else { TEXT };
        assert_eq!(
            answer.header("content-type"),
            Some(expected),
            "{}",
            service.name
        );
        let only_openmetrics = scrape(serve.addr, &[("Accept", "application/openmetrics-text")]);
        assert_eq!(
            only_openmetrics.status,
            if openmetrics { 200 } else { 406 },
            "{}",
            service.name
        );
        serve.interrupt();
    }
}

#[test]
fn every_service_in_one_registry() {
    let mut serve = Serve::start(&[]);
    for service in catalog::SERVICES {
        serve.wait_for(&format!("{} ", service.name));
    }
    let answer = scrape(serve.addr, &[("Accept", PROMETHEUS_3)]);
    assert_eq!(answer.status, 200);
    // Signaling, hexon and infra are text-only, so the whole registry is.
    assert_eq!(answer.header("content-type"), Some(TEXT));
    let families = answer.body.matches("# TYPE ").count();
    let declared: usize = catalog::SERVICES
        .iter()
        .map(|s| s.descriptors().len())
        .sum();
    assert_eq!(families, declared);
    for service in catalog::SERVICES {
        let name = service.descriptors()[0].name;
        assert!(
            answer.body.contains(&format!("# TYPE {name} ")),
            "{}: {name}",
            service.name
        );
    }
    serve.interrupt();
}

#[test]
fn the_allowlist_and_the_token_are_applied() {
    let serve = Serve::start(&["--service", "authelia", "--allow", "10.0.0.0/8", "fd00::/8"]);
    assert_eq!(scrape(serve.addr, &[]).status, 403);
    serve.interrupt();

    let dir = std::env::temp_dir().join(format!("catalog-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "s3cr3t\n").unwrap();
    let serve = Serve::start(&[
        "--service",
        "authelia",
        "--allow",
        "127.0.0.1",
        "--token-file",
        token_file.to_str().unwrap(),
    ]);
    let refused = scrape(serve.addr, &[]);
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("www-authenticate"), Some("Bearer"));
    assert_eq!(
        scrape(serve.addr, &[("Authorization", "Bearer s3cr3t")]).status,
        200
    );
    serve.interrupt();
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--max-connections 2 --header-timeout 1`: two silent connections fill the server, a scrape
/// still gets in (the oldest silent one is closed for it), and the other is closed by the timeout.
#[test]
fn the_connection_cap_and_the_header_timeout_are_applied() {
    let serve = Serve::start(&[
        "--service",
        "authelia",
        "--max-connections",
        "2",
        "--header-timeout",
        "1",
    ]);
    let silent: Vec<TcpStream> = (0..2)
        .map(|_| TcpStream::connect(serve.addr).expect("connects"))
        .collect();
    assert_eq!(scrape(serve.addr, &[]).status, 200);
    for mut stream in silent {
        // Longer than the header timeout: a read that times out is a connection left open.
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut byte = [0u8; 1];
        match stream.read(&mut byte) {
            // Closed by the server: to make room, or after the timeout.
            Ok(0) => {}
            Err(e) if !matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            other => panic!("a silent connection is still open: {other:?}"),
        }
    }
    serve.interrupt();
}

#[test]
fn an_empty_token_file_is_refused() {
    let dir = std::env::temp_dir().join(format!("catalog-serve-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_catalog"))
        .args(["serve", "--listen", "127.0.0.1:0", "--token-file"])
        .arg(&token_file)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is empty"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
