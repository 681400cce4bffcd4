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
#[cfg(feature = "serde")]
mod financed_nol;
mod financing;
mod fixtures;
mod hosting;
mod lease;
mod markets;
mod meta;
mod model_flows;
mod price_series;
mod projected_hashprice;
mod reserves;
mod retrofit;
#[cfg(feature = "serde")]
mod serde_site;
mod single_fleet;
mod site;
mod site_properties;
mod site_run;

/// An energy in MWh.
pub(crate) fn mwh(energy: wattage_units::Energy) -> f64 {
    energy.get(wattage_units::unit::MEGAWATT_HOUR)
}

/// Whether two MWh figures agree to 12 significant digits (an energy sum
/// is exact in the ledger and rounded once to `f64` when reported).
pub(crate) fn same_mwh(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}
