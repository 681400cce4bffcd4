//! The typed vocabulary of the energy-to-compute economy.
//!
//! wattage models the stack that turns electricity into computation and
//! computation into revenue: **electrons** (power prices and contracts) →
//! **infrastructure** (sites, megawatts, PUE) → **compute** (ASIC miners,
//! AI accelerators) → **revenue** (bitcoin, lease rent, GPU-hours). Units
//! are types, so a hashrate cannot be added to a FLOP rate, and money is
//! exact, so a lease never loses a cent.
//!
//! ```
//! use wattage::prelude::*;
//!
//! // From watts to dollars: one miner for thirty days.
//! let rate: Hashrate = "270 TH/s".parse()?;
//! let efficiency: HashEfficiency = "13.5 J/TH".parse()?;
//! let month = Time::new(30.0, unit::DAY)?;
//!
//! let energy = rate * efficiency * month;
//! let revenue = "$52/PH/day".parse::<Hashprice>()?.revenue(rate * month)?;
//! let power_bill = "$45/MWh".parse::<EnergyPrice>()?.cost(energy)?;
//! assert_eq!(format!("{:.2}", revenue.checked_sub(power_bill)?), "$303.10");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The crates
//!
//! | module | crate | what it holds |
//! |---|---|---|
//! | [`units`] | `wattage-units` | quantities with hash and FLOP dimensions; exact money and prices |
//! | [`hardware`] | `wattage-hardware` | ASIC miners, accelerators, the sourced catalog, fleets |
//! | [`mining`] | `wattage-mining` | Bitcoin consensus arithmetic and hashprice economics |
//! | [`finance`] | `wattage-finance` | NPV, IRR, XNPV, depreciation, debt and taxes on exact USD |
//! | [`facility`] | `wattage-facility` | sites, power prices, workloads, curtailment, P&L |
//!
//! [`uom`], [`rust_decimal`] and [`chrono`] are re-exported so that your
//! code and wattage share one version of each.
//!
//! A second taste, from the catalog to a breakeven power price:
//!
//! ```
//! use wattage::prelude::*;
//! use wattage::mining::costs::breakeven_power_price;
//!
//! let miner = catalog::asic("s21 xp")?; // forgiving look-up
//! let breakeven = breakeven_power_price("$52/PH/day".parse()?, miner.efficiency())?;
//! assert_eq!(format!("{breakeven:.2}"), "$160.49/MWh");
//!
//! let h100 = catalog::accelerator("H100 SXM")?;
//! let dense_bf16 = h100.efficiency(Precision::Bf16)?;
//! assert_eq!(format!("{dense_bf16:.2}"), "1.41 TFLOPS/W");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Where to start
//!
//! - **An analyst** with a question about a site, a fleet or a price
//!   starts at the cookbook, [`book::ch07_cookbook`]: recipes from ERCOT
//!   prices to a site's P&L, each runnable as it stands.
//! - **An educator** (or a student) starts at the teaching chapter,
//!   [`book::ch08_teaching`]: the economics worked by hand, then in code.
//! - **A contributor** starts at the design note, [`book::ch14_architecture`].
//!
//! # The book
//!
//! Prose chapters whose examples run as tests, in reading order:
//! [`book::ch01_stack`], [`book::ch02_quantities`], [`book::ch03_money`],
//! [`book::ch04_hardware`], [`book::ch05_hashprice`],
//! [`book::ch06_facilities`], [`book::ch07_cookbook`],
//! [`book::ch08_teaching`], [`book::ch09_glossary`], the command line
//! [`book::ch10_cli`], wattage from Python [`book::ch11_python`], capital,
//! debt and taxes [`book::ch12_capital`], how speed is measured
//! [`book::ch13_performance`], and the design note
//! [`book::ch14_architecture`].
//!
//! # Features
//!
//! - `std` (default): use the standard library. Without it every crate is
//!   `no_std` with `alloc` (the ERCOT CSV readers need `std`).
//! - `serde`: serialize quantities and prices as unit strings, and sites,
//!   contracts, devices and scenarios as configs, validated on the way in.
//! - `rayon`: parallel scenario sweeps over sites and price paths
//!   (`facility::sweep::par_over_sites`, `par_over_paths`).
//!
//! # Minimum supported Rust version
//!
//! Rust 1.85 (edition 2024), for the libraries of the workspace with any of
//! their features; not for its tests, benchmarks and examples (their
//! dev-dependency criterion 0.8 needs Rust 1.86). CI checks that every
//! locked normal and build dependency declares a `rust-version` no newer
//! than 1.85 and denies clippy's `incompatible_msrv` lint; it has no 1.85
//! toolchain to build with.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub use chrono;
pub use rust_decimal;
pub use uom;

