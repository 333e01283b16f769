//! Label sets and label values.
//!
//! A label set is a struct with `#[derive(LabelSet)]`; each field is one label:
//!
//! | field type | label |
//! |---|---|
//! | `&'a str` | free text, borrowed at the call site |
//! | an enum with `#[derive(LabelValue)]`, or `bool` | a closed set of values |
//! | `Option<_>` of either | optional: left out of the series when `None` |

use crate::descriptor::{LabelDescriptor, LabelKind};
use std::cmp::Ordering;
use std::fmt;

mod hash;
mod text;
pub(crate) use hash::LabelHasher;
pub(crate) use text::{LabelText, TextProbe, inline_words};

/// A closed set of label values: an enum with `#[derive(LabelValue)]`, or `bool`.
///
/// The values are numbered in the order of their exposed spelling, so that iterating the
/// ordinals yields the sorted exposition.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a closed set of label values",
    label = "not a label value",
    note = "derive `LabelValue` on an enum of the allowed values, or use `&'a str` for a free-text label"
)]
pub trait LabelValue: Copy + Send + Sync + 'static {
    /// The exposed spelling of every value, sorted.
    const VALUES: &'static [&'static str];
    /// The position of this value in [`LabelValue::VALUES`].
    fn ordinal(self) -> usize;
    /// The value at a position of [`LabelValue::VALUES`].
    ///
    /// # Panics
    /// When `ordinal` is out of range; the runtime only passes ordinals it computed.
    fn from_ordinal(ordinal: usize) -> Self;
    /// The exposed spelling of this value.
    fn as_str(self) -> &'static str {
        Self::VALUES[self.ordinal()]
    }
}

impl LabelValue for bool {
    const VALUES: &'static [&'static str] = &["false", "true"];
    fn ordinal(self) -> usize {
        self as usize
    }
    fn from_ordinal(ordinal: usize) -> Self {
        match ordinal {
            0 => false,
            1 => true,
            _ => panic!("bool has two label values, not {ordinal}"),
        }
    }
}

/// The owned form of one label, stored as part of a series key.
pub trait OwnedLabel: Send + Sync + 'static {
    /// The exposed value, `None` when an optional label is absent.
    fn value(&self) -> Option<&str>;
    /// Whether two stored labels are the same value.
    fn eq_label(&self, other: &Self) -> bool {
        self.value() == other.value()
    }
    /// Orders two stored labels as the exposition sorts them: absent first, then by value
    /// bytes.
    fn cmp_label(&self, other: &Self) -> Ordering {
        self.value().cmp(&other.value())
    }
    /// The hash of this label at `position`, exactly as [`LabelField::probe_mix`] of the
    /// borrowed form.
    fn mix(&self, hasher: &LabelHasher, position: usize) -> u64;
    #[cfg(feature = "demo")]
    /// The `n`th example value, for demonstrations and tests: free text `example-n`, closed
    /// sets their values in turn, optional labels absent every other time.
    fn example(n: usize) -> Self;
}

// Free text is kept as a `LabelText`: values of up to 15 bytes (most label values) in the key
// itself, compared as two words (see `label/text.rs`).
impl OwnedLabel for LabelText {
    fn value(&self) -> Option<&str> {
        LabelText::value(self)
    }
    fn cmp_label(&self, other: &Self) -> Ordering {
        self.cmp_value(other)
    }
    #[cfg(feature = "demo")]
    fn example(n: usize) -> Self {
        LabelText::new(&format!("example-{n}"))
    }
    fn mix(&self, hasher: &LabelHasher, position: usize) -> u64 {
        hasher.text(position, &self.probe())
    }
}

/// An optional free-text label as a series key stores it: a [`LabelText`] that may be absent,
/// in the same 16 bytes.
#[derive(Debug)]
pub struct OptionalText(LabelText);

impl OwnedLabel for OptionalText {
    fn value(&self) -> Option<&str> {
        self.0.value()
    }
    fn cmp_label(&self, other: &Self) -> Ordering {
        self.0.cmp_value(&other.0)
    }
    #[cfg(feature = "demo")]
    fn example(n: usize) -> Self {
        OptionalText(if n % 2 == 1 {
            LabelText::example(n)
        } else {
            LabelText::absent()
        })
    }
    fn mix(&self, hasher: &LabelHasher, position: usize) -> u64 {
        self.0.mix(hasher, position)
    }
}

