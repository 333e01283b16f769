//! The value types counters and gauges can hold, and their atomic operations.

use std::fmt;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use prometheus_client::encoding::{MetricEncoder, NoLabelSet};

/// A counter's value: `u64` (the default) or `f64`.
pub trait CounterValue: Copy + PartialOrd + fmt::Debug + Send + Sync + 'static {
    /// The atomic that holds it.
    type Atomic: Default + Send + Sync;
    /// One.
    const ONE: Self;
    /// Zero.
    const ZERO: Self;
    /// Adds `v`.
    fn add(atomic: &Self::Atomic, v: Self);
    /// Reads the value.
    fn get(atomic: &Self::Atomic) -> Self;
    /// Writes the counter sample.
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result;
    /// A small whole number as this type, for example workloads.
    fn from_u64(v: u64) -> Self;
    /// Appends the value as the text formats write it.
    fn push(self, out: &mut String);
    /// `self - other`, for `self >= other`.
    fn sub(self, other: Self) -> Self;
    /// Sets the atomic back to zero.
    fn reset(atomic: &Self::Atomic);
}

impl CounterValue for u64 {
    type Atomic = AtomicU64;
    const ONE: u64 = 1;
    const ZERO: u64 = 0;
    #[inline]
    fn add(atomic: &AtomicU64, v: u64) {
        atomic.fetch_add(v, Ordering::Relaxed);
    }
    #[inline]
    fn get(atomic: &AtomicU64) -> u64 {
        atomic.load(Ordering::Relaxed)
    }
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        encoder.encode_counter::<NoLabelSet, _, u64>(&self, None)
    }
    fn from_u64(v: u64) -> u64 {
        v
    }
    fn push(self, out: &mut String) {
        crate::encoding::text::push_u64(out, self);
    }
    fn sub(self, other: u64) -> u64 {
        self - other
    }
    fn reset(atomic: &AtomicU64) {
        atomic.store(0, Ordering::Relaxed);
    }
}

impl CounterValue for f64 {
    type Atomic = AtomicU64;
    const ONE: f64 = 1.0;
    const ZERO: f64 = 0.0;
    #[inline]
    fn add(atomic: &AtomicU64, v: f64) {
        add_f64(atomic, v);
    }
    #[inline]
    fn get(atomic: &AtomicU64) -> f64 {
        f64::from_bits(atomic.load(Ordering::Relaxed))
    }
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        encoder.encode_counter::<NoLabelSet, _, f64>(&self, None)
    }
    fn from_u64(v: u64) -> f64 {
        v as f64
    }
    fn push(self, out: &mut String) {
        crate::encoding::text::push_f64(out, self);
    }
    fn sub(self, other: f64) -> f64 {
        self - other
    }
    fn reset(atomic: &AtomicU64) {
        atomic.store(0.0f64.to_bits(), Ordering::Relaxed);
    }
}

/// A gauge's value: `i64` (the default) or `f64`.
pub trait GaugeValue: Copy + PartialOrd + fmt::Debug + Send + Sync + 'static {
    /// The atomic that holds it.
    type Atomic: Default + Send + Sync;
    /// One.
    const ONE: Self;
    /// Adds `v`, which may be negative.
    fn add(atomic: &Self::Atomic, v: Self);
    /// Subtracts `v`.
    fn sub(atomic: &Self::Atomic, v: Self);
    /// Replaces the value.
    fn set(atomic: &Self::Atomic, v: Self);
    /// Reads the value.
    fn get(atomic: &Self::Atomic) -> Self;
    /// Writes the gauge sample.
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result;
    /// A small whole number as this type, for example workloads.
    fn from_u64(v: u64) -> Self;
    /// Appends the value as the text formats write it.
    fn push(self, out: &mut String);
}

impl GaugeValue for i64 {
    type Atomic = AtomicI64;
    const ONE: i64 = 1;
    #[inline]
    fn add(atomic: &AtomicI64, v: i64) {
        atomic.fetch_add(v, Ordering::Relaxed);
    }
    #[inline]
    fn sub(atomic: &AtomicI64, v: i64) {
        atomic.fetch_sub(v, Ordering::Relaxed);
    }
    #[inline]
    fn set(atomic: &AtomicI64, v: i64) {
        atomic.store(v, Ordering::Relaxed);
    }
    #[inline]
    fn get(atomic: &AtomicI64) -> i64 {
        atomic.load(Ordering::Relaxed)
    }
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        encoder.encode_gauge(&self)
    }
    fn from_u64(v: u64) -> i64 {
        v as i64
    }
    fn push(self, out: &mut String) {
        crate::encoding::text::push_i64(out, self);
    }
}

impl GaugeValue for f64 {
    type Atomic = AtomicU64;
    const ONE: f64 = 1.0;
    #[inline]
    fn add(atomic: &AtomicU64, v: f64) {
        add_f64(atomic, v);
    }
    #[inline]
    fn sub(atomic: &AtomicU64, v: f64) {
        add_f64(atomic, -v);
    }
    #[inline]
    fn set(atomic: &AtomicU64, v: f64) {
        atomic.store(v.to_bits(), Ordering::Relaxed);
    }
    #[inline]
    fn get(atomic: &AtomicU64) -> f64 {
        f64::from_bits(atomic.load(Ordering::Relaxed))
    }
    fn encode(self, encoder: &mut MetricEncoder<'_>) -> fmt::Result {
        encoder.encode_gauge(&self)
    }
    fn from_u64(v: u64) -> f64 {
        v as f64
    }
    fn push(self, out: &mut String) {
        crate::encoding::text::push_f64(out, self);
    }
}

/// Adds to an `f64` stored as bits: a compare-and-swap loop, as there is no atomic float add.
#[inline]
pub(crate) fn add_f64(atomic: &AtomicU64, v: f64) {
    let mut old = atomic.load(Ordering::Relaxed);
    loop {
        let new = (f64::from_bits(old) + v).to_bits();
        match atomic.compare_exchange_weak(old, new, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return,
            Err(current) => old = current,
        }
    }
}
