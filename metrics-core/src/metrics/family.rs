use std::fmt::{self, Write as _};
use std::marker::PhantomData;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use prometheus_client::encoding::{EncodeLabelSet, EncodeMetric, LabelSetEncoder, MetricEncoder};
use prometheus_client::metrics::TypedMetric;

use super::reclaim::Section;
use super::series_map::{Lookup, SeriesMap};
use super::{
    Cell, Counter, CounterCell, CounterValue, Gauge, GaugeCell, GaugeValue, Histogram,
    HistogramCell, Metric, MetricKind, Summary, pc_type,
};
use crate::descriptor::{LabelDescriptor, MetricDescriptor, MetricType};
use crate::label::{LabelHasher, LabelSet, LabelTuple};

/// A labelled metric: one series per distinct label set.
///
/// `L` is a label set (`#[derive(LabelSet)]`, written with `'static`), `M` the kind of each
/// series: [`Counter`], [`Gauge`] or [`Histogram`].
///
/// When every label is a closed set, all series exist from creation on, at zero, in a fixed
/// array indexed by the label values: recording is an index computation and one atomic
/// operation, without lock, hash or allocation. Otherwise series live in a lock-free map
/// searched with the borrowed labels: recording into an existing series takes no lock and does
/// not allocate.
///
/// A family with free-text labels holds at most its declared worst case of label sets
/// ([`MetricDescriptor::series_cap`]: the product of the labels' bounds, or
/// [`crate::DEFAULT_SERIES_CAP`] with an unbounded label). Past it, a record with a new label
/// set goes to the overflow series of its closed-set labels, whose free-text labels are
/// [`crate::OVERFLOW_VALUE`]: nothing recorded is lost, memory stays at the cap, and
/// [`Family::overflows`] (and the registry's `metrics_core_series_overflows_total`) counts the
/// records that went there. The cap can be set otherwise in the declaration
/// (`#[metric(series_cap = N)]`) and at run time ([`Family::set_series_cap`],
/// [`crate::Registry::set_series_cap`]).
///
/// The series of a family declared `Family<L, M, Removable>` can be removed ([`Family::remove`],
/// [`Family::clear`]), and such a family declared `#[metric(idle = "5m")]` removes the series not
/// recorded into for that long ([`Family::expire_idle`], called at each scrape): the memory comes
/// back (see [`Removable`] for what a record costs then). A closed-set series is only set back to
/// zero, as it stays in the exposition from creation on. A family of the default lifecycle,
/// [`Permanent`], keeps its series, and its records take no read section.
pub struct Family<L: LabelSet, M: MetricKind, R: Lifecycle = Permanent> {
    inner: Arc<Inner<L, M::Cell>>,
    lifecycle: PhantomData<R>,
}

/// Whether a family's series can be removed: [`Permanent`] (the default) or [`Removable`].
pub trait Lifecycle: Send + Sync + 'static {
    /// Whether series can be removed, and their memory freed.
    const REMOVABLE: bool;
}

/// The series of a family live as long as the family (the default): recording takes no read
/// section, and the family has no `remove`.
#[derive(Debug)]
pub struct Permanent;

/// The series of a family can be removed ([`Family::remove`], [`Family::clear`], idle expiry
/// with `#[metric(idle = "5m")]`), and their memory comes back. Each record into free-text
/// labels then runs in a read section (two stores to the thread's own cache line and a compiler
/// fence: see `BENCHMARKS.md` for what it costs), which is what makes freeing safe.
///
/// ```
/// use metrics_core::{Family, Gauge, LabelSet, MetricGroup, Removable};
///
/// #[derive(Clone, Copy, LabelSet)]
/// struct Room<'a> {
///     #[label(unbounded)]
///     room: &'a str,
/// }
///
/// #[derive(MetricGroup)]
/// struct Rooms {
///     /// Participants in each room; a room left alone for ten minutes is gone.
///     #[metric(idle = "10m")]
///     participants: Family<Room<'static>, Gauge, Removable>,
/// }
///
/// let rooms = Rooms::new();
/// rooms.participants.set(Room { room: "lobby" }, 3);
/// assert!(rooms.participants.remove(Room { room: "lobby" }));
/// assert!(rooms.participants.is_empty());
/// ```
#[derive(Debug)]
pub struct Removable;

