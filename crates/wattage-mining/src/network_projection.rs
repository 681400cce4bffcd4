//! Projections of the network itself: hashrate from a [`ResponseModel`]
//! (or exogenous growth), difficulty from hashrate through the real
//! 2,016-block retarget ([`crate::retarget::calculate_next_work_required`],
//! Core's clamps and compact rounding), and from them block times, heights,
//! halving dates and the hashprice, day by day.
//!
//! ```text
//! each day       : blocks arrive at N / (D x 2^32) per second; a day that
//!                  crosses a retarget or a halving is split there
//! at a retarget  : the new nBits from the epoch's first and last block times
//! hashprice      : blocks mined x (subsidy + fees) x price / network PH/s
//! end of the day : the response model moves ln N toward its target, with
//!                  the steady-state revenue 144 x (subsidy + fees) x price
//! ```
//!
//! The epoch in progress at the start is assumed to have run at the start
//! hashrate (its first block time is back-computed from it).
//!
//! ```
//! // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
//! use chrono::NaiveDate;
//! use wattage_mining::network_projection::{project_network, NetworkStart, PricePath};
//! use wattage_mining::network_response::{ResponseModel, ResponseSpec};
//!
//! let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(), "$16,600/BTC".parse()?, "0.1 BTC".parse()?)?;
//! let model = ResponseModel::try_from(ResponseSpec::default())?;
//! let p = project_network(&start, &model, &PricePath::Constant(start.btc_price), 730)?;
//! assert!(p.retargets().len() > 40);
//! // The April 2024 halving comes when the projected blocks reach 840,000.
//! let halving = p.halvings()[0];
//! assert_eq!(halving.height.get(), 840_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use chrono::{DateTime, NaiveDate, Utc};
use wattage_units::{Btc, BtcPrice, Hashprice, Hashrate, unit};

use crate::difficulty::TWO_POW_32;
use crate::network_response::{ResponseModel, fractional_year};
use crate::retarget::calculate_next_work_required;
use crate::subsidy::block_subsidy_sat;
use crate::{BlockHeight, CompactTarget, ConsensusParams, Difficulty, Error, Result, history};

/// The most days a network projection may have (about 55 years).
pub const MAX_DAYS: u32 = 20_000;

/// Where a network projection starts.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
#[non_exhaustive]
pub struct NetworkStart {
    /// The first day (00:00 UTC).
    pub date: NaiveDate,
    /// The height of the next block.
    pub height: BlockHeight,
    /// The compact target in force.
    pub bits: CompactTarget,
    /// The network hashrate.
    pub hashrate: Hashrate,
    /// The BTC price on the first day.
    pub btc_price: BtcPrice,
    /// Fees per block.
    pub fees_per_block: Btc,
}

