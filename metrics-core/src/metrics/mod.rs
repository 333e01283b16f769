//! The metric types: unlabelled [`Counter`], [`Gauge`] and [`Histogram`], and
//! [`Family`] for a labelled family of any of them.

mod counter;
mod family;
mod gauge;
mod histogram;
mod number;
mod reclaim;
mod series_map;
mod summary;
mod sync;

use std::fmt;
use std::sync::Arc;

use prometheus_client::encoding::MetricEncoder;

use crate::descriptor::{LabelDescriptor, MetricDescriptor, MetricType};

pub use counter::Counter;
pub use family::{Family, Lifecycle, Permanent, Removable};
pub use gauge::Gauge;
pub use histogram::Histogram;
pub use number::{CounterValue, GaugeValue};
pub use summary::{MAX_AGE, MAX_OBSERVATIONS, Summary};

// The storage of one series of each type: reached by the derives' code and the traits below,
// not a public API.
#[doc(hidden)]
pub use counter::CounterCell;
#[doc(hidden)]
pub use gauge::GaugeCell;
#[doc(hidden)]
pub use histogram::HistogramCell;
#[doc(hidden)]
pub use summary::SummaryCell;

#[doc(hidden)]
/// What every metric type does besides prometheus-client's encoding: the toolkit's own
/// exposition and the example workload (feature `demo`).
pub trait Expose {
    /// Records the `step`th example value.
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64);
    /// Writes every series' samples, under the sample name `name`, in `format`.
    fn write_samples(&self, name: &str, format: crate::Format, out: &mut String);
    /// The records that went to the overflow series (see [`Family::overflows`]); none for a
    /// metric without labels.
    fn overflows(&self) -> u64 {
        0
    }
    /// The scrape's upkeep (idle series removed, removed ones freed); nothing without labels.
    fn maintain(&self) {}
    /// Sets the cap of label sets (see [`Family::set_series_cap`]); false where there is none.
    fn set_series_cap(&self, _cap: usize) -> bool {
        false
    }
}

impl<L: crate::LabelSet, K: MetricKind, R: Lifecycle> Expose for Family<L, K, R> {
    #[cfg(feature = "demo")]
    fn record_example(&self, step: u64) {
        Family::record_example(self, step);
    }
    fn write_samples(&self, name: &str, format: crate::Format, out: &mut String) {
        Family::write_samples(self, name, format, out);
    }
    fn overflows(&self) -> u64 {
        Family::overflows(self)
    }
    fn maintain(&self) {
        Family::maintain(self);
    }
    fn set_series_cap(&self, cap: usize) -> bool {
        if L::CARDINALITY.is_some() {
            return false;
        }
        Family::set_series_cap(self, cap);
        true
    }
}

#[doc(hidden)]
/// The storage of one series of a metric kind.
pub trait Cell: Send + Sync + 'static {
    /// A new series at zero.
    fn new(descriptor: &'static MetricDescriptor) -> Self;
    /// Sets the series back to zero, as new (a closed-set series that is removed: it stays in the
    /// exposition, as every closed-set series does from creation on).
    fn reset(&self);
    #[cfg(feature = "demo")]
    /// Records the `step`th value of a deterministic example workload.
    fn record_example(&self, step: u64);
    /// Writes the series' samples in the toolkit's own exposition.
    fn write(&self, out: &mut crate::encoding::SeriesWriter<'_>);
    /// Writes the series' samples.
    fn encode(
        &self,
        descriptor: &'static MetricDescriptor,
        encoder: &mut MetricEncoder<'_>,
    ) -> fmt::Result;
}

#[doc(hidden)]
/// A metric kind: what one series stores and how it is exposed.
pub trait MetricKind: Send + Sync + 'static {
    /// One series.
    type Cell: Cell;
    /// The exposed type.
    const TYPE: MetricType;
}

