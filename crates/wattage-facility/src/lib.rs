//! Sites that turn power into hashes and FLOPs: power contracts and
//! prices, halls and PUE, mining, hosting, AI colocation and GPU clouds,
//! curtailment, retrofits from mining to AI, and the P&L of it all.
//!
//! The question this crate was built for: a 150 MW mining site at today's
//! hashprice could turn one of its halls into an AI lease at a rate like
//! the public deals (about $150/kW/month). Is that better, year by year,
//! than staying all-mining?
//!
//! ```
//! // Needs wattage-facility, wattage-mining, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::rust_decimal, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::{Curtailment, Deployment, Hall, HashpricePath, Horizon, PowerContract};
//! use wattage_facility::{PowerSupply, Pue, Resolution, SelfMining, SelfMiningSpec, Site, Workload, simulate_site};
//! use wattage_mining::payout::Pool;
//!
//! // A 50 MW hall of miners (3 EH/s at 16 J/TH), paid $48/PH/day, on a $42/MWh contract.
//! let site = Site::new("West Texas", "60 MW".parse()?)?.with_hall(Hall::new("A", "50 MW".parse()?, Pue::constant(1.08)?)?)?;
//! let fleet = SelfMining::new(SelfMiningSpec {
//!     hashrate: "3 EH/s".parse()?,
//!     it_power: "48 MW".parse()?,
//!     pool: Pool::fpps("2%".parse()?)?,
//!     hashprice: HashpricePath::Constant("$48/PH/day".parse()?),
//!     btc_price: "$95,000/BTC".parse()?,
//!     uptime: Decimal::ONE,
//!     degradation_per_year: Decimal::ZERO,
//! })?;
//! let mut plan = Deployment::new(site);
//! plan.assign("fleet", "A", Workload::SelfMining(fleet))?;
//! let year = Horizon::calendar_years(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Resolution::Hourly, 1)?;
//! let ledger = simulate_site(&plan, &PowerContract::new(PowerSupply::fixed("$42/MWh".parse()?)), year, Curtailment::AboveBreakeven)?;
//! println!("gross margin {:.0}", ledger.totals().money.gross_margin()?); // about $32M
//! assert!(ledger.totals().money.gross_margin()? > "$30,000,000".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The whole convergence story (a 150 MW site converting a hall to an AI
//! lease, compared year by year with staying all-mining) is the book's
//! chapter on facilities (`wattage::book::ch06_facilities`) and the
//! `convergence` example.
//!
//! # Overview
//!
//! **Power and prices.**
//! - [`price_series`]: timestamped energy prices at 15-minute or hourly
//!   resolution (UTC inside), resampling between them, and readers for
//!   ERCOT's published CSV layouts that reject gaps, repeats and disorder
//!   by line number.
//! - [`power`]: power in one place: the supply (fixed, index on a price
//!   series), fixed blocks settled financially, the charges beyond energy
//!   (demand charges, ERCOT's 4CP tag and its avoidance on a forecast,
//!   demand-response payments on availability), the contract that bundles
//!   them with sell-back credits, and a horizon's prices read once.
//! - [`pass_through`]: which cost lines a colocation tenant reimburses.
//!
//! **The site.**
//! - [`site`] and [`pue`]: an interconnect shared by halls of critical IT
//!   load, each with a constant or hourly PUE; allocations beyond capacity
//!   are errors naming the hall, the load and the capacity.
//! - [`workload`]: self-mining from a `wattage_hardware` fleet with a
//!   `wattage_mining` pool; hosting at an all-in rate; AI colocation on a
//!   [`lease`] (gross or triple-net, with free rent and rate steps from
//!   [`rent_terms`]); a GPU cloud from the catalog.
//! - [`tranche`] and [`sla`]: AI leases delivered in tranches with their
//!   own rent commencement, expansion options and SLA credits for downtime.
//! - [`inference`], [`cloud_ramp`] and [`hall_choice`]: tokens per second,
//!   joules and dollars per token; a GPU cloud's utilization ramp and
//!   declining price after commissioning; a hall leased or as a GPU cloud,
//!   side by side.
//! - [`deployment`]: workloads assigned to halls over windows of time,
//!   checked against capacity at every instant; [`retrofit`]: plans that
//!   convert halls from mining to AI in phases.
//!
//! **Simulation and results.**
//! - [`run`]: the exact simulation over a [`horizon`], with curtailment
//!   (interruptible loads off above breakeven, or when sell-back beats
//!   mining; firm loads through), demand charges, 4CP, demand response
//!   and sell-back credits, producing a [`ledger`] per period and per
//!   workload whose totals are exact sums; [`totals_by`]: the same exact
//!   sums by month, year or for the whole horizon, streamed without a
//!   ledger; [`money_lines`]: the one set of money lines (revenue, energy
//!   cost, credits, charges...) every period, total and summary holds.
//! - [`summary`]: revenue, energy cost, gross margin and EBITDA per
//!   workload and per MW-year, cost per bitcoin, yearly cash flows, NPV,
//!   IRR and payback (on [`finance`]); [`comparison`]: two plans year by
//!   year; [`business_model`]: the same site under asset-light,
//!   colocation, infrastructure-owner, power-integrated and vertically
//!   integrated models, each with its yearly cash flows
//!   ([`business_model::BusinessModel::cash_flows`]) to finance and tax.
//! - [`capital`]: the assets a plan owns (miners, GPUs, site
//!   infrastructure) with book depreciation, resale and refresh, and
//!   [`capital::financing`]: a plan's cash flows unlevered and levered,
//!   before and after tax, on `wattage-finance`.
//! - [`kernel`]: the `f64` summary kernel for sweeps (one site-year at
//!   hourly resolution in about 5 µs), agreeing with the exact ledger to
//!   the cent; [`sweep`]: many sites or price paths, in parallel with
//!   `rayon`.
//! - `schedule` (internal): the one lowering step both evaluators share (a
//!   deployment on a horizon becomes a schedule of loads);
//!   [`curtailment`]: the policies and the one run-or-curtail decision;
//!   [`hashprice_path`]: the hashprice a mining fleet earns, period by
//!   period.
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
//! - `serde`: `Serialize`/`Deserialize` for sites, halls, PUE, price
//!   series, contracts, workloads, leases, deployments, retrofit plans and
//!   horizons (deserializing through the validating constructors), and
//!   `Serialize` for ledgers and results.
//! - `rayon`: parallel sweeps in [`sweep`] (implies `std`).
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod business_model;
pub mod capital;
mod cash_flows;
pub mod cloud_ramp;
pub mod comparison;
pub mod curtailment;
pub mod deployment;
mod error;
mod exact_sum;
pub mod finance;
pub mod hall_choice;
pub mod hashprice_path;
pub mod horizon;
pub mod inference;
pub mod kernel;
pub mod lease;
pub mod ledger;
pub mod money_lines;
pub mod pass_through;
mod period_prices;
pub mod power;
pub mod price_series;
pub mod pue;
pub mod rent_terms;
pub mod retrofit;
pub mod run;
pub(crate) mod schedule;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod site;
pub mod sla;
pub mod summary;
pub mod sweep;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod tables;
pub mod totals_by;
pub mod tranche;
pub mod workload;

pub use error::FacilityError;

// The first page: the types nearly every user names.
pub use comparison::{Assumptions, Comparison, Plan, compare};
pub use curtailment::{CurtailReason, Curtailment};
pub use deployment::{AssignmentSpec, Deployment, Window};
pub use hashprice_path::HashpricePath;
pub use horizon::{Horizon, MAX_PERIODS};
pub use kernel::{PricePath, SiteKernel};
pub use lease::{ColocationLease, LeaseSpec, LeaseStructure};
pub use ledger::SiteLedger;
pub use money_lines::MoneyLines;
pub use power::{PowerContract, PowerSupply};
pub use price_series::{PriceSeries, Resolution};
pub use pue::Pue;
pub use run::simulate_site;
pub use site::{Hall, Site};
pub use summary::Summary;
pub use totals_by::{Grouping, TotalsBy, simulate_by};
pub use workload::{
    Colocation, GpuCloud, GpuCloudSpec, Hosting, SelfMining, SelfMiningSpec, Workload,
};
