//! Monte Carlo over the network: BTC price, hashrate and fees drawn
//! together, difficulty through the real retarget rule, and percentile
//! bands of each day.
//!
//! Per path and day `d` (time step `dt = 1/365.25` year), from four draws:
//!
//! ```text
//! price      : ln P_d+1 = ln P_d + (mu - sigma_p^2/2) dt + sigma_p sqrt(dt) z1
//! hashrate   : the response model moves ln N toward the target the path's own
//!              price sets (hashrate follows price with the model's lag), plus
//!              sigma_h sqrt(dt) (rho z1 + sqrt(1 - rho^2) z2)
//!              (a stated correlation rho with the price shock)
//! fees/block : ln F_d+1 = ln F_d + kappa dt (ln level - ln F_d) + sigma_f sqrt(dt) z3
//!              (mean-reverting, in BTC per block, independent of the subsidy);
//!              on a day with u < spike probability the day pays spike x F_d
//! ```
//!
//! Each path has its own random stream: ChaCha8 seeded from `seed`, stream
//! number = path index. A path therefore depends only on (seed, index):
//! [`NetworkMonteCarlo::path`] recomputes one alone, and the bands are the
//! same for any number of threads (feature `rayon` runs paths in parallel
//! and collects them in index order).
//!
//! **A price that falls toward zero does not fail the run.** Prices are
//! floored at $0.01/BTC (the walk goes on from the floor; likewise they are
//! capped at [`PRICE_CEILING`] so revenues stay finite); a path that
//! reaches it is kept in the bands (its miners switch off at the response
//! model's switch-off rate) and counted in
//! [`NetworkBands::paths_at_price_floor`].
//!
//! ```
//! // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
//! use chrono::NaiveDate;
//! use wattage_mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
//! use wattage_mining::network_projection::NetworkStart;
//! use wattage_mining::network_response::{ResponseModel, ResponseSpec};
//!
//! let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
//! let spec = NetworkMonteCarloSpec { paths: 64, days: 365, ..NetworkMonteCarloSpec::default() };
//! let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
//! let bands = mc.run(&start)?;
//! let last = bands.hashprice.last().unwrap();
//! assert!(last.p05 <= last.p50 && last.p50 <= last.p95);
//! // Path 7, recomputed alone, is the run's path 7.
//! assert_eq!(mc.path(&start, 7)?, mc.paths(&start)?[7]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use chrono::NaiveDate;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use wattage_units::Hashprice;

use crate::network_projection::{MAX_DAYS, NetworkStart, simulate};
use crate::network_response::ResponseModel;
use crate::{BlockHeight, Error, Result};

/// The most paths a run may have.
pub const MAX_PATHS: u32 = 1_000_000;

/// The most paths x days a run may have.
pub const MAX_PATH_DAYS: u64 = 20_000_000;

/// The lowest price a path takes, $/BTC.
pub const PRICE_FLOOR: f64 = 0.01;

/// The highest price a path takes, $/BTC (10^15: far past any scenario,
/// and it keeps every revenue finite).
pub const PRICE_CEILING: f64 = 1e15;

/// The fee process, in BTC per block.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields, default)
)]
pub struct FeeProcess {
    /// The long-run level, BTC per block (0.03).
    pub level_btc: f64,
    /// Annualised volatility of log fees (1.0).
    pub volatility: f64,
    /// Mean reversion toward the level, per year (6: a half-life of ~6 weeks).
    pub mean_reversion: f64,
    /// Probability of a spike day (0.01).
    pub spike_probability: f64,
    /// The multiple of the day's fees on a spike day (10, as on 2024-04-20).
    pub spike_multiple: f64,
}

impl Default for FeeProcess {
    fn default() -> Self {
        Self {
            level_btc: 0.03,
            volatility: 1.0,
            mean_reversion: 6.0,
            spike_probability: 0.01,
            spike_multiple: 10.0,
        }
    }
}

