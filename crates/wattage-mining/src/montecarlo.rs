//! Seeded Monte Carlo projections with percentile bands.
//!
//! Each path draws, per step, two independent standard normals `z` and `w`
//! (Box-Muller on a ChaCha8 stream seeded from `seed`):
//!
//! ```text
//! price_k+1      = price_k x exp(ln(1 + price growth) - sigma_p^2 / 2 + sigma_p x z)    (geometric Brownian motion)
//! difficulty_k+1 = difficulty_k x clamp(1 + difficulty growth + sigma_d x w, 1/4, 4)
//! ```
//!
//! so the *mean* price follows the scenario's deterministic growth (the
//! median sits below it by `exp(-sigma_p^2 k / 2)` after `k` steps). Every
//! path then runs through [`crate::projection::project`], exact in money,
//! and the bands are nearest-rank percentiles across paths at each step.
//! The same seed gives the same bands.
//!
//! ```
//! // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
//! use wattage_mining::{
//!     hashprice::Fees, montecarlo::MonteCarlo, operation::Operation,
//!     projection::{Scenario, StepLength}, BlockHeight, Difficulty,
//! };
//! use wattage_units::Btc;
//!
//! let scenario = Scenario::new(
//!     BlockHeight::new(953_568),
//!     Difficulty::new(124.93e12)?,
//!     "$62,242/BTC".parse()?,
//!     Fees::per_block("0.015 BTC".parse::<Btc>()?)?,
//!     12,
//!     StepLength::Month,
//! )?
//! .with_difficulty_growth(0.03)?;
//! let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, "$45/MWh".parse()?);
//! let mc = MonteCarlo::new(200, 42)?.with_price_volatility(0.15)?.with_difficulty_volatility(0.02)?;
//! let bands = mc.run(&s21xp, &scenario)?;
//! let last = bands.cumulative_cash_margin.last().unwrap();
//! assert!(last.p05 < last.p50 && last.p50 < last.p95);
//! assert_eq!(bands, mc.run(&s21xp, &scenario)?); // reproducible
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use wattage_units::{Btc, BtcPrice, Usd};

use crate::operation::Operation;
use crate::projection::{Path, Scenario, project};
use crate::{Difficulty, Error, Result};

/// The most paths a run may have.
pub const MAX_PATHS: u32 = 1_000_000;

/// The most paths x steps a run may have (the bands keep every value).
pub const MAX_PATH_STEPS: u64 = 20_000_000;

/// Monte Carlo settings.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MonteCarlo {
    paths: u32,
    seed: u64,
    price_volatility: f64,
    difficulty_volatility: f64,
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

/// Percentile bands at every step.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MonteCarloBands {
    /// The BTC price at each step.
    pub btc_price: Vec<Bands<BtcPrice>>,
    /// The cumulative cash margin at the end of each step.
    pub cumulative_cash_margin: Vec<Bands<Usd>>,
    /// Total bitcoin mined over the projection.
    pub total_mined: Bands<Btc>,
    /// Paths on which the cumulative cash margin repaid the capex.
    pub paths_paid_back: u32,
    /// Paths run.
    pub paths: u32,
}

impl MonteCarlo {
    /// `paths` paths from `seed`, without volatility until set (every path
    /// then equals the deterministic one).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for 0 paths or more than [`MAX_PATHS`].
    pub fn new(paths: u32, seed: u64) -> Result<Self> {
        if paths == 0 || paths > MAX_PATHS {
            return Err(Error::OutOfRange {
                what: "the number of paths",
                expected: "between 1 and 1,000,000",
                value: f64::from(paths),
                unit: "(paths)",
            });
        }
        Ok(Self {
            paths,
            seed,
            price_volatility: 0.0,
            difficulty_volatility: 0.0,
        })
    }

    /// Volatility of the log BTC price per step (about 0.15-0.20 a month historically).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`], with the value, unless finite and in `[0, 2]`.
    pub fn with_price_volatility(mut self, sigma: f64) -> Result<Self> {
        self.price_volatility = check_sigma("price volatility", sigma)?;
        Ok(self)
    }

    /// Standard deviation of the difficulty growth per step.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`], with the value, unless finite and in `[0, 2]`.
    pub fn with_difficulty_volatility(mut self, sigma: f64) -> Result<Self> {
        self.difficulty_volatility = check_sigma("difficulty volatility", sigma)?;
        Ok(self)
    }

