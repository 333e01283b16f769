//! The benchmarks of metrics-core and of the catalog, each beside the peers measured in the same
//! run: `cargo bench -p metrics-benches --bench <name>`, where `<name>` is `hot_path`,
//! `exposition`, `memory` or `encode_catalog`; what each measures and the figures are in
//! `BENCHMARKS.md`. The library holds what several benches share: the scrape workload, built in
//! every library.

pub mod workload;