/// The settings of a [`NetworkMonteCarlo`], by name.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields, default)
)]
pub struct NetworkMonteCarloSpec {
    /// Paths (1,000).
    pub paths: u32,
    /// The seed (0).
    pub seed: u64,
    /// Days per path (365).
    pub days: u32,
    /// Annual log drift of the BTC price (0).
    pub price_drift: f64,
    /// Annualised volatility of the log BTC price (0.6).
    pub price_volatility: f64,
    /// Annualised volatility of the hashrate shocks (0.15).
    pub hashrate_volatility: f64,
    /// Correlation of the hashrate shocks with the price shocks (0.3).
    pub correlation: f64,
    /// The fee process.
    pub fees: FeeProcess,
}

impl Default for NetworkMonteCarloSpec {
    fn default() -> Self {
        Self {
            paths: 1_000,
            seed: 0,
            days: 365,
            price_drift: 0.0,
            price_volatility: 0.6,
            hashrate_volatility: 0.15,
            correlation: 0.3,
            fees: FeeProcess::default(),
        }
    }
}

/// A validated Monte Carlo over the network.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkMonteCarlo {
    spec: NetworkMonteCarloSpec,
    model: ResponseModel,
}

/// One path, day by day.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NetworkPath {
    /// The path's index (its random stream).
    pub index: u32,
    /// The first day of the path (the start's date).
    pub start_date: NaiveDate,
    /// The height of the next block at the start (the start's height).
    pub start_height: BlockHeight,
    /// BTC price, $.
    pub btc_price: Vec<f64>,
    /// Network hashrate, EH/s.
    pub hashrate_ehs: Vec<f64>,
    /// Difficulty at the start of each day.
    pub difficulty: Vec<f64>,
    /// Fees per block, BTC.
    pub fees_btc: Vec<f64>,
    /// Hashprice, $/PH/day.
    pub hashprice: Vec<f64>,
    /// Blocks mined each day.
    pub blocks: Vec<f64>,
    /// The height of the next block at the end of each day.
    pub height: Vec<BlockHeight>,
    /// Whether the price reached [`PRICE_FLOOR`].
    pub hit_price_floor: bool,
}

impl NetworkPath {
    /// The daily hashprices as money (for a facility's `HashpricePath`).
    ///
    /// # Errors
    ///
    /// [`Error::Money`] for a value money cannot hold.
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::{network_montecarlo::*, network_projection::NetworkStart, network_response::*};
    /// # let start = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 2, days: 30, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// assert_eq!(mc.path(&start, 0)?.daily_hashprices()?.len(), 30);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn daily_hashprices(&self) -> Result<Vec<Hashprice>> {
        self.hashprice
            .iter()
            .map(|h| Hashprice::from_f64(*h).map_err(Error::from))
            .collect()
    }
}

/// Percentile bands of every day across paths.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NetworkBands {
    /// BTC price, $.
    pub btc_price: Vec<Bands<f64>>,
    /// Hashrate, EH/s.
    pub hashrate_ehs: Vec<Bands<f64>>,
    /// Difficulty.
    pub difficulty: Vec<Bands<f64>>,
    /// Fees per block, BTC.
    pub fees_btc: Vec<Bands<f64>>,
    /// Hashprice, $/PH/day.
    pub hashprice: Vec<Bands<f64>>,
    /// Paths whose price reached [`PRICE_FLOOR`] (kept in the bands).
    pub paths_at_price_floor: u32,
    /// Paths run.
    pub paths: u32,
}

fn check(
    what: &'static str,
    v: f64,
    lo: f64,
    hi: f64,
    expected: &'static str,
    unit: &'static str,
) -> Result<f64> {
    if v.is_finite() && (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(Error::OutOfRange {
            what,
            expected,
            value: v,
            unit,
        })
    }
}

