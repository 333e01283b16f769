//! Syntax tree to raw attribute structs. Only syntax, unknown-key and duplicate-key errors are
//! reported here; what the values mean is checked in `validate`.

pub(crate) mod declared;
pub(crate) mod family;
pub(crate) mod labels;
pub(crate) mod service;

use std::collections::HashMap;

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, Lit, Token};

use crate::ctxt::Ctxt;

/// The doc comment of an item, lines trimmed and joined by spaces, with its span.
pub(crate) fn doc_comment(attrs: &[Attribute]) -> Option<(String, Span)> {
    let mut text = String::new();
    let mut span = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let syn::Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) = &nv.value
        else {
            continue;
        };
        span.get_or_insert_with(|| attr.span());
        let line = s.value();
        let line = line.trim();
        if !line.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
    }
    let span = span?;
    (!text.is_empty()).then_some((text, span))
}

/// Parses every `#[name(...)]` attribute in `attrs` as a list of keys.
///
/// `f` is called once per known key, with the key and the meta to read its value from. An
/// unknown key is reported with the closest known one; a key given twice is reported with both
/// places; in both cases the value is skipped and parsing goes on with the next key.
pub(crate) fn parse_keys(
    cx: &Ctxt,
    attrs: &[Attribute],
    name: &str,
    keys: &[&str],
    mut f: impl FnMut(&str, &ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    let mut seen: HashMap<String, Span> = HashMap::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident(name)) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let span = meta.path.span();
            if !keys.contains(&key.as_str()) {
                cx.error_at(span, unknown_key(&key, name, keys));
                skip_value(meta.input);
                return Ok(());
            }
            if let Some(first) = seen.insert(key.clone(), span) {
                cx.duplicate(
                    span,
                    first,
                    format!("`{key}` is given twice: remove one"),
                    format!("`{key}` is first given here"),
                );
                skip_value(meta.input);
                return Ok(());
            }
            if let Err(error) = f(&key, &meta) {
                cx.syn_error(error);
                skip_value(meta.input);
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
}

fn unknown_key(key: &str, attr: &str, keys: &[&str]) -> String {
    let expected = keys
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let closest = closest(key, keys.iter().copied());
    match closest {
        Some(k) => {
            format!(
                "unknown key `{key}` in #[{attr}(...)]: did you mean `{k}`? (expected one of {expected})"
            )
        }
        None => format!("unknown key `{key}` in #[{attr}(...)]: expected one of {expected}"),
    }
}

/// The candidate closest to a misspelled `word`, if one is close enough to suggest.
pub(crate) fn closest<'k>(
    word: &str,
    candidates: impl IntoIterator<Item = &'k str>,
) -> Option<&'k str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, c)| *score > 0.8 || strsim::levenshtein(word, c) <= 2)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Consumes the rest of one key's value, up to the next top-level comma.
pub(crate) fn skip_value(input: ParseStream<'_>) {
    while !input.is_empty() && !input.peek(Token![,]) {
        if input.parse::<proc_macro2::TokenTree>().is_err() {
            return;
        }
    }
}

/// Reads `key(a, b, c)` as identifiers with their spans.
pub(crate) fn idents(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<(String, Span)>> {
    let mut out = Vec::new();
    meta.parse_nested_meta(|item| {
        let name = item
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        out.push((name, item.path.span()));
        Ok(())
    })?;
    Ok(out)
}

/// Reads `key = "string"`.
pub(crate) fn string_value(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::LitStr> {
    meta.value()?.parse()
}
