//! Free-text label values as a series key stores them, and as a lookup compares them.
//!
//! A value of up to 15 bytes (most label values: tenants, routes, status codes) is kept in the
//! key itself, zero-padded, with its length in the last byte: 16 bytes, two words. A lookup
//! reads the borrowed value once into the same two words ([`TextProbe`]), hashes them and
//! compares them with the stored words: two word comparisons per label, with no pointer to
//! follow to the stored bytes and no length-dependent byte comparison, and nothing but the
//! words to keep in registers. Longer values are copied to the heap and looked up on a path of
//! their own (out of line in `Family`), which compares bytes.
//!
//! Against `Box<str>` per label, measured: 105.9 instead of 127.8 heap bytes per series of
//! three short labels (`benches/memory.rs`), one allocation per new series instead of four, and
//! 8.0 to 8.7 instead of 10.6 to 11.1 ns per record of three labels (`inc/ours_free_text`;
//! 133 instead of 211 instructions, counted with callgrind).

use std::fmt;
use std::ptr::{self, NonNull};
use std::sync::OnceLock;

/// The last byte of an inline value: its length, at most this.
const INLINE_MAX: usize = 15;
/// The last byte of a value on the heap.
const SPILLED: u8 = 0x80;
/// The last byte of an absent optional label.
const ABSENT: u8 = 0x40;
/// The bits of the second word below the tag byte: a heap value's length.
const LEN_BITS: u64 = (1 << 56) - 1;

/// The tag of a value's second word: its length (inline), [`SPILLED`] or [`ABSENT`].
#[inline(always)]
fn tag(high: u64) -> u8 {
    (high >> 56) as u8
}

/// A free-text value (or an absent optional one) in the form a lookup hashes and compares: the
/// two words a stored key of the same value holds. A value over 15 bytes ("long") is a hash of
/// its bytes and its length instead; a lookup with a long value compares bytes as well
/// ([`TextProbe::matches_long`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextProbe {
    low: u64,
    high: u64,
}

impl TextProbe {
    /// The probe of `value`.
    #[inline(always)]
    pub fn new(value: &str) -> Self {
        let bytes = value.as_bytes();
        let n = bytes.len();
        if n > INLINE_MAX {
            return TextProbe::long(n, long_hash(bytes));
        }
        let (low, high) = inline_words(bytes);
        TextProbe {
            low,
            high: high | ((n as u64) << 56),
        }
    }

    /// The probe of `value` for a lookup that hands labels with a long value to a path of its
    /// own: a long value is only marked long, without the hash of its bytes, which that path
    /// computes (with [`TextProbe::new`]) rather than have it computed twice.
    #[inline(always)]
    pub fn unhashed(value: &str) -> Self {
        let n = value.len();
        if n > INLINE_MAX {
            return TextProbe::long(n, 0);
        }
        TextProbe::new(value)
    }

    /// The probe of a long value of `n` bytes whose bytes hash to `hash`.
    #[inline(always)]
    fn long(n: usize, hash: u64) -> Self {
        TextProbe {
            low: hash,
            high: (u64::from(SPILLED) << 56) | (n as u64 & LEN_BITS),
        }
    }

    /// The probe of an absent optional label.
    #[inline(always)]
    pub fn absent() -> Self {
        TextProbe {
            low: 0,
            high: u64::from(ABSENT) << 56,
        }
    }

    /// Whether the value is over 15 bytes: [`TextProbe::matches`] cannot tell it. The top bit
    /// of `high` (only [`SPILLED`] has it), so that the test of several labels is one `or` and
    /// one branch.
    #[inline(always)]
    pub fn is_long(&self) -> bool {
        (self.high as i64) < 0
    }

    /// The two words, for hashing.
    #[inline(always)]
    pub fn words(&self) -> (u64, u64) {
        (self.low, self.high)
    }

    /// Whether `stored` holds this value, which is not long: two word comparisons. A long stored
    /// value never matches a short probe (its tag is not a length); for a long probe the answer
    /// means nothing: [`TextProbe::matches_long`] tells.
    #[inline(always)]
    pub fn matches(&self, stored: &LabelText) -> bool {
        // The tag word first: equal to a short probe's, it says `head` holds bytes.
        // SAFETY: `head` is 8 initialized bytes whichever field was written; read as bytes, a
        // pointer is its address (no provenance is needed to compare it). A short probe only
        // gets here past an equal tag, so with inline bytes.
        stored.high() == self.high && u64::from_le_bytes(unsafe { stored.head.bytes }) == self.low
    }