impl NetworkMonteCarlo {
    /// A Monte Carlo with `spec` and the hashrate `model`.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] with the value for 0 or more than
    /// [`MAX_PATHS`] paths (10^9 paths is refused), 0 or more than
    /// [`MAX_DAYS`] days, more than [`MAX_PATH_DAYS`] paths x days, a drift
    /// outside [-2, 2], volatilities outside [0, 5], a fee level not
    /// positive or above 1,000 BTC, mean reversion outside [0, 365], a spike
    /// probability outside [0, 1] or a spike multiple outside [1, 1,000];
    /// [`Error::InvalidCorrelation`] for a correlation outside [-1, 1].
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{network_montecarlo::*, network_response::*, Error};
    ///
    /// let model = ResponseModel::try_from(ResponseSpec::default())?;
    /// let bad = NetworkMonteCarloSpec { correlation: 1.5, ..Default::default() };
    /// assert!(matches!(NetworkMonteCarlo::new(bad, model.clone()), Err(Error::InvalidCorrelation { value, .. }) if value == 1.5));
    /// let huge = NetworkMonteCarloSpec { paths: 1_000_000_000, ..Default::default() };
    /// assert!(matches!(NetworkMonteCarlo::new(huge, model), Err(Error::OutOfRange { value, .. }) if value == 1e9));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(spec: NetworkMonteCarloSpec, model: ResponseModel) -> Result<Self> {
        check(
            "the number of paths",
            f64::from(spec.paths),
            1.0,
            f64::from(MAX_PATHS),
            "between 1 and 1,000,000",
            "(paths)",
        )?;
        check(
            "the number of days",
            f64::from(spec.days),
            1.0,
            f64::from(MAX_DAYS),
            "between 1 and 20,000",
            "(days)",
        )?;
        let path_days = u64::from(spec.paths) * u64::from(spec.days);
        if path_days > MAX_PATH_DAYS {
            #[allow(clippy::cast_precision_loss, reason = "below 2e10, exact")]
            let value = path_days as f64;
            return Err(Error::OutOfRange {
                what: "paths x days",
                expected: "at most 20,000,000 (memory for the bands)",
                value,
                unit: "(path days)",
            });
        }
        check(
            "the price drift",
            spec.price_drift,
            -2.0,
            2.0,
            "between -2 and 2",
            "(log per year)",
        )?;
        check(
            "the price volatility",
            spec.price_volatility,
            0.0,
            5.0,
            "between 0 and 5",
            "(per sqrt year)",
        )?;
        check(
            "the hashrate volatility",
            spec.hashrate_volatility,
            0.0,
            5.0,
            "between 0 and 5",
            "(per sqrt year)",
        )?;
        if !(spec.correlation.is_finite() && (-1.0..=1.0).contains(&spec.correlation)) {
            return Err(Error::InvalidCorrelation {
                what: "the correlation of hashrate and price shocks",
                value: spec.correlation,
            });
        }
        let f = spec.fees;
        if !(f.level_btc.is_finite() && f.level_btc > 0.0 && f.level_btc <= 1_000.0) {
            return Err(Error::OutOfRange {
                what: "the fee level",
                expected: "positive and at most 1,000",
                value: f.level_btc,
                unit: "(BTC per block)",
            });
        }
        check(
            "the fee volatility",
            f.volatility,
            0.0,
            5.0,
            "between 0 and 5",
            "(per sqrt year)",
        )?;
        check(
            "the fee mean reversion",
            f.mean_reversion,
            0.0,
            365.0,
            "between 0 and 365",
            "(per year)",
        )?;
        check(
            "the fee spike probability",
            f.spike_probability,
            0.0,
            1.0,
            "between 0 and 1",
            "(per day)",
        )?;
        check(
            "the fee spike multiple",
            f.spike_multiple,
            1.0,
            1_000.0,
            "between 1 and 1,000",
            "(x)",
        )?;
        Ok(Self { spec, model })
    }

    /// The settings.
    #[must_use]
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::{network_montecarlo::*, network_projection::NetworkStart, network_response::*};
    /// # let start = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 4, days: 30, seed: 1, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// assert_eq!(mc.spec().paths, 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn spec(&self) -> &NetworkMonteCarloSpec {
        &self.spec
    }

    /// Path `index` alone, from (seed, index).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for an index not below the number of paths;
    /// as [`crate::network_projection::project_network`].
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::{network_montecarlo::*, network_projection::NetworkStart, network_response::*};
    /// # let start = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 4, days: 30, seed: 1, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// assert_eq!(mc.path(&start, 3)?.index, 3);
    /// assert!(mc.path(&start, 4).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn path(&self, start: &NetworkStart, index: u32) -> Result<NetworkPath> {
        if index >= self.spec.paths {
            return Err(Error::OutOfRange {
                what: "the path index",
                expected: "below the number of paths",
                value: f64::from(index),
                unit: "(index)",
            });
        }
        let s = &self.spec;
        let n = s.days as usize;
        let mut rng = ChaCha8Rng::seed_from_u64(s.seed);
        rng.set_stream(u64::from(index));
        let dt = 1.0 / 365.25;
        let sqdt = libm::sqrt(dt);
        let (mut prices, mut fees, mut hash_shocks) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut ln_p = libm::log(start.btc_price.to_f64());
        let ln_level = libm::log(s.fees.level_btc);
        let start_fees = start.fees_per_block.to_btc_f64();
        let mut ln_f = if start_fees > 0.0 {
            libm::log(start_fees)
        } else {
            ln_level
        };
        let floor = libm::log(PRICE_FLOOR);
        let ceiling = libm::log(PRICE_CEILING);
        let mut hit_floor = false;
        let rho = s.correlation;
        let other = libm::sqrt((1.0 - rho * rho).max(0.0));
        for _ in 0..n {
            let (z1, z2) = standard_normals(&mut rng);
            let (z3, _) = standard_normals(&mut rng);
            let u = uniform(&mut rng);
            if ln_p <= floor {
                ln_p = floor;
                hit_floor = true;
                prices.push(PRICE_FLOOR);
            } else if ln_p >= ceiling {
                ln_p = ceiling;
                prices.push(PRICE_CEILING);
            } else {
                prices.push(libm::exp(ln_p));
            }
            let spike = if u < s.fees.spike_probability {
                s.fees.spike_multiple
            } else {
                1.0
            };
            fees.push(libm::exp(ln_f) * spike);
            hash_shocks.push(s.hashrate_volatility * sqdt * (rho * z1 + other * z2));
            ln_p += (s.price_drift - s.price_volatility * s.price_volatility / 2.0) * dt
                + s.price_volatility * sqdt * z1;
            ln_f += s.fees.mean_reversion * dt * (ln_level - ln_f) + s.fees.volatility * sqdt * z3;
        }
        let run = simulate(
            start,
            &self.model,
            s.days,
            &|d| prices.get(d).copied().unwrap_or(PRICE_FLOOR),
            &|d| fees.get(d).copied().unwrap_or(0.0),
            &mut |d| hash_shocks.get(d).copied().unwrap_or(0.0),
        )?;
        let height = run
            .days
            .iter()
            .map(|d| {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "a height below 2^32"
                )]
                let h = libm::floor(d.next_height) as u32;
                BlockHeight::new(h)
            })
            .collect();
        Ok(NetworkPath {
            index,
            start_date: start.date,
            start_height: start.height,
            blocks: run.days.iter().map(|d| d.blocks).collect(),
            height,
            hashrate_ehs: run.days.iter().map(|d| d.hashrate_hs / 1e18).collect(),
            difficulty: run.days.iter().map(|d| d.difficulty).collect(),
            hashprice: run.days.iter().map(|d| d.hashprice).collect(),
            btc_price: prices,
            fees_btc: fees,
            hit_price_floor: hit_floor,
        })
    }

    /// Every path, in index order (in parallel with the `rayon` feature;
    /// the same for any number of threads).
    ///
    /// # Errors
    ///
    /// As [`NetworkMonteCarlo::path`].
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::{network_montecarlo::*, network_projection::NetworkStart, network_response::*};
    /// # let start = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 4, days: 30, seed: 1, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// assert_eq!(mc.paths(&start)?.len(), 4);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn paths(&self, start: &NetworkStart) -> Result<Vec<NetworkPath>> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            (0..self.spec.paths)
                .into_par_iter()
                .map(|i| self.path(start, i))
                .collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            (0..self.spec.paths).map(|i| self.path(start, i)).collect()
        }
    }

    /// Runs every path and returns the daily percentile bands.
    ///
    /// # Errors
    ///
    /// As [`NetworkMonteCarlo::path`].
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use wattage_mining::{network_montecarlo::*, network_projection::NetworkStart, network_response::*};
    /// # let start = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), "$105,000/BTC".parse()?, "0.03 BTC".parse()?)?;
    /// let spec = NetworkMonteCarloSpec { paths: 4, days: 30, seed: 1, ..Default::default() };
    /// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
    /// let bands = mc.run(&start)?;
    /// assert_eq!((bands.paths, bands.hashprice.len()), (4, 30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, start: &NetworkStart) -> Result<NetworkBands> {
        let paths = self.paths(start)?;
        let n = self.spec.days as usize;
        let series = |get: &dyn Fn(&NetworkPath) -> &[f64]| -> Result<Vec<Bands<f64>>> {
            (0..n)
                .map(|d| {
                    f64_bands(
                        paths
                            .iter()
                            .map(|p| get(p).get(d).copied().unwrap_or(f64::NAN))
                            .collect(),
                    )
                })
                .collect()
        };
        let floor = paths.iter().filter(|p| p.hit_price_floor).count();
        Ok(NetworkBands {
            btc_price: series(&|p| &p.btc_price)?,
            hashrate_ehs: series(&|p| &p.hashrate_ehs)?,
            difficulty: series(&|p| &p.difficulty)?,
            fees_btc: series(&|p| &p.fees_btc)?,
            hashprice: series(&|p| &p.hashprice)?,
            paths_at_price_floor: u32::try_from(floor).unwrap_or(u32::MAX),
            paths: self.spec.paths,
        })
    }
}

