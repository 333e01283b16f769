//! The hash of a series' labels, for finding it in map storage.
//!
//! A general-purpose streaming hasher (`Hasher::write` per label) makes every label's mixing
//! step wait for the previous one: three labels were three multiplications in a row, a third of
//! a lookup (measured). Here each label is mixed on its own, with seeds of its position, and
//! the results are combined with xor: the multiplications of all labels run side by side.
//! Values of up to 15 bytes (most label values) are hashed as the two words a lookup compares
//! ([`TextProbe`]); for longer ones the first word is a foldhash of their bytes.
//!
//! The seeds are random per family, as foldhash's are, so that colliding label values cannot be
//! chosen in advance; equality of the labels is checked after the hash anyway.

use std::hash::BuildHasher;

use super::text::TextProbe;

/// Seeds for each label position, wrapping around after [`POSITIONS`] labels (labels that far
/// apart merely share seeds: a swap of their values keeps the hash, not the series).
const POSITIONS: usize = 4;

/// The random seeds of one family's label hash.
pub struct LabelHasher {
    seeds: [[u64; 2]; POSITIONS],
}

impl std::fmt::Debug for LabelHasher {
    /// Without the seeds, which are to stay unknown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LabelHasher").finish_non_exhaustive()
    }
}

impl Default for LabelHasher {
    fn default() -> Self {
        let random = foldhash::fast::RandomState::default();
        let seed = |i: u64| random.hash_one(i);
        LabelHasher {
            seeds: std::array::from_fn(|p| [seed(2 * p as u64), seed(2 * p as u64 + 1)]),
        }
    }
}

/// The high and low halves of the full product, folded: every bit of both inputs reaches the
/// low bits, which pick the slot.
#[inline(always)]
fn folded_multiply(a: u64, b: u64) -> u64 {
    let full = u128::from(a) * u128::from(b);
    (full as u64) ^ ((full >> 64) as u64)
}

impl LabelHasher {
    /// The mix of a closed-set ordinal (absence counted as one) at label position `position`.
    #[inline(always)]
    pub fn number(&self, position: usize, n: u64) -> u64 {
        self.mix(position, n, 0)
    }

    /// The mix of a free-text value (or an absent optional one) at label position `position`.
    #[inline(always)]
    pub fn text(&self, position: usize, probe: &TextProbe) -> u64 {
        let (low, high) = probe.words();
        self.mix(position, low, high)
    }

    #[inline(always)]
    fn mix(&self, position: usize, low: u64, high: u64) -> u64 {
        let [a, b] = self.seeds[position % POSITIONS];
        folded_multiply(low ^ a, high ^ b)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn distinct_values_get_distinct_hashes() {
        let hasher = LabelHasher::default();
        let values = crate::label::text::tests::values();
        let mut seen = HashSet::new();
        for value in &values {
            let hash = hasher.text(0, &TextProbe::new(value));
            assert!(seen.insert(hash), "collision for {value:?}");
        }
        assert!(
            seen.insert(hasher.text(0, &TextProbe::absent())),
            "absent collides"
        );
    }

    #[test]
    fn positions_are_told_apart() {
        let hasher = LabelHasher::default();
        assert_ne!(
            hasher.text(0, &TextProbe::new("acme")),
            hasher.text(1, &TextProbe::new("acme"))
        );
        assert_ne!(
            hasher.text(0, &TextProbe::new("a-long-value-of-more-than-16")),
            hasher.text(1, &TextProbe::new("a-long-value-of-more-than-16"))
        );
        assert_ne!(hasher.number(0, 3), hasher.number(1, 3));
        // Same hash for the same value at the same position, every time.
        assert_eq!(
            hasher.text(2, &TextProbe::new("/api/v1/orders")),
            hasher.text(2, &TextProbe::new(&String::from("/api/v1/orders")))
        );
    }

    #[test]
    fn families_get_different_seeds() {
        assert_ne!(
            LabelHasher::default().text(0, &TextProbe::new("acme")),
            LabelHasher::default().text(0, &TextProbe::new("acme"))
        );
    }

    #[test]
    fn low_bits_spread_over_slots() {
        // Sequential values (tenant-0, tenant-1, ...) must not crowd a few slots of a table.
        let hasher = LabelHasher::default();
        let slots = 1024;
        let mut used = HashSet::new();
        for i in 0..slots {
            used.insert(hasher.text(0, &TextProbe::new(&format!("tenant-{i}"))) as usize % slots);
        }
        // A uniform hash fills about 1 - 1/e = 63% of the slots.
        assert!(used.len() > slots / 2, "{} of {slots} slots", used.len());
    }
}