    /// Whether `stored` holds `value`, of which this is the probe, long or not.
    #[inline(never)]
    pub fn matches_long(&self, value: &str, stored: &LabelText) -> bool {
        if !self.is_long() {
            return self.matches(stored);
        }
        stored.high() == self.high && stored.heap_bytes() == value.as_bytes()
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
pub(crate) fn inline_words(b: &[u8]) -> (u64, u64) {
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
    /// The stored form of `value`.
    pub fn new(value: &str) -> Self {
        let probe = TextProbe::new(value);
        if !probe.is_long() {
            return LabelText::from_short(&probe);
        }
        let copy: Box<[u8]> = value.as_bytes().into();
        LabelText {
            // SAFETY: a `Box` is never null; freed in `Drop`.
            head: Head {
                heap: unsafe { NonNull::new_unchecked(Box::into_raw(copy).cast::<u8>()) },
            },
            tail: probe.high.to_le_bytes(),
        }
    }

    /// The stored form of an absent optional label.
    pub fn absent() -> Self {
        LabelText::from_short(&TextProbe::absent())
    }

    /// The stored form of the value of a probe that is not long: its two words.
    pub fn from_short(probe: &TextProbe) -> Self {
        assert!(
            !probe.is_long(),
            "a long value is stored with LabelText::new"
        );
        LabelText {
            head: Head {
                bytes: probe.low.to_le_bytes(),
            },
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

    /// Orders two stored values as the exposition sorts them: absent first, then by bytes.
    /// Two inline values are compared as two big-endian words each, without reading their
    /// bytes one by one: the bytes come first in each word and the padding is zero, so the
    /// first word orders the first 8 bytes, and the second the next 7, then the length, which
    /// puts a value before the longer values it is a prefix of (also of NUL bytes).
    pub fn cmp_value(&self, other: &Self) -> std::cmp::Ordering {
        let (a, b) = (self.high(), other.high());
        if usize::from(tag(a)) <= INLINE_MAX && usize::from(tag(b)) <= INLINE_MAX {
            // SAFETY: an inline value's `head` holds bytes (the tags are lengths).
            let (a_head, b_head) = unsafe { (self.head.bytes, other.head.bytes) };
            return u64::from_be_bytes(a_head)
                .cmp(&u64::from_be_bytes(b_head))
                .then_with(|| a.swap_bytes().cmp(&b.swap_bytes()));
        }
        self.value().cmp(&other.value())
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
    pub fn probe(&self) -> TextProbe {
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
            // SAFETY: made by `Box::into_raw` of a `Box<[u8]>` of this length in `new`, freed
            // only here.
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
        let stored: Vec<LabelText> = values.iter().map(|v| LabelText::new(v)).collect();
        for (value, text) in values.iter().zip(&stored) {
            assert_eq!(text.value(), Some(value.as_str()));
            assert_eq!(text.probe().words(), TextProbe::new(value).words());
        }
        for (i, a) in values.iter().enumerate() {
            let probe = TextProbe::new(a);
            assert_eq!(probe.is_long(), a.len() > INLINE_MAX);
            for (j, b) in stored.iter().enumerate() {
                let what = format!("{a:?} against {:?}", values[j]);
                assert_eq!(probe.matches_long(a, b), i == j, "{what}");
                if !probe.is_long() {
                    assert_eq!(probe.matches(b), i == j, "{what}");
                }
            }
            assert!(!probe.matches_long(a, &LabelText::absent()));
        }
    }

    #[test]
    fn stored_values_order_as_their_bytes() {
        let mut values: Vec<Option<String>> = values().into_iter().map(Some).collect();
        values.extend(
            [
                "x\u{7f}",
                "x\u{80}",
                "\u{ff}",
                "xxxxxxxx\u{ff}",
                "xxxxxxx\0",
            ]
            .map(|v| Some(v.into())),
        );
        values.push(None);
        let stored = |v: &Option<String>| match v {
            Some(v) => LabelText::new(v),
            None => LabelText::absent(),
        };
        for a in &values {
            for b in &values {
                assert_eq!(
                    stored(a).cmp_value(&stored(b)),
                    a.as_deref().cmp(&b.as_deref()),
                    "{a:?} against {b:?}"
                );
            }
        }
    }

    #[test]
    fn unhashed_probes_differ_only_for_long_values() {
        for value in values() {
            let (full, unhashed) = (TextProbe::new(&value), TextProbe::unhashed(&value));
            assert_eq!(unhashed.is_long(), full.is_long(), "{value:?}");
            if full.is_long() {
                assert_eq!(
                    unhashed.words().1,
                    full.words().1,
                    "{value:?}: same length and tag"
                );
            } else {
                assert_eq!(unhashed, full, "{value:?}");
            }
        }
    }

    #[test]
    fn absent_is_neither_empty_nor_any_value() {
        let absent = LabelText::absent();
        assert_eq!(absent.value(), None);
        assert!(TextProbe::absent().matches(&absent));
        assert!(!TextProbe::new("").matches(&absent));
        assert!(!TextProbe::absent().matches(&LabelText::new("")));
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
