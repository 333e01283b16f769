//! The storage of a family with free-text labels: an insert-only concurrent hash table.
//!
//! A series, once created, lives as long as its family (Prometheus series are never deleted
//! from a running process's exposition, and no API removes one). That is what lets a lookup
//! take no lock and no reclamation guard: entries are boxed and never move or die before the
//! map, and a table replaced by a larger one is kept until the map is dropped, so a reader
//! holding an older table still reads valid entries. General-purpose concurrent maps (papaya,
//! measured: 5.8 ns of its 19 ns lookup went to entering and leaving its epoch guard) must pay
//! for removal on every read.
//!
//! - Readers: one acquire load of the table, linear probing over acquire loads of entry
//!   pointers, a comparison of the key when the tag below matches. Nothing is written: two threads
//!   recording into different series share no written cache line but their own cells'.
//! - A slot holds its entry's pointer with 6 bits of the entry's hash in the pointer's low bits
//!   (zero in a pointer to a 64-byte aligned entry): probing past other series reads their
//!   entries only on a tag match, 1 in 64. Reading an entry whose cell another thread is
//!   writing costs that thread a cache-line transfer per record: without the tag, two threads
//!   on two series whose slots neighbour each other took twice as long (22.5 instead of
//!   11.6 ns, in 1 of 8 runs, as the random seeds happened to place them).
//! - Writers (the first record into a series): a mutex, a second look, and an insert with a
//!   release store; the table doubles when it would be more than half full.

use std::ptr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

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

/// The slots of a new map's table (doubled as it fills).
const INITIAL_SLOTS: usize = 8;

/// The low bits of an entry pointer that hold its hash's tag: zero in the pointer itself, since
/// entries are aligned to 64 bytes (asserted below).
const TAG_MASK: usize = 63;

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
    /// Where the entry goes in a larger table (lookups compare the slot's tag, then the key).
    hash: u64,
    key: K,
    cell: C,
}

const _: () = assert!(align_of::<Entry<(), ()>>() > TAG_MASK);

struct Table<K, C> {
    /// `slots.len() - 1`; the length is a power of two.
    mask: usize,
    slots: Box<[AtomicPtr<Entry<K, C>>]>,
}

impl<K, C> Table<K, C> {
    fn new(slots: usize) -> Box<Self> {
        Box::new(Table {
            mask: slots - 1,
            slots: (0..slots)
                .map(|_| AtomicPtr::new(ptr::null_mut()))
                .collect(),
        })
    }