/// A metric that a `#[derive(MetricGroup)]` struct can hold as a field.
///
/// Every metric is a cheap handle to shared storage: a clone records into the same series.
pub trait Metric: Clone + fmt::Debug + Send + Sync + 'static {
    /// The exposed type.
    const TYPE: MetricType;
    /// The labels of every series.
    const LABELS: &'static [LabelDescriptor];
    /// Whether its series can be removed (a [`Family`] of [`Removable`] series).
    const REMOVABLE: bool = false;
    /// A new metric, with every closed-set series present at zero.
    fn from_descriptor(descriptor: &'static MetricDescriptor) -> Self;
    /// The static description the metric was created from.
    fn descriptor(&self) -> &'static MetricDescriptor;
}

/// An unlabelled metric: one series and its descriptor.
struct Single<C> {
    descriptor: &'static MetricDescriptor,
    cell: C,
}

impl<C: Cell> Single<C> {
    fn new(descriptor: &'static MetricDescriptor) -> Arc<Self> {
        Arc::new(Single {
            descriptor,
            cell: C::new(descriptor),
        })
    }
}

/// Maps the toolkit's metric type to prometheus-client's.
pub(crate) const fn pc_type(t: MetricType) -> prometheus_client::metrics::MetricType {
    match t {
        MetricType::Counter => prometheus_client::metrics::MetricType::Counter,
        MetricType::Gauge => prometheus_client::metrics::MetricType::Gauge,
        MetricType::Histogram => prometheus_client::metrics::MetricType::Histogram,
        // prometheus-client has no summary type.
        MetricType::Summary => prometheus_client::metrics::MetricType::Unknown,
    }
}

/// Implements the handle traits shared by the three unlabelled metric types.
macro_rules! single_metric {
    ($ty:ident < $($p:ident : $bound:path = $default:ty),* >, $cell:ident, $kind:expr) => {
        impl<$($p: $bound),*> Clone for $ty<$($p),*> {
            fn clone(&self) -> Self {
                Self { inner: ::std::sync::Arc::clone(&self.inner) }
            }
        }

        impl<$($p: $bound),*> ::std::fmt::Debug for $ty<$($p),*> {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    .field("name", &self.inner.descriptor.name)
                    .finish_non_exhaustive()
            }
        }

        impl<$($p: $bound),*> $crate::metrics::Metric for $ty<$($p),*> {
            const TYPE: $crate::descriptor::MetricType = $kind;
            const LABELS: &'static [$crate::descriptor::LabelDescriptor] = &[];
            fn from_descriptor(descriptor: &'static $crate::descriptor::MetricDescriptor) -> Self {
                Self { inner: $crate::metrics::Single::new(descriptor) }
            }
            fn descriptor(&self) -> &'static $crate::descriptor::MetricDescriptor {
                self.inner.descriptor
            }
        }

        impl<$($p: $bound),*> $crate::metrics::MetricKind for $ty<$($p),*> {
            type Cell = $cell<$($p),*>;
            const TYPE: $crate::descriptor::MetricType = $kind;
        }

        impl<$($p: $bound),*> $crate::metrics::Expose for $ty<$($p),*> {
#[cfg(feature = "demo")]
            fn record_example(&self, step: u64) {
                $crate::metrics::Cell::record_example(&self.inner.cell, step);
            }
            fn write_samples(&self, name: &str, format: $crate::Format, out: &mut String) {
                $crate::metrics::Cell::write(
                    &self.inner.cell,
                    &mut $crate::encoding::SeriesWriter { out, format, name, labels: "", bounds: &[] },
                );
            }
        }

        impl<$($p: $bound),*> ::prometheus_client::metrics::TypedMetric for $ty<$($p),*> {
            const TYPE: ::prometheus_client::metrics::MetricType = $crate::metrics::pc_type($kind);
        }

        impl<$($p: $bound),*> ::prometheus_client::encoding::EncodeMetric for $ty<$($p),*> {
            fn encode(&self, mut encoder: ::prometheus_client::encoding::MetricEncoder<'_>) -> ::std::fmt::Result {
                $crate::metrics::Cell::encode(&self.inner.cell, self.inner.descriptor, &mut encoder)
            }
            fn metric_type(&self) -> ::prometheus_client::metrics::MetricType {
                $crate::metrics::pc_type($kind)
            }
        }
    };
    ($ty:ident, $cell:ident, $kind:expr) => {
        single_metric!($ty<>, $cell, $kind);
    };
}
pub(crate) use single_metric;