impl Lifecycle for Permanent {
    const REMOVABLE: bool = false;
}

impl Lifecycle for Removable {
    const REMOVABLE: bool = true;
}

struct Inner<L: LabelSet, C> {
    descriptor: &'static MetricDescriptor,
    array: Box<[Line<C>]>,
    map: SeriesMap<L::Key, C>,
    hasher: LabelHasher,
    /// See [`Family::overflows`].
    overflows: AtomicU64,
    /// See [`Family::set_series_cap`].
    cap: AtomicUsize,
    /// When idle series were last swept (see [`Family::expire_idle`]).
    last_sweep: Mutex<Instant>,
}

/// A series of array storage on a cache line of its own: two threads recording into neighbouring
/// series must not invalidate each other's line (false sharing made a record of two threads on
/// two series of one family 4 times slower, depending on where the array happened to start).
#[repr(align(64))]
struct Line<C>(C);

/// Borrowed labels of which none is free text over 15 bytes, probed once, as a lookup of map
/// storage: it compares words and makes the key from them, and holds nothing else (the labels
/// themselves are not kept: fewer values live across the lookup, fewer of them spilled to the
/// stack).
struct Probe<T: LabelTuple>(T::Probe);

impl<T: LabelTuple> Clone for Probe<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: LabelTuple> Copy for Probe<T> {}

impl<T: LabelTuple> Probe<T> {
    #[inline(always)]
    fn hash(&self, hasher: &LabelHasher) -> u64 {
        T::hash(&self.0, hasher)
    }
    #[inline(always)]
    fn is_long(&self) -> bool {
        T::is_long(&self.0)
    }
}

impl<T: LabelTuple> Lookup<T::Key> for Probe<T> {
    #[inline(always)]
    fn matches(&self, key: &T::Key) -> bool {
        T::key_eq(&self.0, key)
    }
    fn make_key(&self) -> T::Key {
        T::probe_to_key(&self.0)
    }
}

/// A lookup of map storage that also hands over the labels' probe, from which a new series that
/// overflows makes the probe of its overflow series.
trait SeriesLookup<T: LabelTuple>: Lookup<T::Key> {
    fn probe(&self) -> &T::Probe;
}

impl<T: LabelTuple> SeriesLookup<T> for Probe<T> {
    fn probe(&self) -> &T::Probe {
        &self.0
    }
}

impl<T: LabelTuple> SeriesLookup<T> for LongProbe<T> {
    fn probe(&self) -> &T::Probe {
        &self.probe
    }
}

/// Borrowed labels of which one is free text over 15 bytes, as a lookup of map storage: long
/// values are compared byte by byte, and the key is made from the labels.
struct LongProbe<T: LabelTuple> {
    fields: T,
    probe: T::Probe,
}

impl<T: LabelTuple> Clone for LongProbe<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: LabelTuple> Copy for LongProbe<T> {}

impl<T: LabelTuple> Lookup<T::Key> for LongProbe<T> {
    fn matches(&self, key: &T::Key) -> bool {
        self.fields.key_eq_long(&self.probe, key)
    }
    fn make_key(&self) -> T::Key {
        self.fields.to_key()
    }
}

#[cfg(feature = "demo")]
/// The `n`th example series (see [`Family::record_example`]), as a lookup of map storage.
struct Example<'a, L: LabelSet> {
    key: &'a L::Key,
    n: usize,
}

#[cfg(feature = "demo")]
impl<L: LabelSet> Clone for Example<'_, L> {
    fn clone(&self) -> Self {
        *self
    }
}
#[cfg(feature = "demo")]
impl<L: LabelSet> Copy for Example<'_, L> {}

