//! Checks over a whole service, evaluated by the compiler (`const`), so that a mistake across
//! structs fails `cargo build` with a message that names the metrics: two families that expose
//! the same name in a format the service is served in, reported at one of the two fields (see
//! [`ClashAt`]), and series budgets.

use metrics_internals::Format;
use metrics_internals::exposed::{self, concat_eq};

use crate::descriptor::MetricDescriptor;
use crate::message::Message;

/// What a collision check found: the two metrics and the name both expose, as (base, suffix).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clash {
    /// The first metric.
    pub first: &'static MetricDescriptor,
    /// The second metric.
    pub second: &'static MetricDescriptor,
    /// The clashing name: `base` followed by `suffix`.
    pub base: &'static str,
    /// See `base`.
    pub suffix: &'static str,
    /// Where the first metric is: (metric group, metric), in field order.
    pub first_at: (usize, usize),
    /// Where the second metric is, the one the error points at.
    pub second_at: (usize, usize),
}

/// The names a metric takes in a format, as (base, suffix) pairs: the family first.
const fn names(
    d: &'static MetricDescriptor,
    openmetrics: bool,
) -> ([(&'static str, &'static str); 4], usize) {
    let format = if openmetrics {
        Format::OpenMetrics
    } else {
        Format::Prometheus
    };
    let family = exposed::family(d.name, d.metric_type, format);
    let samples = exposed::samples(d.metric_type, format);
    let mut names = [(family, ""), ("", ""), ("", ""), ("", "")];
    let (mut count, mut i) = (1, 0);
    while i < samples.len() {
        // A summary's quantiles are named as its family.
        if !samples[i].0.is_empty() {
            names[count] = (family, samples[i].0);
            count += 1;
        }
        i += 1;
    }
    (names, count)
}

/// The most exposed names one service can have (four per metric at most).
pub(crate) const CAPACITY: usize = 16 * 1024;

