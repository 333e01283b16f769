//! Raw attribute structs to the checked model of `ir`. Every mistake is reported, with the span
//! of the offending token and what would be valid; nothing here builds tokens.

pub(crate) mod declared;
pub(crate) mod family;
pub(crate) mod labels;
mod lint;
mod names;
pub(crate) mod service;
