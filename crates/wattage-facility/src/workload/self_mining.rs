//! Self-mining: the operator's own fleet, paid by a pool.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_hardware::Fleet;
use wattage_mining::hashprice::NetworkState;
use wattage_mining::payout::Pool;
use wattage_units::{BtcPrice, Hashrate, Power};

use crate::FacilityError;
use crate::hashprice_path::HashpricePath;
use alloc::vec::Vec;

use wattage_units::money::to_decimal;
use wattage_units::{Hashprice, Usd, unit};

use super::Model;
use crate::schedule::{Earning, LoadContext, RevenueRule, Terms, mul};

/// A mining fleet of the operator's own, paid by a pool.
///
/// Revenue in a period is `hashprice × hashrate × period × (1 − pool fee)`:
/// the pool's expected payout. Every payout scheme that
/// [`wattage_mining::payout`] models (FPPS, PPS+, PPLNS, solo) pays the same
/// expectation before its fee; they differ in the luck the miner carries,
/// which a deterministic ledger does not draw. Bitcoin mined is the net
/// revenue at `btc_price`, rounded to the satoshi.
///
/// Availability, as [`wattage_mining::operation::Operation`] models it:
/// the fleet hashes and draws power `uptime` of the time (revenue and
/// energy both × uptime), and its hashrate falls by
/// `degradation_per_year` a year, compounded day by day from the first
/// live period (`hashrate × (1 − rate)^(days / 365.25)`, the factor
/// entering money by [`to_decimal`]'s rule); the power drawn does not
/// fall (worn machines hash less on the same power).
///
/// ```
/// // Needs wattage-facility, wattage-mining, wattage-hardware, wattage-units, rust_decimal (in the wattage facade: wattage::facility, wattage::mining, wattage::hardware, wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_facility::HashpricePath;
/// use wattage_facility::workload::SelfMining;
/// use wattage_hardware::{catalog, Fleet};
/// use wattage_mining::payout::Pool;
/// use wattage_units::unit;
///
/// let mut fleet = Fleet::new();
/// fleet.add(catalog::asic("S21 XP")?, 10_000)?; // 2.7 EH/s, 36.45 MW
/// let mining = SelfMining::from_fleet(
///     &fleet,
///     Pool::fpps("2%".parse()?)?, // 2% fee
///     HashpricePath::Constant("$45/PH/day".parse()?),
///     "$95,000/BTC".parse()?,
/// )?;
/// assert_eq!(mining.it_power().get(unit::MEGAWATT), 36.45);
/// assert_eq!(mining.hashrate().get(unit::EXAHASH_PER_SECOND), 2.7);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SelfMiningSpec"))]
pub struct SelfMining {
    hashrate: Hashrate,
    it_power: Power,
    pool: Pool,
    hashprice: HashpricePath,
    btc_price: BtcPrice,
    uptime: Decimal,
    degradation_per_year: Decimal,
}

impl SelfMining {
    /// A fleet on `spec`'s terms: `hashrate` drawing `it_power` at the
    /// machines, in `pool`, earning `hashprice` (before the pool fee);
    /// bitcoin is counted at `btc_price`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] unless `it_power` is finite and
    /// positive; [`FacilityError::Money`] for a zero BTC price;
    /// [`FacilityError::InvalidShare`] for an uptime or a degradation rate
    /// outside 0..=1.
    pub fn new(spec: SelfMiningSpec) -> Result<Self, FacilityError> {
        let SelfMiningSpec {
            hashrate,
            it_power,
            pool,
            hashprice,
            btc_price,
            uptime,
            degradation_per_year,
        } = spec;
        super::positive_power("fleet IT power", it_power)?;
        for (what, value) in [
            ("fleet uptime", uptime),
            ("fleet hashrate degradation per year", degradation_per_year),
        ] {
            if value < Decimal::ZERO || value > Decimal::ONE {
                return Err(FacilityError::InvalidShare { what, value });
            }
        }
        if btc_price.value() <= Decimal::ZERO {
            return Err(wattage_units::MoneyError::Negative {
                what: "a BTC price for counting bitcoin mined (must be positive)",
                value: btc_price.value(),
            }
            .into());
        }
        Ok(Self {
            hashrate,
            it_power,
            pool,
            hashprice,
            btc_price,
            uptime,
            degradation_per_year,
        })
    }

    /// A [`Fleet`]'s total hashrate and wall power, always up and not
    /// degrading (see [`Self::new`] for both).
    ///
    /// # Errors
    /// [`FacilityError::Hardware`] when the fleet's totals fail; as for
    /// [`Self::new`] (an empty fleet draws no power).
    pub fn from_fleet(
        fleet: &Fleet,
        pool: Pool,
        hashprice: HashpricePath,
        btc_price: BtcPrice,
    ) -> Result<Self, FacilityError> {
        Self::new(SelfMiningSpec {
            hashrate: fleet.total_hashrate()?,
            it_power: fleet.total_power()?,
            pool,
            hashprice,
            btc_price,
            uptime: Decimal::ONE,
            degradation_per_year: Decimal::ZERO,
        })
    }

