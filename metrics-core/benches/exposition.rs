//! Writing an exposition, side by side with the peers, in one run.
//!
//! - `encode`: the workload of `workload.rs` (110 families, 11,000 series, 23,000 samples) in
//!   every library, each written by its own text encoder into a buffer kept between scrapes:
//!   prometheus-client's `text::encode` (unsorted), measured's `BufferedTextEncoder`, the
//!   `prometheus` crate's `gather` and `TextEncoder`, metrics-exporter-prometheus's
//!   `render_to_write`, and the toolkit's registry writing OpenMetrics 1.0 and text 0.0.4
//!   (sorted by family and series, escaped). Before measuring, every library's output is read
//!   back and must hold the same samples as the toolkit's.
//!
//! The whole catalog's exposition (`encode_catalog`) is measured in `encode_catalog.rs`: the
//! toolkit's benches depend on no application crate.
//!
//! `cargo bench -p metrics-benches --bench exposition` (add `-- --quick` for a short pass).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metrics_benches::workload;
use metrics_core::Format;

fn encode(c: &mut Criterion) {
    let (_groups, ours) = workload::ours();
    let pc = workload::prometheus_client();
    let measured = workload::measured();
    let tikv = workload::tikv();
    let metrics_rs = workload::metrics_rs();

    let ours_text = ours.encode(Format::OpenMetrics).expect("ours encodes");
    let ours_prometheus = ours.encode(Format::Prometheus).expect("ours encodes");
    let mut pc_text = String::new();
    prometheus_client::encoding::text::encode(&mut pc_text, &pc).expect("pc encodes");
    let mut measured_encoder = measured::text::BufferedTextEncoder::new();
    let measured_text = measured.encode(&mut measured_encoder).to_vec();
    let mut tikv_text = Vec::new();
    workload::tikv_encode(&tikv, &mut tikv_text);
    let mut metrics_rs_text = Vec::new();
    metrics_rs
        .render_to_write(&mut metrics_rs_text)
        .expect("renders into a Vec");
    // Every library writes the same samples, or the comparison means nothing.
    let utf8 = |bytes: &[u8]| String::from_utf8(bytes.to_vec()).expect("UTF-8");
    let mut samples = 0;
    for (library, text) in [
        ("ours, text 0.0.4", ours_prometheus),
        ("prometheus-client", pc_text),
        ("measured", utf8(&measured_text)),
        ("prometheus", utf8(&tikv_text)),
        ("metrics-exporter-prometheus", utf8(&metrics_rs_text)),
    ] {
        samples = workload::same_samples(&ours_text, &text)
            .unwrap_or_else(|e| panic!("{library} writes other samples than ours: {e}"));
        eprintln!(
            "encode: {library}: {samples} samples, {} lines, {} bytes",
            text.lines().count(),
            text.len()
        );
    }

    let mut group = c.benchmark_group("encode");
    group.throughput(Throughput::Elements(samples as u64));
    let mut out = String::new();
    group.bench_function("pc_text_encode", |b| {
        b.iter(|| {
            out.clear();
            prometheus_client::encoding::text::encode(&mut out, black_box(&pc)).expect("encodes");
        })
    });
    group.bench_function("measured_text_encode", |b| {
        b.iter(|| black_box(measured.encode(&mut measured_encoder)))
    });
    let mut bytes = Vec::new();
    group.bench_function("tikv_gather_encode", |b| {
        b.iter(|| {
            bytes.clear();
            workload::tikv_encode(black_box(&tikv), &mut bytes);
        })
    });
    group.bench_function("metrics_rs_render", |b| {
        b.iter(|| {
            bytes.clear();
            black_box(&metrics_rs)
                .render_to_write(&mut bytes)
                .expect("renders");
        })
    });
    group.bench_function("ours_openmetrics", |b| {
        b.iter(|| {
            out.clear();
            black_box(&ours)
                .encode_into(Format::OpenMetrics, &mut out)
                .expect("encodes");
        })
    });
    group.bench_function("ours_prometheus_text", |b| {
        b.iter(|| {
            out.clear();
            black_box(&ours)
                .encode_into(Format::Prometheus, &mut out)
                .expect("encodes");
        })
    });
    group.finish();
}

criterion_group!(benches, encode);
criterion_main!(benches);
