//! The checks the compiler evaluates (`const`) on what the derives generate, so that a mistake
//! fails `cargo build` with a message that names the declarations: of one metric group and its
//! label sets ([`group`]), and across a whole service ([`service`]).

pub(crate) mod group;
pub(crate) mod service;
