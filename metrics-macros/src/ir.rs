//! The validated model. Every node keeps what `expand` needs and nothing it must re-check.

use proc_macro2::Span;
use syn::{Ident, Lifetime, Type};

use metrics_internals::exposed;
pub(crate) use metrics_internals::{Format, MetricType as Kind};

pub(crate) struct MetricSet<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) metrics: Vec<Metric<'a>>,
}

pub(crate) struct Metric<'a> {
    pub(crate) ident: &'a Ident,
    /// Where the exposed name is written: `#[metric(name = "...")]`, or the field.
    pub(crate) name_span: Span,
    pub(crate) ty: &'a Type,
    pub(crate) kind: Kind,
    /// Whether the kind was stated in the attribute rather than read off the field type.
    pub(crate) kind_stated: bool,
    pub(crate) name: String,
    pub(crate) help: String,
    pub(crate) unit: Option<String>,
    pub(crate) buckets: Buckets,
    pub(crate) quantiles: Vec<f64>,
    pub(crate) since: Option<String>,
    pub(crate) deprecated: Option<String>,
    pub(crate) section: Option<String>,
    pub(crate) decision: Option<String>,
    /// The rules this metric is allowed to break.
    pub(crate) allowances: Vec<String>,
    /// `budget = N`: the most series the family may expose, checked at compile time.
    pub(crate) budget: Option<syn::Expr>,
    /// `series_cap = N`: the most label sets the family holds before its overflow series.
    pub(crate) series_cap: Option<syn::Expr>,
    /// `idle = "5m"`, in milliseconds, and where it is written: how long a series may go
    /// without a record.
    pub(crate) idle: Option<(u64, Span)>,
}

pub(crate) enum Buckets {
    List(Vec<f64>),
    /// A `const` slice of bounds, checked by the compiler.
    Path(syn::Path),
}

impl Metric<'_> {
    /// The OpenMetrics family: a counter's name without `_total`.
    pub(crate) fn family(&self) -> &str {
        exposed::family(&self.name, self.kind, Format::OpenMetrics)
    }
}

pub(crate) struct LabelSet<'a> {
    /// Whether the code can be generated despite errors (an error in a name, not in a type).
    pub(crate) expandable: bool,
    pub(crate) ident: &'a Ident,
    pub(crate) lifetime: Option<&'a Lifetime>,
    pub(crate) fields: Vec<LabelField<'a>>,
}

pub(crate) struct LabelField<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) name: String,
    /// Where the exposed name is written: `#[label(name = "...")]`, or the field.
    pub(crate) name_span: Span,
    /// The rules this label is allowed to break.
    pub(crate) allowances: Vec<String>,
    /// What is declared about the number of distinct values of free text.
    pub(crate) bound: Bound,
    /// The field's doc comment, if any.
    pub(crate) help: Option<String>,
}

/// The declared cardinality of a label.
pub(crate) enum Bound {
    /// A closed set (or a type the macro cannot see through): nothing declared.
    None,
    /// `#[label(bound = N)]`.
    At(syn::Expr),
    /// `#[label(unbounded)]`.
    Unbounded,
}

pub(crate) struct LabelValueEnum<'a> {
    /// Whether the code can be generated despite errors (an error in a value, not in a variant).
    pub(crate) expandable: bool,
    pub(crate) ident: &'a Ident,
    /// Variants with their exposed values, sorted by value.
    pub(crate) variants: Vec<(&'a Ident, String)>,
}

/// The name of `format` in messages.
pub(crate) fn format_title(format: Format) -> &'static str {
    match format {
        Format::OpenMetrics => "OpenMetrics 1.0",
        Format::Prometheus => "the Prometheus text format 0.0.4",
    }
}

pub(crate) struct ServiceModel<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) name: String,
    /// With where each is listed (the struct, when the formats are the default).
    pub(crate) formats: Vec<(Format, Span)>,
    /// `budget = N`: the most series the whole service may expose.
    pub(crate) budget: Option<syn::Expr>,
    pub(crate) fields: Vec<(&'a Ident, &'a Type)>,
}

/// The labels of `#[metrics_core::labels(...)]`, and the metrics that name them inline.
pub(crate) struct Declarations<'a> {
    pub(crate) labels: Vec<DeclaredLabel<'a>>,
    pub(crate) metrics: Vec<LabelledMetric<'a>>,
}

/// A label declared once for the metric groups the attribute rewrites.
pub(crate) struct DeclaredLabel<'a> {
    pub(crate) label: LabelField<'a>,
    /// `#[label(optional)]`: a metric may omit it, which it marks with `?`.
    pub(crate) optional: bool,
}

/// A metric that names its labels inline: its label struct is generated.
pub(crate) struct LabelledMetric<'a> {
    /// The position of its metric group among the rewritten ones, and of its field.
    pub(crate) group: usize,
    pub(crate) field: usize,
    pub(crate) group_ident: &'a Ident,
    /// The group's visibility: the label struct's, and its fields'.
    pub(crate) vis: &'a syn::Visibility,
    pub(crate) field_ident: &'a Ident,
    pub(crate) ty: &'a Type,
    /// `<Field>Labels`, at the field's name.
    pub(crate) struct_ident: Ident,
    /// Each label: its position among the declared ones, and whether the metric may omit it.
    pub(crate) labels: Vec<(usize, bool)>,
    /// The struct generated for an earlier metric with the same labels, which this metric's
    /// struct is an alias of (one type per label list: less code to build).
    pub(crate) same_as: Option<Ident>,
}
