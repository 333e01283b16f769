//! `catalog`: list the services of the specification, print their exposition, describe them.

use std::io::Write;
use std::process::ExitCode;

use catalog::{SERVICES, Service};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

mod serve;

#[derive(Parser)]
#[command(
    name = "catalog",
    version,
    about = "The metric catalog of five real services"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Names the services.
    List,
    /// Prints a service's exposition after a small deterministic workload: OpenMetrics, or the
    /// Prometheus text format 0.0.4 when the service cannot be served as OpenMetrics.
    Expose {
        #[arg(value_parser = service_parser())]
        service: &'static Service,
        /// The exposition format (default: OpenMetrics when the service allows it).
        #[arg(long, value_enum)]
        format: Option<ExpositionFormat>,
    },
    /// Prints a service's metrics reference in Markdown, or writes every service's reference
    /// to `<DIR>/<service>.md` with `--all --out DIR`.
    Docs {
        #[arg(value_parser = service_parser(), required_unless_present = "all")]
        service: Option<&'static Service>,
        /// Every service.
        #[arg(long, requires = "out")]
        all: bool,
        /// The folder to write `<service>.md` files to (with `--all`).
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Prints a service's alert and recording rules as a Prometheus rule file, or writes it to
    /// `<DIR>/<service>.rules.yml` with its `promtool test rules` unit tests in
    /// `<DIR>/<service>.test.yml` (`--out DIR`).
    Rules {
        #[arg(value_parser = service_parser())]
        service: &'static Service,
        /// The folder to write the rule file and its tests to.
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Prints the descriptors of every family of a service.
    Describe {
        #[arg(value_parser = service_parser())]
        service: &'static Service,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Compares an exposition (a file, `-` for standard input, or an http:// URL) with a
    /// service's catalog: one finding a line (`error:` or `warning:`), then a summary. Exits
    /// with 1 when an error is found or the exposition is malformed, 2 when it cannot be read.
    Check {
        #[arg(value_parser = service_parser())]
        service: &'static Service,
        /// The exposition: a file, `-`, or a URL.
        #[arg(value_name = "FILE-OR-URL")]
        input: String,
        /// Read it in this format (default: the URL's Content-Type, else detected).
        #[arg(long, value_enum)]
        format: Option<ExpositionFormat>,
    },
    /// Serves one service, or every service in one registry, on http://ADDR/metrics (format from
    /// the scraper's Accept, gzip, an IP allowlist, an optional bearer token), with the demo
    /// workload changing the values every second, until Ctrl-C.
    Serve(serve::Args),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExpositionFormat {
    /// OpenMetrics 1.0 text.
    Openmetrics,
    /// The Prometheus text format 0.0.4.
    Prometheus,
}

impl From<ExpositionFormat> for metrics_core::Format {
    fn from(f: ExpositionFormat) -> Self {
        match f {
            ExpositionFormat::Openmetrics => metrics_core::Format::OpenMetrics,
            ExpositionFormat::Prometheus => metrics_core::Format::Prometheus,
        }
    }
}

/// One service's reference on stdout, or every service's written into a folder.
fn docs(
    service: Option<&'static Service>,
    all: bool,
    out: Option<std::path::PathBuf>,
) -> Result<String, String> {
    match (service, all, out) {
        (Some(service), false, None) => Ok(catalog::docs::markdown(service)),
        (None, true, Some(dir)) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for service in SERVICES {
                let path = dir.join(format!("{}.md", service.name));
                std::fs::write(&path, catalog::docs::markdown(service))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                eprintln!("catalog: wrote {}", path.display());
            }
            Ok(String::new())
        }
        _ => Err("give either a service, or --all with --out DIR".to_owned()),
    }
}

/// The rule file on stdout, or the rule file and its tests written into `out`. The alerts the
/// generator cannot test are listed on stderr.
fn rules(service: &Service, out: Option<std::path::PathBuf>) -> Result<String, Failure> {
    let rules = service.rules();
    if rules.is_empty() {
        eprintln!(
            "catalog: {} declares no alert or recording rule",
            service.name
        );
    }
    let Some(dir) = out else {
        return Ok(catalog::rule_file::yaml(service.name, &rules));
    };
    let written = catalog::rule_file::write(service, &dir).map_err(Failure::usage)?;
    let alerts = rules
        .iter()
        .filter(|r| r.kind == metrics_core::rules::RuleKind::Alert)
        .count();
    let problems = &written.generated.problems;
    eprintln!(
        "catalog: wrote {} ({} rules) and {} ({} test cases: {} of {alerts} alerts tested firing and silent)",
        written.rules.display(),
        rules.len(),
        written.tests.display(),
        written.generated.tests.tests.len(),
        alerts - problems.len(),
    );
    for problem in problems {
        eprintln!("catalog: not tested: {problem}");
    }
    Ok(String::new())
}

/// An error message, and the exit code it ends the program with.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    /// A mistake in what was asked for (a folder that cannot be written): exit code 2.
    fn usage(message: String) -> Self {
        Failure { message, code: 2 }
    }
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { message, code: 1 }
    }
}

