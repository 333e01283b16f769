use std::fmt;
use std::sync::Arc;

use prometheus_client::encoding::MetricEncoder;

use super::{Cell, CounterValue, Single, single_metric};
use crate::descriptor::{MetricDescriptor, MetricType};

/// One counter series.
#[derive(Debug, Default)]
pub struct CounterCell<N: CounterValue = u64> {
    value: N::Atomic,
}

impl<N: CounterValue> CounterCell<N> {
    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        N::add(&self.value, N::ONE);
    }
    /// Adds `v`. A counter only goes up: a negative or NaN `f64` is ignored.
    #[inline]
    pub fn inc_by(&self, v: N) {
        // Incomparable is NaN.
        if matches!(
            v.partial_cmp(&N::ZERO),
            None | Some(std::cmp::Ordering::Less)
        ) {
            return;
        }
        N::add(&self.value, v);
    }
    /// The current value.
    #[inline]
    pub fn get(&self) -> N {
        N::get(&self.value)
    }
    /// Sets the counter to a total counted elsewhere (a collector reading another system's
    /// counter); a total below the current value is ignored, so the counter never goes down.
    pub fn set_total(&self, total: N) {
        let current = self.get();
        if total > current {
            N::add(&self.value, N::sub(total, current));
        }
    }
}

impl<N: CounterValue> Cell for CounterCell<N> {
    fn new(_: &'static MetricDescriptor) -> Self {
        CounterCell {
            value: N::Atomic::default(),
        }
    }
    fn reset(&self) {
        N::reset(&self.value);
    }
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        self.inc_by(N::from_u64(step % 7 + 1));
    }
    fn write(&self, out: &mut crate::encoding::SeriesWriter<'_>) {
        let v = self.get();
        out.sample(|o| v.push(o));
    }
    fn encode(&self, _: &'static MetricDescriptor, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        self.get().encode(encoder)
    }
}

/// A counter without labels. `Counter<f64>` counts fractional amounts such as seconds.
pub struct Counter<N: CounterValue = u64> {
    inner: Arc<Single<CounterCell<N>>>,
}

impl<N: CounterValue> Counter<N> {
    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.inner.cell.inc();
    }
    /// Adds `v`; a negative or NaN `f64` is ignored.
    #[inline]
    pub fn inc_by(&self, v: N) {
        self.inner.cell.inc_by(v);
    }
    /// The current value.
    pub fn get(&self) -> N {
        self.inner.cell.get()
    }
    /// Sets the counter to a total counted elsewhere (see [`CounterCell::set_total`]).
    pub fn set_total(&self, total: N) {
        self.inner.cell.set_total(total);
    }
}

single_metric!(Counter<N: CounterValue = u64>, CounterCell, MetricType::Counter);
