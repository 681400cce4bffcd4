//! Projections: an operation's economics step by step (days or months)
//! along paths for the BTC price, the difficulty and fees, crossing
//! halvings where they fall.
//!
//! ```text
//! blocks in step k     = step length / block interval          (600 s unless set)
//! heights of step k    = [h_k, h_k+1), h_0 = the start height
//! price_k              = price_0 x (1 + price growth)^k         (deterministic path)
//! difficulty_k         = difficulty_0 x (1 + difficulty growth)^k
//! a step that contains a halving is split at the halving block, each part
//! paid at its own subsidy.
//! ```
//!
//! What does an Antminer S21 XP (270 TH/s, 13.5 J/TH) at $45/MWh earn over
//! 36 months from mid-2026 if the difficulty (hashrate) grows 3% a month and
//! the price stays flat, and when does it stop covering its power?
//!
//! ```
//! use rust_decimal::Decimal;
//! use wattage_mining::{
//!     hashprice::Fees, operation::Operation, projection::{project, Scenario, StepLength},
//!     BlockHeight, Difficulty,
//! };
//! use wattage_units::{Btc, EnergyPrice};
//!
//! // Mid-2026: retarget epoch 473 (height 953,568, difficulty 124.93 T),
//! // BTC $62,242 (2026-07-14), about 0.015 BTC of fees a block.
//! let scenario = Scenario::new(
//!     BlockHeight::new(953_568),
//!     Difficulty::new(124_932_866_006_548.16)?,
//!     "$62,242/BTC".parse()?,
//!     Fees::per_block("0.015 BTC".parse::<Btc>()?)?,
//!     36,
//!     StepLength::Month,
//! )?
//! .with_difficulty_growth(0.03)?;
//! let power: EnergyPrice = "$45/MWh".parse()?;
//! let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, power);
//! let projection = project(&s21xp, &scenario, &scenario.deterministic_path()?)?;
//!
//! let total = projection.total()?;
//! assert_eq!(format!("{:.4}", total.mined()), "0.0809 BTC");
//! assert_eq!(format!("{:.0}", total.revenue), "$5034");
//! // Revenue per MWh falls below $45 in month 23 (index 22), the month of
//! // the 2028 halving (block 1,050,000).
//! let month = projection.first_step_revenue_per_mwh_below(power)?.unwrap();
//! assert_eq!(month, 22);
//! let step = &projection.steps()[month];
//! assert!(step.start_height < BlockHeight::new(1_050_000) && step.end_height > BlockHeight::new(1_050_000));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::{Btc, BtcPrice, EnergyPrice, Time, Usd, unit};

use crate::hashprice::{Fees, NetworkState};
use crate::operation::{Operation, PeriodEconomics};
use crate::subsidy::block_subsidy;
use crate::{BlockHeight, Difficulty, Error, Result};

/// The most steps a scenario may have (about 270 years of days).
pub const MAX_STEPS: u32 = 100_000;

/// The length of one projection step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum StepLength {
    /// One day, 86,400 s.
    Day,
    /// One month: a twelfth of a 365.25-day year, 30.4375 days.
    Month,
}

impl StepLength {
    /// The step in seconds.
    #[must_use]
    pub const fn seconds(self) -> f64 {
        match self {
            Self::Day => 86_400.0,
            Self::Month => 2_629_800.0,
        }
    }
}

/// A projection's starting point and its deterministic drift.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawScenario")
)]
pub struct Scenario {
    start_height: BlockHeight,
    start_difficulty: Difficulty,
    start_price: BtcPrice,
    fees: Fees,
    steps: u32,
    step: StepLength,
    price_growth: f64,
    difficulty_growth: f64,
    block_interval_secs: f64,
}

/// [`Scenario`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    start_height: BlockHeight,
    start_difficulty: Difficulty,
    start_price: BtcPrice,
    fees: Fees,
    steps: u32,
    step: StepLength,
    #[serde(default)]
    price_growth: f64,
    #[serde(default)]
    difficulty_growth: f64,
    #[serde(default = "ten_minutes")]
    block_interval_secs: f64,
}

#[cfg(feature = "serde")]
fn ten_minutes() -> f64 {
    600.0
}

#[cfg(feature = "serde")]
impl TryFrom<RawScenario> for Scenario {
    type Error = Error;

    fn try_from(raw: RawScenario) -> Result<Self> {
        Self::new(
            raw.start_height,
            raw.start_difficulty,
            raw.start_price,
            raw.fees,
            raw.steps,
            raw.step,
        )?
        .with_price_growth(raw.price_growth)?
        .with_difficulty_growth(raw.difficulty_growth)?
        .with_block_interval(Time::new(raw.block_interval_secs, unit::SECOND)?)
    }
}

/// Values for each step of a projection: element `k` holds for step `k`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Path {
    prices: Vec<BtcPrice>,
    difficulties: Vec<Difficulty>,
    fees: Vec<Fees>,
}

