//! ASIC miners and AI accelerators: their efficiency, a sourced catalog,
//! fleets and comparisons, on the typed quantities of [`wattage_units`].
//!
//! ```
//! // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
//! use wattage_hardware::{catalog, compare, Fleet, Precision};
//! use wattage_units::unit;
//!
//! // A miner from the built-in catalog, looked up the way people type it.
//! let s21xp = catalog::asic("s21 xp")?;
//! assert_eq!(s21xp.efficiency().get(unit::JOULE_PER_TERAHASH), 13.5);
//!
//! // Ten years of progress: S9 (2016) to S23 Hyd (2026).
//! let gain = compare::miner_gain(&catalog::asic("S9")?, &catalog::asic("S23 Hyd")?)?;
//! assert!(gain.percent_better() > 900.0);
//!
//! // A fleet's efficiency is total power over total hashrate.
//! let mut fleet = Fleet::new();
//! fleet.add(catalog::asic("S19 Pro")?, 500)?.add(s21xp, 500)?;
//! println!("{:.2}", fleet.efficiency()?.display_in(unit::JOULE_PER_TERAHASH));
//!
//! // Accelerators: dense peak per watt of board power, by precision.
//! let h100 = catalog::accelerator("H100 SXM")?;
//! println!("{:.2}", h100.efficiency(Precision::Bf16)?.display_in(unit::TERAFLOPS_PER_WATT));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! * **Devices.** [`AsicMiner`]: hashrate, wall power and J/TH that must
//!   agree within a stated tolerance ([`asic::DEFAULT_TOLERANCE`]).
//!   [`Accelerator`]: peak throughput per [`Precision`], each figure marked
//!   [`Sparsity::Dense`] or [`Sparsity::Sparse`] as its source states it;
//!   efficiency comes from dense figures unless you ask otherwise.
//!   [`System`]: a server or rack, so a facility counts real kilowatts
//!   (a DGX H100 is 1.275 kW a GPU, not 700 W).
//! * **Operating modes.** [`OperatingMode`] and the curves in
//!   [`efficiency_curve`]: underclock a miner and J/TH falls; cap a GPU and
//!   it loses less throughput than power. Defaults and their measurements
//!   are documented on each curve, including the measured H200 utilization.
//! * **Catalog.** [`catalog`]: 29 ASIC miners (2016 to 2026), 21
//!   accelerators (NVIDIA A100 to GB300, AMD MI250X to MI355X, Google TPU v4
//!   to v7, AWS Trainium2, Intel Gaudi 3) and 3 systems, compiled in, each
//!   figure with its source and each doubt in a note. Look-ups forgive case
//!   and spacing and suggest near misses.
//! * **Your data.** [`load`]: CSV (and TOML/JSON with `serde`) specs of
//!   miners and accelerators, validated like the catalog; Epoch AI's
//!   `ml_hardware.csv` read with its quirks; every unusable row reported
//!   with its reason.
//! * **Fleets and comparisons.** [`Fleet`], [`Cluster`], [`compare`]
//!   (efficiency gains, the best J/TH by year), and [`landauer`], the
//!   physical floor.
//!
//! # Crate features
//!
//! * `std` (default): the standard library. Without it the crate is
//!   `no_std` with `alloc`.
//! * `serde`: `Serialize`/`Deserialize` for specs and devices (devices
//!   deserialize through the same validation), and [`load::SpecFile`].
//!
//! # Data attribution
//!
//! Part of the accelerator catalog comes from Epoch AI's Machine Learning
//! Hardware database, © Epoch AI, CC-BY 4.0,
//! <https://epoch.ai/data/machine-learning-hardware>; see
//! [`catalog::EPOCH_ATTRIBUTION`].
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod accelerator;
pub mod asic;
pub mod catalog;
pub mod compare;
pub mod cooling;
mod csv;
pub mod date;
pub mod efficiency_curve;
pub mod error;
pub mod fleet;
pub mod landauer;
pub mod load;
mod name;
pub mod operating_mode;
pub mod precision;
pub mod system;

pub use accelerator::{Accelerator, AcceleratorSpec, PeakSpec, PeakThroughput};
pub use asic::{AsicMiner, AsicSpec};
pub use cooling::Cooling;
pub use date::ReleaseDate;
pub use efficiency_curve::{AsicCurve, PowerCapCurve};
pub use error::{Error, Result};
pub use fleet::{Cluster, Fleet};
pub use operating_mode::OperatingMode;
pub use precision::{Precision, Sparsity};
pub use system::System;

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
mod readme_doctests {}

/// The quantity crate this one is built on, re-exported so that users share
/// one version of it.
pub use wattage_units;