impl NetworkStart {
    /// A start on a date of the shipped [`history`]: its height, its
    /// difficulty, and the hashrate that difficulty implies at 600 s blocks.
    ///
    /// # Errors
    ///
    /// As [`history::height_near`] and [`history::difficulty_on`].
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// use wattage_mining::network_projection::NetworkStart;
    ///
    /// let s = NetworkStart::from_history(chrono::NaiveDate::from_ymd_opt(2024, 4, 20).unwrap(), "$63,824/BTC".parse()?, "0.05 BTC".parse()?)?;
    /// assert_eq!(s.bits.to_consensus(), 0x1703_4219);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_history(date: NaiveDate, btc_price: BtcPrice, fees_per_block: Btc) -> Result<Self> {
        Self::new(
            date,
            history::height_near(date)?,
            history::difficulty_on(date)?,
            btc_price,
            fees_per_block,
        )
    }

    /// A start from a state of your own (a node's `getblockchaininfo`, or
    /// a date past the shipped history): the next block's `height`, the
    /// `difficulty` in force (its compact form becomes `bits`), and the
    /// hashrate that difficulty implies at 600 s blocks, as
    /// [`Self::from_history`] takes them.
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use wattage_mining::network_projection::NetworkStart;
    /// use wattage_mining::{BlockHeight, Difficulty};
    ///
    /// // Epoch 416 (from block 838,656), as a node would report it.
    /// let date = NaiveDate::from_ymd_opt(2024, 4, 20).unwrap();
    /// let own = NetworkStart::new(date, BlockHeight::new(840_000), "86,388,558,925,171.02".parse::<Difficulty>()?, "$63,824/BTC".parse()?, "0.05 BTC".parse()?)?;
    /// let shipped = NetworkStart::from_history(date, "$63,824/BTC".parse()?, "0.05 BTC".parse()?)?;
    /// assert_eq!(own.bits.to_consensus(), shipped.bits.to_consensus());
    /// assert!(NetworkStart::new(date, BlockHeight::new(840_000), "86.39T".parse()?, "$63,824/BTC".parse()?, "-0.05 BTC".parse()?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Negative`] for negative fees; the errors of
    /// [`Difficulty::to_compact`] and [`Difficulty::implied_hashrate`].
    pub fn new(
        date: NaiveDate,
        height: BlockHeight,
        difficulty: Difficulty,
        btc_price: BtcPrice,
        fees_per_block: Btc,
    ) -> Result<Self> {
        if fees_per_block < Btc::ZERO {
            return Err(Error::Negative {
                what: "fees per block (BTC)",
                value: fees_per_block.to_btc_f64(),
            });
        }
        Ok(Self {
            date,
            height,
            bits: difficulty.to_compact()?,
            hashrate: difficulty.implied_hashrate()?,
            btc_price,
            fees_per_block,
        })
    }
}

/// The BTC price along a projection.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum PricePath {
    /// The same price every day.
    Constant(BtcPrice),
    /// One price a day; the last holds after the end.
    Daily(Vec<BtcPrice>),
    /// A price compounding from `start` by `monthly_growth` a month (0.02
    /// for +2% a month), day by day: day `d` is priced
    /// `start x (1 + monthly_growth)^(d / 30.436875)`.
    Compounding {
        /// The price on the first day.
        start: BtcPrice,
        /// The relative change per month of 30.436875 days, above -1 and
        /// at most 10.
        monthly_growth: f64,
    },
}

impl PricePath {
    /// The price of each of `days` days.
    ///
    /// # Errors
    ///
    /// [`Error::OutOfRange`] with the value for a daily path with no price
    /// or a monthly growth that is not finite, above -1 and at most 10;
    /// [`Error::Money`] if a compounded price leaves the money range.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::network_projection::PricePath;
    ///
    /// let up = PricePath::Compounding { start: "$100,000/BTC".parse()?, monthly_growth: 0.02 };
    /// let prices = up.daily(366)?;
    /// // Day 365 is 365 / 30.436875 = 11.992 months in: 1.02^11.992 = 1.26804.
    /// assert_eq!(format!("{:.0}", prices[365]), "$126,804/BTC");
    /// assert!(PricePath::Compounding { start: "$1/BTC".parse()?, monthly_growth: -1.0 }.daily(2).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn daily(&self, days: u32) -> Result<Vec<BtcPrice>> {
        let n = days as usize;
        match self {
            Self::Constant(p) => Ok(alloc::vec![*p; n]),
            Self::Daily(v) => {
                let last = v.last().copied().ok_or(Error::OutOfRange {
                    what: "a daily price path",
                    expected: "at least one price",
                    value: 0.0,
                    unit: "(prices)",
                })?;
                Ok((0..n).map(|d| v.get(d).copied().unwrap_or(last)).collect())
            }
            Self::Compounding {
                start,
                monthly_growth,
            } => {
                let g = *monthly_growth;
                if !(g.is_finite() && g > -1.0 && g <= 10.0) {
                    return Err(Error::OutOfRange {
                        what: "the monthly price growth",
                        expected: "finite, above -1 (-100%) and at most 10 (+1000%)",
                        value: g,
                        unit: "(fraction per month)",
                    });
                }
                let p0 = start.to_f64();
                let per_day = libm::log1p(g) / DAYS_PER_MONTH;
                (0..n)
                    .map(|d| {
                        if d == 0 {
                            Ok(*start)
                        } else {
                            Ok(BtcPrice::from_f64(p0 * libm::exp(per_day * d as f64))?)
                        }
                    })
                    .collect()
            }
        }
    }
}