    /// The random paths, in order (the same seed gives the same paths).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for more than [`MAX_PATH_STEPS`] paths x
    /// steps; [`Error::Money`] or [`Error::InvalidDifficulty`] if a path
    /// leaves the representable range (a price rounding to zero).
    pub fn paths(&self, scenario: &Scenario) -> Result<Vec<Path>> {
        let path_steps = u64::from(self.paths).saturating_mul(u64::from(scenario.steps()));
        if path_steps > MAX_PATH_STEPS {
            #[allow(
                clippy::cast_precision_loss,
                reason = "at most 1e6 x 1e5 = 1e11, exact in an f64"
            )]
            let value = path_steps as f64;
            return Err(Error::OutOfRange {
                what: "paths x steps",
                expected: "at most 20,000,000 (memory for the bands)",
                value,
                unit: "(path steps)",
            });
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        let n = scenario.steps() as usize;
        let drift = libm::log1p(scenario.price_growth())
            - self.price_volatility * self.price_volatility / 2.0;
        let mut out = Vec::with_capacity(self.paths as usize);
        for _ in 0..self.paths {
            let mut prices = Vec::with_capacity(n);
            let mut difficulties = Vec::with_capacity(n);
            let mut price = scenario.start_price().to_f64();
            let mut difficulty = scenario.start_difficulty().get();
            for k in 0..n {
                if k == 0 {
                    prices.push(scenario.start_price());
                } else {
                    prices.push(BtcPrice::from_f64(price)?);
                }
                difficulties.push(Difficulty::new(difficulty)?);
                let (z, w) = standard_normals(&mut rng);
                price *= libm::exp(drift + self.price_volatility * z);
                let factor = 1.0 + scenario.difficulty_growth() + self.difficulty_volatility * w;
                difficulty *= factor.clamp(0.25, 4.0);
            }
            out.push(Path::new(
                prices,
                difficulties,
                alloc::vec![scenario.fees(); n],
            )?);
        }
        Ok(out)
    }

    /// Runs `operation` along every path and returns the percentile bands.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for more than [`MAX_PATH_STEPS`] paths x
    /// steps; as [`MonteCarlo::paths`] and [`project`].
    pub fn run(&self, operation: &Operation, scenario: &Scenario) -> Result<MonteCarloBands> {
        let paths = self.paths(scenario)?;
        let n = scenario.steps() as usize;
        let mut prices: Vec<Vec<BtcPrice>> =
            (0..n).map(|_| Vec::with_capacity(paths.len())).collect();
        let mut margins: Vec<Vec<Usd>> = (0..n).map(|_| Vec::with_capacity(paths.len())).collect();
        let mut mined = Vec::with_capacity(paths.len());
        let mut paid_back = 0u32;
        for path in &paths {
            let projection = project(operation, scenario, path)?;
            for (k, step) in projection.steps().iter().enumerate() {
                if let (Some(p), Some(m)) = (prices.get_mut(k), margins.get_mut(k)) {
                    p.push(step.btc_price);
                    m.push(step.cumulative_cash_margin);
                }
            }
            mined.push(projection.total_mined()?);
            if projection.payback_step().is_some() {
                paid_back = paid_back.saturating_add(1);
            }
        }
        Ok(MonteCarloBands {
            btc_price: prices.into_iter().map(bands).collect::<Result<_>>()?,
            cumulative_cash_margin: margins.into_iter().map(bands).collect::<Result<_>>()?,
            total_mined: bands(mined)?,
            paths_paid_back: paid_back,
            paths: self.paths,
        })
    }
}

fn check_sigma(what: &'static str, sigma: f64) -> Result<f64> {
    if sigma.is_finite() && (0.0..=2.0).contains(&sigma) {
        Ok(sigma)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite and between 0 and 2",
            value: sigma,
            unit: "(per step)",
        })
    }
}

/// Two independent standard normals by Box-Muller.
fn standard_normals(rng: &mut ChaCha8Rng) -> (f64, f64) {
    // u1 in (0, 1], u2 in [0, 1), 53 random bits each.
    let scale = 1.0 / 9_007_199_254_740_992.0; // 2^-53
    let u1 = ((rng.next_u64() >> 11) + 1) as f64 * scale;
    let u2 = (rng.next_u64() >> 11) as f64 * scale;
    let r = libm::sqrt(-2.0 * libm::log(u1));
    let theta = 2.0 * core::f64::consts::PI * u2;
    (r * libm::cos(theta), r * libm::sin(theta))
}

/// Nearest-rank percentiles of `values`.
///
/// # Errors
///
/// [`Error::NotEnoughData`] for an empty slice.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::montecarlo::percentiles;
///
/// let b = percentiles((1..=100).collect())?;
/// assert_eq!((b.p05, b.p25, b.p50, b.p75, b.p95), (5, 25, 50, 75, 95));
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn percentiles<T: Copy + Ord>(values: Vec<T>) -> Result<Bands<T>> {
    bands(values)
}

fn bands<T: Copy + Ord>(mut values: Vec<T>) -> Result<Bands<T>> {
    values.sort_unstable();
    sorted_bands(&values)
}

/// Nearest-rank percentile bands of `values`, already sorted ascending:
/// the value of rank ceil(p/100 × n), 1-based.
pub(crate) fn sorted_bands<T: Copy>(values: &[T]) -> Result<Bands<T>> {
    let n = values.len();
    let at = |p: usize| -> Result<T> {
        // Nearest rank: ceil(p/100 x n), 1-based.
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
