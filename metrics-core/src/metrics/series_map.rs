//! The storage of a family with free-text labels: a concurrent hash table whose lookups take no
//! lock and write nothing shared.
//!
//! - Readers: one acquire load of the table, linear probing over acquire loads of entry
//!   pointers, a comparison of the key when the tag below matches. Two threads recording into
//!   different series share no written cache line but their own cells' (and their own slots',
//!   below).
//! - A slot holds its entry's pointer with 6 bits of the entry's hash in the pointer's low bits
//!   (zero in a pointer to a 64-byte aligned entry): probing past other series reads their
//!   entries only on a tag match, 1 in 64. Reading an entry whose cell another thread is
//!   writing costs that thread a cache-line transfer per record: without the tag, two threads
//!   on two series whose slots neighbour each other took twice as long (22.5 instead of
//!   11.6 ns, in 1 of 8 runs, as the random seeds happened to place them).
//! - Writers (the first record into a series, a removal, a sweep of idle series): a mutex, a
//!   second look, and a change published with one release store. The table is rebuilt, twice as
//!   large or as large again without its tombstones, when an insert would leave it more than half
//!   full.
//! - Removal: the entry's slot becomes a tombstone (probing goes on past it, an insert may take
//!   it), the entry is marked dead (a record that finds it before the tombstone takes the slow
//!   path, and creates the series again), and the entry, like a replaced table, is freed once no
//!   reader can hold it. Readers hold what they read only inside a read section
//!   ([`super::reclaim`]): the lookup and iteration methods take the section and return borrows
//!   of it, and freed memory is what was unlinked before a grace period that every section open
//!   at its start has since left; the reclamation module's documentation says why a reader can
//!   never reach it. Garbage is checked, without waiting, at each change and each scrape; a grace
//!   period starts at a scrape, a `clear`, a sweep, or once [`BATCH`] removals wait (its fence is
//!   a system call, paid per batch).
//! - A map made without reclamation ([`SeriesMap::new`] with `false`: a family whose series are
//!   permanent) removes nothing, and keeps the tables it grew out of until it is dropped (as much
//!   memory as the current table at most): its readers take no read section (a token that marks
//!   nothing), so a record costs what it did before removal existed.
//! - Idle series: a record sets its entry's *touched* bit (a load of the line the record writes
//!   anyway, and a store only the first time after a sweep). A sweep removes the entries whose bit
//!   is clear and clears the others': a series is removed after one to two sweep intervals
//!   without a record. The bit and the dead mark live in the stored hash, in bits that neither the
//!   tag nor a table's index reaches, so an entry is no larger for them.

use std::ptr;

use super::reclaim::{Grace, Section};
use super::sync::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Mutex, Ordering};

/// What a lookup looks for: it tells a stored key of its series, and makes that key for a new
/// series. Passed by value to the out-of-line insert, so that nothing of it is written to memory
/// on the lookup path (a closure borrowing the labels made the caller store all of them on
/// every lookup: 200 instructions per lookup of three labels, 24 of them stores, measured).
pub(crate) trait Lookup<K>: Copy {
    /// Whether `key` is the key of the series looked for.
    fn matches(&self, key: &K) -> bool;
    /// The key of a new series.
    fn make_key(&self) -> K;
}

/// The slots of a new map's table (doubled as it fills); two under loom, so that a model grows
/// the table with its second series.
const INITIAL_SLOTS: usize = if cfg!(loom) { 2 } else { 8 };

/// The low bits of an entry pointer that hold its hash's tag: zero in the pointer itself, since
/// entries are aligned to 64 bytes (asserted below).
const TAG_MASK: usize = 63;

/// The address of a tombstone: the slot of a removed entry. Aligned like an entry and never
/// one (no allocation is made at address 64), with tag 0.
const TOMBSTONE: usize = 64;

/// An entry's state: recorded into since the last sweep.
const TOUCHED: u64 = 1 << 57;
/// An entry's state: removed (its slot is, or is about to be, a tombstone).
const DEAD: u64 = 1 << 56;
/// The bits of the state that are not the hash. A table has fewer than 2^56 slots, so the index
/// of a slot never reaches them, and the tag is the top 6 bits.
const FLAGS: u64 = TOUCHED | DEAD;

/// The tag of a hash: its top bits (the slot comes from the low ones).
#[inline(always)]
fn tag(hash: u64) -> usize {
    (hash >> 58) as usize
}

// One cache line at least: a cell written by one thread must not share a line with the hash and
// key another thread reads to find its own series (false sharing tripled the time per record of
// two threads on two series, measured). Three free-text labels and a counter fill it exactly.
#[repr(align(64))]
struct Entry<K, C> {
    /// The hash, where the entry goes in a larger table (lookups compare the slot's tag, then the
    /// key), with the flags [`TOUCHED`] and [`DEAD`].
    state: AtomicU64,
    key: K,
    cell: C,
}

const _: () = assert!(align_of::<Entry<(), ()>>() > TAG_MASK);
const _: () = assert!(TOMBSTONE & TAG_MASK == 0 && TOMBSTONE != 0);

impl<K, C> Entry<K, C> {
    fn hash(&self) -> u64 {
        self.state.load(Ordering::Relaxed) & !FLAGS
    }

    /// Marks the entry recorded into; false when it was removed meanwhile.
    #[inline(always)]
    fn touch(&self) -> bool {
        let state = self.state.load(Ordering::Relaxed);
        state & FLAGS == TOUCHED || self.touch_again()
    }

    /// The first record after a sweep (or into a removed entry): out of line.
    #[cold]
    #[inline(never)]
    fn touch_again(&self) -> bool {
        self.state.fetch_or(TOUCHED, Ordering::Relaxed) & DEAD == 0
    }
}

