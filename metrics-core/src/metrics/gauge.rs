use std::fmt;
use std::sync::Arc;

use prometheus_client::encoding::MetricEncoder;

use super::{Cell, GaugeValue, Single, single_metric};
use crate::descriptor::{MetricDescriptor, MetricType};

/// One gauge series.
#[derive(Debug, Default)]
pub struct GaugeCell<N: GaugeValue = i64> {
    value: N::Atomic,
}

impl<N: GaugeValue> GaugeCell<N> {
    /// Replaces the value.
    #[inline]
    pub fn set(&self, v: N) {
        N::set(&self.value, v);
    }
    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        N::add(&self.value, N::ONE);
    }
    /// Subtracts one.
    #[inline]
    pub fn dec(&self) {
        N::sub(&self.value, N::ONE);
    }
    /// Adds `v`.
    #[inline]
    pub fn add(&self, v: N) {
        N::add(&self.value, v);
    }
    /// Subtracts `v`.
    #[inline]
    pub fn sub(&self, v: N) {
        N::sub(&self.value, v);
    }
    /// The current value.
    #[inline]
    pub fn get(&self) -> N {
        N::get(&self.value)
    }
}

impl<N: GaugeValue> Cell for GaugeCell<N> {
    fn new(_: &'static MetricDescriptor) -> Self {
        GaugeCell {
            value: N::Atomic::default(),
        }
    }
    fn reset(&self) {
        self.set(N::from_u64(0));
    }
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        self.set(N::from_u64(step % 11 + 1));
    }
    fn write(&self, out: &mut crate::encoding::SeriesWriter<'_>) {
        let v = self.get();
        out.sample(|o| v.push(o));
    }
    fn encode(&self, _: &'static MetricDescriptor, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        self.get().encode(encoder)
    }
}

/// A gauge without labels. `Gauge<f64>` holds fractional values.
pub struct Gauge<N: GaugeValue = i64> {
    inner: Arc<Single<GaugeCell<N>>>,
}

impl<N: GaugeValue> Gauge<N> {
    /// Replaces the value.
    #[inline]
    pub fn set(&self, v: N) {
        self.inner.cell.set(v);
    }
    /// Adds one.
    #[inline]
    pub fn inc(&self) {
        self.inner.cell.inc();
    }
    /// Subtracts one.
    #[inline]
    pub fn dec(&self) {
        self.inner.cell.dec();
    }
    /// Adds `v`.
    #[inline]
    pub fn add(&self, v: N) {
        self.inner.cell.add(v);
    }
    /// Subtracts `v`.
    #[inline]
    pub fn sub(&self, v: N) {
        self.inner.cell.sub(v);
    }
    /// The current value.
    pub fn get(&self) -> N {
        self.inner.cell.get()
    }
}

single_metric!(Gauge<N: GaugeValue = i64>, GaugeCell, MetricType::Gauge);
