//! What the tests of the `shop` program share: running it as a user would, `shop serve` as a
//! child process stopped in every path, and the external tools some tests need.

#![allow(dead_code, unreachable_pub)] // each test file uses a part; `pub` for them

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The `shop` binary cargo built for these tests.
pub const SHOP: &str = env!("CARGO_BIN_EXE_shop");

/// Whether the tests run in CI, where a missing external tool is a failure, not a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Returns `true` when the tool is usable. Otherwise fails under `CI=true` and, on a developer's
/// machine, prints why the test is skipped and returns `false`.
pub fn require(available: bool, what: &str, install: &str) -> bool {
    if available {
        return true;
    }
    assert!(
        !in_ci(),
        "{what} is required under CI=true but is missing; install it with: {install}"
    );
    eprintln!("SKIPPED: {what} is not installed (install it with: {install})");
    false
}

/// Whether `program args` runs and succeeds.
pub fn command_works(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// [`require`] for `promtool` (Debian's `prometheus` package).
pub fn require_promtool() -> bool {
    require(
        command_works("promtool", &["--version"]),
        "promtool",
        "apt-get install prometheus",
    )
}

/// What a finished command printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Panics, showing both outputs, unless the command exited with `code`.
    pub fn expect_code(self, code: i32, what: &str) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "{what}: exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `shop args`.
pub fn shop(args: &[&str]) -> Run {
    run(SHOP, args)
}

/// Runs `program args`.
pub fn run(program: &str, args: &[&str]) -> Run {
    Run::of(
        Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("{program} starts: {e}")),
    )
}

/// A fresh, empty folder for one test, under cargo's scratch folder for integration tests.
pub fn scratch(test: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder is created");
    dir
}

/// A running `shop serve`, killed when dropped: a failing assertion never leaves it running.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    log: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Serve {
    /// `shop serve --listen 127.0.0.1:0 args`, once it has logged the address it listens on.
    pub fn start(args: &[&str]) -> Serve {
        let mut child = Command::new(SHOP)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("shop starts");
        let stderr = child.stderr.take().expect("piped");
        let (send, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut serve = Serve {
            child,
            addr: SocketAddr::from(([0, 0, 0, 0], 0)),
            log,
            seen: Vec::new(),
        };
        let line = serve.wait_for("listening on http://");
        serve.addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split("/metrics").next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        serve
    }

    /// `http://ADDR/metrics`.
    pub fn url(&self) -> String {
        format!("http://{}/metrics", self.addr)
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        self.seen.join("\n")
    }

    /// The first line of the log (from now on) that contains `needle`.
    pub fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.log.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => panic!("no {needle:?} in the log:\n{}", self.log()),
            }
        }
    }

    /// The body of `GET /metrics`, as a scraper that prefers OpenMetrics reads it (plain HTTP/1.1
    /// over a socket: the test needs no HTTP client).
    pub fn get(&self) -> String {
        let mut stream = TcpStream::connect(self.addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a timeout");
        write!(
            stream,
            "GET /metrics HTTP/1.1\r\nHost: {}\r\nAccept: application/openmetrics-text;version=1.0.0\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .expect("the request is sent");
        let mut response = String::new();
        stream
            .read_to_string(&mut response)
            .expect("the response is read");
        let (head, body) = response
            .split_once("\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {response:?}"));
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(
            head.to_ascii_lowercase().contains("content-length:"),
            "a body of known length, not chunked: {head}"
        );
        body.to_owned()
    }

    /// Sends SIGINT; the server must say it stops and exit with success.
    pub fn interrupt(mut self) {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        self.wait_for("SIGINT: stopping");
        self.wait_for("stopped");
        let deadline = Instant::now() + Duration::from_secs(20);
        let exit = loop {
            if let Some(exit) = self.child.try_wait().expect("waits") {
                break exit;
            }
            assert!(Instant::now() < deadline, "still running after SIGINT");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(exit.success(), "{exit}\n{}", self.log());
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