#[cfg(feature = "demo")]
impl<L: LabelSet> Lookup<L::Key> for Example<'_, L> {
    fn matches(&self, key: &L::Key) -> bool {
        <L::Fields<'static> as LabelTuple>::keys_eq(key, self.key)
    }
    fn make_key(&self) -> L::Key {
        <L::Fields<'static> as LabelTuple>::example_key(self.n)
    }
}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> Family<L, M, R> {
    /// Runs `f` on the series named by `labels`, creating it if needed.
    #[inline]
    pub fn with<T>(&self, labels: L::Ref<'_>, f: impl FnOnce(&M::Cell) -> T) -> T {
        let inner = &*self.inner;
        if L::CARDINALITY.is_some() {
            return f(&inner.array[L::fields(&labels).index()].0);
        }
        let probe = Probe::<L::Fields<'_>>(L::fields(&labels).probe_unhashed());
        if probe.is_long() {
            return f(self.long_series(&Section::enter_if(R::REMOVABLE), &labels));
        }
        let hash = probe.hash(&inner.hasher);
        // Entered once the hash is known: the section's fence orders only what reads the map.
        let section = Section::enter_if(R::REMOVABLE);
        let cell = match inner.map.get(&section, hash, &probe) {
            Some(cell) => cell,
            None => self.new_series(&section, hash, probe),
        };
        f(cell)
    }

    /// The series of labels that no series has yet (`lookup`, with `hash`; `probe` the labels'
    /// probe): created if the family holds fewer than its cap of label sets
    /// ([`MetricDescriptor::series_cap`]), otherwise the overflow series of the labels' closed
    /// sets (see [`crate::OVERFLOW_VALUE`]), counted. Out of line: the first record into a series.
    #[cold]
    #[inline(never)]
    fn new_series<'s, T: LabelTuple<Key = L::Key>>(
        &'s self,
        section: &'s Section,
        hash: u64,
        lookup: impl SeriesLookup<T>,
    ) -> &'s M::Cell {
        let inner = &*self.inner;
        let new = || M::Cell::new(inner.descriptor);
        let probe = *lookup.probe();
        let cap = inner.cap.load(Ordering::Relaxed);
        if !T::is_overflow(&probe)
            && let Some(cell) = inner.map.insert_within(section, hash, lookup, new, cap)
        {
            return cell;
        }
        inner.overflows.fetch_add(1, Ordering::Relaxed);
        let overflow = Probe::<T>(T::overflow_probe(&probe));
        inner
            .map
            .get_or_insert(section, overflow.hash(&inner.hasher), overflow, new)
    }

    /// The records that went to the overflow series since the family was created (each record
    /// with a label set beyond the cap, or with [`crate::OVERFLOW_VALUE`] as a free-text value,
    /// counts once).
    pub fn overflows(&self) -> u64 {
        self.inner.overflows.load(Ordering::Relaxed)
    }

    /// The series of labels of which one is free text over 15 bytes, created if needed; out of
    /// line, so that the lookup of short values stays small. The labels are probed again here,
    /// with the hash of the long values, rather than passed on: passing them made every lookup
    /// copy them to the stack first.
    #[inline(never)]
    fn long_series<'s>(&'s self, section: &'s Section, labels: &L::Ref<'_>) -> &'s M::Cell {
        let inner = &*self.inner;
        let (hash, lookup) = self.long_lookup(labels);
        match inner.map.get(section, hash, &lookup) {
            Some(cell) => cell,
            None => self.new_series(section, hash, lookup),
        }
    }

    /// The hash and the lookup of labels of which one is free text over 15 bytes.
    #[inline(always)]
    fn long_lookup<'a>(&self, labels: &L::Ref<'a>) -> (u64, LongProbe<L::Fields<'a>>) {
        let fields = L::fields(labels);
        let probe = Probe::<L::Fields<'a>>(fields.probe());
        let hash = probe.hash(&self.inner.hasher);
        (
            hash,
            LongProbe {
                fields,
                probe: probe.0,
            },
        )
    }

    /// Runs `f` on the series named by `labels` if it exists, without creating it.
    pub fn get_with<T>(&self, labels: L::Ref<'_>, f: impl FnOnce(&M::Cell) -> T) -> Option<T> {
        let inner = &*self.inner;
        if L::CARDINALITY.is_some() {
            return Some(f(&inner.array[L::fields(&labels).index()].0));
        }
        let section = Section::enter_if(R::REMOVABLE);
        let probe = Probe::<L::Fields<'_>>(L::fields(&labels).probe_unhashed());
        if probe.is_long() {
            let (hash, lookup) = self.long_lookup(&labels);
            return inner.map.get(&section, hash, &lookup).map(f);
        }
        inner
            .map
            .get(&section, probe.hash(&inner.hasher), &probe)
            .map(f)
    }

    /// The scrape's upkeep: removes idle series when due, and frees what removals left once no
    /// thread can be reading it.
    pub(crate) fn maintain(&self) {
        if R::REMOVABLE {
            self.sweep_when_due();
        }
        self.inner.map.collect();
    }

    /// See [`Family::expire_idle`]; only for a removable family (whose readers hold read
    /// sections), which the caller checks.
    fn sweep_when_due(&self) -> usize {
        let inner = &*self.inner;
        let Some(idle) = inner.descriptor.idle else {
            return 0;
        };
        if L::CARDINALITY.is_some() {
            return 0;
        }
        let mut last = inner.last_sweep.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() < idle {
            return 0;
        }
        *last = Instant::now();
        inner.map.sweep()
    }

    /// Sets the most label sets the family holds before a new one goes to its overflow series
    /// (see [`MetricDescriptor::series_cap`], which it replaces); the series that exist are kept.
    /// At least 1.
    pub fn set_series_cap(&self, cap: usize) {
        self.inner.cap.store(cap.max(1), Ordering::Relaxed);
    }

    /// The most label sets the family holds before a new one goes to its overflow series.
    pub fn series_cap(&self) -> usize {
        match L::CARDINALITY {
            Some(n) => n,
            None => self.inner.cap.load(Ordering::Relaxed),
        }
    }

    #[cfg(feature = "demo")]
    /// Records the `step`th value of a deterministic example workload: into one of the first
    /// series for closed sets, into one of two example series (`example-0`, `example-1`, ...)
    /// otherwise.
    pub fn record_example(&self, step: u64) {
        let inner = &*self.inner;
        if let Some(n) = L::CARDINALITY {
            inner.array[(step as usize * 7) % n].0.record_example(step);
            return;
        }
        type Fields<L> = <L as LabelSet>::Fields<'static>;
        let n = step as usize % 2;
        let key = Fields::<L>::example_key(n);
        let example = Example::<L> { key: &key, n };
        let section = Section::enter_if(R::REMOVABLE);
        inner
            .map
            .get_or_insert(
                &section,
                Fields::<L>::hash_key(&key, &inner.hasher),
                example,
                || M::Cell::new(inner.descriptor),
            )
            .record_example(step);
    }

    /// Writes every series' samples in the toolkit's exposition, sorted by label values.
    pub(crate) fn write_samples(&self, name: &str, format: crate::Format, out: &mut String) {
        let mut labels = String::new();
        let bounds = match M::TYPE {
            MetricType::Histogram => {
                crate::encoding::series::rendered_bounds(self.inner.descriptor.buckets, format)
            }
            _ => Vec::new(),
        };
        let _ = self.for_each_sorted(|series, cell| {
            labels.clear();
            series.visit(&mut |n, v| {
                crate::encoding::text::push_label(&mut labels, n, v);
                Ok(())
            })?;
            cell.write(&mut crate::encoding::SeriesWriter {
                out,
                format,
                name,
                labels: &labels,
                bounds: &bounds,
            });
            Ok(())
        });
    }

    /// The number of series that exist now.
    pub fn len(&self) -> usize {
        match L::CARDINALITY {
            Some(n) => n,
            None => self.inner.map.len(),
        }
    }

    /// Whether no series exists.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` on every series in exposition order: by label values, absent labels first.
    fn for_each_sorted(
        &self,
        mut f: impl FnMut(SeriesLabels<'_, L>, &M::Cell) -> fmt::Result,
    ) -> fmt::Result {
        let inner = &*self.inner;
        if L::CARDINALITY.is_some() {
            for (index, cell) in inner.array.iter().enumerate() {
                f(SeriesLabels::Index(index), &cell.0)?;
            }
            return Ok(());
        }
        type Fields<L> = <L as LabelSet>::Fields<'static>;
        let section = Section::enter_if(R::REMOVABLE);
        let mut series: Vec<_> = inner.map.iter(&section).collect();
        series.sort_unstable_by(|a, b| Fields::<L>::cmp_keys(a.0, b.0));
        if R::REMOVABLE {
            // A series removed and created again during the walk may have been seen twice.
            super::series_map::latest(&mut series, Fields::<L>::keys_eq);
        }
        for (key, cell, _) in series {
            f(SeriesLabels::Key(key), cell)?;
        }
        Ok(())
    }
}

