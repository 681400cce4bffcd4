//! Unit mistakes that must not compile. The expected compiler messages are
//! in `tests/ui/*.stderr`; they are pinned to the toolchain (a compiler
//! upgrade may reword an error without any change of ours), so this test
//! exists only when built with `--cfg wattage_ui_tests`, which CI sets:
//!
//! ```text
//! RUSTFLAGS="--cfg wattage_ui_tests" cargo test -p wattage-units --test compile_fail
//! ```
//!
//! Without the cfg there is no test here at all, rather than one that
//! passes without checking anything.
#![cfg(wattage_ui_tests)]

#[test]
fn unit_mistakes_do_not_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