struct Table<K, C> {
    /// `slots.len() - 1`; the length is a power of two.
    mask: usize,
    slots: Box<[AtomicPtr<Entry<K, C>>]>,
    /// Under loom: read by each walk of the table, written when it is freed, so that a free not
    /// ordered after a walk is reported.
    #[cfg(loom)]
    alive: loom::cell::UnsafeCell<()>,
}

#[cfg(loom)]
impl<K, C> Drop for Table<K, C> {
    fn drop(&mut self) {
        self.alive.with_mut(|_| ());
    }
}

/// What a slot holds.
enum Slot<K, C> {
    Empty,
    Tombstone,
    Entry(*mut Entry<K, C>),
}

impl<K, C> Table<K, C> {
    fn new(slots: usize) -> Box<Self> {
        Box::new(Table {
            mask: slots - 1,
            slots: (0..slots)
                .map(|_| AtomicPtr::new(ptr::null_mut()))
                .collect(),
            #[cfg(loom)]
            alive: loom::cell::UnsafeCell::new(()),
        })
    }

    /// The index and entry with `hash` that `lookup` matches, probing from the hash's slot to
    /// the first empty one (there always is one: a table is at most half full).
    #[inline(always)]
    fn find(&self, hash: u64, lookup: &impl Lookup<K>) -> Option<(usize, &Entry<K, C>)> {
        #[cfg(loom)]
        self.alive.with(|_| ());
        let mut i = hash as usize & self.mask;
        loop {
            // SAFETY: `i` is masked with `mask`, the length of `slots` less one.
            let slot = unsafe { self.slots.get_unchecked(i) }.load(Ordering::Acquire);
            if slot.is_null() {
                return None;
            }
            if slot.addr() & TAG_MASK == tag(hash) && untagged(slot).addr() != TOMBSTONE {
                // SAFETY: a slot that is neither empty nor a tombstone points (once untagged) to
                // an entry published with a release store, which stays allocated as long as the
                // read section that the caller holds (see the module documentation).
                let entry = unsafe { &*untagged(slot) };
                // The key is compared without the stored hash first: the tag already rules out
                // 63 of 64 other series, and the comparison is of a few words.
                if lookup.matches(&entry.key) {
                    return Some((i, entry));
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    fn slot(&self, i: usize) -> Slot<K, C> {
        let slot = self.slots[i].load(Ordering::Acquire);
        if slot.is_null() {
            Slot::Empty
        } else if untagged(slot).addr() == TOMBSTONE {
            Slot::Tombstone
        } else {
            Slot::Entry(untagged(slot))
        }
    }

    /// Stores `entry` in the first empty slot or tombstone of its probe sequence; whether it took
    /// an empty slot. Only under the writer lock.
    fn place(&self, entry: *mut Entry<K, C>, hash: u64) -> bool {
        let mut i = hash as usize & self.mask;
        let empty = loop {
            match self.slot(i) {
                Slot::Empty => break true,
                Slot::Tombstone => break false,
                Slot::Entry(_) => i = (i + 1) & self.mask,
            }
        };
        let tagged = entry.map_addr(|addr| addr | tag(hash));
        self.slots[i].store(tagged, Ordering::Release);
        empty
    }

    /// Makes slot `i` a tombstone. Only under the writer lock.
    fn bury(&self, i: usize) {
        self.slots[i].store(ptr::without_provenance_mut(TOMBSTONE), Ordering::Release);
    }

    fn entries(&self) -> impl Iterator<Item = *mut Entry<K, C>> + '_ {
        #[cfg(loom)]
        self.alive.with(|_| ());
        (0..self.slots.len()).filter_map(|i| match self.slot(i) {
            Slot::Entry(entry) => Some(entry),
            Slot::Empty | Slot::Tombstone => None,
        })
    }
}

/// The entry pointer of a slot, without its tag.
#[inline(always)]
fn untagged<K, C>(slot: *mut Entry<K, C>) -> *mut Entry<K, C> {
    slot.map_addr(|addr| addr & !TAG_MASK)
}

/// Memory unlinked from the map, freed once no reader can hold it.
enum Garbage<K, C> {
    Entry(*mut Entry<K, C>),
    Table(*mut Table<K, C>),
}

impl<K, C> Garbage<K, C> {
    /// # Safety
    /// No reader may hold the memory any longer, and it is freed once.
    unsafe fn free(self) {
        // SAFETY: both came from `Box::into_raw`; the caller vouches for the rest.
        unsafe {
            match self {
                Garbage::Entry(entry) => drop(Box::from_raw(entry)),
                Garbage::Table(table) => drop(Box::from_raw(table)),
            }
        }
    }
}

/// What only writers touch, under the map's lock.
struct Writer<K, C> {
    /// The slots of the current table that are not empty (entries and tombstones).
    used: usize,
    /// Unlinked since the last grace period began.
    unlinked: Vec<Garbage<K, C>>,
    /// Unlinked before a grace period that is not over yet.
    waiting: Vec<(Grace, Vec<Garbage<K, C>>)>,
    /// In a map that does not reclaim (see [`SeriesMap::new`]): the tables it grew out of, kept
    /// until it is dropped (as much memory as the current table at most).
    kept: Vec<Garbage<K, C>>,
}

/// Removals unlinked before a grace period is started for them, unless a scrape or a bulk
/// removal starts one first: the heavy half of the fence is a system call (microseconds), paid
/// once per batch rather than per removal.
const BATCH: usize = 64;

impl<K, C> Writer<K, C> {
    /// Frees what no reader can hold any more, and starts a grace period for what was unlinked
    /// since the last one: always when `now`, otherwise once a batch is unlinked and no grace
    /// period is under way. Does not wait. Whether garbage is left.
    fn collect(&mut self, now: bool) -> bool {
        let batch = self.unlinked.len() >= BATCH && self.waiting.is_empty();
        if !self.unlinked.is_empty() && (now || batch) {
            self.waiting
                .push((Grace::start(), std::mem::take(&mut self.unlinked)));
        }
        self.waiting.retain_mut(|(grace, garbage)| {
            if !grace.is_over() {
                return true;
            }
            for item in garbage.drain(..) {
                // SAFETY: unlinked before the grace period began, which every reader that was
                // inside a section then has left; each item is in one list once.
                unsafe { item.free() };
            }
            false
        });
        !self.waiting.is_empty() || !self.unlinked.is_empty()
    }
}

/// A concurrent map from a series key to its cell; see the module documentation.
pub(crate) struct SeriesMap<K, C> {
    /// The current table, owned by the map (a `Box` turned into a pointer).
    table: AtomicPtr<Table<K, C>>,
    /// The number of series (entries in the current table).
    len: AtomicUsize,
    writer: Mutex<Writer<K, C>>,
    /// Whether garbage waits for a grace period: checked without the lock after a scrape.
    garbage: AtomicBool,
    /// See [`SeriesMap::new`].
    reclaims: bool,
}

// SAFETY: the map owns its keys and cells and hands out only shared references to them, to any
// thread: it is Send and Sync when they are. Its raw pointers are owned (see `Drop`).
unsafe impl<K: Send + Sync, C: Send + Sync> Send for SeriesMap<K, C> {}
// SAFETY: as above.
unsafe impl<K: Send + Sync, C: Send + Sync> Sync for SeriesMap<K, C> {}

/// A map that frees what it unlinks after grace periods (its readers hold read sections).
impl<K, C> Default for SeriesMap<K, C> {
    fn default() -> Self {
        SeriesMap::new(true)
    }
}

impl<K, C> SeriesMap<K, C> {
    /// An empty map. With `reclaims`, readers hold read sections (see [`Section::enter_if`]) and
    /// series can be removed; without, readers take none and nothing is freed before the map is
    /// dropped (the tables it grows out of are kept), so nothing may be removed.
    pub(crate) fn new(reclaims: bool) -> Self {
        SeriesMap {
            table: AtomicPtr::new(Box::into_raw(Table::new(INITIAL_SLOTS))),
            len: AtomicUsize::new(0),
            writer: Mutex::new(Writer {
                used: 0,
                unlinked: Vec::new(),
                waiting: Vec::new(),
                kept: Vec::new(),
            }),
            garbage: AtomicBool::new(false),
            reclaims,
        }
    }
}

impl<K, C> SeriesMap<K, C> {
    /// The current table, valid for as long as `section`.
    #[inline(always)]
    fn table<'s>(&'s self, section: &'s Section) -> &'s Table<K, C> {
        debug_assert!(
            section.is_guarded() || !self.reclaims,
            "a reader of a map that frees memory holds no read section"
        );
        // SAFETY: the pointer always comes from `Box::into_raw`; a replaced table is freed only
        // after every read section open when it was replaced has ended.
        unsafe { &*self.table.load(Ordering::Acquire) }
    }

    /// The current table, for a writer: only while holding the lock, and not past it (only
    /// writers, under the lock, replace tables, and a replaced one is freed only after a grace
    /// period that starts under the lock too).
    fn locked_table(&self) -> &Table<K, C> {
        // SAFETY: as above; the caller holds the lock, which keeps other writers from replacing
        // and freeing it.
        unsafe { &*self.table.load(Ordering::Acquire) }
    }

    fn lock(&self) -> super::sync::MutexGuard<'_, Writer<K, C>> {
        // A writer that panicked left the table consistent (each change is published whole, in
        // one store), so a poisoned lock is taken as it is.
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The cell of the series with `hash` that `lookup` matches, marked recorded into (in a map
    /// that reclaims: a map read without a read section is never swept and removes nothing, and
    /// its section is known not to mark anything where this is inlined, so it skips the mark).
    #[inline(always)]
    pub(crate) fn get<'s>(
        &'s self,
        section: &'s Section,
        hash: u64,
        lookup: &impl Lookup<K>,
    ) -> Option<&'s C> {
        match self.table(section).find(hash, lookup) {
            Some((_, entry)) if !section.is_guarded() || entry.touch() => Some(&entry.cell),
            _ => None,
        }
    }

    /// The cell of the series with `hash` that `lookup` matches, created with the lookup's key
    /// and `cell` if no other thread created it first.
    #[inline]
    pub(crate) fn get_or_insert<'s>(
        &'s self,
        section: &'s Section,
        hash: u64,
        lookup: impl Lookup<K>,
        cell: impl FnOnce() -> C,
    ) -> &'s C {
        match self.get(section, hash, &lookup) {
            Some(found) => found,
            None => self.insert(section, hash, lookup, cell),
        }
    }