    /// A fleet paid the constant hashprice of a network `state` (difficulty,
    /// subsidy, fees) at `btc_price`.
    ///
    /// # Errors
    /// [`FacilityError::Mining`] when the hashprice cannot be computed; as
    /// for [`Self::from_fleet`].
    pub fn at_network(
        fleet: &Fleet,
        pool: Pool,
        state: &NetworkState,
        btc_price: BtcPrice,
    ) -> Result<Self, FacilityError> {
        let hashprice = state.hashprice(btc_price)?;
        Self::from_fleet(fleet, pool, HashpricePath::Constant(hashprice), btc_price)
    }

    /// Fleet hashrate.
    #[must_use]
    pub const fn hashrate(&self) -> Hashrate {
        self.hashrate
    }

    /// Fleet IT (wall) power.
    #[must_use]
    pub const fn it_power(&self) -> Power {
        self.it_power
    }

    /// The pool.
    #[must_use]
    pub const fn pool(&self) -> &Pool {
        &self.pool
    }

    /// The hashprice path (before the pool fee).
    #[must_use]
    pub const fn hashprice(&self) -> &HashpricePath {
        &self.hashprice
    }

    /// The BTC price at which bitcoin mined is counted.
    #[must_use]
    pub const fn btc_price(&self) -> BtcPrice {
        self.btc_price
    }

    /// The share of the time the fleet hashes and draws power.
    #[must_use]
    pub const fn uptime(&self) -> Decimal {
        self.uptime
    }

    /// The share of hashrate lost per year.
    #[must_use]
    pub const fn degradation_per_year(&self) -> Decimal {
        self.degradation_per_year
    }

    /// The share of gross revenue the miner keeps: `1 − pool fee`.
    #[must_use]
    pub fn net_share(&self) -> Decimal {
        self.pool.fee().complement().fraction()
    }
}

impl Model for SelfMining {
    fn kind(&self) -> &'static str {
        "self-mining"
    }

    fn it_power(&self) -> Power {
        SelfMining::it_power(self)
    }

    fn interruptible(&self) -> bool {
        true
    }

    fn drawn_share(&self) -> f64 {
        self.uptime.to_f64().unwrap_or(1.0)
    }

    /// Lowers the fleet: interruptible, earning the path's hashprice ×
    /// hashrate × uptime × degradation × period × (1 − pool fee), one
    /// value per step of the path (per day while the hashrate degrades).
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        let resolution = context.horizon.resolution();
        #[allow(clippy::cast_precision_loss, reason = "900 or 3600 seconds")]
        let days = resolution.seconds() as f64 / 86_400.0;
        let ph_days = to_decimal(
            "work in PH/s-days",
            self.hashrate.get(unit::PETAHASH_PER_SECOND) * days,
        )?;
        let net_share = mul(self.net_share(), self.uptime, "uptime share")?;
        let (prices, path_step) = self.hashprice.steps(resolution);
        let per_day = usize::try_from(86_400 / resolution.seconds()).unwrap_or(1);
        let per_step = if self.degradation_per_year.is_zero() {
            path_step
        } else {
            path_step.min(per_day)
        };
        let (from, until) = (context.from, context.until);
        let first_step = from / per_step;
        let mut values = Vec::new();
        if from < until {
            let last = (until - 1) / per_step;
            if prices
                .get(first_step * per_step / path_step..=last * per_step / path_step)
                .is_none()
            {
                let missing = from.max(prices.len().saturating_mul(path_step));
                return Err(self.hashprice.too_short(missing, resolution));
            }
            values.reserve_exact(last - first_step + 1);
            let mut previous: Option<(Hashprice, Decimal, Earning)> = None;
            for step in first_step..=last {
                let period = step * per_step;
                let Some(&hashprice) = prices.get(period / path_step) else {
                    return Err(self.hashprice.too_short(period, resolution));
                };
                let factor = self.degradation(period.saturating_sub(from) / per_day)?;
                let earning = match previous {
                    Some((p, f, e)) if p == hashprice && f == factor => e,
                    _ => {
                        let share = mul(net_share, factor, "degraded share")?;
                        let usd = mul(
                            mul(ph_days, hashprice.value(), "mining revenue")?,
                            share,
                            "mining revenue net of pool fee",
                        )?;
                        let btc = self.btc_price.btc_for(Usd::new(usd))?;
                        Earning { usd, btc }
                    }
                };
                previous = Some((hashprice, factor, earning));
                values.push(earning);
            }
        }
        Ok(context.terms(
            RevenueRule::Stepped {
                values,
                per_step,
                first_step,
            },
            true,
        ))
    }
}

