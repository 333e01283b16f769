//! The checked model to tokens. The only stage that uses `quote!`; it reports no user errors.

pub(crate) mod family;
pub(crate) mod label_set;
pub(crate) mod label_value;
mod paths;
pub(crate) mod service;
#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;

/// The errors, followed by the stub items that keep one mistake from cascading.
fn with_errors(error: syn::Error, stub: TokenStream) -> TokenStream {
    let mut tokens = error.to_compile_error();
    tokens.extend(stub);
    tokens
}
