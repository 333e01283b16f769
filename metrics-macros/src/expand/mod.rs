//! The checked model to tokens. The only stage that uses `quote!`; it reports no user errors.

pub(crate) mod declared;
pub(crate) mod family;
pub(crate) mod label_set;
pub(crate) mod label_value;
pub(crate) mod paths;
pub(crate) mod service;
#[cfg(test)]
mod tests;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// Ends a derive whose model stays usable after a mistake in a name (label sets and label
/// values): the code is still generated when `expandable` allows, so that one mistake does not
/// cascade into an error at every use of the type.
fn finish<M>(
    cx: crate::ctxt::Ctxt,
    model: Option<M>,
    expandable: impl Fn(&M) -> bool,
    expand: impl Fn(&M) -> TokenStream,
) -> TokenStream {
    let expansion = model
        .as_ref()
        .filter(|m| expandable(m))
        .map(expand)
        .unwrap_or_default();
    match cx.check() {
        Ok(()) => expansion,
        Err(error) => with_errors(error, expansion),
    }
}

/// The errors, followed by the stub items that keep one mistake from cascading.
fn with_errors(error: syn::Error, stub: TokenStream) -> TokenStream {
    let mut tokens = error.to_compile_error();
    tokens.extend(stub);
    tokens
}

/// The spans of the first and the last token of `tokens`. An expression whose head carries the
/// first and whose tail the last is underlined whole, as `syn::Error::new_spanned` does on
/// stable, where spans cannot be joined.
fn span_range(tokens: &impl ToTokens) -> (Span, Span) {
    let mut spans = tokens.to_token_stream().into_iter().map(|t| t.span());
    let first = spans.next().unwrap_or_else(Span::call_site);
    (first, spans.last().unwrap_or(first))
}
