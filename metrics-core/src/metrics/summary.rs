use std::collections::VecDeque;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use prometheus_client::encoding::MetricEncoder;

use super::{Cell, Single, single_metric};
use crate::descriptor::{MetricDescriptor, MetricType};

/// How long an observation counts towards a summary's quantiles (the Go client's default).
pub const MAX_AGE: Duration = Duration::from_secs(600);

/// At most this many recent observations count towards a summary's quantiles.
pub const MAX_OBSERVATIONS: usize = 4096;

/// One summary series: the count and sum of every observation, and the quantiles of the
/// observations of the last [`MAX_AGE`] (at most the last [`MAX_OBSERVATIONS`]), computed exactly
/// when the summary is read. Recording takes a lock, as summaries do in every client library;
/// prefer a histogram on hot paths.
#[derive(Debug)]
pub struct SummaryCell {
    quantiles: &'static [f64],
    /// Each quantile as the decimal fraction it was declared as, for its exact rank.
    fractions: Box<[Fraction]>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    count: u64,
    sum: f64,
    window: VecDeque<(Instant, f64)>,
    /// Quantile values set from outside (see [`SummaryCell::set`]), used instead of the window.
    snapshot: Option<Box<[f64]>>,
}

impl SummaryCell {
    fn with_quantiles(quantiles: &'static [f64]) -> Self {
        SummaryCell {
            quantiles,
            fractions: quantiles.iter().map(|&q| Fraction::of(q)).collect(),
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain numbers behind: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records one observation. A `NaN` counts in the count and makes the sum `NaN` (as in the
    /// Go client), but takes no part in the quantiles: a rank among values that include one is
    /// not defined.
    pub fn observe(&self, v: f64) {
        self.observe_at(v, Instant::now());
    }

    fn observe_at(&self, v: f64, now: Instant) {
        let mut state = self.state();
        state.count += 1;
        state.sum += v;
        state.snapshot = None;
        if v.is_nan() {
            return;
        }
        if state.window.len() == MAX_OBSERVATIONS {
            state.window.pop_front();
        }
        state.window.push_back((now, v));
    }

    /// Replaces the summary with values computed elsewhere, as a collector reporting another
    /// system's statistics does (the Go runtime's GC pauses): the count, the sum, and one value
    /// per declared quantile (missing ones are `NaN`).
    pub fn set(&self, count: u64, sum: f64, values: &[f64]) {
        let mut state = self.state();
        state.count = count;
        state.sum = sum;
        state.window.clear();
        state.snapshot = Some(
            (0..self.quantiles.len())
                .map(|i| values.get(i).copied().unwrap_or(f64::NAN))
                .collect(),
        );
    }

    /// The count, the sum, and each declared quantile with its value (`NaN` without
    /// observations in the window).
    pub fn read(&self) -> (u64, f64, Vec<(f64, f64)>) {
        self.read_at(Instant::now())
    }

    fn read_at(&self, now: Instant) -> (u64, f64, Vec<(f64, f64)>) {
        let mut state = self.state();
        if let Some(snapshot) = &state.snapshot {
            let values = self.quantiles.iter().copied().zip(snapshot.iter().copied());
            return (state.count, state.sum, values.collect());
        }
        while state
            .window
            .front()
            .is_some_and(|(at, _)| now.duration_since(*at) > MAX_AGE)
        {
            state.window.pop_front();
        }
        let mut sorted: Vec<f64> = state.window.iter().map(|(_, v)| *v).collect();
        let (count, sum) = (state.count, state.sum);
        drop(state);
        sorted.sort_by(f64::total_cmp);
        let quantiles = self
            .quantiles
            .iter()
            .zip(&self.fractions)
            .map(|(&q, fraction)| (q, fraction.nearest_rank(&sorted)))
            .collect();
        (count, sum, quantiles)
    }
}

/// A quantile as the decimal fraction it was declared as (`0.55` is 55/100), so that its rank is
/// computed in integers: in floating point `0.55 * 100` is `55.000000000000007`, whose ceiling
/// is one rank too many.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Fraction {
    numerator: u128,
    denominator: u128,
}

impl Fraction {
    /// Decimals beyond this many places are read as the float they are (a quantile of 1e-30 is
    /// the minimum of any window that fits in memory).
    const MAX_PLACES: usize = 30;

    fn of(q: f64) -> Fraction {
        // The shortest decimal that reads back as `q` is the literal the quantile was declared
        // with; in [0, 1] Rust writes it without an exponent.
        let text = q.clamp(0.0, 1.0).to_string();
        let (whole, places) = text.split_once('.').unwrap_or((&text, ""));
        if places.len() > Self::MAX_PLACES {
            // Below 1e-30: rank 1 for every count that fits in memory.
            return Fraction {
                numerator: 0,
                denominator: 1,
            };
        }
        let denominator = 10u128.pow(places.len() as u32);
        let digits = |s: &str| s.parse::<u128>().unwrap_or(0);
        Fraction {
            numerator: digits(whole) * denominator + digits(places),
            denominator,
        }
    }

    /// The nearest-rank quantile of sorted values: the smallest value with at least this
    /// fraction of the values at or below it (the `k`th, for the smallest `k >= q * n`); the
    /// minimum for `q = 0`, `NaN` for no values.
    fn nearest_rank(self, sorted: &[f64]) -> f64 {
        if sorted.is_empty() {
            return f64::NAN;
        }
        sorted[self.rank(sorted.len()) - 1]
    }

    /// The 1-based rank of the quantile among `n > 0` values.
    fn rank(self, n: usize) -> usize {
        let rank = (n as u128 * self.numerator).div_ceil(self.denominator);
        (rank as usize).clamp(1, n)
    }
}

impl Cell for SummaryCell {
    fn new(descriptor: &'static MetricDescriptor) -> Self {
        SummaryCell::with_quantiles(descriptor.quantiles)
    }
    fn reset(&self) {
        *self.state() = State::default();
    }
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        self.observe((step + 1) as f64);
    }
    fn write(&self, out: &mut crate::encoding::SeriesWriter<'_>) {
        let (count, sum, quantiles) = self.read();
        out.summary(&quantiles, count, sum);
    }
    /// prometheus-client has no summary type: encoding a summary through its registry fails
    /// loudly rather than dropping the data. Register summaries in [`crate::Registry`].
    fn encode(&self, _: &'static MetricDescriptor, _: &mut MetricEncoder<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

/// A summary without labels; its quantiles come from the declaration.
pub struct Summary {
    inner: Arc<Single<SummaryCell>>,
}

impl Summary {
    /// Records one observation.
    pub fn observe(&self, v: f64) {
        self.inner.cell.observe(v);
    }
    /// Replaces the summary with values computed elsewhere (see [`SummaryCell::set`]).
    pub fn set(&self, count: u64, sum: f64, values: &[f64]) {
        self.inner.cell.set(count, sum, values);
    }
    /// The count, the sum and each quantile with its value (see [`SummaryCell::read`]).
    ///
    /// ```
    /// use metrics_core::{MetricGroup, Summary};
    ///
    /// #[derive(MetricGroup)]
    /// struct Metrics {
    ///     /// Pause duration.
    ///     #[metric(unit = "seconds", quantiles(0, 0.5, 1))]
    ///     pause_seconds: Summary,
    /// }
    ///
    /// let metrics = Metrics::new();
    /// for v in [4.0, 1.0, 2.0, 3.0] {
    ///     metrics.pause_seconds.observe(v);
    /// }
    /// assert_eq!(
    ///     metrics.pause_seconds.read(),
    ///     (4, 10.0, vec![(0.0, 1.0), (0.5, 2.0), (1.0, 4.0)])
    /// );
    /// ```
    pub fn read(&self) -> (u64, f64, Vec<(f64, f64)>) {
        self.inner.cell.read()
    }
}

single_metric!(Summary, SummaryCell, MetricType::Summary);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The quantiles of a cell holding these observations, all recorded now.
    fn quantiles_of(quantiles: &'static [f64], values: &[f64]) -> (u64, f64, Vec<f64>) {
        let cell = SummaryCell::with_quantiles(quantiles);
        for &v in values {
            cell.observe(v);
        }
        let (count, sum, read) = cell.read();
        assert_eq!(read.iter().map(|(q, _)| *q).collect::<Vec<_>>(), quantiles);
        (count, sum, read.into_iter().map(|(_, v)| v).collect())
    }

    #[test]
    fn fractions_are_the_declared_decimals() {
        let f = |numerator, denominator| Fraction {
            numerator,
            denominator,
        };
        assert_eq!(Fraction::of(0.55), f(55, 100));
        assert_eq!(Fraction::of(0.999), f(999, 1000));
        assert_eq!(Fraction::of(0.0), f(0, 1));
        assert_eq!(Fraction::of(1.0), f(1, 1));
        assert_eq!(Fraction::of(1e-40), f(0, 1));
    }

    /// `0.55 * 100.0` is 55.000000000000007 in floating point: its ceiling took the 56th value.
    #[test]
    fn ranks_are_exact_where_floating_point_is_not() {
        static QUANTILES: [f64; 8] = [0.0, 0.07, 0.14, 0.28, 0.5, 0.55, 0.56, 1.0];
        let values: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        let (count, sum, got) = quantiles_of(&QUANTILES, &values);
        assert_eq!(got, [1.0, 7.0, 14.0, 28.0, 50.0, 55.0, 56.0, 100.0]);
        assert_eq!((count, sum), (100, 5050.0));
        let (_, _, got) = quantiles_of(&QUANTILES, &[]);
        assert!(got.iter().all(|v| v.is_nan()), "{got:?}");
    }

    #[test]
    fn nan_counts_and_poisons_the_sum_but_not_the_quantiles() {
        static QUANTILES: [f64; 3] = [0.0, 0.5, 1.0];
        let (count, sum, got) = quantiles_of(&QUANTILES, &[3.0, f64::NAN, 1.0, 2.0, f64::NAN]);
        assert_eq!(count, 5);
        assert!(sum.is_nan());
        assert_eq!(got, [1.0, 2.0, 3.0]);
        let (_, _, got) = quantiles_of(&QUANTILES, &[f64::INFINITY, -1.5, f64::NEG_INFINITY]);
        assert_eq!(got, [f64::NEG_INFINITY, -1.5, f64::INFINITY]);
    }

    #[test]
    fn observations_older_than_the_window_leave_the_quantiles_not_the_count() {
        static QUANTILES: [f64; 2] = [0.0, 1.0];
        let cell = SummaryCell::with_quantiles(&QUANTILES);
        let start = Instant::now();
        for v in 1..=10 {
            cell.observe_at(f64::from(v), start);
        }
        let later = start + Duration::from_secs(300);
        for v in 101..=110 {
            cell.observe_at(f64::from(v), later);
        }
        let values = |read: (u64, f64, Vec<(f64, f64)>)| {
            let (count, sum, quantiles) = read;
            (
                count,
                sum,
                quantiles.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            values(cell.read_at(start + MAX_AGE)),
            (20, 1110.0, vec![1.0, 110.0])
        );
        let past_first = start + MAX_AGE + Duration::from_millis(1);
        assert_eq!(
            values(cell.read_at(past_first)),
            (20, 1110.0, vec![101.0, 110.0])
        );
        let (count, sum, quantiles) =
            values(cell.read_at(later + MAX_AGE + Duration::from_secs(1)));
        assert_eq!((count, sum), (20, 1110.0));
        assert!(quantiles.iter().all(|v| v.is_nan()), "{quantiles:?}");
    }

    #[test]
    fn only_the_latest_observations_count_towards_the_quantiles() {
        static QUANTILES: [f64; 3] = [0.0, 0.5, 1.0];
        let n = MAX_OBSERVATIONS as u32 + 1000;
        let values: Vec<f64> = (1..=n).map(f64::from).collect();
        let (count, sum, got) = quantiles_of(&QUANTILES, &values);
        let first_kept = f64::from(n - MAX_OBSERVATIONS as u32 + 1);
        assert_eq!(got, [first_kept, first_kept + 2047.0, f64::from(n)]);
        assert_eq!(count, u64::from(n));
        assert_eq!(sum, f64::from(n) * f64::from(n + 1) / 2.0);
    }

    #[test]
    fn set_replaces_the_window_until_the_next_observation() {
        static QUANTILES: [f64; 2] = [0.5, 0.9];
        let cell = SummaryCell::with_quantiles(&QUANTILES);
        cell.observe(7.0);
        cell.set(3, 0.5, &[0.1]);
        let (count, sum, read) = cell.read();
        assert_eq!((count, sum, read[0]), (3, 0.5, (0.5, 0.1)));
        assert!(read[1].1.is_nan());
        cell.observe(2.0);
        assert_eq!(cell.read(), (4, 2.5, vec![(0.5, 2.0), (0.9, 2.0)]));
    }

    /// Every quantile of three decimals at every count up to 1000: the rank is the smallest `k`
    /// with `k / n >= q`, computed apart in integers (floating point misses 76 of these pairs
    /// below 400 alone, so a random sample would rarely find them).
    #[test]
    fn ranks_of_every_three_decimal_quantile_up_to_a_thousand_values() {
        for permille in 0..=1000u32 {
            let fraction = Fraction::of(f64::from(permille) / 1000.0);
            for n in 1..=1000usize {
                let exact = (permille as usize * n).div_ceil(1000).max(1);
                assert_eq!(fraction.rank(n), exact, "q = {permille}/1000, n = {n}");
            }
        }
    }

    proptest! {
        /// Every declared quantile of any shuffled input is the value at the exact nearest rank
        /// (the smallest `k` with `k / n >= q`, in integers), and the count and sum are exact.
        #[test]
        fn quantiles_are_the_exact_nearest_rank(
            values in proptest::collection::vec(-1000i32..1000, 1..400).prop_shuffle(),
            permille in proptest::collection::vec(0u32..=1000, 1..6),
        ) {
            let mut permille = permille;
            permille.sort_unstable();
            permille.dedup();
            let quantiles: &'static [f64] =
                permille.iter().map(|&p| f64::from(p) / 1000.0).collect::<Vec<_>>().leak();
            let observed: Vec<f64> = values.iter().map(|&v| f64::from(v)).collect();
            let (count, sum, got) = quantiles_of(quantiles, &observed);
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let n = sorted.len() as u64;
            let expected: Vec<f64> = permille
                .iter()
                .map(|&p| {
                    let k = (u64::from(p) * n).div_ceil(1000).max(1);
                    f64::from(sorted[k as usize - 1])
                })
                .collect();
            prop_assert_eq!(got, expected);
            prop_assert_eq!(count, n);
            prop_assert_eq!(sum, f64::from(values.iter().sum::<i32>()));
        }
    }
}