/// Days in a month: a twelfth of the 365.2425-day Gregorian year.
pub(crate) const DAYS_PER_MONTH: f64 = 30.436_875;

/// One projected day.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NetworkDay {
    /// The day.
    pub date: NaiveDate,
    /// The network hashrate that day.
    pub hashrate: Hashrate,
    /// The difficulty at the start of the day.
    pub difficulty: Difficulty,
    /// The height of the next block at the end of the day.
    pub height: BlockHeight,
    /// Blocks mined that day.
    pub blocks: f64,
    /// The hashprice earned that day, $/PH/day.
    pub hashprice: Hashprice,
    /// The BTC price that day.
    pub btc_price: BtcPrice,
    /// Fees per block that day.
    pub fees_per_block: Btc,
}

/// A retarget or a halving in a projection.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NetworkEvent {
    /// The first height at the new difficulty or subsidy.
    pub height: BlockHeight,
    /// When its first block came, Unix seconds.
    pub time: i64,
    /// The difficulty from this height on.
    pub difficulty: Difficulty,
}

impl NetworkEvent {
    /// The event's UTC date.
    ///
    /// ```
    /// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
    /// # use chrono::NaiveDate;
    /// # use wattage_mining::network_projection::{project_network, NetworkStart, PricePath};
    /// # use wattage_mining::network_response::ResponseModel;
    /// let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), "$42,000/BTC".parse()?, "0.2 BTC".parse()?)?;
    /// let p = project_network(&start, &ResponseModel::exogenous(0.0)?, &PricePath::Constant(start.btc_price), 200)?;
    /// let d = p.halvings()[0].date().unwrap();
    /// assert!(d > NaiveDate::from_ymd_opt(2024, 4, 1).unwrap() && d < NaiveDate::from_ymd_opt(2024, 5, 15).unwrap(), "{d}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        DateTime::<Utc>::from_timestamp(self.time, 0).map(|t| t.date_naive())
    }
}

/// The result of [`project_network`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NetworkProjection {
    start: NetworkStart,
    days: Vec<NetworkDay>,
    retargets: Vec<NetworkEvent>,
    halvings: Vec<NetworkEvent>,
}

impl NetworkProjection {
    /// Where the projection started.
    #[must_use]
    pub const fn start(&self) -> &NetworkStart {
        &self.start
    }

    /// The days, in order.
    #[must_use]
    pub fn days(&self) -> &[NetworkDay] {
        &self.days
    }

    /// The retargets, in order.
    #[must_use]
    pub fn retargets(&self) -> &[NetworkEvent] {
        &self.retargets
    }

    /// The halvings reached, in order.
    #[must_use]
    pub fn halvings(&self) -> &[NetworkEvent] {
        &self.halvings
    }

    /// The hashprice of each day, in order (what a facility's mining fleet
    /// earns; `wattage_facility::HashpricePath::from_projection` takes it;
    /// [`crate::operation_projection::project`] runs an operation along
    /// the projection).
    #[must_use]
    pub fn daily_hashprices(&self) -> Vec<Hashprice> {
        self.days.iter().map(|d| d.hashprice).collect()
    }
}

/// One simulated day in plain numbers (the Monte Carlo runs on these).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawDay {
    pub(crate) hashrate_hs: f64,
    pub(crate) difficulty: f64,
    pub(crate) next_height: f64,
    pub(crate) blocks: f64,
    pub(crate) hashprice: f64,
}

/// What the simulation records.
#[derive(Debug, Default)]
pub(crate) struct RawRun {
    pub(crate) days: Vec<RawDay>,
    pub(crate) retargets: Vec<(u32, i64, CompactTarget)>,
    pub(crate) halvings: Vec<(u32, i64)>,
}

fn check_days(days: u32) -> Result<()> {
    if days == 0 || days > MAX_DAYS {
        return Err(Error::OutOfRange {
            what: "the number of days",
            expected: "between 1 and 20,000",
            value: f64::from(days),
            unit: "(days)",
        });
    }
    Ok(())
}