/// One step of a projection.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StepResult {
    /// The step's index, from 0.
    pub index: usize,
    /// The first height of the step.
    pub start_height: BlockHeight,
    /// The first height after the step.
    pub end_height: BlockHeight,
    /// The difficulty during the step.
    pub difficulty: Difficulty,
    /// The BTC price during the step.
    pub btc_price: BtcPrice,
    /// The operation's economics in the step.
    pub economics: PeriodEconomics,
    /// The cash margin (EBITDA) of this and all earlier steps.
    pub cumulative_cash_margin: Usd,
}

/// The result of [`project`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Projection {
    steps: Vec<StepResult>,
    capex: Usd,
}

fn check_growth(what: &'static str, g: f64) -> Result<f64> {
    if g.is_finite() && g > -1.0 && g <= 10.0 {
        Ok(g)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite, above -1 (-100%) and at most 10 (+1000%)",
            value: g,
            unit: "(fraction per step)",
        })
    }
}

impl Scenario {
    /// A scenario of `steps` steps of length `step` from `start_height`, with
    /// a flat price and difficulty and 600 s blocks until changed.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] for 0 steps or more than [`MAX_STEPS`].
    pub fn new(
        start_height: BlockHeight,
        start_difficulty: Difficulty,
        start_price: BtcPrice,
        fees: Fees,
        steps: u32,
        step: StepLength,
    ) -> Result<Self> {
        if steps == 0 || steps > MAX_STEPS {
            return Err(Error::OutOfRange {
                what: "the number of steps",
                expected: "between 1 and 100,000",
                value: f64::from(steps),
                unit: "(steps)",
            });
        }
        Ok(Self {
            start_height,
            start_difficulty,
            start_price,
            fees,
            steps,
            step,
            price_growth: 0.0,
            difficulty_growth: 0.0,
            block_interval_secs: 600.0,
        })
    }

    /// Relative BTC price change per step (0.02 for +2% a step).
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`], with the value, unless finite, above -1 and at
    /// most 10.
    pub fn with_price_growth(mut self, growth: f64) -> Result<Self> {
        self.price_growth = check_growth("price growth per step", growth)?;
        Ok(self)
    }

    /// Relative difficulty change per step (0.03 for +3% a step); the network
    /// hashrate grows alike.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`], with the value, unless finite, above -1 and at
    /// most 10.
    pub fn with_difficulty_growth(mut self, growth: f64) -> Result<Self> {
        self.difficulty_growth = check_growth("difficulty growth per step", growth)?;
        Ok(self)
    }

    /// The average block interval that advances the height (600 s by default).
    ///
    /// # Errors
    ///
    /// [`Error::NonPositiveDuration`] unless positive.
    pub fn with_block_interval(mut self, interval: Time) -> Result<Self> {
        let seconds = interval.get(unit::SECOND);
        if !(seconds > 0.0 && seconds.is_finite()) {
            return Err(Error::NonPositiveDuration {
                what: "block interval",
                seconds,
            });
        }
        self.block_interval_secs = seconds;
        Ok(self)
    }

    /// The number of steps.
    #[must_use]
    pub const fn steps(&self) -> u32 {
        self.steps
    }

    /// The step length.
    #[must_use]
    pub const fn step(&self) -> StepLength {
        self.step
    }

    /// The start height.
    #[must_use]
    pub const fn start_height(&self) -> BlockHeight {
        self.start_height
    }

    /// The starting difficulty.
    #[must_use]
    pub const fn start_difficulty(&self) -> Difficulty {
        self.start_difficulty
    }

    /// The starting BTC price.
    #[must_use]
    pub const fn start_price(&self) -> BtcPrice {
        self.start_price
    }

    /// The fees (constant along deterministic paths).
    #[must_use]
    pub const fn fees(&self) -> Fees {
        self.fees
    }

    /// The price growth per step.
    #[must_use]
    pub const fn price_growth(&self) -> f64 {
        self.price_growth
    }

    /// The difficulty growth per step.
    #[must_use]
    pub const fn difficulty_growth(&self) -> f64 {
        self.difficulty_growth
    }

    /// The deterministic path: price and difficulty compound at their growth
    /// rates, fees stay constant. Prices enter money once per step by
    /// [`wattage_units::money::to_decimal`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDifficulty`] or [`Error::Money`] if a value leaves its
    /// valid range (a price falling to zero, a difficulty overflowing).
    pub fn deterministic_path(&self) -> Result<Path> {
        let n = self.steps as usize;
        let mut prices = Vec::with_capacity(n);
        let mut difficulties = Vec::with_capacity(n);
        let p0 = self.start_price.to_f64();
        let (mut price_factor, mut difficulty_factor) = (1.0f64, 1.0f64);
        for k in 0..n {
            prices.push(if k == 0 {
                self.start_price
            } else {
                BtcPrice::from_f64(p0 * price_factor)?
            });
            difficulties.push(Difficulty::new(
                self.start_difficulty.get() * difficulty_factor,
            )?);
            price_factor *= 1.0 + self.price_growth;
            difficulty_factor *= 1.0 + self.difficulty_growth;
        }
        Path::new(prices, difficulties, alloc::vec![self.fees; n])
    }

    pub(crate) fn block_interval_secs(&self) -> f64 {
        self.block_interval_secs
    }
}

