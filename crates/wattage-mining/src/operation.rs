//! A mining operation over a period: what it mines, earns and spends.
//!
//! ```text
//! effective hashrate = hashrate x uptime
//! mined BTC          = pool payout of the effective hashrate          (see crate::payout)
//! revenue            = mined BTC x BTC price
//! energy             = hashrate x efficiency x uptime x period
//! power cost         = energy x power price
//! hosting            = energy x hosting rate, or revenue x revenue share
//! gross margin       = revenue - power - hosting
//! cash margin        = gross margin - other opex                       (EBITDA)
//! net margin         = cash margin - straight-line depreciation of capex
//! direct cost of 1 BTC  = (power + hosting) / mined BTC
//! all-in cost of 1 BTC  = (power + hosting + opex + depreciation) / mined BTC
//! ```
//!
//! ```
//! // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
//! use rust_decimal::Decimal;
//! use wattage_mining::{hashprice::{Fees, NetworkState}, operation::Operation, payout::Pool, Difficulty};
//! use wattage_units::{Btc, BtcPrice, Time, unit};
//!
//! let state = NetworkState::new(Difficulty::new(125e12)?, Btc::from_sat(312_500_000), Fees::ZERO)?;
//! let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, "$45/MWh".parse()?)
//!     .with_uptime(Decimal::new(97, 2))?
//!     .with_pool(Pool::fpps("2.5%".parse()?)?);
//! let month = s21xp.evaluate(&state, "$100,000/BTC".parse::<BtcPrice>()?, Time::new(30.0, unit::DAY)?)?;
//! assert!(month.cash_margin()? > wattage_units::Usd::ZERO);
//! assert!(month.all_in_cost_per_btc()? >= month.direct_cost_per_btc()?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use wattage_hardware::AsicMiner;
use wattage_units::money::to_decimal;
use wattage_units::{
    Btc, BtcPrice, Energy, EnergyPrice, HashEfficiency, Hashrate, Measure, Power, Time, Usd, unit,
};

use crate::hashprice::{Fees, NetworkState};
use crate::payout::{Payout, Pool};
use crate::{Error, Result};

/// What a host charges on top of (or instead of) the power bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum HostingFee {
    /// No hosting fee (self-hosted).
    #[default]
    None,
    /// A rate per MWh consumed, on top of the power price. For an all-in
    /// hosting rate, set the power price to zero and put the rate here.
    PerEnergy(EnergyPrice),
    /// A share of the mining revenue, in `[0, 1]`.
    ShareOfRevenue(Decimal),
}

/// A mining operation: machines, how they run, where they are paid, what
/// they cost.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawOperation")
)]
pub struct Operation {
    hashrate: Hashrate,
    efficiency: HashEfficiency,
    power_price: EnergyPrice,
    uptime: Decimal,
    pool: Pool,
    hosting: HostingFee,
    opex_per_day: Usd,
    capex: Usd,
    depreciation_life: Option<Time>,
}

/// [`Operation`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperation {
    hashrate: Hashrate,
    efficiency: HashEfficiency,
    power_price: EnergyPrice,
    #[serde(default = "one")]
    uptime: Decimal,
    #[serde(default = "fpps_no_fee")]
    pool: Pool,
    #[serde(default)]
    hosting: HostingFee,
    #[serde(default)]
    opex_per_day: Usd,
    #[serde(default)]
    capex: Usd,
    #[serde(default)]
    depreciation_life: Option<Time>,
}

#[cfg(feature = "serde")]
fn one() -> Decimal {
    Decimal::ONE
}

#[cfg(feature = "serde")]
fn fpps_no_fee() -> Pool {
    Pool::FPPS_NO_FEE
}

#[cfg(feature = "serde")]
impl TryFrom<RawOperation> for Operation {
    type Error = Error;

    fn try_from(raw: RawOperation) -> Result<Self> {
        let mut op = Self::new(raw.hashrate, raw.efficiency, raw.power_price)
            .with_uptime(raw.uptime)?
            .with_pool(raw.pool)
            .with_hosting(raw.hosting)?
            .with_opex_per_day(raw.opex_per_day)?;
        if let Some(life) = raw.depreciation_life {
            op = op.with_capex(raw.capex, life)?;
        } else if raw.capex != Usd::ZERO {
            op = op.with_capex(raw.capex, Time::new(0.0, unit::SECOND)?)?;
        }
        Ok(op)
    }
}

