//! A real Prometheus server (Debian's `prometheus` package) scrapes `catalog serve` on loopback:
//! every service in each format it is declared in (OpenMetrics 1.0 and the text format 0.0.4 for
//! hyperauth and Authelia, 0.0.4 for the text-only services). Through Prometheus's HTTP API the
//! test checks that every target is up with no scrape error, that Prometheus counted no
//! rejected sample, that it read every family of the catalog under the name the format gives
//! it, with its type and help (per-target metadata), and that the values move between scrapes.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use catalog::SERVICES;
use common::Serve;
use metrics_core::Format;
use metrics_core::exposition::exposed_names;
use metrics_core::tools::ServiceEntry;
use serde_json::Value;

/// How long Prometheus may take to start, and then to scrape every target a few times.
const PATIENCE: Duration = Duration::from_secs(120);

/// Prometheus's own counters of samples it refused while scraping (2.x names): all must stay 0.
const REJECTIONS: &[&str] = &[
    "prometheus_target_scrapes_sample_duplicate_timestamp_total",
    "prometheus_target_scrapes_sample_out_of_bounds_total",
    "prometheus_target_scrapes_sample_out_of_order_total",
    "prometheus_target_scrapes_exceeded_sample_limit_total",
    "prometheus_target_scrape_pool_exceeded_label_limits_total",
];

/// A running Prometheus server, killed when dropped; its log is kept for failure messages.
struct Prometheus {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Prometheus {
    /// Starts Prometheus on a free loopback port with `config`, storing its data under `dir`,
    /// and waits until it is ready.
    fn start(dir: &Path, config: &str) -> Prometheus {
        let config_file = dir.join("prometheus.yml");
        std::fs::write(&config_file, config).expect("the configuration is written");
        let port = free_port();
        let log = dir.join("prometheus.log");
        let child = Command::new("prometheus")
            .arg(format!("--config.file={}", config_file.display()))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("the log file is created"))
            .spawn()
            .expect("prometheus starts");
        let prometheus = Prometheus {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        prometheus.wait("Prometheus to be ready", || {
            ureq::get(&format!("{}/-/ready", prometheus.url))
                .call()
                .is_ok()
                .then_some(())
        });
        prometheus
    }

