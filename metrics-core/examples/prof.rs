use metrics_core::{Counter, Family, LabelSet, MetricFamily};
use std::hint::black_box;
#[derive(Clone, Copy, Debug, LabelSet)]
struct Free<'a> {
    realm: &'a str,
    client: &'a str,
    provider: &'a str,
}
#[derive(Debug, MetricFamily)]
struct M {
    /// f
    free: Family<Free<'static>, Counter>,
}
fn main() {
    let m = M::default();
    let (r, c, p) = (
        String::from("realm-a"),
        String::from("client-b"),
        String::from("provider-c"),
    );
    for _ in 0..2_000_000 {
        m.free.inc(black_box(Free {
            realm: &r,
            client: &c,
            provider: &p,
        }));
    }
}