/// Removal: only a family declared `Family<L, M, Removable>`, whose records hold the read
/// sections that make freeing safe (see [`Removable`]).
impl<L: LabelSet, M: MetricKind> Family<L, M, Removable> {
    /// Removes the series named by `labels`; whether it was there. Its memory is freed once no
    /// thread can be reading it (see the module `series_map`). A record into it that races with
    /// the removal may be lost with it; a record after it creates the series again. A closed-set
    /// series is set back to zero instead (it stays in the exposition), and `true` is returned.
    pub fn remove(&self, labels: L::Ref<'_>) -> bool {
        let inner = &*self.inner;
        if L::CARDINALITY.is_some() {
            inner.array[L::fields(&labels).index()].0.reset();
            return true;
        }
        let probe = Probe::<L::Fields<'_>>(L::fields(&labels).probe_unhashed());
        if probe.is_long() {
            let (hash, lookup) = self.long_lookup(&labels);
            return inner.map.remove(hash, lookup);
        }
        inner.map.remove(probe.hash(&inner.hasher), probe)
    }

    /// Removes every series (a closed-set family sets every series back to zero).
    pub fn clear(&self) {
        let inner = &*self.inner;
        if L::CARDINALITY.is_some() {
            inner.array.iter().for_each(|line| line.0.reset());
            return;
        }
        inner.map.clear();
    }