/// FNV-1a over `base` then `suffix`.
const fn hash(base: &str, suffix: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let (a, b) = (base.as_bytes(), suffix.as_bytes());
    let mut i = 0;
    while i < a.len() + b.len() {
        let byte = if i < a.len() { a[i] } else { b[i - a.len()] };
        h = (h ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The first pair of metrics of `families` that expose the same name in the format
/// (`openmetrics` or the text format 0.0.4), or `None`. Every exposed name is hashed into a
/// table, the table is sorted, and only neighbours with equal hashes are compared: O(n log n),
/// so that a service of thousands of metrics checks in a fraction of a second.
///
/// # Panics
/// At compile time, when the service exposes more than [`CAPACITY`] names.
pub(crate) const fn first_clash(
    families: &[&'static [MetricDescriptor]],
    openmetrics: bool,
) -> Option<Clash> {
    // (hash, family << 32 | metric << 4 | name)
    let mut table = [(0u64, 0u64); CAPACITY];
    let mut len = 0;
    let mut f = 0;
    while f < families.len() {
        let mut m = 0;
        while m < families[f].len() {
            let (names, count) = names(&families[f][m], openmetrics);
            let mut n = 0;
            while n < count {
                assert!(
                    len < CAPACITY,
                    "a service exposes more names than the check's capacity"
                );
                let (base, suffix) = names[n];
                table[len] = (
                    hash(base, suffix),
                    (f as u64) << 32 | (m as u64) << 4 | n as u64,
                );
                len += 1;
                n += 1;
            }
            m += 1;
        }
        f += 1;
    }
    heap_sort(&mut table, len);
    let mut i = 1;
    while i < len {
        let mut j = i;
        // Every earlier entry with the same hash.
        while j > 0 && table[j - 1].0 == table[i].0 {
            j -= 1;
            let (a, b) = (
                resolve(families, table[j].1, openmetrics),
                resolve(families, table[i].1, openmetrics),
            );
            let same_metric = table[j].1 >> 4 == table[i].1 >> 4;
            if !same_metric && concat_eq(a.1, a.2, b.1, b.2) {
                let (first, second) = if table[j].1 < table[i].1 {
                    (a, b)
                } else {
                    (b, a)
                };
                return Some(Clash {
                    first: first.0,
                    second: second.0,
                    base: first.1,
                    suffix: first.2,
                    first_at: first.3,
                    second_at: second.3,
                });
            }
        }
        i += 1;
    }
    None
}

/// The metric, the name and the position a table entry stands for.
const fn resolve(
    families: &[&'static [MetricDescriptor]],
    entry: u64,
    openmetrics: bool,
) -> (
    &'static MetricDescriptor,
    &'static str,
    &'static str,
    (usize, usize),
) {
    let (f, m, n) = (
        (entry >> 32) as usize,
        ((entry >> 4) & 0x0fff_ffff) as usize,
        (entry & 0xf) as usize,
    );
    let d = &families[f][m];
    let (names, _) = names(d, openmetrics);
    (d, names[n].0, names[n].1, (f, m))
}

/// Sorts `table[..len]` by hash, then by position (heap sort: no allocation, `const`).
const fn heap_sort(table: &mut [(u64, u64); CAPACITY], len: usize) {
    let mut start = len / 2;
    while start > 0 {
        start -= 1;
        sift_down(table, start, len);
    }
    let mut end = len;
    while end > 1 {
        end -= 1;
        let top = table[0];
        table[0] = table[end];
        table[end] = top;
        sift_down(table, 0, end);
    }
}

const fn sift_down(table: &mut [(u64, u64); CAPACITY], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && less(table[child], table[child + 1]) {
            child += 1;
        }
        if !less(table[root], table[child]) {
            return;
        }
        let swap = table[root];
        table[root] = table[child];
        table[child] = swap;
        root = child;
    }
}

const fn less(a: (u64, u64), b: (u64, u64)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
}

/// The compile-time message when a family's worst case exceeds its declared budget, or when it
/// has a budget and an unbounded label.
pub const fn budget_message(d: &MetricDescriptor) -> Option<Message> {
    let Some(budget) = d.budget else {
        return None;
    };
    if let Some(label) = d.unbounded_label() {
        return Some(
            Message::new()
                .push("`")
                .push(d.name)
                .push("` has a budget of ")
                .push_usize(budget)
                .push(" series, but its free-text label `")
                .push(label.name)
                .push("` is unbounded: declare #[label(bound = N)] on it, or drop the budget"),
        );
    }
    match d.max_series() {
        Some(series) if series > budget => Some(series_breakdown(
            Message::new()
                .push("`")
                .push(d.name)
                .push("` can expose up to ")
                .push_usize(series)
                .push(" series, over its budget of ")
                .push_usize(budget)
                .push(": "),
            d,
        )),
        _ => None,
    }
}

/// The compile-time message when a family declares `series_cap = 0`, or a cap or an idle
/// duration without a free-text label (its series are its closed sets', all there from creation
/// on: nothing to cap or remove), or an idle duration on a family whose series are not
/// `Removable`.
pub const fn lifecycle_message(d: &MetricDescriptor, removable: bool) -> Option<Message> {
    if let Some(0) = d.cap {
        return Some(
            Message::new()
                .push("`")
                .push(d.name)
                .push("` has a series_cap of 0: a family holds at least one label set; give a cap of 1 or more"),
        );
    }
    let mut i = 0;
    while i < d.labels.len() {
        if let crate::LabelKind::FreeText = d.labels[i].kind {
            if d.idle.is_some() && !removable {
                return Some(
                    Message::new()
                        .push("`")
                        .push(d.name)
                        .push("` declares `idle`, but its series are permanent: declare the field `Family<Labels, Kind, Removable>` so that its series can be removed"),
                );
            }
            return None;
        }
        i += 1;
    }
    let what = if d.cap.is_some() {
        "series_cap"
    } else {
        "idle"
    };
    let series = if d.labels.is_empty() {
        "`, but has no labels: it is one series, which exists from creation on and is never removed; remove `"
    } else {
        "`, but has no free-text label: its series, one per combination of closed-set values, all exist from creation on and are never removed; remove `"
    };
    Some(
        Message::new()
            .push("`")
            .push(d.name)
            .push("` declares `")
            .push(what)
            .push(series)
            .push(what)
            .push("`"),
    )
}

/// `label (n) x label (m) [x k samples]`: where a family's worst case comes from.
const fn series_breakdown(mut message: Message, d: &MetricDescriptor) -> Message {
    let mut i = 0;
    while i < d.labels.len() {
        if i > 0 {
            message = message.push(" x ");
        }
        message = message.push("`").push(d.labels[i].name).push("` (");
        message = match d.labels[i].cardinality() {
            Some(n) => message.push_usize(n),
            None => message.push("unbounded"),
        };
        message = message.push(")");
        i += 1;
    }
    if d.labels.is_empty() {
        message = message.push("no labels");
    }
    let per_set = d.series_per_label_set();
    if per_set > 1 {
        message = message
            .push(" x ")
            .push_usize(per_set)
            .push(" series per label set");
    }
    message.push("; lower a label's bound, drop a label, or raise the budget")
}

/// The compile-time message when a whole service can expose more series than its budget, or
/// has an unbounded family.
pub const fn service_budget_message(
    families: &[&[MetricDescriptor]],
    service: &str,
    budget: usize,
) -> Option<Message> {
    let mut total = 0usize;
    let mut largest: Option<&MetricDescriptor> = None;
    let mut f = 0;
    while f < families.len() {
        let mut i = 0;
        while i < families[f].len() {
            let d = &families[f][i];
            match d.max_series() {
                Some(n) => {
                    total = total.saturating_add(n);
                    largest = match largest {
                        Some(l) if series_or_zero(l) >= n => Some(l),
                        _ => Some(d),
                    };
                }
                None => {
                    let label = match d.unbounded_label() {
                        Some(l) => l.name,
                        None => "",
                    };
                    return Some(
                        Message::new()
                            .push("service `")
                            .push(service)
                            .push("` has a budget of ")
                            .push_usize(budget)
                            .push(" series, but `")
                            .push(d.name)
                            .push("` (field `")
                            .push(d.field)
                            .push("`) has the unbounded free-text label `")
                            .push(label)
                            .push(
                                "`: declare #[label(bound = N)] on it, or drop the service budget",
                            ),
                    );
                }
            }
            i += 1;
        }
        f += 1;
    }
    if total <= budget {
        return None;
    }
    let mut message = Message::new()
        .push("service `")
        .push(service)
        .push("` can expose up to ")
        .push_usize(total)
        .push(" series, over its budget of ")
        .push_usize(budget);
    if let Some(l) = largest {
        message = message
            .push("; the largest family is `")
            .push(l.name)
            .push("` with ")
            .push_usize(series_or_zero(l));
    }
    Some(message.push(": lower label bounds, drop labels, or raise the budget"))
}

const fn series_or_zero(d: &MetricDescriptor) -> usize {
    match d.max_series() {
        Some(n) => n,
        None => 0,
    }
}

/// The compile-time message for a clash in a format the service declares; `structs` are the
/// names of the service's metric groups, in field order.
pub(crate) const fn clash_message(
    clash: &Clash,
    service: &str,
    structs: &[&str],
    format: &str,
    keyword: &str,
) -> Message {
    let message = Message::new()
        .push("service `")
        .push(service)
        .push("` is served as ")
        .push(format)
        .push(", where ");
    let message = metric(message, clash.second, structs[clash.second_at.0]).push(" and ");
    metric(message, clash.first, structs[clash.first_at.0])
        .push(" both expose `")
        .push(clash.base)
        .push(clash.suffix)
        .push("`: rename one, or drop `")
        .push(keyword)
        .push("` from #[service(formats(...))]")
}

/// `` `name` (type, field `field` of `Struct`) ``.
const fn metric(message: Message, d: &MetricDescriptor, owner: &str) -> Message {
    message
        .push("`")
        .push(d.name)
        .push("` (")
        .push(d.metric_type.as_str())
        .push(", field `")
        .push(d.field)
        .push("` of `")
        .push(owner)
        .push("`)")
}

/// The first clash of a service in one format (`OPENMETRICS`, or the text format 0.0.4), found
/// once per service and format by `#[derive(Service)]`: where its second metric is, and the
/// message. Each metric group reads it in [`ClashAt`].
pub trait Clashes<const OPENMETRICS: bool> {
    /// The position (metric group, metric) of the second metric of the clash, and the message.
    const FIRST: Option<((usize, usize), Message)>;
}

/// The first clash and its message, or `None`: the value of [`Clashes::FIRST`].
pub const fn first_clash_message(
    families: &[&'static [MetricDescriptor]],
    openmetrics: bool,
    service: &str,
    structs: &[&str],
    format: &str,
    keyword: &str,
) -> Option<((usize, usize), Message)> {
    match first_clash(families, openmetrics) {
        Some(clash) => Some((
            clash.second_at,
            clash_message(&clash, service, structs, format, keyword),
        )),
        None => None,
    }
}

/// Implemented by `#[derive(MetricGroup)]`: `CHECK` fails the build, at the metric's field,
/// when the second metric of the first clash of the service `S` in a format is one of this
/// struct's, the `F`th metric group of `S`. `#[derive(Service)]` evaluates it for each of its
/// metric groups and formats, at the format, so that the error points at one of the clashing
/// fields and a note at the format.
pub trait ClashAt<S: Clashes<OPENMETRICS>, const OPENMETRICS: bool, const F: usize> {
    /// Evaluating it fails the build when the clash is at one of this struct's metrics.
    const CHECK: () = ();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::descriptor::MetricType;

    const fn d(name: &'static str, metric_type: MetricType) -> MetricDescriptor {
        MetricDescriptor::bare(name, metric_type)
    }

    static GAUGE: [MetricDescriptor; 1] = [d("sessions", MetricType::Gauge)];
    static COUNTER: [MetricDescriptor; 2] = [
        d("requests", MetricType::Counter),
        d("sessions_total", MetricType::Counter),
    ];
    #[test]
    fn many_distinct_names_do_not_clash_and_one_duplicate_is_found() {
        static MANY: [MetricDescriptor; 6] = [
            d("a", MetricType::Histogram),
            d("b", MetricType::Summary),
            d("c_total", MetricType::Counter),
            d("c_bucket_x", MetricType::Gauge),
            d("e", MetricType::Gauge),
            d("b_sum", MetricType::Counter),
        ];
        let families: [&'static [MetricDescriptor]; 1] = [&MANY];
        let clash = first_clash(&families, false).expect("b_sum twice");
        assert_eq!(
            (
                clash.first.name,
                clash.second.name,
                clash.base,
                clash.suffix
            ),
            ("b", "b_sum", "b", "_sum")
        );
        static FEW: [MetricDescriptor; 3] = [
            d("a", MetricType::Histogram),
            d("c_total", MetricType::Counter),
            d("e", MetricType::Gauge),
        ];
        let families: [&'static [MetricDescriptor]; 1] = [&FEW];
        assert!(first_clash(&families, true).is_none());
    }

    static HISTOGRAM: [MetricDescriptor; 2] = [
        d("latency", MetricType::Histogram),
        d("latency_count", MetricType::Gauge),
    ];

    #[test]
    fn a_gauge_and_a_counter_total_clash_only_in_openmetrics() {
        let families: [&'static [MetricDescriptor]; 2] = [&GAUGE, &COUNTER];
        let clash = first_clash(&families, true).expect("clash");
        assert_eq!(
            (clash.first.name, clash.second.name),
            ("sessions", "sessions_total")
        );
        assert!(first_clash(&families, false).is_none());
        assert_eq!((clash.first_at, clash.second_at), ((0, 0), (1, 1)));
        let message = clash_message(
            &clash,
            "proxy",
            &["Sessions", "Totals"],
            "OpenMetrics 1.0",
            "openmetrics",
        );
        assert_eq!(
            message.as_str(),
            "service `proxy` is served as OpenMetrics 1.0, where `sessions_total` (counter, field `sessions_total` of `Totals`) and `sessions` (gauge, field `sessions` of `Sessions`) both expose `sessions`: rename one, or drop `openmetrics` from #[service(formats(...))]"
        );
    }

    #[test]
    fn derived_samples_clash_in_every_format() {
        let families: [&'static [MetricDescriptor]; 1] = [&HISTOGRAM];
        for om in [true, false] {
            let clash = first_clash(&families, om).expect("clash");
            assert_eq!((clash.base, clash.suffix), ("latency", "_count"));
        }
    }
}
