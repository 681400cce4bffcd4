//! An operation's economics along a network path: a projection of the
//! network ([`crate::network_projection::project_network`]) or one Monte
//! Carlo path ([`crate::network_montecarlo::NetworkMonteCarlo::path`]),
//! step by step (days or calendar months), crossing halvings where they
//! fall, and percentile bands of an operation over every Monte Carlo path.
//!
//! ```text
//! each day   : the operation's expected share of the day's blocks at the
//!              day's effective difficulty N x 86,400 / (blocks x 2^32)
//!              (the difficulty in force, or the mean across a retarget
//!              inside the day), the day's BTC price and fees per block;
//!              a day that contains a halving is split at the halving
//!              block, each part paid at its own subsidy
//! each step  : the sum of its days (a day, or a calendar month; the first
//!              and last months may be partial)
//! ```
//!
//! Exogenous growth at a rate the user picks (the fixed-rate calculators'
//! model) is [`ResponseModel::exogenous`](crate::network_response::ResponseModel::exogenous)
//! with the log growth: `ln(1.03)` for +3% a month; the block times then
//! shorten and the difficulty lags the hashrate by the retarget, as on the
//! real network. A deterministic price trend is
//! [`PricePath::Compounding`](crate::network_projection::PricePath::Compounding).
//!
//! What does an Antminer S21 XP (270 TH/s, 13.5 J/TH) at $45/MWh earn over
//! 36 months from mid-2026 if the hashrate grows 3% a month and the price
//! stays flat, and when does it stop covering its power?
//!
//! ```
//! // Needs wattage-mining, wattage-units, chrono (in the wattage facade: wattage::mining, wattage::units, wattage::chrono).
//! use chrono::NaiveDate;
//! use wattage_mining::network_projection::{project_network, NetworkStart, PricePath};
//! use wattage_mining::network_response::ResponseModel;
//! use wattage_mining::operation::Operation;
//! use wattage_mining::operation_projection::{project, StepLength};
//! use wattage_mining::BlockHeight;
//! use wattage_units::EnergyPrice;
//!
//! // 2026-06-15: retarget epoch 473 (from height 953,568, difficulty
//! // 124.93 T), BTC $62,242, about 0.015 BTC of fees a block.
//! let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(), "$62,242/BTC".parse()?, "0.015 BTC".parse()?)?;
//! let growth = ResponseModel::exogenous(1.03f64.ln())?;
//! let network = project_network(&start, &growth, &PricePath::Constant(start.btc_price), 1_096)?;
//! let power: EnergyPrice = "$45/MWh".parse()?;
//! let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, power);
//! let projection = project(&s21xp, &network, StepLength::Month)?;
//!
//! let total = projection.total()?;
//! // 1,096 days at 3.645 kW: 95.878 MWh, $4,314.51 of power.
//! assert_eq!(format!("{:.4}", total.mined()), "0.0804 BTC");
//! assert_eq!(format!("{:.0}", total.revenue), "$5,007");
//! assert_eq!(format!("{:.2}", total.power_cost), "$4,314.51");
//! // The first half month earns $97/MWh; revenue per MWh falls below $45
//! // in the month of the 2028 halving (block 1,050,000), April 2028
//! // (index 22: the second half of June 2026 is index 0).
//! let month = projection.first_step_revenue_per_mwh_below(power)?.unwrap();
//! let step = &projection.steps()[month];
//! assert_eq!((month, step.start_date.to_string().as_str()), (22, "2028-04-01"));
//! assert!(step.start_height < BlockHeight::new(1_050_000) && step.end_height > BlockHeight::new(1_050_000));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, BtcPrice, EnergyPrice, Time, Usd, unit};

use crate::difficulty::TWO_POW_32;
use crate::hashprice::{Fees, NetworkState};
use crate::network_montecarlo::{Bands, NetworkMonteCarlo, NetworkPath, percentiles};
use crate::network_projection::{NetworkProjection, NetworkStart};
use crate::operation::{Operation, PeriodEconomics};
use crate::subsidy::block_subsidy;
use crate::{BlockHeight, Difficulty, Error, Result};

