//! Re-exports used by the code that the derive macros generate. Not a public API.

pub use core::option::Option::{self, None, Some};
pub use core::panic;
pub use std::boxed::Box;
pub use std::vec::Vec;

pub use crate::Format;
pub use crate::checks::group::{
    LabelBounds, Labelled, ReservedLabels, bucket_preset_message, reserved_label_message,
};
pub use crate::checks::service::{
    ClashAt, Clashes, budget_message, first_clash_message, lifecycle_message,
    service_budget_message,
};
pub use crate::descriptor::{LabelDescriptor, LabelKind, MetricDescriptor, MetricType};
pub use crate::group::{AnyGroup, AnyMetric, MetricGroup, Register, Service};
pub use crate::label::{LabelField, LabelSet, LabelValue};
pub use crate::message::Message;
pub use crate::metrics::{Family, Metric};
pub use crate::rules::{
    Clause, Dfa, Grouping, MatchOp, Matcher, Needs, Rule, RuleKind, Selector, check as check_rule,
    check_all as check_rules,
};
pub use metrics_macros::LabelSet;

/// Whether two metric types are the same, in a `const` context.
pub const fn same_type(a: MetricType, b: MetricType) -> bool {
    a as u8 == b as u8
}