/// Simulates `days` days; `price(d)` and `fees_btc(d)` give day `d`'s BTC
/// price ($) and fees per block (BTC), `shock(d)` an extra log-hashrate
/// change at the end of day `d`.
pub(crate) fn simulate(
    start: &NetworkStart,
    model: &ResponseModel,
    days: u32,
    price: &dyn Fn(usize) -> f64,
    fees_btc: &dyn Fn(usize) -> f64,
    shock: &mut dyn FnMut(usize) -> f64,
) -> Result<RawRun> {
    check_days(days)?;
    let params = ConsensusParams::MAINNET;
    let interval = f64::from(params.difficulty_adjustment_interval());
    let t0 = start
        .date
        .and_time(chrono::NaiveTime::MIN)
        .and_utc()
        .timestamp();
    let mut bits = start.bits;
    let mut difficulty = Difficulty::from_compact(bits)?.get();
    let mut ln_n = libm::log(start.hashrate.get(unit::HASH_PER_SECOND));
    let mut h = f64::from(start.height.get());
    let mut t = 0.0f64; // seconds since t0
    // The epoch in progress ran at the start hashrate.
    let into_epoch = h - libm::floor(h / interval) * interval;
    let mut epoch_start = -into_epoch * difficulty * TWO_POW_32 / libm::exp(ln_n);
    let mut run = RawRun {
        days: Vec::with_capacity(days as usize),
        ..RawRun::default()
    };
    for d in 0..days as usize {
        let n = libm::exp(ln_n);
        let p = price(d);
        let fees = fees_btc(d);
        let (d0, mut revenue, mut blocks) = (difficulty, 0.0f64, 0.0f64);
        let mut remaining = 86_400.0f64;
        let mut guard = 0;
        while remaining > 0.0 && guard < 64 {
            guard += 1;
            let rate = n / (difficulty * TWO_POW_32);
            let next_retarget = (libm::floor(h / interval) + 1.0) * interval;
            let next_halving = (libm::floor(h / 210_000.0) + 1.0) * 210_000.0;
            let boundary = next_retarget.min(next_halving);
            let reward = (block_subsidy_at(h) + fees) * p;
            let needed = (boundary - h) / rate;
            if needed > remaining {
                h += rate * remaining;
                blocks += rate * remaining;
                revenue += rate * remaining * reward;
                t += remaining;
                remaining = 0.0;
                continue;
            }
            blocks += boundary - h;
            revenue += (boundary - h) * reward;
            h = boundary;
            t += needed;
            remaining -= needed;
            #[allow(
                clippy::cast_possible_truncation,
                reason = "times within the i64 range: days <= 20,000"
            )]
            let now = t0 + libm::round(t) as i64;
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a height below 2^32"
            )]
            let height = h as u32;
            if boundary == next_retarget {
                // Core measures from the epoch's first block to its last (2,015 intervals).
                #[allow(clippy::cast_possible_truncation, reason = "as above")]
                let first = t0 + libm::round(epoch_start) as i64;
                #[allow(clippy::cast_possible_truncation, reason = "as above")]
                let last = t0 + libm::round(t - 1.0 / rate) as i64;
                let retarget = calculate_next_work_required(&params, bits, first, last)?;
                bits = retarget.new_bits;
                difficulty = Difficulty::from_compact(bits)?.get();
                epoch_start = t;
                run.retargets.push((height, now, bits));
            }
            if boundary == next_halving {
                run.halvings.push((height, now));
            }
        }
        let hashprice = revenue / (n / 1e15);
        run.days.push(RawDay {
            hashrate_hs: n,
            difficulty: d0,
            next_height: h,
            blocks,
            hashprice,
        });
        let steady = 144.0 * (block_subsidy_at(h) + fees) * p;
        let ln_target = model.ln_target(
            steady,
            fractional_year(start.date) + (d as f64 + 1.0) / 365.25,
        );
        ln_n = model.step_log(ln_n, ln_target, 1.0 / DAYS_PER_MONTH) + shock(d);
        if !ln_n.is_finite() || ln_n > 230.0 {
            return Err(Error::InvalidHashrate {
                value: libm::exp(ln_n),
            });
        }
    }
    Ok(run)
}