/// The length of one projection step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum StepLength {
    /// One day.
    Day,
    /// One calendar month (the first and last may be partial).
    Month,
}

/// One step of a projection.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StepResult {
    /// The step's index, from 0.
    pub index: usize,
    /// The step's first day.
    pub start_date: NaiveDate,
    /// The number of days in the step.
    pub days: u32,
    /// The height of the next block at the start of the step.
    pub start_height: BlockHeight,
    /// The height of the next block after the step.
    pub end_height: BlockHeight,
    /// The difficulty at the start of the step.
    pub difficulty: Difficulty,
    /// The BTC price on the step's first day.
    pub btc_price: BtcPrice,
    /// The operation's economics in the step.
    pub economics: PeriodEconomics,
    /// The cash margin (EBITDA) of this and all earlier steps.
    pub cumulative_cash_margin: Usd,
}

/// The result of [`project`] and [`project_path`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Projection {
    steps: Vec<StepResult>,
    capex: Usd,
}

/// One day of a network path, as an operation sees it.
#[derive(Debug, Clone, Copy)]
struct Day {
    date: NaiveDate,
    from: BlockHeight,
    to: BlockHeight,
    /// The difficulty at the start of the day.
    difficulty: Difficulty,
    /// The difficulty that pays the day's blocks (see the module docs).
    effective: Difficulty,
    price: BtcPrice,
    fees: Fees,
}

/// The difficulty at which a hashrate `network` (H/s) finds `blocks` in a
/// day; `start` when no blocks came or it equals `start` to 1e-9.
fn effective_difficulty(network: f64, blocks: f64, start: Difficulty) -> Difficulty {
    let d = network * 86_400.0 / (blocks * TWO_POW_32);
    if !(d.is_finite() && d > 0.0) || (d / start.get() - 1.0).abs() < 1e-9 {
        return start;
    }
    Difficulty::new(d).unwrap_or(start)
}

/// Runs `operation` along a network projection, one step per `step`.
///
/// # Errors
///
/// The errors of [`Operation::evaluate`] ([`Error::Money`] when a value
/// does not fit).
pub fn project(
    operation: &Operation,
    network: &NetworkProjection,
    step: StepLength,
) -> Result<Projection> {
    let mut from = network.start().height;
    let mut days = Vec::with_capacity(network.days().len());
    for d in network.days() {
        days.push(Day {
            date: d.date,
            from,
            to: d.height,
            difficulty: d.difficulty,
            effective: effective_difficulty(
                d.hashrate.get(unit::HASH_PER_SECOND),
                d.blocks,
                d.difficulty,
            ),
            price: d.btc_price,
            fees: Fees::per_block(d.fees_per_block)?,
        });
        from = d.height;
    }
    run(operation, &days, step)
}

/// Runs `operation` along one Monte Carlo path, one step per `step`; the
/// path's prices enter money by [`BtcPrice::from_f64`] and its fees are
/// rounded to the satoshi.
///
/// # Errors
///
/// [`Error::InvalidScenario`] for a path whose series differ in length;
/// [`Error::DateOutOfRange`] past the calendar; [`Error::Money`] for a
/// price or fee money cannot hold; [`Error::InvalidDifficulty`] for a
/// difficulty that is not positive; as [`project`].
pub fn project_path(
    operation: &Operation,
    path: &NetworkPath,
    step: StepLength,
) -> Result<Projection> {
    let n = path.height.len();
    let lengths = [
        path.difficulty.len(),
        path.blocks.len(),
        path.hashrate_ehs.len(),
        path.btc_price.len(),
        path.fees_btc.len(),
    ];
    if lengths.iter().any(|l| *l != n) {
        return Err(Error::InvalidScenario {
            reason: "a network path's daily series must all have one value a day",
        });
    }
    let mut from = path.start_height;
    let mut days = Vec::with_capacity(path.height.len());
    let rows = path
        .height
        .iter()
        .zip(&path.difficulty)
        .zip(path.blocks.iter().zip(&path.hashrate_ehs))
        .zip(path.btc_price.iter().zip(&path.fees_btc));
    let mut date = path.start_date;
    for (((to, difficulty), (blocks, ehs)), (price, fees)) in rows {
        let difficulty = Difficulty::new(*difficulty)?;
        days.push(Day {
            date,
            from,
            to: *to,
            difficulty,
            effective: effective_difficulty(ehs * 1e18, *blocks, difficulty),
            price: BtcPrice::from_f64(*price)?,
            fees: Fees::per_block(Btc::from_btc_rounded(to_decimal(
                "fees per block (BTC)",
                *fees,
            )?)?)?,
        });
        from = *to;
        date = date.succ_opt().ok_or(Error::DateOutOfRange {
            what: "a Monte Carlo day",
        })?;
    }
    run(operation, &days, step)
}

