//! Free-text label values as a series key stores them, and as a lookup compares them.
//!
//! A value of up to 15 bytes (most label values: tenants, routes, status codes) is kept in the
//! key itself, zero-padded, with its length in the last byte: 16 bytes, two words. A lookup
//! reads the borrowed value once into the same two words ([`TextProbe`]), hashes them and
//! compares them with the stored words: two word comparisons per label, with no pointer to
//! follow to the stored bytes and no length-dependent byte comparison. Longer values are copied
//! to the heap and compared byte by byte.
//!
//! Against `Box<str>` per label (measured, `metrics-core/benches/memory.rs`): 105.9 instead of
//! 127.8 heap bytes per series of three short labels, one allocation per new series instead of
//! four; the time of a lookup stayed within the bench's noise (10.7 to 11.5 ns).

use std::fmt;
use std::marker::PhantomData;
use std::ptr::{self, NonNull};
use std::sync::OnceLock;

/// The last byte of an inline value: its length, at most this.
const INLINE_MAX: usize = 15;
/// The last byte of a value on the heap.
const SPILLED: u8 = 0xff;
/// The last byte of an absent optional label.
const ABSENT: u8 = 0xfe;
/// The bits of the second word below the tag byte: a heap value's length.
const LEN_BITS: u64 = (1 << 56) - 1;

/// The tag of a value's second word: its length (inline), [`SPILLED`] or [`ABSENT`].
#[inline(always)]
fn tag(high: u64) -> u8 {
    (high >> 56) as u8
}

/// A borrowed free-text value (or an absent optional one) in the form a lookup hashes and
/// compares: the two words a stored key of the same value holds, and where the value starts
/// (its length is in `high`: three words, not four, to hold in registers per label).
#[derive(Clone, Copy, Debug)]
pub struct TextProbe<'a> {
    low: u64,
    high: u64,
    start: *const u8,
    value: PhantomData<&'a [u8]>,
}

impl<'a> TextProbe<'a> {
    /// The probe of `value`.
    #[inline(always)]
    pub fn new(value: &'a str) -> Self {
        let bytes = value.as_bytes();
        let n = bytes.len();
        let (low, high) = if n > INLINE_MAX {
            (
                long_hash(bytes),
                (u64::from(SPILLED) << 56) | (n as u64 & LEN_BITS),
            )
        } else {
            let (low, high) = inline_words(bytes);
            (low, high | ((n as u64) << 56))
        };
        TextProbe {
            low,
            high,
            start: bytes.as_ptr(),
            value: PhantomData,
        }
    }

    /// The probe of an absent optional label.
    #[inline(always)]
    pub fn absent() -> Self {
        TextProbe {
            low: 0,
            high: u64::from(ABSENT) << 56,
            start: NonNull::dangling().as_ptr(),
            value: PhantomData,
        }
    }

    /// The two words, for hashing: for a value over 15 bytes, a hash of its bytes and its
    /// length, so that hashing a probe takes no branch.
    #[inline(always)]
    pub fn words(&self) -> (u64, u64) {
        (self.low, self.high)
    }

    /// The bytes of the value (empty when absent).
    pub fn bytes(&self) -> &'a [u8] {
        let len = match tag(self.high) {
            ABSENT => 0,
            SPILLED => (self.high & LEN_BITS) as usize,
            len => len.into(),
        };
        // SAFETY: `start` and the length are those of the `&'a str` the probe was made from
        // (a heap value's length fits the 56 bits: no allocation is 2^56 bytes), or dangling
        // with length 0.
        unsafe { std::slice::from_raw_parts(self.start, len) }
    }

    /// Whether `stored`, a value on the heap of this probe's length, holds this value. Out of
    /// line: inlined, its length computations were hoisted into every lookup.
    #[inline(never)]
    fn matches_heap(&self, stored: &LabelText) -> bool {
        stored.heap_bytes() == self.bytes()
    }

    /// Whether `stored` holds this value.
    #[inline(always)]
    pub fn matches(&self, stored: &LabelText) -> bool {
        let high = u64::from_le_bytes(stored.tail);
        if high != self.high {
            return false;
        }
        if tag(high) == SPILLED {
            return self.matches_heap(stored);
        }
        // SAFETY: the tag says inline or absent: `head` holds bytes.
        u64::from_le_bytes(unsafe { stored.head.bytes }) == self.low
    }
}

