//! The one place that spells the path of the runtime: generated code reaches it only through
//! `::metrics_core::__private`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

pub(crate) fn private() -> TokenStream {
    quote!(::metrics_core::__private)
}

/// The same path with every token at `span`, so that an error about it points there.
pub(crate) fn private_at(span: Span) -> TokenStream {
    quote_spanned!(span=> ::metrics_core::__private)
}