/// Nearest-rank percentiles of finite values.
fn f64_bands(mut values: Vec<f64>) -> Result<Bands<f64>> {
    if let Some(bad) = values.iter().find(|v| !v.is_finite()) {
        return Err(Error::NotPositive {
            what: "a Monte Carlo value (finite)",
            value: *bad,
        });
    }
    values.sort_by(f64::total_cmp);
    sorted_bands(&values)
}

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    #[allow(clippy::cast_precision_loss, reason = "53 bits, exact")]
    let u = (rng.next_u64() >> 11) as f64 / 9_007_199_254_740_992.0;
    u
}

/// Two independent standard normals by Box-Muller.
fn standard_normals(rng: &mut ChaCha8Rng) -> (f64, f64) {
    let u1 = 1.0 - uniform(rng); // (0, 1]
    let u2 = uniform(rng);
    let r = libm::sqrt(-2.0 * libm::log(u1));
    let theta = 2.0 * core::f64::consts::PI * u2;
    (r * libm::cos(theta), r * libm::sin(theta))
}

/// Nearest-rank percentiles of a value across paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Bands<T> {
    /// 5th percentile.
    pub p05: T,
    /// 25th percentile.
    pub p25: T,
    /// Median.
    pub p50: T,
    /// 75th percentile.
    pub p75: T,
    /// 95th percentile.
    pub p95: T,
}