/// The hash of a value over 15 bytes, with a random seed of the process (the family's seeds are
/// mixed in by [`super::LabelHasher`]), out of line to keep the common path small.
#[inline(never)]
fn long_hash(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    static SEED: OnceLock<foldhash::fast::RandomState> = OnceLock::new();
    SEED.get_or_init(Default::default).hash_one(bytes)
}

/// Up to 15 bytes as two little-endian words, zero-padded, read with at most four loads that
/// stay within the value (overlapping ones: the bytes they share are the same).
#[inline(always)]
fn inline_words(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    let le8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or_default());
    let le4 = |at: usize| {
        u64::from(u32::from_le_bytes(
            b[at..at + 4].try_into().unwrap_or_default(),
        ))
    };
    if n >= 8 {
        // Bytes 8..n are the top n - 8 bytes of the last 8; shifted in two steps, so that no
        // step is the full 64 bits (8 bytes: nothing is left).
        (le8(0), (le8(n - 8) >> 1) >> (8 * (16 - n) - 1))
    } else if n >= 4 {
        (le4(0) | le4(n - 4) << (8 * (n - 4)), 0)
    } else if n > 0 {
        let byte = |at: usize| u64::from(b[at]) << (8 * at);
        (byte(0) | byte(n / 2) | byte(n - 1), 0)
    } else {
        (0, 0)
    }
}

/// The first 8 bytes of a stored value: inline bytes, or the pointer to the heap copy.
#[derive(Clone, Copy)]
#[repr(C)]
union Head {
    bytes: [u8; 8],
    heap: NonNull<u8>,
}

/// A free-text label value stored in a series key: 16 bytes, the value itself when it has at
/// most 15 bytes, else a pointer to a copy on the heap. It is also an absent optional label.
#[repr(C, align(8))]
pub struct LabelText {
    head: Head,
    /// Inline: bytes 8 to 14 and the length; on the heap: the length (56 bits) and [`SPILLED`].
    tail: [u8; 8],
}

const _: () = assert!(size_of::<LabelText>() == 16);

// SAFETY: a `LabelText` owns its heap copy (if any) like a `Box<[u8]>`, which is Send and Sync.
unsafe impl Send for LabelText {}
// SAFETY: as above; nothing is mutated through a shared reference.
unsafe impl Sync for LabelText {}

impl LabelText {
    /// The stored form of `probe`'s value (absent when the probe is).
    pub fn from_probe(probe: &TextProbe<'_>) -> Self {
        let head = if tag(probe.high) == SPILLED {
            let copy: Box<[u8]> = probe.bytes().into();
            // SAFETY: a `Box` is never null; freed in `Drop`.
            Head {
                heap: unsafe { NonNull::new_unchecked(Box::into_raw(copy).cast::<u8>()) },
            }
        } else {
            Head {
                bytes: probe.low.to_le_bytes(),
            }
        };
        LabelText {
            head,
            tail: probe.high.to_le_bytes(),
        }
    }

    fn high(&self) -> u64 {
        u64::from_le_bytes(self.tail)
    }

    /// The value, `None` when absent.
    pub fn value(&self) -> Option<&str> {
        let high = self.high();
        let bytes = match tag(high) {
            ABSENT => return None,
            SPILLED => self.heap_bytes(),
            // SAFETY: `head` and `tail` are adjacent (`repr(C)`), and hold the value's `len`
            // bytes from the start.
            len => unsafe {
                std::slice::from_raw_parts(ptr::from_ref(self).cast::<u8>(), len.into())
            },
        };
        // SAFETY: the bytes were copied from a `&str`, whole (a value is never cut).
        Some(unsafe { std::str::from_utf8_unchecked(bytes) })
    }