/// The economics of an operation over one period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PeriodEconomics {
    /// The period's length.
    pub period: Time,
    /// The pool payout (net is what the operation receives).
    pub payout: Payout,
    /// The payout's value in dollars.
    pub revenue: Usd,
    /// Energy drawn.
    pub energy: Energy,
    /// The power bill.
    pub power_cost: Usd,
    /// The hosting fee.
    pub hosting_cost: Usd,
    /// Other cash operating costs.
    pub opex: Usd,
    /// Straight-line depreciation of the capex over the period (zero
    /// once the depreciation life has ended).
    pub depreciation: Usd,
}

impl Operation {
    /// An operation of `hashrate` machines at `efficiency`, paying
    /// `power_price`; 100% uptime, FPPS without a fee, no hosting, opex,
    /// capex or depreciation until set.
    #[must_use]
    pub fn new(hashrate: Hashrate, efficiency: HashEfficiency, power_price: EnergyPrice) -> Self {
        Self {
            hashrate,
            efficiency,
            power_price,
            uptime: Decimal::ONE,
            pool: Pool::FPPS_NO_FEE,
            hosting: HostingFee::None,
            opex_per_day: Usd::ZERO,
            capex: Usd::ZERO,
            depreciation_life: None,
        }
    }

    /// An operation of `count` machines of a catalog model.
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] if the total hashrate is not finite.
    ///
    /// ```
    /// // Needs wattage-mining, wattage-hardware (in the wattage facade: wattage::mining, wattage::hardware).
    /// use wattage_hardware::catalog;
    /// use wattage_mining::operation::Operation;
    ///
    /// let s21xp = catalog::asic("Antminer S21 XP")?;
    /// let site = Operation::from_miner(&s21xp, 1_000, "$38/MWh".parse()?)?;
    /// assert_eq!(site.hashrate().to_string(), "270 PH/s");
    /// assert_eq!(site.power()?.to_string(), "3.645 MW");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_miner(miner: &AsicMiner, count: u32, power_price: EnergyPrice) -> Result<Self> {
        let hashrate = Hashrate::new(
            miner.hashrate().get(unit::HASH_PER_SECOND) * f64::from(count),
            unit::HASH_PER_SECOND,
        )?;
        Ok(Self::new(hashrate, miner.efficiency(), power_price))
    }

    /// The share of time the machines hash, in `[0, 1]`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] outside `[0, 1]`.
    pub fn with_uptime(mut self, uptime: Decimal) -> Result<Self> {
        check_fraction("uptime", uptime)?;
        self.uptime = uptime;
        Ok(self)
    }

    /// The pool and its payout scheme.
    #[must_use]
    pub fn with_pool(mut self, pool: Pool) -> Self {
        self.pool = pool;
        self
    }

    /// A hosting fee.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] for a revenue share outside `[0, 1]`.
    pub fn with_hosting(mut self, hosting: HostingFee) -> Result<Self> {
        if let HostingFee::ShareOfRevenue(share) = hosting {
            check_fraction("hosting share of revenue", share)?;
        }
        self.hosting = hosting;
        Ok(self)
    }

    /// Other cash operating costs per day (staff, maintenance, insurance).
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative amount.
    pub fn with_opex_per_day(mut self, opex: Usd) -> Result<Self> {
        if opex.is_negative() {
            return Err(Error::Negative {
                what: "opex per day (USD)",
                value: opex.to_f64(),
            });
        }
        self.opex_per_day = opex;
        Ok(self)
    }

    /// The machines' price, depreciated straight-line over `life`.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for negative capex, [`Error::NonPositiveDuration`]
    /// for a life that is not finite and positive (zero, negative or NaN).
    pub fn with_capex(mut self, capex: Usd, life: Time) -> Result<Self> {
        if capex.is_negative() {
            return Err(Error::Negative {
                what: "capex (USD)",
                value: capex.to_f64(),
            });
        }
        let seconds = life.get(unit::SECOND);
        if !(seconds > 0.0 && seconds.is_finite()) {
            return Err(Error::NonPositiveDuration {
                what: "depreciation life",
                seconds,
            });
        }
        self.capex = capex;
        self.depreciation_life = Some(life);
        Ok(self)
    }

    /// Straight-line depreciation of the capex over the span from `from`
    /// to `to`, both measured from the day the machines went into service:
    /// `capex × (span within the life) / life`, so nothing is booked after
    /// the life ends and the whole life books exactly the capex (by
    /// [`wattage_finance::straight_line::straight_line_between`]; the
    /// times enter `Decimal` in seconds at 15 significant digits). Zero
    /// without capex.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] for a time that is not finite;
    /// [`Error::Finance`] for a span that ends before it starts.
    pub fn depreciation_between(&self, from: Time, to: Time) -> Result<Usd> {
        let Some(life) = self.depreciation_life else {
            return Ok(Usd::ZERO);
        };
        let seconds = |what: &'static str, t: Time| to_decimal(what, t.get(unit::SECOND));
        Ok(wattage_finance::straight_line::straight_line_between(
            self.capex,
            seconds("depreciation span start", from)?,
            seconds("depreciation span end", to)?,
            seconds("depreciation life", life)?,
        )?)
    }

    /// The operation's nameplate hashrate.
    #[must_use]
    pub const fn hashrate(&self) -> Hashrate {
        self.hashrate
    }

    /// The machines' efficiency.
    #[must_use]
    pub const fn efficiency(&self) -> HashEfficiency {
        self.efficiency
    }

    /// The power price.
    #[must_use]
    pub const fn power_price(&self) -> EnergyPrice {
        self.power_price
    }

    /// The capex.
    #[must_use]
    pub const fn capex(&self) -> Usd {
        self.capex
    }

    /// The uptime.
    #[must_use]
    pub const fn uptime(&self) -> Decimal {
        self.uptime
    }

    /// The power drawn while hashing: hashrate × efficiency.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::operation::Operation;
    ///
    /// let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, "$45/MWh".parse()?);
    /// assert_eq!(s21xp.power()?.to_string(), "3.645 kW");
    /// let absurd = Operation::new("1e280 ZH/s".parse()?, "1e280 J/TH".parse()?, "$45/MWh".parse()?);
    /// assert!(absurd.power().is_err()); // the product overflows
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] when the product is not a finite power, or the
    /// hashrate or efficiency is negative or not finite (the unchecked
    /// operators of `wattage-units` can make such values).
    pub fn power(&self) -> Result<Power> {
        Ok(self
            .hashrate
            .checked()?
            .checked_mul(self.efficiency.checked()?)?)
    }

    fn uptime_f64(&self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self.uptime).unwrap_or(1.0)
    }

    /// The hashrate after uptime.
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] if not a valid hashrate (never for a valid operation).
    pub fn effective_hashrate(&self) -> Result<Hashrate> {
        self.hashrate.checked()?;
        Ok(Hashrate::new(
            self.hashrate.get(unit::HASH_PER_SECOND) * self.uptime_f64(),
            unit::HASH_PER_SECOND,
        )?)
    }

    /// The economics over `period` at a network state and BTC price, the
    /// period starting when the machines went into service (so a period
    /// longer than the depreciation life books the capex once; a
    /// [`crate::operation_projection`] books each step's share of the life by
    /// [`Operation::depreciation_between`]).
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] for a negative or non-finite `period` (made with
    /// the unchecked `-` operator); [`Error::Money`] or [`Error::Quantity`]
    /// when a value does not fit.
    pub fn evaluate(
        &self,
        state: &NetworkState,
        price: BtcPrice,
        period: Time,
    ) -> Result<PeriodEconomics> {
        self.evaluate_with_fees(state, price, period, None)
    }

    /// As [`Operation::evaluate`], with the fees the pool's blocks actually
    /// carry (for PPS+, PPLNS and solo).
    ///
    /// # Errors
    ///
    /// As [`Operation::evaluate`].
    pub fn evaluate_with_fees(
        &self,
        state: &NetworkState,
        price: BtcPrice,
        period: Time,
        actual_fees: Option<Fees>,
    ) -> Result<PeriodEconomics> {
        let period = period.checked()?;
        let hashing = self.effective_hashrate()?;
        let payout = self
            .pool
            .expected_payout(state, hashing, period, actual_fees)?;
        let revenue = price.value_of(payout.net)?;
        let energy = hashing
            .checked_mul(self.efficiency.checked()?)?
            .checked_mul(period)?;
        let power_cost = self.power_price.cost(energy)?;
        let hosting_cost = match self.hosting {
            HostingFee::None => Usd::ZERO,
            HostingFee::PerEnergy(rate) => rate.cost(energy)?,
            HostingFee::ShareOfRevenue(share) => revenue.checked_mul(share)?,
        };
        let days = to_decimal("period in days", period.get(unit::DAY))?;
        let opex = self.opex_per_day.checked_mul(days)?;
        let start = Time::new(0.0, unit::SECOND)?;
        let depreciation = self.depreciation_between(start, period)?;
        Ok(PeriodEconomics {
            period,
            payout,
            revenue,
            energy,
            power_cost,
            hosting_cost,
            opex,
            depreciation,
        })
    }
}