impl<V: LabelValue> OwnedLabel for V {
    fn value(&self) -> Option<&str> {
        Some(self.as_str())
    }
    /// By ordinal: the values are numbered in the order of their spelling.
    fn cmp_label(&self, other: &Self) -> Ordering {
        self.ordinal().cmp(&other.ordinal())
    }
    #[cfg(feature = "demo")]
    fn example(n: usize) -> Self {
        V::from_ordinal(n % V::VALUES.len())
    }
    fn mix(&self, hasher: &LabelHasher, position: usize) -> u64 {
        hasher.number(position, self.ordinal() as u64)
    }
}

impl<V: LabelValue> OwnedLabel for Option<V> {
    fn value(&self) -> Option<&str> {
        self.map(V::as_str)
    }
    /// Absent first, then by ordinal.
    fn cmp_label(&self, other: &Self) -> Ordering {
        self.map(V::ordinal).cmp(&other.map(V::ordinal))
    }
    #[cfg(feature = "demo")]
    fn example(n: usize) -> Self {
        (n % 2 == 1).then(|| V::example(n / 2))
    }
    fn mix(&self, hasher: &LabelHasher, position: usize) -> u64 {
        hasher.number(position, self.map_or(0, |v| v.ordinal() as u64 + 1))
    }
}

/// One field of a label set, as given at the call site.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a label",
    label = "not a label",
    note = "a label is `&'a str` (free text), an enum with `#[derive(LabelValue)]` or `bool` (a closed set), or an `Option` of either"
)]
pub trait LabelField: Copy {
    /// What a series key stores for this label.
    type Owned: OwnedLabel;
    /// Free text or closed set, as described to tools.
    const KIND: LabelKind;
    /// Whether the label may be absent.
    const OPTIONAL: bool;
    /// For a closed set, the number of distinct values, counting absence for an optional label.
    const CLOSED: Option<usize>;
    /// For a closed set, the position of this value among the sorted values (absence first).
    fn ordinal(self) -> usize;
    /// For a closed set, the exposed value at a position, `None` for an absent optional label.
    fn value_at(ordinal: usize) -> Option<&'static str>;
    /// The label as a lookup hashes and compares it, computed once per lookup: for free text,
    /// two words that are the value itself up to 15 bytes (see `TextProbe`).
    type Probe: Copy;
    /// The probe of this value.
    fn probe(self) -> Self::Probe;
    /// The probe of this value as the lookup of short values takes it: the same, except that a
    /// free-text value over 15 bytes is only marked long (see `TextProbe::unhashed`); such a
    /// probe is not to be hashed.
    #[inline(always)]
    fn probe_unhashed(self) -> Self::Probe {
        self.probe()
    }
    /// Whether the probe is of a free-text value over 15 bytes, which only
    /// [`LabelField::eq_owned`] and [`LabelField::to_owned_label`] tell and store.
    fn is_long(probe: &Self::Probe) -> bool;
    /// Whether the probed value, not long, is the one stored in `owned`: word comparisons.
    fn probe_eq(probe: &Self::Probe, owned: &Self::Owned) -> bool;
    /// The owned copy of the probed value, not long, for a new series' key.
    fn probe_to_owned(probe: &Self::Probe) -> Self::Owned;
    /// Whether this value, of which `probe` is the probe, is the one stored in `owned`.
    fn eq_owned(self, probe: &Self::Probe, owned: &Self::Owned) -> bool;
    /// The owned copy kept in a new series' key.
    fn to_owned_label(self) -> Self::Owned;
    /// The hash of the probed value at `position`, exactly as `OwnedLabel::mix` of the owned
    /// form.
    fn probe_mix(probe: &Self::Probe, hasher: &LabelHasher, position: usize) -> u64;
    /// The probe of this label in its family's overflow series (see [`OVERFLOW_VALUE`]): the
    /// marker for free text, the value itself for a closed set.
    #[inline(always)]
    fn overflow_probe(probe: &Self::Probe) -> Self::Probe {
        *probe
    }
    /// Whether the probed value is [`OVERFLOW_VALUE`] (never, for a closed set).
    #[inline(always)]
    fn is_overflow_value(_: &Self::Probe) -> bool {
        false
    }
}

