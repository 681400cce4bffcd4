//! Sites that turn power into hashes and FLOPs: power prices, money over
//! time, and the facilities in between.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_units::EnergyPrice;
//!
//! // Two hours of 15-minute real-time prices, averaged to hours.
//! let start = Utc.with_ymd_and_hms(2021, 2, 15, 6, 0, 0).unwrap();
//! let prices = ["$1200", "$1400", "$9000", "$9000", "-$5", "$15", "$25", "$45"]
//!     .iter()
//!     .map(|p| format!("{p}/MWh").parse::<EnergyPrice>())
//!     .collect::<Result<Vec<_>, _>>()?;
//! let series = PriceSeries::new(start, Resolution::FifteenMinutes, prices)?;
//! let hourly = series.to_hourly()?;
//! assert_eq!(hourly.prices()[0].to_string(), "$5150/MWh");
//! assert_eq!(hourly.prices()[1].to_string(), "$20/MWh");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`price_series`]: timestamped energy prices at 15-minute or hourly
//!   resolution (UTC inside), resampling between them, and readers for
//!   ERCOT's published CSV layouts that reject gaps, repeats and disorder
//!   by line number.
//! - [`finance`]: NPV, IRR (bracketed bisection) and payback on exact
//!   [`Usd`](wattage_units::Usd) cash flows.
//! - [`site`] and [`pue`]: an interconnect shared by halls of critical IT
//!   load, each with a constant or hourly PUE; allocations beyond capacity
//!   are errors naming the hall, the load and the capacity.
//! - [`lease`]: AI/HPC colocation leases ($/kW/month, annual escalator,
//!   term, gross or triple-net), pinned to the public deals table.
//! - [`contract`]: power supply (fixed, index on a price series, blend),
//!   demand charges and ERCOT's 4CP transmission tag.
//! - [`simulation`]: curtailment policies and a period-by-period kernel
//!   that runs a mining workload against a supply and a PUE, producing a
//!   ledger whose totals are the exact sums of its periods.
//!
//! Money is exact throughout: physical quantities are `f64` (from
//! `wattage-units`) and enter dollar arithmetic once, by
//! [`wattage_units::money::to_decimal`].
//!
//! # Features
//!
//! - `std` (default): the standard library and the ERCOT CSV readers
//!   (which use the `csv` crate). Without it the crate is `no_std` and
//!   needs only `alloc`.
//! - `serde`: serde support for the unit types re-used here.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod error;
pub mod contract;
pub mod finance;
pub mod lease;
pub mod price_series;
pub mod pue;
pub mod simulation;
pub mod site;

pub use error::FacilityError;
