//! Integration tests of wattage-facility, compiled as one binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod capital;
mod charges;
mod contract;
mod engine_agreement;
#[cfg(feature = "std")]
mod ercot_csv;
#[cfg(feature = "std")]
mod ercot_files;
mod financing;
mod lease;
mod meta;
mod price_series;
mod projected_hashprice;
mod retrofit;
#[cfg(feature = "serde")]
mod serde_site;
mod single_fleet;
mod site;
mod site_properties;
mod site_run;