impl Path {
    /// A path from per-step values.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidScenario`] if the lengths differ or are zero.
    pub fn new(
        prices: Vec<BtcPrice>,
        difficulties: Vec<Difficulty>,
        fees: Vec<Fees>,
    ) -> Result<Self> {
        if prices.is_empty() || prices.len() != difficulties.len() || prices.len() != fees.len() {
            return Err(Error::InvalidScenario {
                reason: "a path needs equally many prices, difficulties and fees, at least one",
            });
        }
        Ok(Self {
            prices,
            difficulties,
            fees,
        })
    }

    /// The number of steps.
    #[must_use]
    pub fn len(&self) -> usize {
        self.prices.len()
    }

    /// Whether the path is empty (never true for a constructed path).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.prices.is_empty()
    }

    /// The BTC price of each step.
    #[must_use]
    pub fn prices(&self) -> &[BtcPrice] {
        &self.prices
    }

    /// The difficulty of each step.
    #[must_use]
    pub fn difficulties(&self) -> &[Difficulty] {
        &self.difficulties
    }

    /// The fees of each step.
    #[must_use]
    pub fn fees(&self) -> &[Fees] {
        &self.fees
    }
}

/// Runs `operation` along `path`, one step per path element, starting at the
/// scenario's height and advancing it by the scenario's block interval.
///
/// # Errors
///
/// [`Error::InvalidScenario`] if the path's length differs from the
/// scenario's steps; [`Error::Overflow`] if heights pass `u32::MAX`; the
/// errors of [`Operation::evaluate_with_fees`].
pub fn project(operation: &Operation, scenario: &Scenario, path: &Path) -> Result<Projection> {
    if path.len() != scenario.steps() as usize {
        return Err(Error::InvalidScenario {
            reason: "the path's length must equal the scenario's steps",
        });
    }
    let step_secs = scenario.step().seconds();
    let blocks_per_step = step_secs / scenario.block_interval_secs();
    let start = u64::from(scenario.start_height().get());
    let mut steps = Vec::with_capacity(path.len());
    let mut cumulative = Usd::ZERO;
    let mut start_height = scenario.start_height();
    let rows = path
        .prices
        .iter()
        .zip(&path.difficulties)
        .zip(&path.fees)
        .enumerate();
    for (k, ((price, difficulty), fees)) in rows {
        // Heights advance by the rounded cumulative block count, so rounding never drifts.
        let elapsed_blocks = blocks_per_step * (k as f64 + 1.0);
        let end = start.saturating_add(libm::round(elapsed_blocks) as u64);
        let end_height = BlockHeight::new(u32::try_from(end).map_err(|_| Error::Overflow {
            what: "block height",
        })?);
        let span = StepSpan {
            from: start_height,
            to: end_height,
            start_secs: step_secs * k as f64,
            step_secs,
        };
        let economics = step_economics(operation, *difficulty, *price, *fees, span)?;
        cumulative = cumulative.checked_add(economics.cash_margin()?)?;
        steps.push(StepResult {
            index: k,
            start_height,
            end_height,
            difficulty: *difficulty,
            btc_price: *price,
            economics,
            cumulative_cash_margin: cumulative,
        });
        start_height = end_height;
    }
    Ok(Projection {
        steps,
        capex: operation.capex(),
    })
}

/// Where a step lies: its block heights and its seconds since the start
/// of the projection (when the machines went into service).
#[derive(Debug, Clone, Copy)]
struct StepSpan {
    from: BlockHeight,
    to: BlockHeight,
    start_secs: f64,
    step_secs: f64,
}

/// One step, split at any halving between `span.from` and `span.to`; each
/// part books the depreciation of its own slice of the life, so
/// depreciation stops when the life ends.
fn step_economics(
    operation: &Operation,
    difficulty: Difficulty,
    price: BtcPrice,
    fees: Fees,
    span: StepSpan,
) -> Result<PeriodEconomics> {
    let StepSpan {
        from,
        to,
        start_secs,
        step_secs,
    } = span;
    let total_blocks = f64::from(to.get().saturating_sub(from.get()));
    let mut part_start = from;
    let mut elapsed = start_secs;
    let mut result: Option<PeriodEconomics> = None;
    loop {
        let boundary = part_start.next_halving().filter(|h| *h < to);
        let part_end = boundary.unwrap_or(to);
        let share = if total_blocks > 0.0 {
            f64::from(part_end.get().saturating_sub(part_start.get())) / total_blocks
        } else {
            1.0
        };
        if share > 0.0 || result.is_none() {
            let state = NetworkState::new(difficulty, block_subsidy(part_start), fees)?;
            let period = Time::new(step_secs * share, unit::SECOND)?;
            let mut part = operation.evaluate(&state, price, period)?;
            let begin = Time::new(elapsed, unit::SECOND)?;
            let end = Time::new(elapsed + step_secs * share, unit::SECOND)?;
            part.depreciation = operation.depreciation_between(begin, end)?;
            elapsed += step_secs * share;
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
        reason: "empty step",
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
