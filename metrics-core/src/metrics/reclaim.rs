//! When the memory of a removed series may be freed: read sections and grace periods, with an
//! asymmetric fence (the `swmr-barrier` crate: Linux's `membarrier` system call, Windows'
//! `FlushProcessWriteBuffers`, a full fence on both sides elsewhere).
//!
//! A thread that looks up or walks a series map does so inside a *read section*
//! ([`enter`], ended when its [`Section`] is dropped). Each thread has a slot of its own, a cache
//! line that no other thread writes: entering a section stores "inside" there and issues the
//! light half of the fence (a compiler fence where the heavy half is the system call), leaving
//! it stores "left", with release ordering. Nothing is shared: two threads recording at once
//! write no common cache line.
//!
//! A writer that unlinked memory (a removed series, a table replaced by a larger one) starts a
//! *grace period* ([`Grace::start`]): it issues the heavy half of the fence, then notes each slot
//! that is inside a section. The memory is freed once each of those has left the section it was
//! in ([`Grace::is_over`]), which the writer checks without waiting, each time it removes again
//! and after each scrape.
//!
//! Why a reader never touches freed memory. The two halves of the fence act as one sequentially
//! consistent fence between the writer and each reader, so of the reader's store "inside" and the
//! writer's unlinking store, at least one is seen by the other's following loads: either the
//! writer's snapshot sees the reader inside (and frees only after the reader's release store
//! "left", which its acquire load sees, so every access of the reader happens before the free),
//! or the reader's loads, made after its fence, find the memory already unlinked and never
//! reach it. A thread registering its slot meanwhile does so under the lock the snapshot holds:
//! if the snapshot did not see its slot, the registration came after it, and so did its loads.
//!
//! Sections nest (a record inside another family's closure): the slot counts the depth, and the
//! number of outermost sections left, which is what a grace period waits on, so that a thread
//! that is inside again is not taken for one that never left.

use std::marker::PhantomData;

use super::sync::{AtomicBool, AtomicU64, Mutex, Ordering, heavy_fence, light_fence};

/// The low bits of a slot's word: how deeply its thread is inside sections.
const DEPTH: u64 = (1 << 16) - 1;
/// One outermost section left: the rest of the word counts them (wrapping).
const LEFT: u64 = 1 << 16;

/// A thread's slot; see the module documentation.
#[repr(align(64))]
pub(crate) struct Slot {
    /// The depth (low 16 bits) and the number of outermost sections left (the rest).
    word: AtomicU64,
    /// Whether a live thread holds the slot; a thread that ends gives it back (under loom, slots
    /// live as long as the model run).
    #[cfg_attr(loom, allow(dead_code))]
    owned: AtomicBool,
}

impl Slot {
    fn new() -> Self {
        Slot {
            word: AtomicU64::new(0),
            owned: AtomicBool::new(true),
        }
    }
}

/// A read section of the current thread: what it reads of a series map stays allocated until
/// the section is dropped. Not `Send`: it marks its thread's slot.
pub(crate) struct Section {
    /// The thread's slot; `None` for a map that frees nothing before it is dropped.
    slot: Option<SlotRef>,
    /// The slot's word on entering: on leaving, the word is this one again (inner sections have
    /// left), so it is not read again.
    entered: u64,
    _thread: PhantomData<*const ()>,
}

/// Enters a read section of the current thread.
#[inline(always)]
pub(crate) fn enter() -> Section {
    let slot = current_slot();
    let word = slot.word.load(Ordering::Relaxed);
    slot.word.store(word + 1, Ordering::Relaxed);
    light_fence();
    Section {
        slot: Some(slot),
        entered: word,
        _thread: PhantomData,
    }
}

impl Section {
    /// A read section when `guarded` (a map that frees removed series), otherwise a token that
    /// marks nothing, for a map that frees nothing before it is dropped (a family whose series are
    /// permanent): no store, no fence.
    #[inline(always)]
    pub(crate) fn enter_if(guarded: bool) -> Section {
        if guarded {
            enter()
        } else {
            Section {
                slot: None,
                entered: 0,
                _thread: PhantomData,
            }
        }
    }

    /// Whether the section marks its thread's slot.
    #[inline(always)]
    pub(crate) fn is_guarded(&self) -> bool {
        self.slot.is_some()
    }
}

impl Drop for Section {
    #[inline(always)]
    fn drop(&mut self) {
        let Some(slot) = &self.slot else {
            return;
        };
        // Leaving the outermost section counts one more left; an inner one only lowers the depth.
        let word = self.entered;
        let left = if word & DEPTH == 0 {
            word.wrapping_add(LEFT)
        } else {
            word
        };
        slot.word.store(left, Ordering::Release);
    }
}

/// The slots of the threads that were inside a read section when a grace period began.
pub(crate) struct Grace {
    /// Each slot still to leave, with its word at the start.
    waiting: Vec<(SlotRef, u64)>,
}

impl Grace {
    /// Starts a grace period for what the calling thread has unlinked so far.
    pub(crate) fn start() -> Grace {
        heavy_fence();
        let slots = lock(&SLOTS);
        let waiting = slots
            .iter()
            .filter_map(|slot| {
                let word = slot.word.load(Ordering::Acquire);
                (word & DEPTH != 0).then(|| (SlotRef::clone(slot), word))
            })
            .collect();
        Grace { waiting }
    }

