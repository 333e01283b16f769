//! The atomics, locks and fences of the series map and its reclamation: the standard library's
//! and the `swmr-barrier` crate's, or loom's when built with `--cfg loom` for the model-checked
//! tests (where both halves of the asymmetric fence are sequentially consistent fences: loom
//! models no system call, and the pair is specified to act as one such fence).

#[cfg(not(loom))]
pub(crate) use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
#[cfg(not(loom))]
pub(crate) use std::sync::{Mutex, MutexGuard};

#[cfg(loom)]
pub(crate) use loom::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};
#[cfg(loom)]
pub(crate) use loom::sync::{Mutex, MutexGuard};

/// The readers' half of the asymmetric fence: a compiler fence where the writers' half is a
/// system call that makes every thread of the process execute a full fence.
#[inline(always)]
pub(crate) fn light_fence() {
    #[cfg(not(loom))]
    swmr_barrier::light_barrier();
    #[cfg(loom)]
    loom::sync::atomic::fence(Ordering::SeqCst);
}

/// The writers' half of the asymmetric fence (microseconds: only where memory is reclaimed).
pub(crate) fn heavy_fence() {
    #[cfg(not(loom))]
    swmr_barrier::heavy_barrier();
    #[cfg(loom)]
    loom::sync::atomic::fence(Ordering::SeqCst);
}