    /// The slow path of [`SeriesMap::get_or_insert`], kept out of line so that the lookup
    /// inlined at every recording site stays small.
    #[cold]
    #[inline(never)]
    fn insert<'s>(
        &'s self,
        section: &'s Section,
        hash: u64,
        lookup: impl Lookup<K>,
        cell: impl FnOnce() -> C,
    ) -> &'s C {
        match self.insert_within(section, hash, lookup, cell, usize::MAX) {
            Some(cell) => cell,
            None => unreachable!("a map never holds usize::MAX series"),
        }
    }

    /// The cell of the series with `hash` that `lookup` matches, created if it is not there and
    /// the map holds fewer than `cap` series; `None` when it is not there and the map is full.
    /// The slow path of a capped lookup (after [`SeriesMap::get`] missed): out of line.
    #[cold]
    #[inline(never)]
    pub(crate) fn insert_within<'s>(
        &'s self,
        section: &'s Section,
        hash: u64,
        lookup: impl Lookup<K>,
        cell: impl FnOnce() -> C,
        cap: usize,
    ) -> Option<&'s C> {
        // A full map stays full until a series is removed: no lock for the records that
        // overflow, once it is.
        if self.len.load(Ordering::Acquire) >= cap {
            return self.get(section, hash, &lookup);
        }
        let mut writer = self.lock();
        let table = self.locked_table();
        if let Some((_, found)) = table.find(hash, &lookup) {
            // Under the lock no entry found is dead: removals unlink under it.
            found.touch();
            return Some(&found.cell);
        }
        let len = self.len.load(Ordering::Relaxed);
        if len >= cap {
            return None;
        }
        let table = if (writer.used + 1) * 2 > table.slots.len() {
            self.rebuild(&mut writer, len + 1)
        } else {
            table
        };
        let entry = Box::into_raw(Box::new(Entry {
            state: AtomicU64::new(hash & !FLAGS | TOUCHED),
            key: lookup.make_key(),
            cell: cell(),
        }));
        if table.place(entry, hash) {
            writer.used += 1;
        }
        self.len.store(len + 1, Ordering::Release);
        // A new series is a cheap moment to free what earlier removals left.
        if self.garbage.load(Ordering::Relaxed) {
            self.garbage.store(writer.collect(false), Ordering::Relaxed);
        }
        // SAFETY: published above; freed only after a grace period that `section`, open now,
        // holds back.
        Some(unsafe { &(*entry).cell })
    }

    /// Replaces the table with one of room for `len` series at most half full, without
    /// tombstones; the old one is freed after a grace period.
    fn rebuild(&self, writer: &mut Writer<K, C>, len: usize) -> &Table<K, C> {
        let old = self.table.load(Ordering::Acquire);
        let size = (len * 2).next_power_of_two().max(INITIAL_SLOTS);
        let larger = Table::new(size);
        // SAFETY: the current table, which only writers (holding the lock) replace.
        for entry in unsafe { &*old }.entries() {
            // SAFETY: entries of the current table are live (see `Table::find`).
            larger.place(entry, unsafe { (*entry).hash() });
        }
        let larger = Box::into_raw(larger);
        self.table.store(larger, Ordering::Release);
        writer.used = self.len.load(Ordering::Relaxed);
        if self.reclaims {
            writer.unlinked.push(Garbage::Table(old));
            self.garbage.store(true, Ordering::Relaxed);
        } else {
            writer.kept.push(Garbage::Table(old));
        }
        // SAFETY: just made from a `Box`, replaced and freed only by a writer holding the lock.
        unsafe { &*larger }
    }

    /// Removes the series with `hash` that `lookup` matches; whether it was there. Only in a map
    /// that reclaims (see [`SeriesMap::new`]).
    pub(crate) fn remove(&self, hash: u64, lookup: impl Lookup<K>) -> bool {
        let mut writer = self.lock();
        assert!(
            self.reclaims,
            "a removal from a map whose readers hold no sections"
        );
        let table = self.locked_table();
        let Some((i, entry)) = table.find(hash, &lookup) else {
            return false;
        };
        let entry = ptr::from_ref(entry).cast_mut();
        self.unlink(&mut writer, i, entry);
        self.shrink(&mut writer);
        self.garbage.store(writer.collect(false), Ordering::Relaxed);
        true
    }

    /// Rebuilds a table that removals left more than seven eighths empty, smaller, so that the
    /// memory of its slots comes back too (each halving follows at least as many removals as
    /// the table has left: amortised, a constant per removal).
    fn shrink(&self, writer: &mut Writer<K, C>) {
        let slots = self.locked_table().slots.len();
        let len = self.len.load(Ordering::Relaxed);
        if slots > INITIAL_SLOTS && len * 8 < slots {
            self.rebuild(writer, len);
        }
    }

    /// Makes slot `i`, holding `entry`, a tombstone and the entry garbage.
    fn unlink(&self, writer: &mut Writer<K, C>, i: usize, entry: *mut Entry<K, C>) {
        let table = self.locked_table();
        // SAFETY: an entry of the current table, live.
        unsafe { (*entry).state.fetch_or(DEAD, Ordering::Relaxed) };
        table.bury(i);
        self.len.fetch_sub(1, Ordering::Release);
        writer.unlinked.push(Garbage::Entry(entry));
    }

    /// Removes every series; how many there were. Only in a map that reclaims.
    pub(crate) fn clear(&self) -> usize {
        let mut writer = self.lock();
        assert!(
            self.reclaims,
            "a removal from a map whose readers hold no sections"
        );
        let old = self
            .table
            .swap(Box::into_raw(Table::new(INITIAL_SLOTS)), Ordering::AcqRel);
        // SAFETY: the table just replaced, which only this writer (holding the lock) frees.
        let entries: Vec<_> = unsafe { &*old }.entries().collect();
        for &entry in &entries {
            // SAFETY: entries of the table just replaced, live until freed below.
            unsafe { (*entry).state.fetch_or(DEAD, Ordering::Relaxed) };
        }
        self.len.store(0, Ordering::Release);
        writer.used = 0;
        writer.unlinked.push(Garbage::Table(old));
        writer
            .unlinked
            .extend(entries.iter().map(|&entry| Garbage::Entry(entry)));
        self.garbage.store(writer.collect(true), Ordering::Relaxed);
        entries.len()
    }

    /// Removes the series not recorded into since the last sweep, and marks the others not
    /// recorded into; how many were removed. A record that races with the sweep keeps its series
    /// (the dead mark is set only on an entry still untouched, with one compare-and-swap).
    pub(crate) fn sweep(&self) -> usize {
        let mut writer = self.lock();
        assert!(
            self.reclaims,
            "a removal from a map whose readers hold no sections"
        );
        let table = self.locked_table();
        let mut removed = 0;
        for i in 0..table.slots.len() {
            let Slot::Entry(entry) = table.slot(i) else {
                continue;
            };
            // SAFETY: an entry of the current table, live while the lock is held.
            let state = unsafe { &(*entry).state };
            let before = state.fetch_and(!TOUCHED, Ordering::Relaxed);
            if before & TOUCHED != 0
                || state
                    .compare_exchange(before, before | DEAD, Ordering::Relaxed, Ordering::Relaxed)
                    .is_err()
            {
                continue;
            }
            table.bury(i);
            self.len.fetch_sub(1, Ordering::Release);
            writer.unlinked.push(Garbage::Entry(entry));
            removed += 1;
        }
        self.shrink(&mut writer);
        self.garbage.store(writer.collect(true), Ordering::Relaxed);
        removed
    }

    /// Frees what removals left and no reader can hold any more, and starts a grace period for
    /// the rest; a no-op without a lock when there is nothing (called at each scrape).
    pub(crate) fn collect(&self) {
        if self.garbage.load(Ordering::Relaxed) {
            let mut writer = self.lock();
            let left = writer.collect(true);
            self.garbage.store(left, Ordering::Relaxed);
        }
    }

    /// The number of series.
    pub(crate) fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    /// Every series, in no particular order, valid as long as `section`, with a way to tell
    /// whether it is still in the map. Series created or removed meanwhile may or may not be seen,
    /// and a series removed and created again meanwhile may be seen twice (its removed entry, then
    /// the new one in a later slot): see [`latest`].
    pub(crate) fn iter<'s>(
        &'s self,
        section: &'s Section,
    ) -> impl Iterator<Item = (&'s K, &'s C, Live<'s>)> {
        self.table(section).entries().map(|entry| {
            // SAFETY: entries reached from the table in `section` stay allocated as long as it
            // (see `Table::find`).
            let entry = unsafe { &*entry };
            (&entry.key, &entry.cell, Live(&entry.state))
        })
    }
}

