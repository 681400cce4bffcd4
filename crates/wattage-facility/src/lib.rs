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
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::comparison::{Plan, compare};
//! use wattage_facility::power::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::lease::{ColocationLease, LeaseStructure};
//! use wattage_facility::power::PowerContract;
//! use wattage_facility::price_series::Resolution;
//! use wattage_facility::pue::Pue;
//! use wattage_facility::retrofit::{Conversion, RetrofitPlan};
//! use wattage_facility::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::summary::CapexPayment;
//! use wattage_facility::workload::{Colocation, SelfMining, Workload};
//! use wattage_hardware::{Fleet, catalog};
//! use wattage_mining::payout::Pool;
//!
//! let day = |y, m, d| Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap();
//! // 150 MW of interconnect, two 68 MW halls of air-cooled miners.
//! let site = Site::new("West Texas", "150 MW".parse()?)?
//!     .with_hall(Hall::new("A", "68 MW".parse()?, Pue::constant(1.08)?)?)?
//!     .with_hall(Hall::new("B", "68 MW".parse()?, Pue::constant(1.08)?)?)?;
//! // Each hall: 18,600 Antminer S21 XP (5.02 EH/s, 67.8 MW), FPPS at 2%,
//! // $45/PH/day until the April 2028 halving, $24 after.
//! let halving = (day(2028, 4, 15) - day(2026, 1, 1)).num_days();
//! let hashprice: Vec<_> = (0..3653)
//!     .map(|d| if d < halving { "$45/PH/day" } else { "$24/PH/day" }.parse())
//!     .collect::<Result<_, _>>()?;
//! let mut fleet = Fleet::new();
//! fleet.add(catalog::asic("S21 XP")?, 18_600)?;
//! let btc_price = "$95,000/BTC".parse()?;
//! let miners = || -> Result<Workload, wattage_facility::FacilityError> {
//!     Ok(Workload::SelfMining(SelfMining::from_fleet(&fleet, Pool::fpps(Decimal::new(2, 2))?,
//!         HashpricePath::Daily(hashprice.clone()), btc_price)?))
//! };
//! let mut all_mining = Deployment::new(site);
//! all_mining.assign("miners-A", "A", miners()?)?.assign("miners-B", "B", miners()?)?;
//!
//! // Or: hall B stops mining in July 2026, is rebuilt for liquid-cooled AI
//! // (PUE 1.4, 52 MW of critical IT in the same power budget, $9M/MW in
//! // two payments) and leased from July 2027: 10 years at $150/kW/month,
//! // 3% a year, triple-net. Hall A mines all along.
//! let lease = ColocationLease::new("52 MW".parse()?, "$150/kW/month".parse()?, Decimal::new(3, 2), 120,
//!     NaiveDate::from_ymd_opt(2027, 7, 1).unwrap(), LeaseStructure::TripleNet)?;
//! let (converted, capex) = RetrofitPlan::new(all_mining.clone())
//!     .with(Conversion {
//!         hall: "B".into(),
//!         construction_from: day(2026, 7, 1),
//!         live_from: day(2027, 7, 1),
//!         name: "tenant".into(),
//!         workload: Workload::Colocation(Colocation::new(lease, Decimal::ONE)?),
//!         pue: Pue::constant(1.4)?,
//!         capex: vec![
//!             CapexPayment { at: day(2026, 7, 1), amount: "$234M".parse()? },
//!             CapexPayment { at: day(2027, 1, 1), amount: "$234M".parse()? },
//!         ],
//!     })
//!     .apply()?;
//!
//! // Ten years, hour by hour, on a $42/MWh fixed-price contract; $60k of
//! // opex per IT MW-year; NPV at 10%.
//! let comparison = compare(
//!     &Plan { name: "all mining".into(), deployment: all_mining, capex: vec![] },
//!     &Plan { name: "AI lease in hall B".into(), deployment: converted, capex },
//!     &PowerContract::new(PowerSupply::fixed("$42/MWh".parse()?)),
//!     Horizon::calendar_years(day(2026, 1, 1), Resolution::Hourly, 10)?,
//!     Curtailment::AboveBreakeven,
//!     "$60,000".parse()?,
//!     Decimal::new(10, 2),
//! )?;
//! for year in &comparison.years {
//!     println!("{}: mining {:.0}, AI {:.0}", 2026 + year.year, year.base.cash_flow, year.alternative.cash_flow);
//! }
//! // Two years of capex and downtime, then the lease out-earns the hall's
//! // halved mining margin by $69-102M a year: it pays back in under 7
//! // years, an incremental IRR of about 7.5%, short of a 10% hurdle.
//! let years = &comparison.years;
//! assert!(years[0].incremental_cash_flow.is_negative() && years[1].incremental_cash_flow.is_negative());
//! assert!(years[2..].iter().all(|y| !y.incremental_cash_flow.is_negative()));
//! let irr = comparison.incremental_irr.unwrap();
//! assert!(irr > Decimal::new(7, 2) && irr < Decimal::new(8, 2));
//! assert!(comparison.alternative_npv < comparison.base_npv);
//! // The lease earns about $1.87M per MW-year in rent (with power passed through, more).
//! let tenant = comparison.alternative.summary.workload("tenant").unwrap();
//! assert!(tenant.revenue_per_mw_year.unwrap() > "$1,870,000".parse()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! **Power and prices.**
//! - [`price_series`]: timestamped energy prices at 15-minute or hourly
//!   resolution (UTC inside), resampling between them, and readers for
//!   ERCOT's published CSV layouts that reject gaps, repeats and disorder
//!   by line number.
//! - [`power`]: power in one place: the supply (fixed, index on a price
//!   series, blend), the charges beyond energy (demand charges, ERCOT's
//!   4CP tag, demand-response payments), the contract that bundles them
//!   with sell-back credits, and a horizon's prices read once.
//!
//! **The site.**
//! - [`site`] and [`pue`]: an interconnect shared by halls of critical IT
//!   load, each with a constant or hourly PUE; allocations beyond capacity
//!   are errors naming the hall, the load and the capacity.
//! - [`workload`]: self-mining from a `wattage_hardware` fleet with a
//!   `wattage_mining` pool; hosting at an all-in rate; AI colocation on a
//!   [`lease`] (gross or triple-net); a GPU cloud from the catalog.
//! - [`deployment`]: workloads assigned to halls over windows of time,
//!   checked against capacity at every instant; [`retrofit`]: plans that
//!   convert halls from mining to AI in phases.
//!
//! **Simulation and results.**
//! - [`run`]: the exact simulation over a [`horizon`], with curtailment
//!   (interruptible loads off above breakeven, or when sell-back beats
//!   mining; firm loads through), demand charges, 4CP, demand response
//!   and sell-back credits, producing a [`ledger`] per period and per
//!   workload whose totals are exact sums.
//! - [`summary`]: revenue, energy cost, gross margin and EBITDA per
//!   workload and per MW-year, cost per bitcoin, yearly cash flows, NPV,
//!   IRR and payback (on [`finance`]); [`comparison`]: two plans year by
//!   year; [`business_model`]: the same site under asset-light,
//!   colocation, infrastructure-owner, power-integrated and vertically
//!   integrated models.
//! - [`kernel`]: the `f64` summary kernel for sweeps (one site-year at
//!   hourly resolution in about 5 µs), agreeing with the exact ledger to
//!   the cent; [`sweep`]: many sites or price paths, in parallel with
//!   `rayon`.
//! - [`schedule`]: the one lowering step both evaluators share (a
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
pub mod comparison;
pub mod curtailment;
pub mod deployment;
mod error;
mod exact_sum;
pub mod finance;
pub mod hashprice_path;
pub mod horizon;
pub mod kernel;
pub mod lease;
pub mod ledger;
pub mod power;
pub mod price_series;
pub mod pue;
pub mod retrofit;
pub mod run;
pub(crate) mod schedule;
#[cfg(feature = "serde")]
mod serde_impls;
pub mod site;
pub mod summary;
pub mod sweep;
pub mod workload;

pub use error::FacilityError;

// The first page: the types nearly every user names.
pub use comparison::{Comparison, Plan, compare};
pub use curtailment::{CurtailReason, Curtailment};
pub use deployment::Deployment;
pub use hashprice_path::HashpricePath;
pub use horizon::{Horizon, MAX_PERIODS};
pub use kernel::{PricePath, SiteKernel};
pub use lease::{ColocationLease, LeaseStructure};
pub use ledger::SiteLedger;
pub use power::{PowerContract, PowerSupply};
pub use price_series::{PriceSeries, Resolution};
pub use pue::Pue;
pub use run::simulate_site;
pub use site::{Hall, Site};
pub use summary::Summary;
pub use workload::{Colocation, GpuCloud, Hosting, SelfMining, Workload};