/// The days grouped into steps, each summed.
fn run(operation: &Operation, days: &[Day], step: StepLength) -> Result<Projection> {
    let same_step = |a: &Day, b: &Day| match step {
        StepLength::Day => false,
        StepLength::Month => a.date.year() == b.date.year() && a.date.month() == b.date.month(),
    };
    let mut steps: Vec<StepResult> = Vec::new();
    let mut cumulative = Usd::ZERO;
    let mut previous: Option<&Day> = None;
    for (k, day) in days.iter().enumerate() {
        #[allow(clippy::cast_precision_loss, reason = "at most 20,000 days, exact")]
        let start_secs = k as f64 * 86_400.0;
        let economics = day_economics(operation, day, start_secs)?;
        cumulative = cumulative.checked_add(economics.cash_margin()?)?;
        let continues = previous.is_some_and(|prev| same_step(prev, day));
        previous = Some(day);
        match steps.last_mut() {
            Some(last) if continues => {
                last.economics = last.economics.checked_add(&economics)?;
                last.days = last.days.saturating_add(1);
                last.end_height = day.to;
                last.cumulative_cash_margin = cumulative;
            }
            _ => steps.push(StepResult {
                index: steps.len(),
                start_date: day.date,
                days: 1,
                start_height: day.from,
                end_height: day.to,
                difficulty: day.difficulty,
                btc_price: day.price,
                economics,
                cumulative_cash_margin: cumulative,
            }),
        }
    }
    if steps.is_empty() {
        return Err(Error::InvalidScenario {
            reason: "a network path with no days",
        });
    }
    Ok(Projection {
        steps,
        capex: operation.capex(),
    })
}

/// One day, split at any halving between `day.from` and `day.to` by the
/// share of the day's blocks on each side; each part books the
/// depreciation of its own slice of the life (`start_secs` is the day's
/// start, in seconds since the machines went into service).
fn day_economics(operation: &Operation, day: &Day, start_secs: f64) -> Result<PeriodEconomics> {
    let (from, to) = (day.from, day.to.max(day.from));
    let total_blocks = f64::from(to.get() - from.get());
    let mut part_start = from;
    let mut elapsed = start_secs;
    let mut result: Option<PeriodEconomics> = None;
    loop {
        let boundary = part_start.next_halving().filter(|h| *h < to);
        let part_end = boundary.unwrap_or(to);
        let share = if total_blocks > 0.0 {
            f64::from(part_end.get() - part_start.get()) / total_blocks
        } else {
            1.0
        };
        if share > 0.0 || result.is_none() {
            let state = NetworkState::new(day.effective, block_subsidy(part_start), day.fees)?;
            let seconds = 86_400.0 * share;
            let mut part =
                operation.evaluate(&state, day.price, Time::new(seconds, unit::SECOND)?)?;
            part.depreciation = operation.depreciation_between(
                Time::new(elapsed, unit::SECOND)?,
                Time::new(elapsed + seconds, unit::SECOND)?,
            )?;
            elapsed += seconds;
            result = Some(match result {
                Some(sum) => sum.checked_add(&part)?,
                None => part,
            });
        }
        match boundary {
            Some(h) => part_start = h,
            None => break,
        }
    }
    result.ok_or(Error::InvalidScenario {
        reason: "an empty day",
    })
}

