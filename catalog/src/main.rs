//! `catalog`: the toolkit's command line over the five services of the specification.

fn main() -> std::process::ExitCode {
    metrics_core::tools::cli::run_program(&catalog::PROGRAM)
}