/// Whether an entry walked by [`SeriesMap::iter`] is still in the map, asked when needed.
#[derive(Clone, Copy)]
pub(crate) struct Live<'s>(&'s AtomicU64);

impl Live<'_> {
    /// Whether the entry is in the map now.
    pub(crate) fn now(self) -> bool {
        self.0.load(Ordering::Relaxed) & DEAD == 0
    }
}

/// Of the entries of [`SeriesMap::iter`] sorted so that equal keys are neighbours, one per key:
/// the one still in the map where a key was seen twice.
pub(crate) fn latest<K, C>(
    series: &mut Vec<(&K, &C, Live<'_>)>,
    same_key: impl Fn(&K, &K) -> bool,
) {
    series.dedup_by(|later, earlier| {
        if !same_key(later.0, earlier.0) {
            return false;
        }
        if later.2.now() && !earlier.2.now() {
            std::mem::swap(later, earlier);
        }
        true
    });
}

impl<K, C> Drop for SeriesMap<K, C> {
    fn drop(&mut self) {
        let mut writer = self.lock();
        // SAFETY: `&mut self`: no reader is left. Every entry is in the current table exactly
        // once or in the garbage once, never both; the table and the entries came from `Box`es.
        unsafe {
            let table = Box::from_raw(self.table.load(Ordering::Relaxed));
            for entry in table.entries() {
                drop(Box::from_raw(entry));
            }
            for item in writer.unlinked.drain(..) {
                item.free();
            }
            for (_, garbage) in writer.waiting.drain(..) {
                for item in garbage {
                    item.free();
                }
            }
            for item in writer.kept.drain(..) {
                item.free();
            }
        }
    }
}

/// A key that is its own lookup, for the tests.
#[cfg(test)]
impl Lookup<u64> for u64 {
    fn matches(&self, key: &u64) -> bool {
        self == key
    }
    fn make_key(&self) -> u64 {
        *self
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicU64;

    use super::super::reclaim::enter;
    use super::*;

    /// Collects until `freed` holds: the other tests of this binary, in other threads, hold read
    /// sections now and then, which a grace period waits for. At most a second.
    fn collect_until<K, C>(map: &SeriesMap<K, C>, freed: impl Fn() -> bool) -> bool {
        for _ in 0..1000 {
            map.collect();
            if freed() {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        false
    }

    fn hash(key: u64) -> u64 {
        // Few distinct hashes, so that probing and equal hashes with other keys are exercised,
        // with three tags (the top bits): probing passes entries of other tags and of its own.
        (key % 5) | ((key % 3) << 58)
    }

    #[test]
    fn finds_what_was_inserted_across_growth() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        let s = enter();
        for key in 0..1000u64 {
            let cell = map.get_or_insert(&s, hash(key), key, || AtomicU64::new(key));
            assert_eq!(cell.load(Ordering::Relaxed), key);
        }
        assert_eq!(map.len(), 1000);
        for key in 0..1000u64 {
            let cell = map.get(&s, hash(key), &key).expect("present");
            assert_eq!(cell.load(Ordering::Relaxed), key);
            // A second insert returns the same cell and does not make another.
            let again = map.get_or_insert(&s, hash(key), key, || panic!());
            assert!(ptr::eq(cell, again));
        }
        assert!(map.get(&s, hash(5000), &5000).is_none());
        let mut keys: Vec<u64> = map.iter(&s).map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        assert_eq!(keys, (0..1000).collect::<Vec<_>>());
    }

    /// Four writers start together (a barrier), each inserting the same 2000 keys in its own
    /// order, so that every growth of the table happens under the others' inserts and lookups,
    /// while a reader iterates: each iteration yields every key at most once and at least the
    /// series counted before it began, and at the end every increment is there.
    #[test]
    fn concurrent_inserts_increments_and_iteration_lose_nothing() {
        use std::sync::Barrier;
        use std::sync::atomic::AtomicBool;

        const WRITERS: u64 = 4;
        const KEYS: u64 = 2000;
        const ROUNDS: u64 = 5;
        let map = Arc::new(SeriesMap::<u64, AtomicU64>::default());
        let start = Arc::new(Barrier::new(WRITERS as usize + 1));
        let done = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = (0..WRITERS)
            .map(|t| {
                let (map, start) = (Arc::clone(&map), Arc::clone(&start));
                std::thread::spawn(move || {
                    // A stride coprime to 2000 visits every key once per round, in its own order.
                    let stride = [1, 3, 7, 11][t as usize];
                    start.wait();
                    for round in 0..ROUNDS {
                        for i in 0..KEYS {
                            let key = (i * stride + t * 501) % KEYS;
                            let s = enter();
                            map.get_or_insert(&s, hash(key), key, || AtomicU64::new(0))
                                .fetch_add(round + 1, Ordering::Relaxed);
                        }
                    }
                })
            })
            .collect();
        let reader = {
            let (map, start, done) = (Arc::clone(&map), Arc::clone(&start), Arc::clone(&done));
            std::thread::spawn(move || {
                start.wait();
                let mut iterations = 0;
                while !done.load(Ordering::Acquire) || iterations < 2 {
                    let before = map.len();
                    let s = enter();
                    let mut keys: Vec<u64> = map.iter(&s).map(|(k, _, _)| *k).collect();
                    drop(s);
                    let after = map.len();
                    let yielded = keys.len();
                    keys.sort_unstable();
                    keys.dedup();
                    assert_eq!(keys.len(), yielded, "a key yielded twice");
                    assert!(
                        (before..=after).contains(&yielded),
                        "{yielded} keys yielded, {before} before and {after} after"
                    );
                    iterations += 1;
                }
                iterations
            })
        };
        for writer in writers {
            writer.join().expect("no panic");
        }
        done.store(true, Ordering::Release);
        assert!(reader.join().expect("no panic") >= 2);
        assert_eq!(map.len(), KEYS as usize);
        let s = enter();
        assert_eq!(map.iter(&s).count(), KEYS as usize);
        // Each writer adds 1 + 2 + ... + ROUNDS to every key.
        for key in 0..KEYS {
            let cell = map.get(&s, hash(key), &key).expect("present");
            assert_eq!(
                cell.load(Ordering::Relaxed),
                WRITERS * ROUNDS * (ROUNDS + 1) / 2
            );
        }
    }

    /// The table stays at most half full, so that a probe meets an empty slot soon: it doubles
    /// when an insert would fill more than half of it, and not before.
    #[test]
    fn the_table_doubles_past_half_full() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        let s = enter();
        let mut slots = map.table(&s).slots.len();
        for key in 0..5000u64 {
            map.get_or_insert(&s, key.wrapping_mul(0x9e37_79b9_7f4a_7c15), key, || {
                AtomicU64::new(0)
            });
            let now = map.table(&s).slots.len();
            let len = map.len();
            assert!(2 * len <= now, "{len} series in {now} slots");
            if now != slots {
                assert_eq!(now, 2 * slots, "grew from {slots} to {now}");
                assert_eq!(2 * len, slots + 2, "grew at {len} series in {slots} slots");
                slots = now;
            }
        }
        assert!(slots >= 8192);
    }

    #[test]
    fn keys_and_cells_are_dropped_with_the_map() {
        let witness = Arc::new(());
        {
            let map = SeriesMap::<u64, Arc<()>>::default();
            let s = enter();
            for key in 0..100u64 {
                map.get_or_insert(&s, key, key, || Arc::clone(&witness));
            }
            drop(s);
            assert_eq!(Arc::strong_count(&witness), 101);
        }
        assert_eq!(Arc::strong_count(&witness), 1);
    }

    /// A removed key is not found, the keys probed past its tombstone still are, an insert takes
    /// the tombstone's slot, and the entry is freed once no section holds it.
    #[test]
    fn removal_leaves_a_tombstone_and_frees_the_entry_after_the_sections() {
        let witness = Arc::new(());
        let map = SeriesMap::<u64, Arc<()>>::default();
        {
            let s = enter();
            // Keys 0, 5, 10 share a hash and probe in a row.
            for key in [0u64, 5, 10] {
                map.get_or_insert(&s, hash(key), key, || Arc::clone(&witness));
            }
        }
        let reader = enter();
        assert!(map.remove(hash(5), 5));
        assert!(!map.remove(hash(5), 5), "removed once");
        assert_eq!(map.len(), 2);
        assert!(map.get(&reader, hash(5), &5).is_none());
        assert!(
            map.get(&reader, hash(10), &10).is_some(),
            "found past the tombstone"
        );
        assert_eq!(
            Arc::strong_count(&witness),
            4,
            "a section is open: not freed yet"
        );
        drop(reader);
        assert!(
            collect_until(&map, || Arc::strong_count(&witness) == 3),
            "freed once the section left"
        );
        let s = enter();
        let used = map.lock().used;
        map.get_or_insert(&s, hash(5), 5, || Arc::clone(&witness));
        assert_eq!(map.lock().used, used, "the tombstone's slot was taken");
        let mut keys: Vec<u64> = map.iter(&s).map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        assert_eq!(keys, [0, 5, 10]);
    }

    #[test]
    fn clear_removes_everything_and_frees_it() {
        let witness = Arc::new(());
        let map = SeriesMap::<u64, Arc<()>>::default();
        {
            let s = enter();
            for key in 0..1000u64 {
                map.get_or_insert(&s, hash(key), key, || Arc::clone(&witness));
            }
        }
        assert_eq!(map.clear(), 1000);
        assert_eq!(map.len(), 0);
        assert!(collect_until(&map, || Arc::strong_count(&witness) == 1));
        let s = enter();
        assert_eq!(map.iter(&s).count(), 0);
        assert_eq!(map.table(&s).slots.len(), INITIAL_SLOTS);
    }

    /// A sweep removes what was not recorded into since the one before; a record in between
    /// keeps a series for one more sweep.
    #[test]
    fn a_series_goes_at_the_second_sweep_without_a_record() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        let s = enter();
        for key in 0..10u64 {
            map.get_or_insert(&s, hash(key), key, || AtomicU64::new(0));
        }
        assert_eq!(map.sweep(), 0, "every series was just recorded into");
        for key in 0..5u64 {
            map.get(&s, hash(key), &key).expect("present");
        }
        assert_eq!(
            map.sweep(),
            5,
            "the five without a record since the last sweep"
        );
        let mut keys: Vec<u64> = map.iter(&s).map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        assert_eq!(keys, [0, 1, 2, 3, 4]);
        assert_eq!(map.sweep(), 5);
        assert_eq!(map.len(), 0);
    }

    /// A scrape that walked a removed entry and the entry made again for its key after it keeps
    /// one of them per key, the live one.
    #[test]
    fn a_key_seen_twice_in_a_walk_is_written_once_with_its_live_entry() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        let s = enter();
        for key in [0u64, 5] {
            map.get_or_insert(&s, hash(key), key, || AtomicU64::new(1));
        }
        // A walk that began before `0` was removed and made again: its old entry, then the new.
        let old = map.iter(&s).find(|(k, _, _)| **k == 0).expect("present");
        assert!(map.remove(hash(0), 0));
        assert!(!old.2.now(), "the old entry is marked removed");
        map.get_or_insert(&s, hash(0), 0, || AtomicU64::new(7));
        for walked_first in [true, false] {
            let mut walked: Vec<_> = map.iter(&s).collect();
            walked.insert(if walked_first { 0 } else { walked.len() }, old);
            walked.sort_by_key(|(k, _, _)| **k);
            latest(&mut walked, |a, b| a == b);
            let values: Vec<(u64, u64)> = walked
                .iter()
                .map(|(k, c, _)| (**k, c.load(Ordering::Relaxed)))
                .collect();
            assert_eq!(values, [(0, 7), (5, 1)]);
        }
    }

    /// Tombstones count as used slots: removing and inserting in turn rebuilds the table at the
    /// same size rather than growing it without end.
    #[test]
    fn churn_keeps_the_table_small() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        for key in 0..100_000u64 {
            let s = enter();
            let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
            map.get_or_insert(&s, h, key, || AtomicU64::new(0));
            if key >= 3 {
                let old = key - 3;
                assert!(map.remove(old.wrapping_mul(0x9e37_79b9_7f4a_7c15), old));
            }
        }
        let s = enter();
        assert_eq!(map.len(), 3);
        assert!(
            map.table(&s).slots.len() <= 16,
            "{}",
            map.table(&s).slots.len()
        );
        // Garbage waits for other threads' sections only: 100,000 removals leave few batches.
        assert!(
            map.lock().waiting.len() < 1000,
            "{}",
            map.lock().waiting.len()
        );
        drop(s);
        assert!(
            collect_until(&map, || map.lock().waiting.is_empty()),
            "garbage left"
        );
    }

    /// Threads record into a set of keys while another removes and clears them: nothing read is
    /// freed under a reader (the cells are checked intact), and the increments of the keys that
    /// are never removed are all there.
    #[test]
    fn records_removals_and_scrapes_at_once() {
        use std::sync::Barrier;
        use std::sync::atomic::AtomicBool;

        /// A cell that knows when it was freed: a reader of a freed cell would see the poison.
        struct Checked(AtomicU64, AtomicU64);
        const ALIVE: u64 = 0xA11CE;
        impl Drop for Checked {
            fn drop(&mut self) {
                self.1.store(0xDEAD, Ordering::Relaxed);
            }
        }
        let map = Arc::new(SeriesMap::<u64, Checked>::default());
        let stop = Arc::new(AtomicBool::new(false));
        let start = Arc::new(Barrier::new(4));
        let recorders: Vec<_> = (0..2u64)
            .map(|t| {
                let (map, stop, start) = (Arc::clone(&map), Arc::clone(&stop), Arc::clone(&start));
                std::thread::spawn(move || {
                    start.wait();
                    let mut kept = 0u64;
                    let mut i = t;
                    while !stop.load(Ordering::Relaxed) {
                        // Keys 0..8 are kept; 8..64 are removed by the other thread.
                        let key = i % 64;
                        let s = enter();
                        let cell = map.get_or_insert(&s, hash(key), key, || {
                            Checked(AtomicU64::new(0), AtomicU64::new(ALIVE))
                        });
                        assert_eq!(cell.1.load(Ordering::Relaxed), ALIVE, "a freed cell");
                        cell.0.fetch_add(1, Ordering::Relaxed);
                        if key < 8 {
                            kept += 1;
                        }
                        i += 7;
                    }
                    kept
                })
            })
            .collect();
        let remover = {
            let (map, stop, start) = (Arc::clone(&map), Arc::clone(&stop), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                let mut removed = 0;
                while !stop.load(Ordering::Relaxed) {
                    for key in 8..64u64 {
                        removed += usize::from(map.remove(hash(key), key));
                    }
                }
                removed
            })
        };
        let scraper = {
            let (map, stop, start) = (Arc::clone(&map), Arc::clone(&stop), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                while !stop.load(Ordering::Relaxed) {
                    let s = enter();
                    for (_, cell, _) in map.iter(&s) {
                        assert_eq!(cell.1.load(Ordering::Relaxed), ALIVE, "a freed cell");
                    }
                    drop(s);
                    map.collect();
                }
            })
        };
        std::thread::sleep(std::time::Duration::from_millis(500));
        stop.store(true, Ordering::Relaxed);
        let kept: u64 = recorders
            .into_iter()
            .map(|r| r.join().expect("no panic"))
            .sum();
        assert!(remover.join().expect("no panic") > 0, "removals happened");
        scraper.join().expect("no panic");
        let s = enter();
        let total: u64 = (0..8u64)
            .map(|key| {
                map.get(&s, hash(key), &key)
                    .expect("kept")
                    .0
                    .load(Ordering::Relaxed)
            })
            .sum();
        assert_eq!(total, kept, "every increment of a kept series is there");
    }
}