    /// The bytes of a value on the heap; empty for any other.
    fn heap_bytes(&self) -> &[u8] {
        let high = self.high();
        if tag(high) != SPILLED {
            return &[];
        }
        // SAFETY: the tag says `head` is the pointer to a live copy of this length.
        unsafe { std::slice::from_raw_parts(self.head.heap.as_ptr(), (high & LEN_BITS) as usize) }
    }

    /// The probe of the stored value, to hash it as a lookup would.
    pub fn probe(&self) -> TextProbe<'_> {
        match self.value() {
            Some(value) => TextProbe::new(value),
            None => TextProbe::absent(),
        }
    }
}

impl Drop for LabelText {
    fn drop(&mut self) {
        let high = self.high();
        if tag(high) == SPILLED {
            let len = (high & LEN_BITS) as usize;
            // SAFETY: made by `Box::into_raw` of a `Box<[u8]>` of this length in `from_probe`,
            // freed only here.
            drop(unsafe {
                Box::from_raw(ptr::slice_from_raw_parts_mut(self.head.heap.as_ptr(), len))
            });
        }
    }
}

impl fmt::Debug for LabelText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value().fmt(f)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Values of every length of each path (empty, 1-3, 4-7, 8-15, heap), values that differ
    /// only in the middle, at one end, or in length, and NUL bytes (which zero padding must not
    /// confuse with absence of bytes).
    pub(in crate::label) fn values() -> Vec<String> {
        let mut values: Vec<String> = (0..=40).map(|n| "x".repeat(n)).collect();
        values.extend((0..=40).map(|n| format!("{}y", "x".repeat(n))));
        values.extend((1..=40).map(|n| format!("y{}", "x".repeat(n))));
        values.extend(
            [
                "a\0",
                "\0",
                "\0\0",
                "a",
                "\0a",
                "200",
                "201",
                "é",
                "日本語の値",
                "/api/v1/orders",
            ]
            .map(String::from),
        );
        values
    }

    #[test]
    fn stored_values_read_back_and_match_only_themselves() {
        let values = values();
        let stored: Vec<LabelText> = values
            .iter()
            .map(|v| LabelText::from_probe(&TextProbe::new(v)))
            .collect();
        for (value, text) in values.iter().zip(&stored) {
            assert_eq!(text.value(), Some(value.as_str()));
            assert_eq!(text.probe().words(), TextProbe::new(value).words());
        }
        for (i, a) in values.iter().enumerate() {
            let probe = TextProbe::new(a);
            for (j, b) in stored.iter().enumerate() {
                assert_eq!(probe.matches(b), i == j, "{a:?} against {:?}", values[j]);
            }
            assert!(!probe.matches(&LabelText::from_probe(&TextProbe::absent())));
        }
    }

    #[test]
    fn absent_is_neither_empty_nor_any_value() {
        let absent = LabelText::from_probe(&TextProbe::absent());
        assert_eq!(absent.value(), None);
        assert!(TextProbe::absent().matches(&absent));
        assert!(!TextProbe::new("").matches(&absent));
        assert!(!TextProbe::absent().matches(&LabelText::from_probe(&TextProbe::new(""))));
        assert_ne!(TextProbe::absent().words(), TextProbe::new("").words());
    }

    #[test]
    fn inline_words_are_the_padded_bytes() {
        for n in 0..=INLINE_MAX {
            let value: String = ('a'..='z').take(n).collect();
            let mut padded = [0u8; 16];
            padded[..n].copy_from_slice(value.as_bytes());
            let expected = (
                u64::from_le_bytes(padded[..8].try_into().unwrap()),
                u64::from_le_bytes(padded[8..].try_into().unwrap()),
            );
            assert_eq!(inline_words(value.as_bytes()), expected, "{n} bytes");
        }
    }
}