    /// Calls `probe` every half second until it returns something, or fails after [`PATIENCE`]
    /// with `what` and Prometheus's log.
    fn wait<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(found) = probe() {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "waited {PATIENCE:?} for {what}; Prometheus's log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(500));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// `GET <path>` of the HTTP API: its `data`, after checking `status` is `success`.
    fn api(&self, path_and_query: &str) -> Value {
        let url = format!("{}{path_and_query}", self.url);
        let body = ureq::get(&url)
            .config()
            .http_status_as_error(false)
            .build()
            .call()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"))
            .body_mut()
            .read_to_string()
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        let answer: Value = serde_json::from_str(&body).expect("the API answers JSON");
        assert_eq!(answer["status"], "success", "GET {url}: {answer}");
        answer["data"].clone()
    }

    /// An instant query's result vector, as (label set, value) pairs.
    fn query(&self, promql: &str) -> Vec<(BTreeMap<String, String>, f64)> {
        let data = self.api(&format!("/api/v1/query?query={}", encode(promql)));
        data["result"]
            .as_array()
            .expect("a vector")
            .iter()
            .map(|element| {
                let labels = serde_json::from_value(element["metric"].clone()).expect("labels");
                let value = element["value"][1]
                    .as_str()
                    .and_then(|v| v.parse().ok())
                    .expect("a value");
                (labels, value)
            })
            .collect()
    }

    /// The value of a job's series of an instant query that groups `by (job)`; 0 without one.
    fn per_job(&self, promql: &str, job: &str) -> f64 {
        self.query(promql)
            .into_iter()
            .find(|(labels, _)| labels.get("job").map(String::as_str) == Some(job))
            .map_or(0.0, |(_, value)| value)
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port of 127.0.0.1 that nothing listens on (Prometheus cannot be told to pick one and say
/// which).
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Percent-encodes a query parameter.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// One scrape target: a service served in one format by its own `catalog serve`.
struct Target {
    service: &'static ServiceEntry,
    format: Format,
    job: String,
    serve: Serve,
}

fn format_flag(format: Format) -> &'static str {
    match format {
        Format::OpenMetrics => "openmetrics",
        Format::Prometheus => "prometheus",
    }
}

fn config(targets: &[Target]) -> String {
    let mut config = String::from(
        "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n\
         scrape_configs:\n",
    );
    for target in targets {
        let _ = write!(
            config,
            "  - job_name: {job}\n    static_configs:\n      - targets: ['{addr}']\n",
            job = target.job,
            addr = target.serve.addr,
        );
    }
    config
}

#[test]
fn prometheus_scrapes_every_service_in_every_declared_format() {
    if !common::require(
        common::command_works("prometheus", &["--version"]),
        "prometheus (the server)",
        "apt-get install prometheus",
    ) {
        return;
    }
    let targets: Vec<Target> = SERVICES
        .iter()
        .flat_map(|service| service.formats.iter().map(move |&format| (service, format)))
        .map(|(service, format)| Target {
            service,
            format,
            job: format!("{}_{}", service.name, format_flag(format)),
            serve: Serve::start(&["--service", service.name, "--format", format_flag(format)]),
        })
        .collect();
    assert!(
        targets.iter().any(|t| t.format == Format::OpenMetrics)
            && targets.iter().any(|t| t.format == Format::Prometheus),
        "the catalog no longer has a service served in each format"
    );
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("prometheus");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder is created");
    let prometheus = Prometheus::start(&dir, &config(&targets));

    // Every target scraped at least three times, so that values had time to move.
    for target in &targets {
        prometheus.wait(&format!("three scrapes of {}", target.job), || {
            let scrapes = prometheus.per_job("count_over_time(up[1m])", &target.job);
            (scrapes >= 3.0).then_some(())
        });
    }

    let active = prometheus.api("/api/v1/targets?state=active");
    let active = active["activeTargets"].as_array().expect("a list");
    assert_eq!(active.len(), targets.len(), "{active:#?}");
    for target in active {
        let job = &target["labels"]["job"];
        assert_eq!(target["health"], "up", "{job}: {target:#}");
        assert_eq!(target["lastError"], "", "{job}: {target:#}");
    }
    for (labels, value) in prometheus.query("up") {
        assert_eq!(value, 1.0, "{labels:?} is down");
    }

    let own = ureq::get(&format!("{}/metrics", prometheus.url))
        .call()
        .expect("Prometheus's own metrics")
        .body_mut()
        .read_to_string()
        .expect("text");
    for name in REJECTIONS {
        let samples: Vec<&str> = own.lines().filter(|line| line.starts_with(name)).collect();
        assert!(!samples.is_empty(), "Prometheus no longer exposes {name}");
        for sample in samples {
            let value = sample.rsplit(' ').next().unwrap_or_default();
            assert_eq!(value, "0", "Prometheus rejected samples: {sample}");
        }
    }

    for target in &targets {
        check_metadata(&prometheus, target);
        // `changes` drops the metric name: copied into a label first, so that `x` and
        // `x_total` with the same labels stay two series.
        let moved = prometheus.per_job(
            &format!(
                "count by (job) (changes(label_replace({{job=\"{}\",__name__!~\"up|scrape_.*\"}}, \
                 \"catalog_test_metric\", \"$1\", \"__name__\", \"(.+)\")[1m:1s]) > 0)",
                target.job
            ),
            &target.job,
        );
        assert!(
            moved > 0.0,
            "{}: no series changed between scrapes",
            target.job
        );
    }

    for target in targets {
        target.serve.interrupt();
    }
}

/// Prometheus read every family of the service under the name the format gives it (a counter
/// `x_total` is the family `x` in OpenMetrics), with its type and help, and nothing else.
fn check_metadata(prometheus: &Prometheus, target: &Target) {
    let metadata = prometheus.api(&format!(
        "/api/v1/targets/metadata?match_target={}",
        encode(&format!("{{job=\"{}\"}}", target.job))
    ));
    let mut read: BTreeMap<String, (String, String)> = metadata
        .as_array()
        .expect("a list")
        .iter()
        .map(|m| {
            let field = |k: &str| m[k].as_str().unwrap_or_default().to_owned();
            (field("metric"), (field("type"), field("help")))
        })
        .collect();
    let registry = target.service.registry();
    let mut missing = Vec::new();
    for (name, descriptor) in registry.metrics() {
        let family = exposed_names(name, descriptor, target.format).family;
        match read.remove(&family) {
            None => missing.push(family),
            Some((kind, help)) => {
                assert_eq!(
                    kind,
                    descriptor.metric_type.as_str(),
                    "{}: the type of {family}",
                    target.job
                );
                assert_eq!(
                    help, descriptor.help,
                    "{}: the help of {family}",
                    target.job
                );
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{}: Prometheus has no metadata for {} families: {missing:?}",
        target.job,
        missing.len()
    );
    // Prometheus adds none of its own to a target's metadata; anything left is a family the
    // catalog does not declare.
    assert!(
        read.is_empty(),
        "{}: Prometheus read families the catalog does not declare: {:?}",
        target.job,
        read.keys().collect::<Vec<_>>()
    );
}
