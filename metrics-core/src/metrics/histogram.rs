use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use prometheus_client::encoding::{MetricEncoder, NoLabelSet};

use super::number::add_f64;
use super::{Cell, Single, single_metric};
use crate::descriptor::{MetricDescriptor, MetricType};

/// One histogram series: a counter per bucket (the last is `+Inf`) and the sum.
///
/// The count is not stored: it is the sum of the buckets, so that `_count` always equals the
/// `+Inf` bucket and an observation costs two atomic operations, not three.
#[derive(Debug)]
pub struct HistogramCell {
    bounds: &'static [f64],
    buckets: Box<[AtomicU64]>,
    sum: AtomicU64,
}

impl HistogramCell {
    /// Records one observation.
    #[inline]
    pub fn observe(&self, v: f64) {
        // `le` is inclusive: the bucket is the first whose bound is >= v; NaN goes to +Inf.
        let index = if v.is_nan() {
            self.bounds.len()
        } else if self.bounds.len() <= 32 {
            // Counting the bounds below `v` has no branch to mispredict, unlike a binary search
            // over observations that vary (10.3 -> 6.1 ns per observation over ten buckets).
            self.bounds
                .iter()
                .map(|bound| usize::from(*bound < v))
                .sum()
        } else {
            self.bounds.partition_point(|bound| *bound < v)
        };
        self.buckets[index].fetch_add(1, Ordering::Relaxed);
        add_f64(&self.sum, v);
    }

    /// Replaces the histogram with values computed elsewhere, as a collector reporting another
    /// system's histogram does: the count of each bucket (not cumulated; the last is `+Inf`;
    /// missing ones are zero) and the sum.
    pub fn set(&self, counts: &[u64], sum: f64) {
        for (i, bucket) in self.buckets.iter().enumerate() {
            bucket.store(counts.get(i).copied().unwrap_or(0), Ordering::Relaxed);
        }
        self.sum.store(sum.to_bits(), Ordering::Relaxed);
    }

    /// The number of observations and their sum.
    pub fn count_and_sum(&self) -> (u64, f64) {
        let count = self.buckets.iter().map(|b| b.load(Ordering::Relaxed)).sum();
        (count, f64::from_bits(self.sum.load(Ordering::Relaxed)))
    }

    /// Each bucket's upper bound (`le`) with its cumulative count, `+Inf` last: the `_bucket`
    /// samples of the exposition, as numbers.
    pub fn buckets(&self) -> Vec<(f64, u64)> {
        let mut cumulative = 0u64;
        self.bounds
            .iter()
            .copied()
            .chain(std::iter::once(f64::INFINITY))
            .zip(self.buckets.iter())
            .map(|(le, bucket)| {
                cumulative += bucket.load(Ordering::Relaxed);
                (le, cumulative)
            })
            .collect()
    }
}

impl Cell for HistogramCell {
    fn new(descriptor: &'static MetricDescriptor) -> Self {
        HistogramCell {
            bounds: descriptor.buckets,
            buckets: (0..=descriptor.buckets.len())
                .map(|_| AtomicU64::new(0))
                .collect(),
            sum: AtomicU64::new(0f64.to_bits()),
        }
    }
    fn reset(&self) {
        self.set(&[], 0.0);
    }
    fn write(&self, out: &mut crate::encoding::SeriesWriter<'_>) {
        let sum = f64::from_bits(self.sum.load(Ordering::Relaxed));
        out.histogram(
            self.bounds,
            self.buckets.iter().map(|b| b.load(Ordering::Relaxed)),
            sum,
        );
    }
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        // A bound itself, so that the example lands exactly on the edge of a bucket.
        let bound = self.bounds[(step as usize) % self.bounds.len().max(1)];
        self.observe(bound);
    }
    fn encode(&self, _: &'static MetricDescriptor, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        let counts: Vec<(f64, u64)> = self
            .bounds
            .iter()
            .copied()
            .chain(std::iter::once(f64::INFINITY))
            .zip(self.buckets.iter().map(|b| b.load(Ordering::Relaxed)))
            .collect();
        let count = counts.iter().map(|(_, c)| c).sum();
        let sum = f64::from_bits(self.sum.load(Ordering::Relaxed));
        encoder.encode_histogram::<NoLabelSet>(sum, count, &counts, None)
    }
}

/// A histogram without labels; its buckets come from the declaration.
pub struct Histogram {
    inner: Arc<Single<HistogramCell>>,
}

impl Histogram {
    /// Records one observation.
    #[inline]
    pub fn observe(&self, v: f64) {
        self.inner.cell.observe(v);
    }
    /// The number of observations and their sum.
    pub fn count_and_sum(&self) -> (u64, f64) {
        self.inner.cell.count_and_sum()
    }
    /// Each bucket's upper bound (`le`) with its cumulative count, `+Inf` last, as the
    /// exposition shows them (see [`HistogramCell::buckets`]).
    ///
    /// ```
    /// use metrics_core::{Histogram, MetricGroup};
    ///
    /// #[derive(MetricGroup)]
    /// struct Metrics {
    ///     /// Request duration.
    ///     #[metric(unit = "seconds", buckets(0.1, 1.0))]
    ///     duration_seconds: Histogram,
    /// }
    ///
    /// let metrics = Metrics::new();
    /// for v in [0.05, 0.1, 0.5, 7.0] {
    ///     metrics.duration_seconds.observe(v);
    /// }
    /// assert_eq!(
    ///     metrics.duration_seconds.buckets(),
    ///     [(0.1, 2), (1.0, 3), (f64::INFINITY, 4)]
    /// );
    /// ```
    pub fn buckets(&self) -> Vec<(f64, u64)> {
        self.inner.cell.buckets()
    }
    /// Replaces the histogram with values computed elsewhere (see [`HistogramCell::set`]).
    pub fn set(&self, counts: &[u64], sum: f64) {
        self.inner.cell.set(counts, sum);
    }
}

single_metric!(Histogram, HistogramCell, MetricType::Histogram);
