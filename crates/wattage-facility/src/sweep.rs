//! Scenario sweeps: many sites on one price path, or one site on many
//! paths, through the `f64` kernel; in parallel with the `rayon` feature.
//!
//! ```
//! // Needs wattage-facility, wattage-mining, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::rust_decimal, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::power::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::kernel::{PricePath, SiteKernel};
//! use wattage_facility::power::PowerContract;
//! use wattage_facility::price_series::Resolution;
//! use wattage_facility::pue::Pue;
//! use wattage_facility::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::sweep::over_paths;
//! use wattage_facility::workload::{SelfMining, SelfMiningSpec, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let horizon = Horizon::new(start, Resolution::Hourly, 24)?;
//! let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse()?));
//! let site = Site::new("S", "20 MW".parse()?)?.with_hall(Hall::new("A", "18 MW".parse()?, Pue::constant(1.05)?)?)?;
//! let mut plan = Deployment::new(site);
//! plan.assign("fleet", "A", Workload::SelfMining(SelfMining::new(SelfMiningSpec { hashrate: "1 EH/s".parse()?, it_power: "16 MW".parse()?,
//!     pool: Pool::FPPS_NO_FEE, hashprice: HashpricePath::Constant("$50/PH/day".parse()?), btc_price: "$100,000/BTC".parse()?, uptime: Decimal::ONE, degradation_per_year: Decimal::ZERO })?))?;
//! let kernel = SiteKernel::new(&plan, &contract, horizon)?;
//! // Three flat price paths: $40, $100 and $200/MWh.
//! let paths: Vec<PricePath> = [40.0, 100.0, 200.0].iter().map(|&p| PricePath::from_f64(vec![p; 24], None)).collect::<Result<_, _>>()?;
//! let results = over_paths(&kernel, &paths, Curtailment::AboveBreakeven);
//! // Breakeven is $124/MWh: the fleet runs on the first two paths only.
//! let curtailed: Vec<usize> = results.iter().filter_map(|r| r.workload("fleet")).map(|w| w.curtailed_periods).collect();
//! assert_eq!(curtailed, [0, 0, 24]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use crate::curtailment::Curtailment;
use crate::kernel::{KernelTotals, PricePath, SiteKernel};

/// Runs every site in `sites` on `path`, in order.
#[must_use]
pub fn over_sites(
    sites: &[SiteKernel],
    path: &PricePath,
    policy: Curtailment,
) -> Vec<KernelTotals> {
    sites.iter().map(|site| site.run(path, policy)).collect()
}

/// Runs `site` on every path in `paths`, in order.
#[must_use]
pub fn over_paths(
    site: &SiteKernel,
    paths: &[PricePath],
    policy: Curtailment,
) -> Vec<KernelTotals> {
    paths.iter().map(|path| site.run(path, policy)).collect()
}

/// [`over_sites`] in parallel on rayon's global pool (results in order).
#[cfg(feature = "rayon")]
#[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
#[must_use]
pub fn par_over_sites(
    sites: &[SiteKernel],
    path: &PricePath,
    policy: Curtailment,
) -> Vec<KernelTotals> {
    use rayon::prelude::*;
    sites
        .par_iter()
        .map(|site| site.run(path, policy))
        .collect()
}

/// [`over_paths`] in parallel on rayon's global pool (results in order).
#[cfg(feature = "rayon")]
#[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
#[must_use]
pub fn par_over_paths(
    site: &SiteKernel,
    paths: &[PricePath],
    policy: Curtailment,
) -> Vec<KernelTotals> {
    use rayon::prelude::*;
    paths
        .par_iter()
        .map(|path| site.run(path, policy))
        .collect()
}
