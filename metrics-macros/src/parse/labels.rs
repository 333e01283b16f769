//! `#[derive(LabelSet)]` fields' `#[label(...)]`, and `#[derive(LabelValue)]` enums'
//! `#[label(...)]` on the enum and its variants.

use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type, Variant};

use super::{doc_comment, parse_keys, string_value};
use crate::ctxt::Ctxt;

pub(crate) struct RawLabelSet<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) fields: Vec<RawLabelField<'a>>,
}

pub(crate) struct RawLabelField<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) ty: &'a Type,
    pub(crate) name: Option<LitStr>,
    pub(crate) allow: Vec<(String, proc_macro2::Span)>,
    /// `bound = N` (a literal or a `const`), with the key's span.
    pub(crate) bound: Option<(syn::Expr, proc_macro2::Span)>,
    /// `unbounded`, with its span.
    pub(crate) unbounded: Option<proc_macro2::Span>,
    /// `optional` (declarations only), with its span.
    pub(crate) optional: Option<proc_macro2::Span>,
    /// The field's doc comment: the label's help.
    pub(crate) help: Option<String>,
}

/// The keys of a label set's `#[label(...)]`.
const LABEL_KEYS: &[&str] = &["name", "allow", "bound", "unbounded"];
/// The keys of a label declared in `#[metrics_core::labels(...)]`: those of a label set's, and
/// `optional`, which a declaration allows and a use marks (`reason?`).
pub(crate) const DECLARED_KEYS: &[&str] = &["name", "allow", "bound", "unbounded", "optional"];

/// One named field's `#[label(...)]` and doc comment, with the keys `keys` allows.
pub(crate) fn parse_label_field<'a>(
    cx: &Ctxt,
    field: &'a syn::Field,
    keys: &[&str],
) -> Option<RawLabelField<'a>> {
    let ident = field.ident.as_ref()?;
    let (mut name, mut allow, mut bound, mut unbounded, mut optional) =
        (None, Vec::new(), None, None, None);
    parse_keys(cx, &field.attrs, "label", keys, |key, meta| {
        match key {
            "allow" => allow = super::idents(meta)?,
            "bound" => bound = Some((meta.value()?.parse()?, meta.path.span())),
            "unbounded" => unbounded = Some(meta.path.span()),
            "optional" => optional = Some(meta.path.span()),
            _ => name = Some(string_value(meta)?),
        }
        Ok(())
    });
    Some(RawLabelField {
        ident,
        ty: &field.ty,
        name,
        allow,
        bound,
        unbounded,
        optional,
        help: doc_comment(&field.attrs).map(|(text, _)| text),
    })
}

pub(crate) fn parse_label_set<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<RawLabelSet<'a>> {
    let fields = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => Some(fields.named.iter().collect::<Vec<_>>()),
            Fields::Unit => Some(Vec::new()),
            Fields::Unnamed(_) => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        cx.error_spanned_by(
            &input.ident,
            "LabelSet needs a struct with named fields, one per label",
        );
        return None;
    };
    let mut set = RawLabelSet {
        input,
        fields: Vec::new(),
    };
    for field in fields {
        if let Some(field) = parse_label_field(cx, field, LABEL_KEYS) {
            set.fields.push(field);
        }
    }
    Some(set)
}

pub(crate) struct RawLabelValue<'a> {
    pub(crate) input: &'a DeriveInput,
    pub(crate) rename_all: Option<LitStr>,
    pub(crate) variants: Vec<RawVariant<'a>>,
}

pub(crate) struct RawVariant<'a> {
    pub(crate) variant: &'a Variant,
    pub(crate) rename: Option<LitStr>,
}

pub(crate) fn parse_label_value<'a>(
    cx: &Ctxt,
    input: &'a DeriveInput,
) -> Option<RawLabelValue<'a>> {
    let Data::Enum(data) = &input.data else {
        cx.error_spanned_by(
            &input.ident,
            "LabelValue can only be derived for an enum whose variants are the allowed values",
        );
        return None;
    };
    let mut raw = RawLabelValue {
        input,
        rename_all: None,
        variants: Vec::new(),
    };
    parse_keys(cx, &input.attrs, "label", &["rename_all"], |_, meta| {
        raw.rename_all = Some(string_value(meta)?);
        Ok(())
    });
    for variant in &data.variants {
        let mut rename = None;
        parse_keys(cx, &variant.attrs, "label", &["rename"], |_, meta| {
            rename = Some(string_value(meta)?);
            Ok(())
        });
        raw.variants.push(RawVariant { variant, rename });
    }
    Some(raw)
}
