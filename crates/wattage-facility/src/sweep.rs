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

/// [`over_sites`] in parallel (results in order, equal to the sequential
/// run's).
///
/// It runs on the rayon pool it is called from: rayon's global pool, or
/// the pool whose `install` calls it. Results do not depend on the pool
/// or on the number of threads.
///
/// # Short sweeps from one thread
///
/// On the global pool the calling thread only waits while the pool's
/// threads work, so each call wakes every one of them. For a sweep of
/// some ten sites (about 0.1 ms of work) waking the second thread costs
/// a sixth of the run: measured on 2 cores, 10 sites ran 1.7× faster than
/// sequentially on the global pool, and 1.9× to 2.2× inside a pool of
/// which the calling thread is a worker, kept for all the calls
/// (`docs/performance.md`). Build it once with rayon's
/// `ThreadPoolBuilder::use_current_thread` and call the sweep inside its
/// `install`:
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// // And rayon itself (rayon = "1.10"), with the `rayon` feature of wattage.
/// # use wattage_facility::kernel::{KernelTotals, PricePath, SiteKernel};
/// # use wattage_facility::Curtailment;
/// use wattage_facility::sweep::par_over_sites;
///
/// fn sweep_many(sites: &[SiteKernel], paths: &[PricePath]) -> Result<Vec<Vec<KernelTotals>>, rayon::ThreadPoolBuildError> {
///     // Two threads, the calling one among them; built once, used for every path.
///     let pool = rayon::ThreadPoolBuilder::new().num_threads(2).use_current_thread().build()?;
///     Ok(paths.iter().map(|path| pool.install(|| par_over_sites(sites, path, Curtailment::AboveBreakeven))).collect())
/// }
/// # assert!(sweep_many(&[], &[]).unwrap().is_empty());
/// ```
///
/// A pool built with `use_current_thread` belongs to the thread that
/// built it: keep it on that thread, and do not build a second one there
/// while the first is alive.
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

/// [`over_paths`] in parallel (results in order, equal to the sequential
/// run's), on the rayon pool it is called from, as [`par_over_sites`]
/// (whose docs show a pool for short sweeps from one thread).
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
