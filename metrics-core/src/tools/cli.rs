//! The whole command line of the tools, for a program's own services, in one call:
//! `list`, `expose`, `describe`, `docs`, `rules`, `check` and (feature `serve`) `serve`.
//!
//! ```no_run
//! use metrics_core::tools::{ServiceEntry, cli};
//! # use metrics_core::{Counter, MetricGroup, Service};
//! # #[derive(MetricGroup)]
//! # pub struct Orders {
//! #     /// Orders placed.
//! #     pub placed_total: Counter,
//! # }
//! # #[derive(Service)]
//! # pub struct Shop { pub orders: Orders }
//!
//! static SERVICES: &[ServiceEntry] = &[ServiceEntry::of::<Shop>("shop")];
//!
//! fn main() -> std::process::ExitCode {
//!     cli::run(SERVICES)
//! }
//! ```
//!
//! Exit codes: 0 on success; 1 when `check` finds an error or the exposition is malformed, or a
//! command fails; 2 for a usage mistake (clap's), a file or URL that cannot be read, or a folder
//! that cannot be written.

use std::cell::Cell;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use super::{ServiceEntry, check, describe, docs, find, rules};
use crate::Format;

/// A program of the tools: its name (the prefix of its messages), what it is, how its
/// references say to run it again, and its services.
#[derive(Debug, Clone, Copy)]
pub struct Program {
    /// The command's name, as `--help` shows it and messages start.
    pub name: &'static str,
    /// One line on what the program is, for `--help`.
    pub about: &'static str,
    /// How the generated references tell to run the program again (`cargo run -p shop --`).
    pub invocation: &'static str,
    /// The version `--version` prints.
    pub version: &'static str,
    /// Every service the program knows.
    pub services: &'static [ServiceEntry],
}

impl Program {
    /// The program `name`, invoked as itself, with `services`, without `--version`.
    ///
    /// ```
    /// use metrics_core::tools::ServiceEntry;
    /// use metrics_core::tools::cli::Program;
    ///
    /// static SERVICES: &[ServiceEntry] = &[];
    /// static PROGRAM: Program = Program::new("shop", SERVICES)
    ///     .about("The shop's metrics")
    ///     .version(env!("CARGO_PKG_VERSION"))
    ///     .invocation("cargo run -p shop --");
    /// assert_eq!(PROGRAM.version, env!("CARGO_PKG_VERSION"));
    /// ```
    pub const fn new(name: &'static str, services: &'static [ServiceEntry]) -> Program {
        Program {
            name,
            about: "The metrics of the services, their reference, rules and live check",
            invocation: name,
            version: "",
            services,
        }
    }

    /// With the line `--help` shows.
    pub const fn about(mut self, about: &'static str) -> Program {
        self.about = about;
        self
    }

    /// With `--version`, printing `version` (`env!("CARGO_PKG_VERSION")` of the program's crate).
    pub const fn version(mut self, version: &'static str) -> Program {
        self.version = version;
        self
    }

    /// With how the generated references say to run the program again.
    pub const fn invocation(mut self, invocation: &'static str) -> Program {
        self.invocation = invocation;
        self
    }
}

/// Runs the command line of `services` with the process's arguments, named after the binary
/// (without `--version`: [`Program::new`]`(..).version(env!("CARGO_PKG_VERSION"))` and
/// [`run_program`] add it).
pub fn run(services: &'static [ServiceEntry]) -> ExitCode {
    let name = std::env::args_os()
        .next()
        .map(PathBuf::from)
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "metrics".to_owned());
    run_program(&Program::new(Box::leak(name.into_boxed_str()), services))
}

/// Runs `program` with the process's arguments.
pub fn run_program(program: &Program) -> ExitCode {
    run_with_args(program, std::env::args_os())
}

/// Runs `program` with `args` (the first is the program's own name, as in `std::env::args_os`).
pub fn run_with_args(program: &Program, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    SERVICES.with(|s| s.set(program.services));
    let mut command = Cli::command()
        .name(program.name)
        .bin_name(program.name)
        .about(program.about);
    if !program.version.is_empty() {
        command = command.version(program.version);
    }
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    execute(program, cli)
}

thread_local! {
    /// The services the command line being parsed accepts (clap's parsers are built from it).
    static SERVICES: Cell<&'static [ServiceEntry]> = const { Cell::new(&[]) };
}