    /// In a family declared `#[metric(idle = "...")]`, removes the series that no record has
    /// touched for that long, if that long has passed since the last sweep; how many were
    /// removed. Each sweep removes the series untouched since the one before, so a series goes
    /// after one to two idle periods without a record (with a sweep at each scrape, at the first
    /// scrape after that). The registry calls it at each scrape; call it yourself where the
    /// family is scraped otherwise. A family without `idle` removes nothing.
    pub fn expire_idle(&self) -> usize {
        self.sweep_when_due()
    }
}

/// Writes one label through prometheus-client, which escapes the value.
fn encode_label(encoder: &mut LabelSetEncoder<'_>, name: &str, value: &str) -> fmt::Result {
    let mut label = encoder.encode_label();
    let mut key = label.encode_label_key()?;
    key.write_str(name)?;
    let mut value_encoder = key.encode_label_value()?;
    value_encoder.write_str(value)?;
    value_encoder.finish()
}

/// The labels of one series: its position in array storage or its key in map storage.
enum SeriesLabels<'k, L: LabelSet> {
    Index(usize),
    Key(&'k L::Key),
}

impl<L: LabelSet> SeriesLabels<'_, L> {
    /// Calls `f` with the name and value of each present label of the series.
    fn visit(&self, f: &mut dyn FnMut(&'static str, &str) -> fmt::Result) -> fmt::Result {
        match self {
            SeriesLabels::Index(index) => {
                <L::Fields<'static> as LabelTuple>::visit_index(*index, L::LABELS, f)
            }
            SeriesLabels::Key(key) => {
                <L::Fields<'static> as LabelTuple>::visit_key(key, L::LABELS, f)
            }
        }
    }
}

impl<L: LabelSet> EncodeLabelSet for SeriesLabels<'_, L> {
    fn encode(&self, encoder: &mut LabelSetEncoder<'_>) -> fmt::Result {
        self.visit(&mut |name, value| encode_label(encoder, name, value))
    }
}