impl PeriodEconomics {
    /// BTC received (the pool's net payout).
    #[must_use]
    pub const fn mined(&self) -> Btc {
        self.payout.net
    }

    /// Revenue less power and hosting.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn gross_margin(&self) -> Result<Usd> {
        Ok(self
            .revenue
            .checked_sub(self.power_cost)?
            .checked_sub(self.hosting_cost)?)
    }

    /// Gross margin less other opex (EBITDA).
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn cash_margin(&self) -> Result<Usd> {
        Ok(self.gross_margin()?.checked_sub(self.opex)?)
    }

    /// Cash margin less depreciation.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow.
    pub fn net_margin(&self) -> Result<Usd> {
        Ok(self.cash_margin()?.checked_sub(self.depreciation)?)
    }

    /// Revenue per MWh consumed.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] when no energy was consumed; [`Error::Money`] on overflow.
    pub fn revenue_per_mwh(&self) -> Result<Usd> {
        let mwh = to_decimal("energy in MWh", self.energy.get(unit::MEGAWATT_HOUR))?;
        if mwh <= Decimal::ZERO {
            return Err(Error::NotPositive {
                what: "energy consumed (MWh)",
                value: self.energy.get(unit::MEGAWATT_HOUR),
            });
        }
        Ok(self.revenue.checked_div(mwh)?)
    }

    /// Power and hosting per bitcoin mined.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] when nothing was mined; [`Error::Money`] on overflow.
    pub fn direct_cost_per_btc(&self) -> Result<Usd> {
        self.per_btc(self.power_cost.checked_add(self.hosting_cost)?)
    }

    /// Power, hosting, opex and depreciation per bitcoin mined.
    ///
    /// # Errors
    ///
    /// As [`PeriodEconomics::direct_cost_per_btc`].
    pub fn all_in_cost_per_btc(&self) -> Result<Usd> {
        let all = Usd::try_sum([
            self.power_cost,
            self.hosting_cost,
            self.opex,
            self.depreciation,
        ])?;
        self.per_btc(all)
    }

    fn per_btc(&self, cost: Usd) -> Result<Usd> {
        let btc = self.payout.net.to_btc();
        if btc <= Decimal::ZERO {
            return Err(Error::NotPositive {
                what: "bitcoin mined",
                value: self.payout.net.to_btc_f64(),
            });
        }
        Ok(cost.checked_div(btc)?)
    }

    /// The sum of two periods (for a period split at a halving).
    ///
    /// # Errors
    ///
    /// [`Error::Money`] on overflow; [`Error::Quantity`] for invalid sums.
    pub fn checked_add(&self, other: &Self) -> Result<Self> {
        let add_btc = |a: Btc, b: Btc| a.checked_add(b);
        let luck = match (self.payout.luck, other.payout.luck) {
            (Some(a), Some(b)) => {
                crate::payout::Luck::poisson(a.expected_blocks + b.expected_blocks).ok()
            }
            _ => None,
        };
        Ok(Self {
            period: Time::new(
                self.period.get(unit::SECOND) + other.period.get(unit::SECOND),
                unit::SECOND,
            )?,
            payout: Payout {
                subsidy: add_btc(self.payout.subsidy, other.payout.subsidy)?,
                fees: add_btc(self.payout.fees, other.payout.fees)?,
                pool_fee: add_btc(self.payout.pool_fee, other.payout.pool_fee)?,
                net: add_btc(self.payout.net, other.payout.net)?,
                luck,
            },
            revenue: self.revenue.checked_add(other.revenue)?,
            energy: Energy::new(
                self.energy.get(unit::JOULE) + other.energy.get(unit::JOULE),
                unit::JOULE,
            )?,
            power_cost: self.power_cost.checked_add(other.power_cost)?,
            hosting_cost: self.hosting_cost.checked_add(other.hosting_cost)?,
            opex: self.opex.checked_add(other.opex)?,
            depreciation: self.depreciation.checked_add(other.depreciation)?,
        })
    }
}

fn check_fraction(what: &'static str, value: Decimal) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() || value > Decimal::ONE {
        return Err(Error::InvalidFraction { what, value });
    }
    Ok(())
}
