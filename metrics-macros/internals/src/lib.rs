//! What the macros (`metrics-macros`, at compile time) and the tools (`metrics-core`'s live
//! checker, at run time) share, written once: the naming rules of promtool and the Prometheus
//! naming guide. A proc-macro crate can export only macros, so the shared code lives here, as
//! `serde_derive_internals` does for serde. Plain `std`.

pub mod naming;