    /// Whether every thread that was inside a section at the start has left it, so that what was
    /// unlinked before the start may be freed. Does not wait.
    pub(crate) fn is_over(&mut self) -> bool {
        self.waiting.retain(|(slot, start)| {
            // The count of outermost sections left is unchanged: the one seen is still going.
            slot.word.load(Ordering::Acquire) & !DEPTH == start & !DEPTH
        });
        self.waiting.is_empty()
    }
}

/// A lock over data that a panicking holder left consistent (each change is made whole).
fn lock<T>(mutex: &Mutex<T>) -> super::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(not(loom))]
mod slots {
    use std::cell::Cell;
    use std::sync::Mutex;

    use super::Slot;

    /// A slot of a thread: slots are never freed (a thread that ends gives its slot to the next
    /// thread that starts reading), so there are as many as there were threads reading at once.
    pub(crate) type SlotRef = &'static Slot;

    /// Every slot, for grace periods to read.
    pub(super) static SLOTS: Mutex<Vec<SlotRef>> = Mutex::new(Vec::new());

    thread_local! {
        /// The current thread's slot: a `const` thread-local without a destructor, read with
        /// one instruction.
        static SLOT: Cell<Option<SlotRef>> = const { Cell::new(None) };
        /// Gives the slot back when the thread ends.
        static RELEASE: Release = const { Release(Cell::new(None)) };
    }

    struct Release(Cell<Option<SlotRef>>);

    impl Drop for Release {
        fn drop(&mut self) {
            if let Some(slot) = self.0.take() {
                let _ = SLOT.try_with(|current| current.set(None));
                slot.owned
                    .store(false, std::sync::atomic::Ordering::Release);
            }
        }
    }

    #[inline(always)]
    pub(super) fn current_slot() -> SlotRef {
        match SLOT.with(Cell::get) {
            Some(slot) => slot,
            None => register(),
        }
    }

    /// Takes a free slot for the current thread, or makes one.
    #[cold]
    #[inline(never)]
    fn register() -> SlotRef {
        use std::sync::atomic::Ordering;
        let mut slots = super::lock(&SLOTS);
        let free = slots.iter().find(|slot| {
            slot.owned
                .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
        });
        let slot = match free {
            Some(slot) => *slot,
            None => {
                let slot: SlotRef = Box::leak(Box::new(Slot::new()));
                slots.push(slot);
                slot
            }
        };
        drop(slots);
        SLOT.with(|current| current.set(Some(slot)));
        // A thread already ending (a record from another thread-local's destructor) keeps the
        // slot for good: it cannot be given back after the destructors have run.
        let _ = RELEASE.try_with(|release| release.0.set(Some(slot)));
        slot
    }
}

#[cfg(loom)]
mod slots {
    use loom::sync::{Arc, Mutex};

    use super::Slot;

    /// Under loom, every model run starts with no slot: they live in loom's own statics.
    pub(crate) type SlotRef = Arc<Slot>;

    loom::lazy_static! {
        pub(super) static ref SLOTS: Mutex<Vec<SlotRef>> = Mutex::new(Vec::new());
    }

    loom::thread_local! {
        static SLOT: SlotRef = {
            let slot = Arc::new(Slot::new());
            super::lock(&SLOTS).push(Arc::clone(&slot));
            slot
        };
    }

    pub(super) fn current_slot() -> SlotRef {
        SLOT.with(Arc::clone)
    }
}

use slots::{SLOTS, SlotRef, current_slot};

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn a_grace_period_waits_for_the_sections_open_at_its_start_only() {
        let outer = enter();
        let inner = enter();
        let mut grace = Grace::start();
        assert!(!grace.is_over(), "this thread is inside");
        drop(inner);
        assert!(!grace.is_over(), "still inside the outer section");
        drop(outer);
        assert!(grace.is_over(), "left");
        // A section entered after the start is not waited for.
        let mut grace = Grace::start();
        let _later = enter();
        assert!(grace.is_over());
    }

    #[test]
    fn a_section_of_another_thread_holds_the_grace_period_until_it_leaves() {
        use std::sync::mpsc;
        let (entered, wait_entered) = mpsc::channel();
        let (leave, wait_leave) = mpsc::channel::<()>();
        let reader = std::thread::spawn(move || {
            let section = enter();
            entered.send(()).unwrap();
            wait_leave.recv().unwrap();
            drop(section);
        });
        wait_entered.recv().unwrap();
        let mut grace = Grace::start();
        assert!(!grace.is_over());
        leave.send(()).unwrap();
        reader.join().unwrap();
        assert!(grace.is_over());
    }

    #[test]
    fn the_slot_of_a_thread_that_ended_is_taken_by_the_next() {
        let slot_of_a_thread = || {
            std::thread::spawn(|| {
                let section = enter();
                let slot: *const Slot = section.slot.expect("guarded");
                slot as usize
            })
            .join()
            .unwrap()
        };
        // Other tests start threads meanwhile, which may take a free slot first: ten threads one
        // after the other make fewer than ten slots unless none was ever given back.
        slot_of_a_thread();
        let count = lock(&SLOTS).len();
        let slots: std::collections::HashSet<usize> = (0..10).map(|_| slot_of_a_thread()).collect();
        assert!(lock(&SLOTS).len() < count + 10, "no slot was reused");
        assert!(slots.len() < 10, "each thread had a slot of its own");
    }
}