#[derive(Parser)]
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
        service: &'static ServiceEntry,
        /// The exposition format (default: OpenMetrics when the service allows it).
        #[arg(long, value_enum)]
        format: Option<ExpositionFormat>,
    },
    /// Prints a service's metrics reference in Markdown, or writes every service's reference
    /// to `<DIR>/<service>.md` with `--all --out DIR`.
    Docs {
        #[arg(value_parser = service_parser(), required_unless_present = "all")]
        service: Option<&'static ServiceEntry>,
        /// Every service.
        #[arg(long, requires = "out")]
        all: bool,
        /// The folder to write `<service>.md` files to (with `--all`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Prints a service's alert and recording rules as a Prometheus rule file, or writes it to
    /// `<DIR>/<service>.rules.yml` with its `promtool test rules` unit tests in
    /// `<DIR>/<service>.test.yml` (`--out DIR`).
    Rules {
        #[arg(value_parser = service_parser())]
        service: &'static ServiceEntry,
        /// The folder to write the rule file and its tests to.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// With --out: exit with 0 even when some alerts get no test case (they are listed).
        #[arg(long, requires = "out")]
        allow_untested: bool,
    },
    /// Prints the descriptors of every family of a service.
    Describe {
        #[arg(value_parser = service_parser())]
        service: &'static ServiceEntry,
        #[arg(long, value_enum, default_value_t = DescribeFormat::Json)]
        format: DescribeFormat,
    },
    /// Compares an exposition (a file, `-` for standard input, or an http:// URL) with a
    /// service's catalog: one finding a line (`error:` or `warning:`), then a summary. Exits
    /// with 1 when an error is found or the exposition is malformed, 2 when it cannot be read.
    Check {
        #[arg(value_parser = service_parser())]
        service: &'static ServiceEntry,
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
    #[cfg(feature = "serve")]
    Serve(super::serve::Args),
}

#[derive(Clone, Copy, ValueEnum)]
enum DescribeFormat {
    Json,
}

/// `--format` of `expose`, `check` and `serve`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ExpositionFormat {
    /// OpenMetrics 1.0 text.
    Openmetrics,
    /// The Prometheus text format 0.0.4.
    Prometheus,
}

impl From<ExpositionFormat> for Format {
    fn from(f: ExpositionFormat) -> Self {
        match f {
            ExpositionFormat::Openmetrics => Format::OpenMetrics,
            ExpositionFormat::Prometheus => Format::Prometheus,
        }
    }
}

/// Accepts only the names of the program's services, and lists them when another is given.
pub(crate) fn service_parser() -> impl TypedValueParser<Value = &'static ServiceEntry> {
    let services = SERVICES.with(Cell::get);
    PossibleValuesParser::new(services.iter().map(|s| s.name)).try_map(move |name| {
        find(services, &name).ok_or_else(|| format!("no service named {name}"))
    })
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