/// The model-checked tests: `RUSTFLAGS="--cfg loom" CARGO_TARGET_DIR=target/loom cargo test -p
/// metrics-core --lib -- loom` (the last step of `tests/run`) explores every interleaving of the
/// threads below (loom's atomics, locks and fences).
/// A cell records each read in a loom cell and its free as a write, so that a free not ordered
/// after every read is reported; tables do the same.
#[cfg(all(test, loom))]
mod loom_tests {
    use loom::cell::UnsafeCell;
    use loom::sync::Arc;
    use loom::thread;

    use super::super::reclaim::enter;
    use super::*;

    /// A cell whose reads and free loom checks for order.
    struct Tracked(UnsafeCell<u64>);

    impl Tracked {
        fn new(v: u64) -> Self {
            Tracked(UnsafeCell::new(v))
        }
        fn read(&self) -> u64 {
            self.0.with(|v| unsafe { *v })
        }
    }

    impl Drop for Tracked {
        fn drop(&mut self) {
            // A write: loom reports it if a read of another thread is not ordered before it.
            self.0.with_mut(|v| unsafe { *v = u64::MAX });
        }
    }

    type Map = Arc<SeriesMap<u64, Tracked>>;

    /// A map holding one series: `key` (also its hash) at `value`.
    fn map_with(key: u64, value: u64) -> Map {
        let map = Arc::new(SeriesMap::default());
        let s = enter();
        map.get_or_insert(&s, key, key, || Tracked::new(value));
        drop(s);
        map
    }

