//! The one place that spells the path of the runtime: generated code reaches it only through
//! `::metrics_core::__private`.

use proc_macro2::TokenStream;
use quote::quote;

pub(crate) fn private() -> TokenStream {
    quote!(::metrics_core::__private)
}