    /// The entry with `hash` that `lookup` matches, probing from the hash's slot to the
    /// first empty one (there always is one: a table is at most half full).
    #[inline(always)]
    fn find(&self, hash: u64, lookup: &impl Lookup<K>) -> Option<&Entry<K, C>> {
        let mut i = hash as usize & self.mask;
        loop {
            // SAFETY: `i` is masked with `mask`, the length of `slots` less one.
            let slot = unsafe { self.slots.get_unchecked(i) }.load(Ordering::Acquire);
            if slot.is_null() {
                return None;
            }
            if slot.addr() & TAG_MASK == tag(hash) {
                // SAFETY: a non-null slot points (once untagged) to an entry published with a
                // release store and freed only when the map is dropped, which the `&self`
                // borrow of the map rules out.
                let entry = unsafe { &*untagged(slot) };
                // The key is compared without the stored hash first: the tag already rules out
                // 63 of 64 other series, and the comparison is of a few words.
                if lookup.matches(&entry.key) {
                    return Some(entry);
                }
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Stores `entry` in the first empty slot of its probe sequence. Only under the writer lock.
    fn place(&self, entry: *mut Entry<K, C>, hash: u64) {
        let mut i = hash as usize & self.mask;
        while !self.slots[i].load(Ordering::Relaxed).is_null() {
            i = (i + 1) & self.mask;
        }
        let tagged = entry.map_addr(|addr| addr | tag(hash));
        self.slots[i].store(tagged, Ordering::Release);
    }

    fn entries(&self) -> impl Iterator<Item = *mut Entry<K, C>> + '_ {
        self.slots
            .iter()
            .map(|slot| slot.load(Ordering::Acquire))
            .filter(|slot| !slot.is_null())
            .map(untagged)
    }
}

/// The entry pointer of a slot, without its tag.
#[inline(always)]
fn untagged<K, C>(slot: *mut Entry<K, C>) -> *mut Entry<K, C> {
    slot.map_addr(|addr| addr & !TAG_MASK)
}

/// An insert-only concurrent map from a series key to its cell; see the module documentation.
pub(crate) struct SeriesMap<K, C> {
    /// The current table, owned by the map (a `Box` turned into a pointer).
    table: AtomicPtr<Table<K, C>>,
    len: AtomicUsize,
    /// Held by writers; keeps the tables that were replaced, which readers may still be in.
    // Boxed: readers may hold a `&Table` of a retired table, which must not move when the
    // vector grows.
    #[allow(clippy::vec_box)]
    retired: Mutex<Vec<Box<Table<K, C>>>>,
}

// SAFETY: the map owns its keys and cells and hands out only shared references to them, to any
// thread: it is Send and Sync when they are. Its raw pointers are owned (see `Drop`).
unsafe impl<K: Send + Sync, C: Send + Sync> Send for SeriesMap<K, C> {}
// SAFETY: as above.
unsafe impl<K: Send + Sync, C: Send + Sync> Sync for SeriesMap<K, C> {}

impl<K, C> Default for SeriesMap<K, C> {
    fn default() -> Self {
        SeriesMap {
            table: AtomicPtr::new(Box::into_raw(Table::new(INITIAL_SLOTS))),
            len: AtomicUsize::new(0),
            retired: Mutex::new(Vec::new()),
        }
    }
}

impl<K, C> SeriesMap<K, C> {
    #[inline(always)]
    fn table(&self) -> &Table<K, C> {
        // SAFETY: the pointer always comes from `Box::into_raw`; a replaced table is kept in
        // `retired` and every table is freed only in `Drop`.
        unsafe { &*self.table.load(Ordering::Acquire) }
    }

    /// The cell of the series with `hash` that `lookup` matches.
    #[inline(always)]
    pub(crate) fn get(&self, hash: u64, lookup: &impl Lookup<K>) -> Option<&C> {
        self.table().find(hash, lookup).map(|entry| &entry.cell)
    }

    /// The cell of the series with `hash` that `lookup` matches, created with the lookup's key
    /// and `cell` if no other thread created it first.
    #[inline]
    pub(crate) fn get_or_insert(
        &self,
        hash: u64,
        lookup: impl Lookup<K>,
        cell: impl FnOnce() -> C,
    ) -> &C {
        match self.get(hash, &lookup) {
            Some(found) => found,
            None => self.insert(hash, lookup, cell),
        }
    }

    /// The slow path of [`SeriesMap::get_or_insert`], kept out of line so that the lookup
    /// inlined at every recording site stays small.
    #[cold]
    #[inline(never)]
    fn insert(&self, hash: u64, lookup: impl Lookup<K>, cell: impl FnOnce() -> C) -> &C {
        match self.insert_within(hash, lookup, cell, usize::MAX) {
            Some(cell) => cell,
            None => unreachable!("a map never holds usize::MAX series"),
        }
    }

    /// The cell of the series with `hash` that `lookup` matches, created if it is not there and
    /// the map holds fewer than `cap` series; `None` when it is not there and the map is full.
    /// The slow path of a capped lookup (after [`SeriesMap::get`] missed): out of line.
    #[cold]
    #[inline(never)]
    pub(crate) fn insert_within(
        &self,
        hash: u64,
        lookup: impl Lookup<K>,
        cell: impl FnOnce() -> C,
        cap: usize,
    ) -> Option<&C> {
        // A full map stays full (series are never removed): no lock for the records that
        // overflow, once it is.
        if self.len.load(Ordering::Acquire) >= cap {
            return self.get(hash, &lookup);
        }
        // A writer that panicked left the table consistent (an entry is published whole, in
        // one store), so a poisoned lock is taken as it is.
        let mut retired = self.retired.lock().unwrap_or_else(|e| e.into_inner());
        let table = self.table();
        if let Some(found) = table.find(hash, &lookup) {
            return Some(&found.cell);
        }
        if self.len.load(Ordering::Relaxed) >= cap {
            return None;
        }
        let len = self.len.load(Ordering::Relaxed) + 1;
        let table = if len * 2 > table.slots.len() {
            let larger = Table::new(table.slots.len() * 2);
            for entry in table.entries() {
                // SAFETY: entries are valid until the map is dropped (see `Table::find`).
                larger.place(entry, unsafe { (*entry).hash });
            }
            let larger = Box::into_raw(larger);
            let old = self.table.swap(larger, Ordering::AcqRel);
            // SAFETY: `old` came from `Box::into_raw` and is no longer the current table;
            // readers that loaded it before the swap may still read it, so it is kept.
            retired.push(unsafe { Box::from_raw(old) });
            // SAFETY: just made from a `Box`, freed only in `Drop`.
            unsafe { &*larger }
        } else {
            table
        };
        let entry = Box::into_raw(Box::new(Entry {
            hash,
            key: lookup.make_key(),
            cell: cell(),
        }));
        table.place(entry, hash);
        self.len.store(len, Ordering::Release);
        // SAFETY: published above; freed only in `Drop`.
        Some(unsafe { &(*entry).cell })
    }

    /// The number of series.
    pub(crate) fn len(&self) -> usize {
        self.len.load(Ordering::Acquire)
    }

    /// Every series, in no particular order. Series created meanwhile may or may not be seen.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &C)> + '_ {
        self.table().entries().map(|entry| {
            // SAFETY: entries are valid until the map is dropped (see `Table::find`).
            let entry = unsafe { &*entry };
            (&entry.key, &entry.cell)
        })
    }
}

impl<K, C> Drop for SeriesMap<K, C> {
    fn drop(&mut self) {
        // SAFETY: `&mut self`: no reader is left. Every entry is in the current table exactly
        // once (a larger table takes them all), and it and the entries came from `Box`es.
        unsafe {
            let table = Box::from_raw(*self.table.get_mut());
            for entry in table.entries() {
                drop(Box::from_raw(entry));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::AtomicU64;

    use super::*;

    impl Lookup<u64> for u64 {
        fn matches(&self, key: &u64) -> bool {
            self == key
        }
        fn make_key(&self) -> u64 {
            *self
        }
    }

    fn hash(key: u64) -> u64 {
        // Few distinct hashes, so that probing and equal hashes with other keys are exercised,
        // with three tags (the top bits): probing passes entries of other tags and of its own.
        (key % 5) | ((key % 3) << 58)
    }

    #[test]
    fn finds_what_was_inserted_across_growth() {
        let map = SeriesMap::<u64, AtomicU64>::default();
        for key in 0..1000u64 {
            let cell = map.get_or_insert(hash(key), key, || AtomicU64::new(key));
            assert_eq!(cell.load(Ordering::Relaxed), key);
        }
        assert_eq!(map.len(), 1000);
        for key in 0..1000u64 {
            let cell = map.get(hash(key), &key).expect("present");
            assert_eq!(cell.load(Ordering::Relaxed), key);
            // A second insert returns the same cell and does not make another.
            let again = map.get_or_insert(hash(key), key, || panic!());
            assert!(ptr::eq(cell, again));
        }
        assert!(map.get(hash(5000), &5000).is_none());
        let mut keys: Vec<u64> = map.iter().map(|(k, _)| *k).collect();
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
                            map.get_or_insert(hash(key), key, || AtomicU64::new(0))
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
                    let mut keys: Vec<u64> = map.iter().map(|(k, _)| *k).collect();
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
        assert_eq!(map.iter().count(), KEYS as usize);
        // Each writer adds 1 + 2 + ... + ROUNDS to every key.
        for key in 0..KEYS {
            let cell = map.get(hash(key), &key).expect("present");
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
        let mut slots = map.table().slots.len();
        for key in 0..5000u64 {
            map.get_or_insert(key.wrapping_mul(0x9e37_79b9_7f4a_7c15), key, || {
                AtomicU64::new(0)
            });
            let now = map.table().slots.len();
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
            for key in 0..100u64 {
                map.get_or_insert(key, key, || Arc::clone(&witness));
            }
            assert_eq!(Arc::strong_count(&witness), 101);
        }
        assert_eq!(Arc::strong_count(&witness), 1);
    }
}
