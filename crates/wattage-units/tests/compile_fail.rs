//! Unit mistakes that must not compile. The expected compiler messages are
//! in `tests/ui/*.stderr`; they are pinned to the toolchain, so the check
//! runs only when `WATTAGE_UI_TESTS` is set (CI sets it), as a compiler
//! upgrade may reword an error without any change of ours.

#[test]
fn unit_mistakes_do_not_compile() {
    if std::env::var_os("WATTAGE_UI_TESTS").is_none() {
        eprintln!("skipping compile-fail tests: set WATTAGE_UI_TESTS=1 to run them");
        return;
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
