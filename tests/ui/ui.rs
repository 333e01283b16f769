//! Compile-time behaviour of the derive macros: what compiles, and the exact errors of what
//! does not. The `.stderr` files are the contract users see; re-bless with
//! `TRYBUILD=overwrite cargo test -p metrics-ui` and read every line of the diff.
//!
//! # One toolchain
//!
//! A `.stderr` file holds rustc's wording as well as the macros': the `evaluation panicked`
//! line, labels and notes of the checks done by const evaluation, the help lines of a missing
//! trait, the layout of the snippets. That wording changes between releases, so the
//! compile-fail cases are compared only with the rustc they were blessed with, whose
//! `rustc --version` line is `tests/ui/RUSTC_VERSION`. The rustc asked is the one cargo compiles the
//! cases with: `$RUSTC`, or `rustc` on `PATH` (under rustup, the toolchain of `cargo +<version>`).
//!
//! With another rustc the compile-fail cases are skipped, and the test says so on stderr.
//! Under `CI=true` a mismatch fails the test instead, so that CI cannot pass without having
//! compared them: install the blessed toolchain (`rustup toolchain install 1.95.0`, then
//! `cargo +1.95.0 test -p metrics-ui`), or move to the new one by re-blessing with
//! `TRYBUILD=overwrite`, which runs them whatever the rustc and rewrites `tests/ui/RUSTC_VERSION`.
//! The pass cases depend on no wording and always run.

use std::io::Write;
use std::process::Command;

/// Where the cases were blessed: the exact `rustc --version` line.
const BLESSED_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/RUSTC_VERSION");

#[test]
fn ui() {
    let blessed = std::fs::read_to_string(BLESSED_FILE)
        .unwrap_or_else(|e| panic!("cannot read {BLESSED_FILE}: {e}"));
    let blessed = blessed.trim();
    let current = rustc_version();
    let overwrite = std::env::var("TRYBUILD").is_ok_and(|v| v == "overwrite");

    let t = trybuild::TestCases::new();
    t.pass("pass/*.rs");
    let compare = match &current {
        Ok(version) => version == blessed || overwrite,
        Err(_) => false,
    };
    if compare {
        t.compile_fail("fail/*/*.rs");
    } else {
        let found = match &current {
            Ok(version) => format!("this is `{version}`"),
            Err(error) => error.clone(),
        };
        let release = blessed.split_whitespace().nth(1).unwrap_or("<version>");
        let why = format!(
            "the compile-fail UI cases were blessed with `{blessed}` (tests/ui/RUSTC_VERSION), and {found}: rustc's wording differs between releases, so they are not compared. Install that toolchain (`rustup toolchain install {release}`, then `cargo +{release} test -p metrics-ui`), or re-bless them with this one (`TRYBUILD=overwrite cargo test -p metrics-ui`, which also updates tests/ui/RUSTC_VERSION) and read the diff"
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{why}");
        }
        // Straight to the process's stderr: libtest hides what a passing test prints.
        let _ = writeln!(std::io::stderr(), "ui: skipped: {why}");
    }
    // trybuild runs the cases when dropped.
    drop(t);
    if overwrite
        && let Ok(version) = &current
        && version != blessed
    {
        std::fs::write(BLESSED_FILE, format!("{version}\n"))
            .unwrap_or_else(|e| panic!("cannot write {BLESSED_FILE}: {e}"));
    }
}

/// The `rustc --version` line of the compiler cargo uses for the cases.
fn rustc_version() -> Result<String, String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let shown = rustc.to_string_lossy().into_owned();
    let output = Command::new(&rustc)
        .arg("--version")
        .output()
        .map_err(|e| format!("`{shown} --version` could not run ({e})"))?;
    if !output.status.success() {
        return Err(format!("`{shown} --version` failed ({})", output.status));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
