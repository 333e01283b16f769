//! The `serve` command: one service, or every service in one registry, on a `/metrics` endpoint
//! ([`crate::http`]), with the demo workloads moving the values every second, until Ctrl-C.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::cli::{ExpositionFormat, Program, service_parser};
use super::{Demo, ServiceEntry, formats_list};
use crate::http::{Config, IpNet, Server};
use crate::{Format, Registry};

/// The `serve` command's arguments.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The service to serve (default: every service, in one registry).
    #[arg(long, value_parser = service_parser())]
    service: Option<&'static ServiceEntry>,
    /// The address to listen on; port 0 picks a free port (the address is logged).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:9464")]
    listen: SocketAddr,
    /// The networks whose clients may read the metrics: CIDRs or single addresses, IPv4 or IPv6
    /// (default: loopback, 127.0.0.0/8 and ::1/128).
    #[arg(long, value_name = "CIDR", num_args = 1.., value_parser = parse_net)]
    allow: Vec<IpNet>,
    /// A reverse proxy whose X-Forwarded-For and Forwarded headers are believed (default: none).
    #[arg(long = "trusted-proxy", value_name = "CIDR", value_parser = parse_net)]
    trusted_proxies: Vec<IpNet>,
    /// A file holding the token scrapers must send as `Authorization: Bearer <token>`.
    #[arg(long, value_name = "PATH")]
    token_file: Option<PathBuf>,
    /// Offer only this format, whatever the scraper prefers (default: every format the
    /// service can be served in, OpenMetrics first).
    #[arg(long, value_enum)]
    format: Option<ExpositionFormat>,
    /// Seconds a connection may take to send a request's headers before it is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout: u64,
    /// The most connections open at once; at the cap, a new one closes the oldest that never
    /// sent a request.
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    max_connections: u64,
}

/// A CIDR, or a single address as its /32 or /128.
fn parse_net(text: &str) -> Result<IpNet, String> {
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("not a CIDR or an IP address: {text}"))
}

/// Serves until SIGINT (Ctrl-C) or SIGTERM; logs on stderr.
pub fn run(args: Args, program: &Program) -> Result<String, String> {
    let only = args.format.map(Format::from);
    let name = program.name;
    let served = match args.service {
        Some(service) => one(service, only)?,
        None => every(program.services, only)?,
    };
    let bearer_token = args.token_file.as_deref().map(read_token).transpose()?;
    let config = Config {
        listen: args.listen,
        allow: if args.allow.is_empty() {
            Config::loopback()
        } else {
            args.allow
        },
        trusted_proxies: args.trusted_proxies,
        bearer_token,
        formats: served.formats.clone(),
        header_read_timeout: Duration::from_secs(args.header_timeout),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
    };
    let access = access_summary(&config);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        // Installed before the address is logged, so that a signal sent as soon as a scraper
        // (or a test) knows the address stops the server cleanly instead of killing it.
        let stop = stop_signal(name).map_err(|e| format!("cannot catch signals: {e}"))?;
        let registry = Arc::new(served.registry);
        let server = Server::bind(Arc::clone(&registry), config)
            .await
            .map_err(|e| format!("cannot serve on {}: {e}", args.listen))?;
        eprintln!(
            "{name}: listening on http://{}/metrics ({access})",
            server.local_addr()
        );
        for line in &served.log {
            eprintln!("{name}:   {line}");
        }
        if !served.demos.is_empty() {
            eprintln!("{name}: the demo workload changes the values every second; Ctrl-C stops");
            tokio::spawn(demo(served.demos));
        } else {
            eprintln!("{name}: the series as registered (no demo workload); Ctrl-C stops");
        }
        server.serve(stop).await;
        eprintln!("{name}: stopped");
        Ok(String::new())
    })
}

/// A registry to serve, the formats it is offered in (preferred first), and what to log about
/// each service.
struct Served {
    registry: Registry,
    formats: Vec<Format>,
    log: Vec<String>,
    /// The demo workloads to continue.
    demos: Vec<Demo>,
}

/// `formats` without those `--format` leaves out; an error when none is left.
fn restrict(formats: Vec<Format>, only: Option<Format>, what: &str) -> Result<Vec<Format>, String> {
    match only {
        None => Ok(formats),
        Some(only) if formats.contains(&only) => Ok(vec![only]),
        Some(only) => Err(format!(
            "cannot serve {what} as {only}: it can be served as {} only",
            formats_list(&formats)
        )),
    }
}

fn one(service: &'static ServiceEntry, only: Option<Format>) -> Result<Served, String> {
    let mut registry = Registry::new();
    let demos = service.register(&mut registry).into_iter().collect();
    let writable = registry.formats();
    let formats: Vec<Format> = service
        .formats
        .iter()
        .copied()
        .filter(|f| writable.contains(f))
        .collect();
    if formats.is_empty() {
        let collisions: Vec<String> = service
            .formats
            .iter()
            .flat_map(|f| registry.collisions(*f))
            .map(|c| c.to_string())
            .collect();
        return Err(format!(
            "{} can be served in none of its formats: {}",
            service.name,
            collisions.join("; ")
        ));
    }
    let formats = restrict(formats, only, service.name)?;
    let log = vec![served_as(service, &formats, "")];
    Ok(Served {
        registry,
        formats,
        log,
        demos,
    })
}