/// The value of every free-text label of a family's overflow series: once a family holds as many
/// series as its labels' declared bounds allow (or [`DEFAULT_SERIES_CAP`] label sets, when a
/// label is unbounded), a record with a new label set goes to the overflow series of its
/// closed-set labels, which keep their values. A real value equal to this one is recorded there
/// too, so that a real series and the overflow never mix.
pub const OVERFLOW_VALUE: &str = "__overflow__";

/// The most label sets a family with an unbounded free-text label holds before it overflows.
pub const DEFAULT_SERIES_CAP: usize = 2000;

impl LabelField for &str {
    type Owned = LabelText;
    type Probe = TextProbe;
    const KIND: LabelKind = LabelKind::FreeText;
    const OPTIONAL: bool = false;
    const CLOSED: Option<usize> = None;
    fn ordinal(self) -> usize {
        0
    }
    fn value_at(_: usize) -> Option<&'static str> {
        None
    }
    #[inline(always)]
    fn probe(self) -> TextProbe {
        TextProbe::new(self)
    }
    #[inline(always)]
    fn probe_unhashed(self) -> TextProbe {
        TextProbe::unhashed(self)
    }
    #[inline(always)]
    fn is_long(probe: &TextProbe) -> bool {
        probe.is_long()
    }
    #[inline(always)]
    fn probe_eq(probe: &TextProbe, owned: &LabelText) -> bool {
        probe.matches(owned)
    }
    fn probe_to_owned(probe: &TextProbe) -> LabelText {
        LabelText::from_short(probe)
    }
    fn eq_owned(self, probe: &TextProbe, owned: &LabelText) -> bool {
        probe.matches_long(self, owned)
    }
    fn to_owned_label(self) -> LabelText {
        LabelText::new(self)
    }
    #[inline(always)]
    fn probe_mix(probe: &TextProbe, hasher: &LabelHasher, position: usize) -> u64 {
        hasher.text(position, probe)
    }
    fn overflow_probe(_: &TextProbe) -> TextProbe {
        TextProbe::new(OVERFLOW_VALUE)
    }
    fn is_overflow_value(probe: &TextProbe) -> bool {
        probe.words() == TextProbe::new(OVERFLOW_VALUE).words()
    }
}

impl LabelField for Option<&str> {
    type Owned = OptionalText;
    type Probe = TextProbe;
    const KIND: LabelKind = LabelKind::FreeText;
    const OPTIONAL: bool = true;
    const CLOSED: Option<usize> = None;
    fn ordinal(self) -> usize {
        0
    }
    fn value_at(_: usize) -> Option<&'static str> {
        None
    }
    #[inline(always)]
    fn probe(self) -> TextProbe {
        self.map_or_else(TextProbe::absent, TextProbe::new)
    }
    #[inline(always)]
    fn probe_unhashed(self) -> TextProbe {
        self.map_or_else(TextProbe::absent, TextProbe::unhashed)
    }
    #[inline(always)]
    fn is_long(probe: &TextProbe) -> bool {
        probe.is_long()
    }
    #[inline(always)]
    fn probe_eq(probe: &TextProbe, owned: &OptionalText) -> bool {
        probe.matches(&owned.0)
    }
    fn probe_to_owned(probe: &TextProbe) -> OptionalText {
        OptionalText(LabelText::from_short(probe))
    }
    fn eq_owned(self, probe: &TextProbe, owned: &OptionalText) -> bool {
        match self {
            Some(value) => probe.matches_long(value, &owned.0),
            None => probe.matches(&owned.0),
        }
    }
    fn to_owned_label(self) -> OptionalText {
        OptionalText(self.map_or_else(LabelText::absent, LabelText::new))
    }
    #[inline(always)]
    fn probe_mix(probe: &TextProbe, hasher: &LabelHasher, position: usize) -> u64 {
        hasher.text(position, probe)
    }
    fn overflow_probe(_: &TextProbe) -> TextProbe {
        TextProbe::new(OVERFLOW_VALUE)
    }
    fn is_overflow_value(probe: &TextProbe) -> bool {
        probe.words() == TextProbe::new(OVERFLOW_VALUE).words()
    }
}