    /// Runs `f` on the map in another thread.
    fn on_another_thread<R: 'static>(
        map: &Map,
        f: impl FnOnce(&SeriesMap<u64, Tracked>) -> R + 'static,
    ) -> thread::JoinHandle<R> {
        let map = Arc::clone(map);
        thread::spawn(move || f(&map))
    }

    /// A reader finds a series while a writer inserts another and the table grows (2 slots,
    /// then 4): the reader sees the first series in whichever table it loads.
    #[test]
    fn loom_lookup_during_insert_and_growth() {
        loom::model(|| {
            let map = map_with(0, 10);
            let reader = on_another_thread(&map, |map| {
                let s = enter();
                let cell = map.get(&s, 0, &0).expect("inserted before");
                assert_eq!(cell.read(), 10);
            });
            {
                let s = enter();
                map.get_or_insert(&s, 1, 1, || Tracked::new(11));
            }
            map.collect();
            reader.join().unwrap();
            map.collect();
            let s = enter();
            assert_eq!(map.get(&s, 1, &1).map(Tracked::read), Some(11));
        });
    }

    /// Two threads insert the same key at once: one series, and both get it.
    #[test]
    fn loom_racing_inserts_make_one_series() {
        loom::model(|| {
            let map = Map::default();
            let other = on_another_thread(&map, |map| {
                let s = enter();
                map.get_or_insert(&s, 7, 7, || Tracked::new(1)).read()
            });
            let s = enter();
            let mine = map.get_or_insert(&s, 7, 7, || Tracked::new(2)).read();
            let theirs = other.join().unwrap();
            assert_eq!(mine, theirs);
            assert_eq!(map.len(), 1);
        });
    }

    /// A reader looks a series up and reads it while a writer removes it and frees what no
    /// reader holds: the reader either misses it or reads it whole, and it is freed only after
    /// the reader's section (loom reports a free racing with the read).
    #[test]
    fn loom_removal_never_frees_under_a_reader() {
        loom::model(|| {
            let map = map_with(3, 30);
            let reader = on_another_thread(&map, |map| {
                let s = enter();
                if let Some(cell) = map.get(&s, 3, &3) {
                    assert_eq!(cell.read(), 30);
                }
                drop(s);
                map.collect();
            });
            assert!(map.remove(3, 3));
            map.collect();
            reader.join().unwrap();
            map.collect();
            assert_eq!(map.len(), 0);
        });
    }

    /// A scrape walks the table while a writer removes a series and inserts another that grows
    /// the table: every cell walked is whole.
    #[test]
    fn loom_iteration_during_removal_and_growth() {
        loom::model(|| {
            let map = map_with(0, 5);
            let scraper = on_another_thread(&map, |map| {
                let s = enter();
                for (_, cell, _) in map.iter(&s) {
                    assert_eq!(cell.read(), 5);
                }
            });
            assert!(map.remove(0, 0));
            {
                let s = enter();
                map.get_or_insert(&s, 1, 1, || Tracked::new(5));
            }
            map.collect();
            scraper.join().unwrap();
            map.collect();
        });
    }
}