/// Every service in one registry, offered in the formats every service is declared in. Fails
/// when two services expose the same name in any format: one registry cannot hold both.
fn every(services: &'static [ServiceEntry], only: Option<Format>) -> Result<Served, String> {
    let mut registry = Registry::new();
    let mut owner: HashMap<String, &'static str> = HashMap::new();
    let mut demos = Vec::new();
    for service in services {
        let before = registry.metrics().count();
        demos.extend(service.register(&mut registry));
        for (name, _) in registry.metrics().skip(before) {
            if let Some(other) = owner.insert(name.to_owned(), service.name)
                && other != service.name
            {
                return Err(shared_name(other, service.name, name, None));
            }
        }
    }
    for format in Format::ALL {
        for collision in registry.collisions(format) {
            let [a, b] = collision.families.clone().map(|f| owner[&f]);
            if a != b {
                return Err(shared_name(a, b, &collision.name, Some(format)));
            }
        }
    }
    let writable = registry.formats();
    let formats: Vec<Format> = Format::ALL
        .into_iter()
        .filter(|f| writable.contains(f) && services.iter().all(|s| s.formats.contains(f)))
        .collect();
    if formats.is_empty() {
        return Err("the services have no format in common to be served in together".to_owned());
    }
    let formats = restrict(formats, only, "every service")?;
    let text_only: Vec<&str> = services
        .iter()
        .filter(|s| !s.formats.contains(&Format::OpenMetrics))
        .map(|s| s.name)
        .collect();
    let log = services
        .iter()
        .map(|service| {
            let why = if only.is_none() && service.formats.len() > formats.len() {
                format!(
                    " (alone: {}; here beside the text-only {})",
                    formats_list(service.formats),
                    text_only.join(", ")
                )
            } else {
                String::new()
            };
            served_as(service, &formats, &why)
        })
        .collect();
    Ok(Served {
        registry,
        formats,
        log,
        demos,
    })
}

fn shared_name(a: &str, b: &str, name: &str, format: Option<Format>) -> String {
    let format = format.map(|f| format!(" in {f}")).unwrap_or_default();
    format!(
        "{a} and {b} both expose `{name}`{format}: one registry cannot serve every service; \
         serve them one at a time with --service"
    )
}

fn served_as(service: &ServiceEntry, formats: &[Format], why: &str) -> String {
    let declared = if service.formats.contains(&Format::OpenMetrics) {
        ""
    } else {
        " (declared text-only: never OpenMetrics)"
    };
    format!(
        "{:<10} {} families, served as {}{declared}{why}",
        service.name,
        service.descriptors().len(),
        formats_list(formats),
    )
}

fn access_summary(config: &Config) -> String {
    let nets: Vec<String> = config.allow.iter().map(ToString::to_string).collect();
    let mut summary = format!("allowed: {}", nets.join(", "));
    if !config.trusted_proxies.is_empty() {
        let proxies: Vec<String> = config
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        summary.push_str(&format!("; trusted proxies: {}", proxies.join(", ")));
    }
    if config.bearer_token.is_some() {
        summary.push_str("; bearer token required");
    }
    summary
}

/// The token in `path`, without the line break an editor leaves after it.
fn read_token(path: &std::path::Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the token file {}: {e}", path.display()))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(format!("the token file {} is empty", path.display()));
    }
    Ok(token.to_owned())
}

/// Continues each service's demo workload, one step a second (steps 0 to 2 ran when the
/// services were registered).
async fn demo(mut demos: Vec<Demo>) {
    let mut ticks = tokio::time::interval(Duration::from_secs(1));
    ticks.tick().await;
    for step in 3.. {
        ticks.tick().await;
        for demo in &mut demos {
            demo(step);
        }
    }
}

/// Resolves at the first SIGINT or SIGTERM; the handlers are installed when this returns.
#[cfg(unix)]
fn stop_signal(program: &'static str) -> std::io::Result<impl Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        let name = tokio::select! {
            _ = interrupt.recv() => "SIGINT",
            _ = terminate.recv() => "SIGTERM",
        };
        eprintln!("{program}: {name}: stopping");
    })
}

/// Resolves at the first Ctrl-C.
#[cfg(not(unix))]
fn stop_signal(program: &'static str) -> std::io::Result<impl Future<Output = ()>> {
    Ok(async move {
        match tokio::signal::ctrl_c().await {
            Ok(()) => eprintln!("{program}: Ctrl-C: stopping"),
            // No way to be told: serve until killed.
            Err(_) => std::future::pending().await,
        }
    })
}
