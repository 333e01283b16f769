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
    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain numbers behind: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records one observation.
    pub fn observe(&self, v: f64) {
        let now = Instant::now();
        let mut state = self.state();
        state.count += 1;
        state.sum += v;
        state.snapshot = None;
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
        let mut state = self.state();
        if let Some(snapshot) = &state.snapshot {
            let values = self.quantiles.iter().copied().zip(snapshot.iter().copied());
            return (state.count, state.sum, values.collect());
        }
        let now = Instant::now();
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
            .map(|&q| (q, nearest_rank(&sorted, q)))
            .collect();
        (count, sum, quantiles)
    }
}

/// The nearest-rank quantile of sorted values: the smallest value with at least `q` of the
/// values at or below it; `q = 0` is the minimum.
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Cell for SummaryCell {
    fn new(descriptor: &'static MetricDescriptor) -> Self {
        SummaryCell {
            quantiles: descriptor.quantiles,
            state: Mutex::new(State::default()),
        }
    }
    fn record_example(&self, step: u64) {
        self.observe((step + 1) as f64);
    }
    fn write(&self, out: &mut crate::exposition::SeriesWriter<'_>) {
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
    /// The count, the sum and each quantile with its value.
    pub fn read(&self) -> (u64, f64, Vec<(f64, f64)>) {
        self.inner.cell.read()
    }
}

single_metric!(Summary, SummaryCell, MetricType::Summary);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(nearest_rank(&v, 0.0), 1.0);
        assert_eq!(nearest_rank(&v, 0.5), 5.0);
        assert_eq!(nearest_rank(&v, 0.9), 9.0);
        assert_eq!(nearest_rank(&v, 0.99), 10.0);
        assert_eq!(nearest_rank(&v, 1.0), 10.0);
        assert!(nearest_rank(&[], 0.5).is_nan());
    }
}