impl<L: LabelSet, N: CounterValue, R: Lifecycle> Family<L, Counter<N>, R> {
    /// Adds one to the series named by `labels`.
    #[inline]
    pub fn inc(&self, labels: L::Ref<'_>) {
        self.with(labels, CounterCell::inc);
    }
    /// Adds `v` to the series named by `labels`; a negative or NaN `f64` is ignored.
    #[inline]
    pub fn inc_by(&self, labels: L::Ref<'_>, v: N) {
        self.with(labels, |c| c.inc_by(v));
    }
    /// The value of the series named by `labels`, `None` if it does not exist.
    pub fn get(&self, labels: L::Ref<'_>) -> Option<N> {
        self.get_with(labels, CounterCell::get)
    }
}

impl<L: LabelSet, N: GaugeValue, R: Lifecycle> Family<L, Gauge<N>, R> {
    /// Replaces the value of the series named by `labels`.
    #[inline]
    pub fn set(&self, labels: L::Ref<'_>, v: N) {
        self.with(labels, |c| c.set(v));
    }
    /// Adds one to the series named by `labels`.
    #[inline]
    pub fn inc(&self, labels: L::Ref<'_>) {
        self.with(labels, GaugeCell::inc);
    }
    /// Subtracts one from the series named by `labels`.
    #[inline]
    pub fn dec(&self, labels: L::Ref<'_>) {
        self.with(labels, GaugeCell::dec);
    }
    /// Adds `v` to the series named by `labels`.
    #[inline]
    pub fn add(&self, labels: L::Ref<'_>, v: N) {
        self.with(labels, |c| c.add(v));
    }
    /// Subtracts `v` from the series named by `labels`.
    #[inline]
    pub fn sub(&self, labels: L::Ref<'_>, v: N) {
        self.with(labels, |c| c.sub(v));
    }
    /// The value of the series named by `labels`, `None` if it does not exist.
    pub fn get(&self, labels: L::Ref<'_>) -> Option<N> {
        self.get_with(labels, GaugeCell::get)
    }
}

impl<L: LabelSet, R: Lifecycle> Family<L, Histogram, R> {
    /// Records one observation in the series named by `labels`.
    #[inline]
    pub fn observe(&self, labels: L::Ref<'_>, v: f64) {
        self.with(labels, |c| c.observe(v));
    }
    /// The number of observations and their sum in the series named by `labels`.
    pub fn count_and_sum(&self, labels: L::Ref<'_>) -> Option<(u64, f64)> {
        self.get_with(labels, HistogramCell::count_and_sum)
    }
    /// Each bucket's upper bound (`le`) with its cumulative count, `+Inf` last, in the series
    /// named by `labels` (see [`HistogramCell::buckets`]).
    ///
    /// ```
    /// use metrics_core::{Family, Histogram, LabelSet, MetricGroup};
    ///
    /// #[derive(Clone, Copy, LabelSet)]
    /// struct Route<'a> {
    ///     #[label(bound = 16)]
    ///     route: &'a str,
    /// }
    ///
    /// #[derive(MetricGroup)]
    /// struct Metrics {
    ///     /// Request duration.
    ///     #[metric(unit = "seconds", buckets(0.1, 1.0))]
    ///     duration_seconds: Family<Route<'static>, Histogram>,
    /// }
    ///
    /// let metrics = Metrics::new();
    /// metrics.duration_seconds.observe(Route { route: "/a" }, 0.5);
    /// assert_eq!(
    ///     metrics.duration_seconds.buckets(Route { route: "/a" }),
    ///     Some(vec![(0.1, 0), (1.0, 1), (f64::INFINITY, 1)])
    /// );
    /// assert_eq!(metrics.duration_seconds.buckets(Route { route: "/b" }), None);
    /// ```
    pub fn buckets(&self, labels: L::Ref<'_>) -> Option<Vec<(f64, u64)>> {
        self.get_with(labels, HistogramCell::buckets)
    }
    /// Replaces the series named by `labels` with values computed elsewhere (see
    /// [`HistogramCell::set`]).
    pub fn set(&self, labels: L::Ref<'_>, counts: &[u64], sum: f64) {
        self.with(labels, |c| c.set(counts, sum));
    }
}