impl<V: LabelValue> LabelField for V {
    type Owned = V;
    type Probe = V;
    const KIND: LabelKind = LabelKind::Closed(V::VALUES);
    const OPTIONAL: bool = false;
    const CLOSED: Option<usize> = Some(V::VALUES.len());
    #[inline]
    fn ordinal(self) -> usize {
        LabelValue::ordinal(self)
    }
    fn value_at(ordinal: usize) -> Option<&'static str> {
        Some(V::VALUES[ordinal])
    }
    #[inline(always)]
    fn probe(self) -> V {
        self
    }
    #[inline(always)]
    fn is_long(_: &V) -> bool {
        false
    }
    #[inline(always)]
    fn probe_eq(probe: &V, owned: &V) -> bool {
        LabelValue::ordinal(*probe) == LabelValue::ordinal(*owned)
    }
    fn probe_to_owned(probe: &V) -> V {
        *probe
    }
    fn eq_owned(self, probe: &V, owned: &V) -> bool {
        Self::probe_eq(probe, owned)
    }
    fn to_owned_label(self) -> V {
        self
    }
    #[inline(always)]
    fn probe_mix(probe: &V, hasher: &LabelHasher, position: usize) -> u64 {
        OwnedLabel::mix(probe, hasher, position)
    }
}

impl<V: LabelValue> LabelField for Option<V> {
    type Owned = Option<V>;
    type Probe = Option<V>;
    const KIND: LabelKind = LabelKind::Closed(V::VALUES);
    const OPTIONAL: bool = true;
    const CLOSED: Option<usize> = Some(V::VALUES.len() + 1);
    #[inline]
    fn ordinal(self) -> usize {
        self.map_or(0, |v| LabelValue::ordinal(v) + 1)
    }
    fn value_at(ordinal: usize) -> Option<&'static str> {
        ordinal.checked_sub(1).map(|i| V::VALUES[i])
    }
    #[inline(always)]
    fn probe(self) -> Option<V> {
        self
    }
    #[inline(always)]
    fn is_long(_: &Option<V>) -> bool {
        false
    }
    #[inline(always)]
    fn probe_eq(probe: &Option<V>, owned: &Option<V>) -> bool {
        probe.map(V::ordinal) == owned.map(V::ordinal)
    }
    fn probe_to_owned(probe: &Option<V>) -> Option<V> {
        *probe
    }
    fn eq_owned(self, probe: &Option<V>, owned: &Option<V>) -> bool {
        Self::probe_eq(probe, owned)
    }
    fn to_owned_label(self) -> Option<V> {
        self
    }
    #[inline(always)]
    fn probe_mix(probe: &Option<V>, hasher: &LabelHasher, position: usize) -> u64 {
        OwnedLabel::mix(probe, hasher, position)
    }
}

/// Orders two owned labels as their exposition is sorted: absent first, then by value bytes.
fn cmp_owned<O: OwnedLabel>(a: &O, b: &O) -> Ordering {
    a.cmp_label(b)
}

