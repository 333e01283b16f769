//! Re-exports used by the code that the derive macros generate. Not a public API.

pub use core::option::Option::{self, None, Some};
pub use core::panic;
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use crate::descriptor::{LabelDescriptor, LabelKind, MetricDescriptor, MetricType};
pub use crate::exposition::Format;
pub use crate::family_set::{AnyFamily, AnyMetric, MetricFamily, Service};
pub use crate::label::{LabelField, LabelSet, LabelValue};
pub use crate::metrics::Metric;
pub use crate::rules::{
    Clause, Dfa, Grouping, MatchOp, Matcher, Needs, Rule, RuleKind, Selector, check as check_rule,
    check_all as check_rules,
};
pub use crate::service_check::{
    budget_message, clash_message, first_clash, service_budget_message,
};

/// Whether `labels` has a label called `name`; used by generated compile-time checks.
pub const fn has_label(labels: &[LabelDescriptor], name: &str) -> bool {
    let mut i = 0;
    while i < labels.len() {
        if crate::rules::eq(labels[i].name, name) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether bucket bounds are finite, strictly increasing and not empty.
pub const fn buckets_valid(bounds: &[f64]) -> bool {
    if bounds.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bounds.len() {
        if !bounds[i].is_finite() || (i > 0 && bounds[i] <= bounds[i - 1]) {
            return false;
        }
        i += 1;
    }
    true
}

/// The bound of a label the derive saw no free text in: none, since it is a closed set. A free
/// text type behind an alias has no declared bound, which fails the build with `message`.
pub const fn closed_or_panic(kind: LabelKind, message: &str) -> Option<usize> {
    match kind {
        LabelKind::Closed(_) => None,
        LabelKind::FreeText => panic!("{}", message),
    }
}

/// Whether two metric types are the same, in a `const` context.
pub const fn same_type(a: MetricType, b: MetricType) -> bool {
    a as u8 == b as u8
}
