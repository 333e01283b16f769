//! Writing the whole catalog: the five services after their demo workload, every closed-set
//! series present, each service in the text format 0.0.4 (the one all five can be served in).
//!
//! `cargo bench -p metrics-benches --bench encode_catalog` (add `-- --quick` for a short pass).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metrics_core::{Format, Registry};

fn encode_catalog(c: &mut Criterion) {
    let mut group = c.benchmark_group("encode_catalog");
    let registries: Vec<Registry> = catalog::SERVICES
        .iter()
        .map(metrics_core::tools::ServiceEntry::registry)
        .collect();
    let mut out = String::new();
    let mut lines = 0;
    for registry in &registries {
        out.clear();
        registry
            .encode_into(Format::Prometheus, &mut out)
            .expect("every service can be written as text 0.0.4");
        lines += out.lines().count();
    }
    group.throughput(Throughput::Elements(lines as u64));
    group.bench_function("ours_prometheus_text", |b| {
        b.iter(|| {
            for registry in &registries {
                out.clear();
                black_box(registry)
                    .encode_into(Format::Prometheus, &mut out)
                    .expect("encodes");
            }
        })
    });
    group.finish();
}

criterion_group!(benches, encode_catalog);
criterion_main!(benches);
