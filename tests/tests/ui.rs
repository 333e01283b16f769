//! Compile-time behaviour of the derive macros: what compiles, and the exact errors of what
//! does not. The `.stderr` files are the contract users see; re-bless with
//! `TRYBUILD=overwrite cargo test -p metrics-tests --test ui` and read every line of the diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*/*.rs");
}
