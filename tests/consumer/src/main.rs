//! `shop`: the toolkit's command line over the shop's services.

fn main() -> std::process::ExitCode {
    metrics_core::tools::cli::run_program(&shop_metrics::PROGRAM)
}