// Each crate is re-exported whole, inlined, so that its module page here
// shows the crate's own overview.
#[doc(inline)]
pub use wattage_units as units;

#[doc(inline)]
pub use wattage_hardware as hardware;

#[doc(inline)]
pub use wattage_mining as mining;

#[doc(inline)]
pub use wattage_finance as finance;

#[doc(inline)]
pub use wattage_facility as facility;

/// The names nearly every user needs: `use wattage::prelude::*;`.
pub mod prelude {
    #[doc(no_inline)]
    pub use wattage_facility::{
        AssignmentSpec, Assumptions, Colocation, ColocationLease, Comparison, Curtailment,
        Deployment, GpuCloud, GpuCloudSpec, Hall, HashpricePath, Horizon, Hosting, LeaseSpec,
        LeaseStructure, Plan, PowerContract, PowerSupply, PricePath, PriceSeries, Pue, Resolution,
        SelfMining, SelfMiningSpec, Site, SiteKernel, SiteLedger, Summary, Window, Workload,
        compare, simulate_site,
    };
    #[doc(no_inline)]
    pub use wattage_finance::{
        DatedAmount, FinanceError, StraightLine, StraightLineSpec, Timing, irr, npv, xirr, xnpv,
    };
    #[doc(no_inline)]
    pub use wattage_hardware::{Accelerator, AsicMiner, Fleet, Precision, Sparsity, catalog};
    #[doc(no_inline)]
    pub use wattage_mining::{BlockHeight, Difficulty};
    #[doc(no_inline)]
    pub use wattage_units::{
        Btc, BtcPrice, ComputeEfficiency, Energy, EnergyPrice, FlopRate, GpuHourPrice,
        HashEfficiency, Hashprice, Hashrate, LeaseRate, Measure, Power, Share, Time, Usd, unit,
    };
}

/// The book: chapters from the repository's `docs/`, rendered here so that
/// every example in them compiles and runs as a test. Its recipes read files
/// and use the standard library, hence the `std` gate. The chapters are
/// numbered so that rustdoc, which lists modules alphabetically, lists them
/// in reading order.
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod book {

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/01-stack.md"))]
    pub mod ch01_stack {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/02-quantities.md"))]
    pub mod ch02_quantities {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/03-money.md"))]
    pub mod ch03_money {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/04-hardware.md"))]
    pub mod ch04_hardware {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/05-hashprice.md"))]
    pub mod ch05_hashprice {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/06-facilities.md"))]
    pub mod ch06_facilities {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/07-cookbook.md"))]
    pub mod ch07_cookbook {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/08-teaching.md"))]
    pub mod ch08_teaching {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/09-glossary.md"))]
    pub mod ch09_glossary {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/10-cli.md"))]
    pub mod ch10_cli {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/11-python.md"))]
    pub mod ch11_python {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/12-capital.md"))]
    pub mod ch12_capital {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/performance.md"))]
    pub mod ch13_performance {}

    #[doc = include_str!(concat!(env!("OUT_DIR"), "/architecture.md"))]
    pub mod ch14_architecture {}
}

/// The workspace README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "std"))]
#[doc = include_str!("../../../README.md")]
struct WorkspaceReadme;
