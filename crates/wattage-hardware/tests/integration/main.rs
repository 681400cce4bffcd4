//! Integration tests, compiled into one binary.
// Helpers outside `#[test]` functions panic on failure too: that is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod catalog;
mod catalog_doc;
mod errors;
mod hardening;
mod load;
mod meta;
mod props;
mod spot;