/// Nearest-rank percentiles of `values`: the value of rank
/// ceil(p/100 x n), 1-based, for p = 5, 25, 50, 75 and 95.
///
/// # Errors
///
/// [`Error::NotEnoughData`] for an empty vector.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::network_montecarlo::percentiles;
///
/// let b = percentiles((1..=100).collect())?;
/// assert_eq!((b.p05, b.p25, b.p50, b.p75, b.p95), (5, 25, 50, 75, 95));
/// assert!(percentiles(Vec::<u32>::new()).is_err());
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn percentiles<T: Copy + Ord>(mut values: Vec<T>) -> Result<Bands<T>> {
    values.sort_unstable();
    sorted_bands(&values)
}

/// Nearest-rank percentile bands of `values`, already sorted ascending.
pub(crate) fn sorted_bands<T: Copy>(values: &[T]) -> Result<Bands<T>> {
    let n = values.len();
    let at = |p: usize| -> Result<T> {
        let rank = p.saturating_mul(n).div_ceil(100).max(1);
        values.get(rank - 1).copied().ok_or(Error::NotEnoughData {
            what: "percentile bands",
            needed: 1,
            got: n,
        })
    };
    Ok(Bands {
        p05: at(5)?,
        p25: at(25)?,
        p50: at(50)?,
        p75: at(75)?,
        p95: at(95)?,
    })
}
