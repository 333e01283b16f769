//! What the macros (`metrics-macros`, at compile time) and the runtime and tools (`metrics-core`)
//! share, written once: the bottom layer of the model. A proc-macro crate can export only macros,
//! so the shared code lives here, as `serde_derive_internals` does for serde. Plain `std`.
//!
//! - [`exposed`]: the metric types, the two formats, and the names each type takes in each
//!   format (`const fn`s, for the compile-time checks);
//! - [`naming`]: the naming rules of promtool and the Prometheus naming guide.

pub mod exposed;
pub mod naming;

pub use exposed::{Format, MetricType};

/// The most labels one label set can have: the derive refuses more, and the runtime stores label
/// sets as tuples of up to this many.
pub const MAX_LABELS: usize = 16;