fn block_subsidy_at(h: f64) -> f64 {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "heights below 2^32"
    )]
    let sat = block_subsidy_sat(BlockHeight::new(h.min(4.0e9) as u32));
    #[allow(clippy::cast_precision_loss, reason = "at most 5e9 sat, exact")]
    let btc = sat as f64 / 1e8;
    btc
}

/// Projects the network for `days` days from `start` under `model`, at the
/// prices of `prices` and the start's fees per block.
///
/// # Errors
///
/// [`Error::OutOfRange`] for 0 or more than [`MAX_DAYS`] days;
/// the errors of [`PricePath::daily`] (an empty daily path, a monthly
/// growth out of range);
/// [`Error::NoMachineOnOffer`] if the model's fleet has no machine by the
/// start date; [`Error::InvalidHashrate`] if the hashrate leaves the
/// representable range; the errors of the retarget and of money
/// conversions.
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::NaiveDate;
/// use wattage_mining::network_projection::{project_network, NetworkStart, PricePath};
/// use wattage_mining::network_response::ResponseModel;
///
/// let start = NetworkStart::from_history(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), "$94,000/BTC".parse()?, "0.03 BTC".parse()?)?;
/// let flat = project_network(&start, &ResponseModel::exogenous(0.0)?, &PricePath::Constant(start.btc_price), 90)?;
/// // Flat hashrate: about 144 blocks a day and the difficulty barely moves.
/// let day = &flat.days()[60];
/// assert!((day.blocks - 144.0).abs() < 3.0, "{}", day.blocks);
/// assert!(project_network(&start, &ResponseModel::exogenous(0.0)?, &PricePath::Constant(start.btc_price), 0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn project_network(
    start: &NetworkStart,
    model: &ResponseModel,
    prices: &PricePath,
    days: u32,
) -> Result<NetworkProjection> {
    if !model.is_exogenous() {
        model.frontier_efficiency(start.date)?;
    }
    check_days(days)?;
    let daily = prices.daily(days)?;
    let price_of = |d: usize| -> BtcPrice { daily.get(d).copied().unwrap_or(start.btc_price) };
    let price = |d: usize| price_of(d).to_f64();
    let fees = start.fees_per_block.to_btc_f64();
    let run = simulate(start, model, days, &price, &|_| fees, &mut |_| 0.0)?;
    let mut out = Vec::with_capacity(run.days.len());
    for (d, raw) in run.days.iter().enumerate() {
        let date = start
            .date
            .checked_add_days(chrono::Days::new(d as u64))
            .ok_or(Error::DateOutOfRange {
                what: "a projected day",
            })?;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a height below 2^32"
        )]
        let height = BlockHeight::new(libm::floor(raw.next_height) as u32);
        out.push(NetworkDay {
            date,
            hashrate: Hashrate::new(raw.hashrate_hs, unit::HASH_PER_SECOND)?,
            difficulty: Difficulty::new(raw.difficulty)?,
            height,
            blocks: raw.blocks,
            hashprice: Hashprice::from_f64(raw.hashprice)?,
            btc_price: price_of(d),
            fees_per_block: start.fees_per_block,
        });
    }
    let event = |(height, time, bits): (u32, i64, CompactTarget)| -> Result<NetworkEvent> {
        Ok(NetworkEvent {
            height: BlockHeight::new(height),
            time,
            difficulty: Difficulty::from_compact(bits)?,
        })
    };
    let retargets = run
        .retargets
        .iter()
        .copied()
        .map(event)
        .collect::<Result<Vec<_>>>()?;
    let halvings = run
        .halvings
        .iter()
        .map(|&(height, time)| {
            let difficulty = run
                .retargets
                .iter()
                .rev()
                .find(|r| r.0 <= height)
                .map_or(Difficulty::from_compact(start.bits), |r| {
                    Difficulty::from_compact(r.2)
                })?;
            Ok(NetworkEvent {
                height: BlockHeight::new(height),
                time,
                difficulty,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(NetworkProjection {
        start: *start,
        days: out,
        retargets,
        halvings,
    })
}
