//! `#[derive(MetricGroup)]`: the struct's `#[metrics(...)]` and each field's `#[metric(...)]`.

use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Token, Type};

use super::{doc_comment, parse_keys, string_value};
use crate::ctxt::Ctxt;
use crate::ir::Kind;

pub(crate) struct RawFamily<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) prefix: Option<LitStr>,
    pub(crate) section: Option<LitStr>,
    pub(crate) since: Option<LitStr>,
    /// `allow(...)` for every metric of the struct (a page of legacy names).
    pub(crate) allow: Vec<(String, Span)>,
    /// A decision shared by every metric of the struct that has none of its own.
    pub(crate) decision: Option<LitStr>,
    pub(crate) metrics: Vec<RawMetric<'a>>,
}

pub(crate) struct RawMetric<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) doc: Option<(String, Span)>,
    pub(crate) kind: Option<(Kind, Span)>,
    pub(crate) name: Option<LitStr>,
    pub(crate) help: Option<LitStr>,
    pub(crate) unit: Option<LitStr>,
    pub(crate) buckets: Option<RawBuckets>,
    pub(crate) quantiles: Option<(Span, Vec<(f64, Span)>)>,
    pub(crate) since: Option<LitStr>,
    pub(crate) deprecated: Option<(Option<LitStr>, Span)>,
    pub(crate) decision: Option<LitStr>,
    pub(crate) allow: Vec<(String, Span)>,
    pub(crate) budget: Option<syn::Expr>,
    pub(crate) series_cap: Option<syn::Expr>,
    pub(crate) idle: Option<LitStr>,
}

pub(crate) struct RawBuckets {
    pub(crate) span: Span,
    pub(crate) bounds: RawBounds,
}

pub(crate) enum RawBounds {
    /// `buckets(0.1, 1, 10)`.
    List(Vec<(f64, Span)>),
    /// `buckets = PRESET`: a `const` slice, checked by the compiler.
    Path(syn::Path),
}

const FAMILY_KEYS: &[&str] = &["prefix", "section", "since", "allow", "decision"];
const METRIC_KEYS: &[&str] = &[
    "counter",
    "gauge",
    "histogram",
    "summary",
    "name",
    "help",
    "unit",
    "buckets",
    "quantiles",
    "since",
    "deprecated",
    "decision",
    "allow",
    "budget",
    "series_cap",
    "idle",
    "labels",
];

pub(crate) fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<RawFamily<'a>> {
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => fields,
            _ => {
                cx.error_spanned_by(
                    &input.ident,
                    "MetricGroup needs a struct with named fields, one per metric",
                );
                return None;
            }
        },
        _ => {
            cx.error_spanned_by(
                &input.ident,
                "MetricGroup can only be derived for a struct, one field per metric",
            );
            return None;
        }
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "MetricGroup cannot be derived for a generic struct: its descriptors are constants",
        );
    }

    let mut family = RawFamily {
        ident: &input.ident,
        prefix: None,
        section: None,
        since: None,
        allow: Vec::new(),
        decision: None,
        metrics: Vec::new(),
    };
    parse_keys(cx, &input.attrs, "metrics", FAMILY_KEYS, |key, meta| {
        if key == "allow" {
            family.allow = super::idents(meta)?;
            return Ok(());
        }
        let value = Some(string_value(meta)?);
        match key {
            "prefix" => family.prefix = value,
            "section" => family.section = value,
            "decision" => family.decision = value,
            _ => family.since = value,
        }
        Ok(())
    });

    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let mut metric = RawMetric {
            ident,
            ty: &field.ty,
            doc: doc_comment(&field.attrs),
            kind: None,
            name: None,
            help: None,
            unit: None,
            buckets: None,
            quantiles: None,
            since: None,
            deprecated: None,
            decision: None,
            allow: Vec::new(),
            budget: None,
            series_cap: None,
            idle: None,
        };
        parse_keys(cx, &field.attrs, "metric", METRIC_KEYS, |key, meta| {
            let span = meta.path.span();
            match key {
                "counter" | "gauge" | "histogram" | "summary" => {
                    if let Some((_, first)) = metric.kind {
                        cx.duplicate(
                            span,
                            first,
                            "the metric type is given twice: remove one",
                            "the metric type is first given here",
                        );
                    }
                    let kind = match key {
                        "counter" => Kind::Counter,
                        "gauge" => Kind::Gauge,
                        "histogram" => Kind::Histogram,
                        _ => Kind::Summary,
                    };
                    metric.kind = Some((kind, span));
                }
                "name" => metric.name = Some(string_value(meta)?),
                "help" => metric.help = Some(string_value(meta)?),
                "unit" => metric.unit = Some(string_value(meta)?),
                "since" => metric.since = Some(string_value(meta)?),
                "decision" => metric.decision = Some(string_value(meta)?),
                "allow" => metric.allow = super::idents(meta)?,
                "budget" => metric.budget = Some(meta.value()?.parse()?),
                "series_cap" => metric.series_cap = Some(meta.value()?.parse()?),
                "idle" => metric.idle = Some(string_value(meta)?),
                "labels" => {
                    cx.error_at(
                        span,
                        format!("labels(...) names labels declared by #[metrics_core::labels(...)], and none is declared here: {}; or the field type names a #[derive(LabelSet)] struct, `Family<Labels, M>`", crate::parse::declared::APPLIES_TO),
                    );
                    super::skip_value(meta.input);
                }
                "quantiles" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let values = Punctuated::<Bound, Token![,]>::parse_terminated(&content)?;
                    let values = values.into_iter().map(|b| (b.value, b.span)).collect();
                    metric.quantiles = Some((span, values));
                }
                "deprecated" => {
                    let note = if meta.input.peek(Token![=]) {
                        Some(string_value(meta)?)
                    } else {
                        None
                    };
                    metric.deprecated = Some((note, span));
                }
                _ => {
                    let bounds = if meta.input.peek(Token![=]) {
                        RawBounds::Path(meta.value()?.parse()?)
                    } else {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let values = Punctuated::<Bound, Token![,]>::parse_terminated(&content)?;
                        RawBounds::List(values.into_iter().map(|b| (b.value, b.span)).collect())
                    };
                    metric.buckets = Some(RawBuckets { span, bounds });
                }
            }
            Ok(())
        });
        family.metrics.push(metric);
    }
    Some(family)
}

/// One bucket bound: an integer or float literal, possibly negative.
struct Bound {
    value: f64,
    span: Span,
}

impl Parse for Bound {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let minus: Option<Token![-]> = input.parse()?;
        let lit: syn::Lit = input.parse()?;
        let (value, span) = match &lit {
            syn::Lit::Int(i) => (i.base10_digits().parse::<f64>(), i.span()),
            syn::Lit::Float(f) => (f.base10_digits().parse::<f64>(), f.span()),
            other => {
                return Err(syn::Error::new_spanned(
                    other,
                    "a bucket bound is a number, such as `0.5` or `100`",
                ));
            }
        };
        let value = value.map_err(|_| syn::Error::new(span, "not a number"))?;
        Ok(Bound {
            value: if minus.is_some() { -value } else { value },
            span,
        })
    }
}