impl SelfMining {
    /// The share of the first day's hashrate left after `days` days:
    /// `(1 − rate)^(days / 365.25)`, exactly one without degradation.
    fn degradation(&self, days: usize) -> Result<Decimal, FacilityError> {
        if self.degradation_per_year.is_zero() || days == 0 {
            return Ok(Decimal::ONE);
        }
        let kept = 1.0 - self.degradation_per_year.to_f64().unwrap_or(0.0);
        #[allow(clippy::cast_precision_loss, reason = "day counts are far below 2^52")]
        let years = days as f64 / 365.25;
        Ok(to_decimal(
            "hashrate left after degradation",
            libm::pow(kept, years),
        )?)
    }
}

/// The terms of a [`SelfMining`] fleet, by name. [`SelfMining::new`] (and
/// deserialization, and `TryFrom`) validate them;
/// [`SelfMining::from_fleet`] fills `hashrate` and `it_power` from a
/// [`Fleet`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SelfMiningSpec {
    /// The fleet's hashrate.
    pub hashrate: Hashrate,
    /// The fleet's IT power at the machines.
    pub it_power: Power,
    /// The pool and its fee.
    pub pool: Pool,
    /// The hashprice earned, before the pool fee.
    pub hashprice: HashpricePath,
    /// The BTC price at which bitcoin mined is counted (positive).
    pub btc_price: BtcPrice,
    /// The share of the time the fleet hashes and draws power, 0 to 1
    /// (1 when not given in a config).
    #[cfg_attr(feature = "serde", serde(default = "crate::serde_impls::one"))]
    pub uptime: Decimal,
    /// The share of hashrate lost per year, 0 to 1 (0 when not given).
    #[cfg_attr(feature = "serde", serde(default))]
    pub degradation_per_year: Decimal,
}

impl TryFrom<SelfMiningSpec> for SelfMining {
    type Error = FacilityError;

    fn try_from(spec: SelfMiningSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};
    use rust_decimal::RoundingStrategy;
    use wattage_mining::costs::breakeven_meter_price;
    use wattage_units::EnergyPrice;

    use super::*;
    use crate::workload::Workload;
    use crate::{
        Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PricePath, PriceSeries,
        Pue, Resolution, Site, SiteKernel, simulate_site,
    };

    /// 3 EH/s drawing 48 MW (16 J/TH) behind a PUE of 1.08, 2% FPPS fee,
    /// $52/PH/day: $122.878.../MWh at the meter. One hour a hundredth of a
    /// cent below it and one a hundredth of a cent above: the engine runs
    /// the first and curtails the second, in both evaluators.
    #[test]
    fn the_engine_curtails_exactly_above_the_meter_breakeven() {
        let pool = Pool::fpps("2%".parse().unwrap()).unwrap();
        let hashprice: Hashprice = "$52/PH/day".parse().unwrap();
        let breakeven =
            breakeven_meter_price(hashprice, "16 J/TH".parse().unwrap(), &pool, 1.08).unwrap();
        let at = |strategy| {
            EnergyPrice::new(breakeven.value().round_dp_with_strategy(4, strategy)).unwrap()
        };
        let below = at(RoundingStrategy::ToZero);
        let above = at(RoundingStrategy::AwayFromZero);
        assert!(below < breakeven && breakeven < above);

        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let site = Site::new("S", "60 MW".parse().unwrap())
            .unwrap()
            .with_hall(
                Hall::new("A", "50 MW".parse().unwrap(), Pue::constant(1.08).unwrap()).unwrap(),
            )
            .unwrap();
        let mut plan = Deployment::new(site);
        let fleet = SelfMining::new(SelfMiningSpec {
            hashrate: "3 EH/s".parse().unwrap(),
            it_power: "48 MW".parse().unwrap(),
            pool,
            hashprice: HashpricePath::Constant(hashprice),
            btc_price: "$100,000/BTC".parse().unwrap(),
            uptime: Decimal::ONE,
            degradation_per_year: Decimal::ZERO,
        })
        .unwrap();
        plan.assign("fleet", "A", Workload::SelfMining(fleet))
            .unwrap();
        let series =
            PriceSeries::new(start, Resolution::Hourly, alloc::vec![below, above]).unwrap();
        let contract = PowerContract::new(PowerSupply::index(series, "$0/MWh".parse().unwrap()));
        let horizon = Horizon::new(start, Resolution::Hourly, 2).unwrap();

        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let hours: Vec<bool> = ledger.workload_periods(0).map(|p| p.running).collect();
        assert_eq!(hours, [true, false]);
        let fast = SiteKernel::new(&plan, &contract, horizon).unwrap().run(
            &PricePath::new(&contract, horizon).unwrap(),
            Curtailment::AboveBreakeven,
        );
        assert_eq!(fast.workload("fleet").map(|w| w.curtailed_periods), Some(1));
        assert_eq!(
            ledger.workload("fleet").map(|w| w.curtailed_periods),
            Some(1)
        );
    }
}