impl<L: LabelSet, R: Lifecycle> Family<L, Summary, R> {
    /// Records one observation in the series named by `labels`.
    pub fn observe(&self, labels: L::Ref<'_>, v: f64) {
        self.with(labels, |c| c.observe(v));
    }
    /// Replaces the series named by `labels` with values computed elsewhere (see
    /// [`SummaryCell::set`](super::SummaryCell::set)).
    pub fn set(&self, labels: L::Ref<'_>, count: u64, sum: f64, values: &[f64]) {
        self.with(labels, |c| c.set(count, sum, values));
    }
    /// The count, the sum and each quantile with its value in the series named by `labels`
    /// (see [`SummaryCell::read`](super::SummaryCell::read)).
    ///
    /// ```
    /// use metrics_core::{Family, LabelSet, MetricGroup, Summary};
    ///
    /// #[derive(Clone, Copy, LabelSet)]
    /// struct Route<'a> {
    ///     #[label(bound = 16)]
    ///     route: &'a str,
    /// }
    ///
    /// #[derive(MetricGroup)]
    /// struct Metrics {
    ///     /// Request duration.
    ///     #[metric(unit = "seconds", quantiles(0.5, 1))]
    ///     duration_seconds: Family<Route<'static>, Summary>,
    /// }
    ///
    /// let metrics = Metrics::new();
    /// for v in [0.3, 0.1, 0.2] {
    ///     metrics.duration_seconds.observe(Route { route: "/a" }, v);
    /// }
    /// let (count, sum, quantiles) = metrics.duration_seconds.read(Route { route: "/a" }).unwrap();
    /// assert_eq!((count, quantiles), (3, vec![(0.5, 0.2), (1.0, 0.3)]));
    /// assert!((sum - 0.6).abs() < 1e-12);
    /// assert_eq!(metrics.duration_seconds.read(Route { route: "/b" }), None);
    /// ```
    // The reading of `Summary::read`, which a series may not have.
    #[allow(clippy::type_complexity)]
    pub fn read(&self, labels: L::Ref<'_>) -> Option<(u64, f64, Vec<(f64, f64)>)> {
        self.get_with(labels, super::SummaryCell::read)
    }
}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> Clone for Family<L, M, R> {
    fn clone(&self) -> Self {
        Family {
            inner: Arc::clone(&self.inner),
            lifecycle: PhantomData,
        }
    }
}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> fmt::Debug for Family<L, M, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Family")
            .field("name", &self.inner.descriptor.name)
            .field("series", &self.len())
            .finish_non_exhaustive()
    }
}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> Metric for Family<L, M, R> {
    const TYPE: MetricType = M::TYPE;
    const LABELS: &'static [LabelDescriptor] = L::LABELS;
    const REMOVABLE: bool = R::REMOVABLE;

    fn from_descriptor(descriptor: &'static MetricDescriptor) -> Self {
        let array = match L::CARDINALITY {
            Some(n) => (0..n).map(|_| Line(M::Cell::new(descriptor))).collect(),
            None => Box::default(),
        };
        Family {
            inner: Arc::new(Inner {
                descriptor,
                array,
                map: SeriesMap::new(R::REMOVABLE),
                hasher: LabelHasher::default(),
                overflows: AtomicU64::new(0),
                cap: AtomicUsize::new(descriptor.series_cap()),
                last_sweep: Mutex::new(Instant::now()),
            }),
            lifecycle: PhantomData,
        }
    }

    fn descriptor(&self) -> &'static MetricDescriptor {
        self.inner.descriptor
    }
}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> TypedMetric for Family<L, M, R> {}

impl<L: LabelSet, M: MetricKind, R: Lifecycle> EncodeMetric for Family<L, M, R> {
    fn encode(&self, mut encoder: MetricEncoder<'_>) -> fmt::Result {
        self.maintain();
        let descriptor = self.inner.descriptor;
        self.for_each_sorted(|labels, cell| {
            let mut series = encoder.encode_family(&labels)?;
            cell.encode(descriptor, &mut series)
        })
    }

    fn metric_type(&self) -> prometheus_client::metrics::MetricType {
        pc_type(M::TYPE)
    }
}