impl Projection {
    /// The steps.
    #[must_use]
    pub fn steps(&self) -> &[StepResult] {
        &self.steps
    }

    /// The whole projection as one period.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn total(&self) -> Result<PeriodEconomics> {
        let mut iter = self.steps.iter();
        let first = iter.next().ok_or(Error::InvalidScenario {
            reason: "empty projection",
        })?;
        iter.try_fold(first.economics, |sum, s| sum.checked_add(&s.economics))
    }

    /// Bitcoin mined over the projection.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn total_mined(&self) -> Result<Btc> {
        Ok(Btc::try_sum(
            self.steps.iter().map(|s| s.economics.mined()),
        )?)
    }

    /// The cash margin over the projection.
    #[must_use]
    pub fn total_cash_margin(&self) -> Usd {
        self.steps
            .last()
            .map_or(Usd::ZERO, |s| s.cumulative_cash_margin)
    }

    /// The first step whose revenue per MWh consumed is below `power_price`:
    /// from then on the machine does not cover its power (unless the path
    /// turns).
    ///
    /// # Errors
    ///
    /// As [`PeriodEconomics::revenue_per_mwh`].
    pub fn first_step_revenue_per_mwh_below(
        &self,
        power_price: EnergyPrice,
    ) -> Result<Option<usize>> {
        for s in &self.steps {
            if s.economics.revenue_per_mwh()?.dollars() < power_price.value() {
                return Ok(Some(s.index));
            }
        }
        Ok(None)
    }

    /// The first step with a negative cash margin.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn first_unprofitable_step(&self) -> Result<Option<usize>> {
        for s in &self.steps {
            if s.economics.cash_margin()?.is_negative() {
                return Ok(Some(s.index));
            }
        }
        Ok(None)
    }

    /// The first step at whose end the cumulative cash margin repays the
    /// capex: the step in which [`wattage_finance::payback_period`] of the
    /// capex (at t = 0) followed by the steps' cash margins falls (step 0
    /// when there is no capex to repay).
    #[must_use]
    pub fn payback_step(&self) -> Option<usize> {
        let mut flows = Vec::with_capacity(self.steps.len() + 1);
        flows.push(-self.capex);
        for s in &self.steps {
            flows.push(s.economics.cash_margin().ok()?);
        }
        let periods = wattage_finance::payback_period(&flows).ok()??;
        // Payback during period `p` (0 < p <= k) is repaid by step k - 1's end.
        let whole = rust_decimal::prelude::ToPrimitive::to_usize(&periods.ceil())?;
        Some(whole.saturating_sub(1))
    }

    /// Return on the capex over the projection: `(cash margin - capex) / capex`.
    ///
    /// # Errors
    ///
    /// As [`crate::costs::roi`].
    pub fn roi(&self) -> Result<Decimal> {
        crate::costs::roi(self.capex, self.total_cash_margin())
    }
}

/// Percentile bands of an operation at every step across Monte Carlo paths.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct OperationBands {
    /// The first day of each step.
    pub start_date: Vec<NaiveDate>,
    /// The BTC price on each step's first day.
    pub btc_price: Vec<Bands<BtcPrice>>,
    /// The cumulative cash margin at the end of each step.
    pub cumulative_cash_margin: Vec<Bands<Usd>>,
    /// Total bitcoin mined over the projection.
    pub total_mined: Bands<Btc>,
    /// Paths on which the cumulative cash margin repaid the capex.
    pub paths_paid_back: u32,
    /// Paths whose price reached the Monte Carlo's price floor (kept in
    /// the bands).
    pub paths_at_price_floor: u32,
    /// Paths run.
    pub paths: u32,
}

/// What the bands keep of one path.
struct PathSummary {
    prices: Vec<BtcPrice>,
    margins: Vec<Usd>,
    mined: Btc,
    paid_back: bool,
    at_floor: bool,
    dates: Vec<NaiveDate>,
}