fn execute(program: &Program, cli: Cli) -> ExitCode {
    let name = program.name;
    let output = match cli.command {
        Command::List => Ok(program
            .services
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
            expose(name, service, format.map(Into::into)).map_err(Failure::from)
        }
        Command::Docs { service, all, out } => {
            write_docs(program, service, all, out).map_err(Failure::from)
        }
        Command::Rules {
            service,
            out,
            allow_untested,
        } => write_rules(name, service, out, allow_untested),
        Command::Check {
            service,
            input,
            format,
        } => {
            let code = check::run(service, &input, format.map(Into::into), name);
            return ExitCode::from(code);
        }
        #[cfg(feature = "serve")]
        Command::Serve(args) => super::serve::run(args, program).map_err(Failure::from),
        Command::Describe {
            service,
            format: DescribeFormat::Json,
        } => describe::to_json(service)
            .and_then(|json| serde_json::to_string_pretty(&json))
            .map(|s| s + "\n")
            .map_err(|e| Failure::from(e.to_string())),
    };
    let text = match output {
        Ok(text) => text,
        Err(Failure { message, code }) => {
            eprintln!("{name}: {message}");
            return ExitCode::from(code);
        }
    };
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`program expose x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{name}: writing the output failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// One service's reference on stdout, or every service's written into a folder.
fn write_docs(
    program: &Program,
    service: Option<&'static ServiceEntry>,
    all: bool,
    out: Option<PathBuf>,
) -> Result<String, String> {
    match (service, all, out) {
        (Some(service), false, None) => Ok(docs::markdown(service, program.invocation)),
        (None, true, Some(dir)) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for service in program.services {
                let path = dir.join(format!("{}.md", service.name));
                std::fs::write(&path, docs::markdown(service, program.invocation))
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                eprintln!("{}: wrote {}", program.name, path.display());
            }
            Ok(String::new())
        }
        _ => Err("give either a service, or --all with --out DIR".to_owned()),
    }
}

/// The rule file on stdout, or the rule file and its tests written into `out`. The alerts the
/// generator cannot test are listed on stderr, and fail the command (exit code 1) unless
/// `allow_untested`: an alert without a test is a gap a CI job should see.
fn write_rules(
    name: &str,
    service: &ServiceEntry,
    out: Option<PathBuf>,
    allow_untested: bool,
) -> Result<String, Failure> {
    let declared = service.rules();
    if declared.is_empty() {
        eprintln!(
            "{name}: {} declares no alert or recording rule",
            service.name
        );
    }
    let Some(dir) = out else {
        return Ok(rules::yaml(service.name, &declared));
    };
    let written = rules::write(service, &dir).map_err(Failure::usage)?;
    let alerts = declared
        .iter()
        .filter(|r| r.kind == crate::rules::RuleKind::Alert)
        .count();
    let problems = &written.generated.problems;
    eprintln!(
        "{name}: wrote {} ({} rules) and {} ({} test cases: {} of {alerts} alerts tested firing and silent)",
        written.rules.display(),
        declared.len(),
        written.tests.display(),
        written.generated.tests.tests.len(),
        alerts - problems.len(),
    );
    for problem in problems {
        eprintln!("{name}: not tested: {problem}");
    }
    if !problems.is_empty() && !allow_untested {
        return Err(Failure::from(format!(
            "{} of {alerts} alerts have no test case (listed above); --allow-untested accepts that",
            problems.len()
        )));
    }
    Ok(String::new())
}

/// The exposition in the requested format, or the first format the service is declared to be
/// served in.
fn expose(name: &str, service: &ServiceEntry, format: Option<Format>) -> Result<String, String> {
    let registry = service.registry();
    let format = match format {
        Some(format) => {
            if !service.formats.contains(&format) {
                eprintln!(
                    "{name}: {} is declared to be served only as {}; its alerts select the names of that format",
                    service.name,
                    super::formats_list(service.formats)
                );
            }
            format
        }
        None => {
            let format = *service
                .formats
                .first()
                .ok_or_else(|| format!("{} is served in no format", service.name))?;
            if format != Format::OpenMetrics {
                for collision in registry.collisions(Format::OpenMetrics) {
                    eprintln!("{name}: {}: {collision}", service.name);
                }
                eprintln!(
                    "{name}: {} is declared to be served as {format}: written in it",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Counter, Family, LabelSet, MetricGroup, Service};

    #[derive(Clone, Copy, Debug, LabelSet)]
    struct QueueLabels<'a> {
        #[label(bound = 8)]
        queue: &'a str,
    }

    #[derive(MetricGroup)]
    #[metrics(prefix = "jobs")]
    #[alert(
        name = "JobsFailing",
        expr = "sum by (queue) (rate(jobs_failed_total[5m])) > 1",
        severity = "warning",
        summary = "{{ $value }} jobs a second fail in {{ $labels.queue }}"
    )]
    struct Jobs {
        /// Jobs that failed.
        failed_total: Family<QueueLabels<'static>, Counter>,
    }

    #[derive(Service)]
    struct Worker {
        jobs: Jobs,
    }

    static SERVICES: &[ServiceEntry] = &[ServiceEntry::of::<Worker>("worker")];
    static PROGRAM: Program = Program::new("worker", SERVICES);

    fn rules_out_dir(n: usize) -> PathBuf {
        std::env::temp_dir().join(format!("metrics-core-cli-{}-{n}", std::process::id()))
    }

    fn rules_out(extra: &[&str]) -> (ExitCode, PathBuf) {
        let dir = rules_out_dir(extra.len());
        let mut args = vec!["worker", "rules", "worker", "--out", dir.to_str().unwrap()];
        args.extend(extra);
        let code = run_with_args(&PROGRAM, args.into_iter().map(OsString::from));
        (code, dir)
    }

    /// An alert the generator cannot test (its summary prints `$value`) fails `rules --out`,
    /// after the files are written, unless `--allow-untested`.
    #[test]
    fn an_untested_alert_fails_rules_out_unless_allowed() {
        let (code, dir) = rules_out(&[]);
        assert_eq!(code, ExitCode::from(1));
        assert!(dir.join("worker.rules.yml").exists());
        let (code, dir) = rules_out(&["--allow-untested"]);
        assert_eq!(code, ExitCode::SUCCESS);
        let tests = std::fs::read_to_string(dir.join("worker.test.yml")).unwrap();
        assert!(tests.contains("tests: []"), "{tests}");
        for dir in [rules_out_dir(0), rules_out_dir(1)] {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
