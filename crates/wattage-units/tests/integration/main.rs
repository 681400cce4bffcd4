//! Integration tests of wattage-units, compiled as one binary.
#![allow(clippy::unwrap_used)]

mod algebra;
mod hardening;
mod meta;
mod money;
mod properties;
#[cfg(feature = "serde")]
mod serde_formats;
mod spellings;
mod text;