fn summary(operation: &Operation, path: &NetworkPath, step: StepLength) -> Result<PathSummary> {
    let p = project_path(operation, path, step)?;
    Ok(PathSummary {
        prices: p.steps.iter().map(|s| s.btc_price).collect(),
        margins: p.steps.iter().map(|s| s.cumulative_cash_margin).collect(),
        mined: p.total_mined()?,
        paid_back: p.payback_step().is_some(),
        at_floor: path.hit_price_floor,
        dates: p.steps.iter().map(|s| s.start_date).collect(),
    })
}

/// Runs `operation` along every path of `monte_carlo` from `start` and
/// returns the nearest-rank percentile bands at each step. Paths run in
/// parallel with the `rayon` feature and are collected in index order, so
/// the bands are the same for any number of threads; a path whose price
/// reaches the floor is kept (see [`crate::network_montecarlo`]).
///
/// # Errors
///
/// As [`NetworkMonteCarlo::path`] and [`project_path`].
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::NaiveDate;
/// use wattage_mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
/// use wattage_mining::network_projection::NetworkStart;
/// use wattage_mining::network_response::{ResponseModel, ResponseSpec};
/// use wattage_mining::operation::Operation;
/// use wattage_mining::operation_projection::{monte_carlo, StepLength};
///
/// let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(), "$62,242/BTC".parse()?, "0.015 BTC".parse()?)?;
/// let spec = NetworkMonteCarloSpec { paths: 64, days: 365, seed: 42, ..NetworkMonteCarloSpec::default() };
/// let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default())?)?;
/// let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, "$45/MWh".parse()?);
/// let bands = monte_carlo(&s21xp, &mc, &start, StepLength::Month)?;
/// assert_eq!(bands.cumulative_cash_margin.len(), 13); // June 2026 to June 2027, partial at both ends
/// let last = bands.cumulative_cash_margin.last().unwrap();
/// assert!(last.p05 < last.p50 && last.p50 < last.p95);
/// assert_eq!(bands, monte_carlo(&s21xp, &mc, &start, StepLength::Month)?); // reproducible
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn monte_carlo(
    operation: &Operation,
    monte_carlo: &NetworkMonteCarlo,
    start: &NetworkStart,
    step: StepLength,
) -> Result<OperationBands> {
    let one = |i: u32| summary(operation, &monte_carlo.path(start, i)?, step);
    let paths = monte_carlo.spec().paths;
    #[cfg(feature = "rayon")]
    let summaries: Vec<PathSummary> = {
        use rayon::prelude::*;
        (0..paths).into_par_iter().map(one).collect::<Result<_>>()?
    };
    #[cfg(not(feature = "rayon"))]
    let summaries: Vec<PathSummary> = (0..paths).map(one).collect::<Result<_>>()?;
    let n = summaries.first().map_or(0, |s| s.margins.len());
    let across = |k: usize, get: &dyn Fn(&PathSummary) -> &[BtcPrice]| {
        percentiles(
            summaries
                .iter()
                .filter_map(|s| get(s).get(k).copied())
                .collect(),
        )
    };
    let margins = |k: usize| {
        percentiles(
            summaries
                .iter()
                .filter_map(|s| s.margins.get(k).copied())
                .collect(),
        )
    };
    let count = |f: &dyn Fn(&PathSummary) -> bool| {
        u32::try_from(summaries.iter().filter(|s| f(s)).count()).unwrap_or(u32::MAX)
    };
    Ok(OperationBands {
        start_date: summaries
            .first()
            .map(|s| s.dates.clone())
            .unwrap_or_default(),
        btc_price: (0..n)
            .map(|k| across(k, &|s| &s.prices))
            .collect::<Result<_>>()?,
        cumulative_cash_margin: (0..n).map(margins).collect::<Result<_>>()?,
        total_mined: percentiles(summaries.iter().map(|s| s.mined).collect())?,
        paths_paid_back: count(&|s| s.paid_back),
        paths_at_price_floor: count(&|s| s.at_floor),
        paths,
    })
}