/// The fields of a label set, as a tuple: the runtime does everything a label set needs from
/// it, so that the derive only lists the fields. Implemented for tuples of up to 16 labels.
pub trait LabelTuple: Copy {
    /// The owned key of a series in map storage.
    type Key: Send + Sync + 'static;
    /// The number of series when every label is a closed set, `None` otherwise.
    const CARDINALITY: Option<usize>;
    /// The position of a series in array storage: mixed radix, the first label most
    /// significant, so that ascending positions are the series sorted by label values.
    fn index(self) -> usize;
    /// Calls `f` with the name and value of each present label of the series at `index`.
    fn visit_index(
        index: usize,
        labels: &[LabelDescriptor],
        f: &mut dyn FnMut(&'static str, &str) -> fmt::Result,
    ) -> fmt::Result;
    /// The labels as a lookup hashes and compares them, each label read once.
    type Probe: Copy;
    /// The probe of these labels.
    fn probe(self) -> Self::Probe;
    /// The probe of these labels for the lookup of short values: if [`LabelTuple::is_long`],
    /// not to be hashed (see [`LabelField::probe_unhashed`]).
    fn probe_unhashed(self) -> Self::Probe;
    /// Whether a label of the probe is free text over 15 bytes: then only
    /// [`LabelTuple::key_eq_long`] and [`LabelTuple::to_key`] tell and store the labels.
    fn is_long(probe: &Self::Probe) -> bool;
    /// Whether the probed labels, none long, name the series stored under `key`.
    fn key_eq(probe: &Self::Probe, key: &Self::Key) -> bool;
    /// The owned key of a new series from the probe of labels none of which is long.
    fn probe_to_key(probe: &Self::Probe) -> Self::Key;
    /// Whether these labels, of which `probe` is the probe, name the series stored under `key`.
    fn key_eq_long(self, probe: &Self::Probe, key: &Self::Key) -> bool;
    /// The owned key for a new series.
    fn to_key(self) -> Self::Key;
    /// Hashes the probed labels exactly as [`LabelTuple::hash_key`] hashes their key.
    fn hash(probe: &Self::Probe, hasher: &LabelHasher) -> u64;
    /// Hashes a stored key.
    fn hash_key(key: &Self::Key, hasher: &LabelHasher) -> u64;
    /// Whether two stored keys are the same series.
    fn keys_eq(a: &Self::Key, b: &Self::Key) -> bool;
    /// Calls `f` with the name and value of each present label of a stored key.
    fn visit_key(
        key: &Self::Key,
        labels: &[LabelDescriptor],
        f: &mut dyn FnMut(&'static str, &str) -> fmt::Result,
    ) -> fmt::Result;
    /// Orders stored keys as the exposition is sorted.
    fn cmp_keys(a: &Self::Key, b: &Self::Key) -> Ordering;
    /// The probe of the overflow series of these labels: free text set to [`OVERFLOW_VALUE`],
    /// closed sets kept.
    fn overflow_probe(probe: &Self::Probe) -> Self::Probe;
    /// Whether a free-text label of the probe is [`OVERFLOW_VALUE`] (its series is the overflow).
    fn is_overflow(probe: &Self::Probe) -> bool;
    #[cfg(feature = "demo")]
    /// The `n`th example key (see [`OwnedLabel::example`]).
    fn example_key(n: usize) -> Self::Key;
}

macro_rules! label_tuples {
    ($( ($($T:ident $i:tt),*) )*) => {$(
        #[allow(unused_variables, unused_mut, clippy::unused_unit)]
        impl<$($T: LabelField),*> LabelTuple for ($($T,)*) {
            type Key = ($($T::Owned,)*);
            const CARDINALITY: Option<usize> = {
                let mut total = Some(1usize);
                $(
                    total = match (total, $T::CLOSED) {
                        (Some(a), Some(b)) => a.checked_mul(b),
                        _ => None,
                    };
                )*
                total
            };
            #[inline]
            fn index(self) -> usize {
                let mut index = 0usize;
                $( index = index * $T::CLOSED.unwrap_or(1) + self.$i.ordinal(); )*
                index
            }
            fn visit_index(
                index: usize,
                labels: &[LabelDescriptor],
                f: &mut dyn FnMut(&'static str, &str) -> fmt::Result,
            ) -> fmt::Result {
                let mut stride = <Self as LabelTuple>::CARDINALITY.unwrap_or(1);
                $(
                    let size = $T::CLOSED.unwrap_or(1);
                    stride /= size;
                    if let Some(value) = $T::value_at((index / stride) % size) {
                        f(labels[$i].name, value)?;
                    }
                )*
                Ok(())
            }
            type Probe = ($($T::Probe,)*);
            #[inline(always)]
            fn probe(self) -> Self::Probe {
                ($(self.$i.probe(),)*)
            }
            #[inline(always)]
            fn probe_unhashed(self) -> Self::Probe {
                ($(self.$i.probe_unhashed(),)*)
            }
            #[inline(always)]
            fn is_long(probe: &Self::Probe) -> bool {
                false $(| $T::is_long(&probe.$i))*
            }
            #[inline(always)]
            fn key_eq(probe: &Self::Probe, key: &Self::Key) -> bool {
                true $(&& $T::probe_eq(&probe.$i, &key.$i))*
            }
            fn probe_to_key(probe: &Self::Probe) -> Self::Key {
                ($($T::probe_to_owned(&probe.$i),)*)
            }
            fn overflow_probe(probe: &Self::Probe) -> Self::Probe {
                ($($T::overflow_probe(&probe.$i),)*)
            }
            fn is_overflow(probe: &Self::Probe) -> bool {
                false $(|| $T::is_overflow_value(&probe.$i))*
            }
            fn key_eq_long(self, probe: &Self::Probe, key: &Self::Key) -> bool {
                true $(&& self.$i.eq_owned(&probe.$i, &key.$i))*
            }
            fn to_key(self) -> Self::Key {
                ($(self.$i.to_owned_label(),)*)
            }
            #[inline(always)]
            fn hash(probe: &Self::Probe, hasher: &LabelHasher) -> u64 {
                0 $(^ $T::probe_mix(&probe.$i, hasher, $i))*
            }
            fn hash_key(key: &Self::Key, hasher: &LabelHasher) -> u64 {
                0 $(^ key.$i.mix(hasher, $i))*
            }
            fn keys_eq(a: &Self::Key, b: &Self::Key) -> bool {
                true $(&& a.$i.eq_label(&b.$i))*
            }
            fn visit_key(
                key: &Self::Key,
                labels: &[LabelDescriptor],
                f: &mut dyn FnMut(&'static str, &str) -> fmt::Result,
            ) -> fmt::Result {
                $(
                    if let Some(value) = key.$i.value() {
                        f(labels[$i].name, value)?;
                    }
                )*
                Ok(())
            }
            fn cmp_keys(a: &Self::Key, b: &Self::Key) -> Ordering {
                Ordering::Equal $(.then_with(|| cmp_owned(&a.$i, &b.$i)))*
            }
#[cfg(feature = "demo")]
            fn example_key(n: usize) -> Self::Key {
                ($($T::Owned::example(n),)*)
            }
        }
    )*};
}

label_tuples! {
    ()
    (A 0)
    (A 0, B 1)
    (A 0, B 1, C 2)
    (A 0, B 1, C 2, D 3)
    (A 0, B 1, C 2, D 3, E 4)
    (A 0, B 1, C 2, D 3, E 4, F 5)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14)
    (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11, M 12, N 13, O 14, P 15)
}

/// The most labels one label set can have (the tuples above).
pub use metrics_internals::MAX_LABELS;

/// A set of labels, derived with `#[derive(LabelSet)]` on a struct and implemented for the
/// struct with its lifetime set to `'static`: a family field is written
/// `Family<MyLabels<'static>, Counter>`, and recording takes `MyLabels<'_>` with borrowed values.
///
/// When every label is a closed set, series are stored in a fixed array indexed by the values
/// ([`LabelSet::CARDINALITY`] is `Some`); otherwise in a concurrent map keyed by
/// [`LabelSet::Key`] and searched with the borrowed labels, without allocating.
pub trait LabelSet: Send + Sync + 'static {
    /// The label set as written at the call site, borrowing its free-text values.
    type Ref<'a>;
    /// The fields, in declaration order.
    type Fields<'a>: LabelTuple<Key = Self::Key>;
    /// The owned key of a series in map storage.
    type Key: Send + Sync + 'static;
    /// The labels, in declaration order.
    const LABELS: &'static [LabelDescriptor];
    /// The number of series when every label is a closed set, `None` otherwise.
    const CARDINALITY: Option<usize> = <Self::Fields<'static> as LabelTuple>::CARDINALITY;
    /// The fields of borrowed labels.
    fn fields<'a>(labels: &Self::Ref<'a>) -> Self::Fields<'a>;
}

/// The empty label set, for metrics without labels.
impl LabelSet for () {
    type Ref<'a> = ();
    type Fields<'a> = ();
    type Key = ();
    const LABELS: &'static [LabelDescriptor] = &[];
    fn fields<'a>(_: &Self::Ref<'a>) -> Self::Fields<'a> {}
}