/// The exposition in the requested format, or the first format the service is declared to be
/// served in.
fn expose(service: &Service, format: Option<metrics_core::Format>) -> Result<String, String> {
    let registry = service.demo_registry();
    let format = match format {
        Some(format) => {
            if !service.formats.contains(&format) {
                eprintln!(
                    "catalog: {} is declared to be served only as {}; its alerts select the names of that format",
                    service.name,
                    formats_list(service.formats)
                );
            }
            format
        }
        None => {
            let format = *service
                .formats
                .first()
                .ok_or_else(|| format!("{} is served in no format", service.name))?;
            if format != metrics_core::Format::OpenMetrics {
                for collision in registry.collisions(metrics_core::Format::OpenMetrics) {
                    eprintln!("catalog: {}: {collision}", service.name);
                }
                eprintln!(
                    "catalog: {} is declared to be served as {format}: written in it",
                    service.name
                );
            }
            format
        }
    };
    registry
        .encode(format)
        .map_err(|collision| format!("{} cannot be served as {format}: {collision}", service.name))
}

fn formats_list(formats: &[metrics_core::Format]) -> String {
    formats
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" or ")
}

/// Accepts only the names of services, and lists them when another is given.
fn service_parser() -> impl TypedValueParser<Value = &'static Service> {
    PossibleValuesParser::new(SERVICES.iter().map(|s| s.name))
        .try_map(|name| Service::find(&name).ok_or_else(|| format!("no service named {name}")))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let output = match cli.command {
        Command::List => Ok(SERVICES
            .iter()
            .map(|s| {
                format!(
                    "{:<10} {:>4} families  {}\n",
                    s.name,
                    s.descriptors().len(),
                    s.title
                )
            })
            .collect()),
        Command::Expose { service, format } => {
            expose(service, format.map(Into::into)).map_err(Failure::from)
        }
        Command::Docs { service, all, out } => docs(service, all, out).map_err(Failure::from),
        Command::Rules { service, out } => rules(service, out),
        Command::Check {
            service,
            input,
            format,
        } => {
            let code = catalog::check::run(service, &input, format.map(Into::into));
            return ExitCode::from(code);
        }
        Command::Serve(args) => serve::run(args).map_err(Failure::from),
        Command::Describe {
            service,
            format: Format::Json,
        } => {
            let json = catalog::describe::to_json(service);
            serde_json::to_string_pretty(&json)
                .map(|s| s + "\n")
                .map_err(|e| Failure::from(e.to_string()))
        }
    };
    let text = match output {
        Ok(text) => text,
        Err(Failure { message, code }) => {
            eprintln!("catalog: {message}");
            return ExitCode::from(code);
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`catalog expose x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("catalog: writing the output failed: {e}");
            ExitCode::FAILURE
        }
    }
}
