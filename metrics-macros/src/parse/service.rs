//! `#[derive(Service)]`: the struct's `#[service(...)]` and its fields.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Type};

use super::{parse_keys, string_value};
use crate::ctxt::Ctxt;

pub(crate) struct RawService<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) name: Option<LitStr>,
    pub(crate) formats: Option<Vec<(String, Span)>>,
    pub(crate) budget: Option<syn::Expr>,
    pub(crate) fields: Vec<(&'a Ident, &'a Type)>,
}

pub(crate) fn parse<'a>(cx: &Ctxt, input: &'a DeriveInput) -> Option<RawService<'a>> {
    let Data::Struct(data) = &input.data else {
        cx.error_spanned_by(
            &input.ident,
            "Service can only be derived for a struct, one field per metric struct",
        );
        return None;
    };
    let Fields::Named(fields) = &data.fields else {
        cx.error_spanned_by(
            &input.ident,
            "Service needs a struct with named fields, one per metric struct",
        );
        return None;
    };
    if !input.generics.params.is_empty() {
        cx.error_spanned_by(
            &input.generics,
            "Service cannot be derived for a generic struct",
        );
    }
    let mut raw = RawService {
        ident: &input.ident,
        name: None,
        formats: None,
        budget: None,
        fields: fields
            .named
            .iter()
            .filter_map(|f| f.ident.as_ref().map(|i| (i, &f.ty)))
            .collect(),
    };
    parse_keys(
        cx,
        &input.attrs,
        "service",
        &["name", "formats", "budget"],
        |key, meta| {
            match key {
                "name" => {
                    raw.name = Some(string_value(meta)?);
                    return Ok(());
                }
                "budget" => {
                    raw.budget = Some(meta.value()?.parse()?);
                    return Ok(());
                }
                _ => {}
            }
            let mut formats = Vec::new();
            meta.parse_nested_meta(|format| {
                let name = format
                    .path
                    .get_ident()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                formats.push((name, format.path.span()));
                Ok(())
            })?;
            raw.formats = Some(formats);
            Ok(())
        },
    );
    Some(raw)
}
