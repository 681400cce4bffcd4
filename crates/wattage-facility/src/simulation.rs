//! Curtailment and a period-by-period simulation kernel with an exact ledger.
//!
//! A [`MiningWorkload`] is plain typed input (fleet hashrate, fleet IT
//! power, a hashprice path), so any fleet model can feed it. [`simulate`]
//! runs it against a [`PowerSupply`] and a [`Pue`] over a run of 15-minute
//! or hourly periods, switching it off according to a [`Curtailment`]
//! policy, and returns a [`Ledger`]: one [`LedgerEntry`] per period, and
//! totals that are the exact sums of the entries.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use wattage_facility::contract::PowerSupply;
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::pue::Pue;
//! use wattage_facility::simulation::{Curtailment, HashpricePath, MiningWorkload, simulate};
//!
//! let start = Utc.with_ymd_and_hms(2023, 8, 20, 0, 0, 0).unwrap();
//! let prices = ["$30/MWh", "$2500/MWh", "$40/MWh"]
//!     .iter()
//!     .map(|p| p.parse())
//!     .collect::<Result<Vec<_>, _>>()?;
//! let supply = PowerSupply::index(PriceSeries::new(start, Resolution::Hourly, prices)?, "$0/MWh".parse()?);
//! // 1 EH/s at 16 J/TH draws 16 MW; hashprice $50/PH/day.
//! let fleet = MiningWorkload::new("1 EH/s".parse()?, "16 MW".parse()?, HashpricePath::Constant("$50/PH/day".parse()?))?;
//! let pue = Pue::constant(1.05)?;
//!
//! let always = simulate(start, Resolution::Hourly, 3, &supply, &pue, &fleet, Curtailment::AlwaysOn)?;
//! let flexible = simulate(start, Resolution::Hourly, 3, &supply, &pue, &fleet, Curtailment::AboveBreakeven)?;
//! assert_eq!(flexible.curtailed_periods(), 1); // the $2,500 hour
//! assert!(flexible.totals().margin > always.totals().margin);
//! // Breakeven: $50/PH/day = $2,083.33/h per EH/s, over 16.8 MWh an hour = $124/MWh.
//! assert_eq!(format!("{:.2}", flexible.entries()[0].breakeven), "$124.01/MWh");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::format;
use alloc::vec::Vec;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, Hashprice, Hashrate, MoneyError, Power, Time, Usd, unit};

use crate::FacilityError;
use crate::contract::PowerSupply;
use crate::price_series::Resolution;
use crate::pue::Pue;

/// The hashprice a mining workload earns, period by period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum HashpricePath {
    /// One hashprice for every period.
    Constant(Hashprice),
    /// One hashprice per simulated period, in order.
    PerPeriod(Vec<Hashprice>),
    /// One hashprice per day (24 hours from the simulation's start), in
    /// order, as Hashrate Index publishes it.
    Daily(Vec<Hashprice>),
}

impl HashpricePath {
    /// The hashprice of period `period`, which starts `seconds` after the
    /// simulation's start.
    pub(crate) fn at(&self, period: usize, seconds: i64) -> Result<Hashprice, FacilityError> {
        match self {
            Self::Constant(price) => Ok(*price),
            Self::PerPeriod(prices) => {
                prices
                    .get(period)
                    .copied()
                    .ok_or_else(|| FacilityError::InvalidTerm {
                        what: "hashprice path",
                        value: format!("{} hashprice(s), none for period {period}", prices.len()),
                    })
            }
            Self::Daily(prices) => {
                let day = usize::try_from(seconds.div_euclid(86_400)).unwrap_or(usize::MAX);
                prices
                    .get(day)
                    .copied()
                    .ok_or_else(|| FacilityError::InvalidTerm {
                        what: "hashprice path",
                        value: format!("{} daily hashprice(s), none for day {day}", prices.len()),
                    })
            }
        }
    }
}

/// Self-mining as plain typed input: the fleet's hashrate and IT power and
/// the hashprice it earns.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "crate::serde_impls::RawMiningWorkload")
)]
pub struct MiningWorkload {
    hashrate: Hashrate,
    it_power: Power,
    hashprice: HashpricePath,
}

impl MiningWorkload {
    /// A fleet of `hashrate` drawing `it_power` at the machines, paid `hashprice`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] unless `it_power` is finite and positive.
    pub fn new(
        hashrate: Hashrate,
        it_power: Power,
        hashprice: HashpricePath,
    ) -> Result<Self, FacilityError> {
        let watts = it_power.base_value();
        if !(watts.is_finite() && watts > 0.0) {
            return Err(FacilityError::InvalidPower {
                what: "fleet IT power",
                requirement: "finite and positive",
                value: it_power,
            });
        }
        Ok(Self {
            hashrate,
            it_power,
            hashprice,
        })
    }

    /// Fleet hashrate.
    #[must_use]
    pub const fn hashrate(&self) -> Hashrate {
        self.hashrate
    }

    /// Fleet IT power.
    #[must_use]
    pub const fn it_power(&self) -> Power {
        self.it_power
    }

    /// The hashprice path.
    #[must_use]
    pub const fn hashprice(&self) -> &HashpricePath {
        &self.hashprice
    }
}

/// When an interruptible load switches off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Curtailment {
    /// Never: run every period.
    AlwaysOn,
    /// With perfect foresight of the period's price: off whenever the
    /// all-in energy price is above the workload's breakeven (running
    /// would lose money).
    AboveBreakeven,
    /// Off whenever the all-in energy price is above a fixed strike price.
    AbovePrice(EnergyPrice),
}

/// One period of a [`Ledger`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LedgerEntry {
    /// Start of the period, UTC.
    pub start: DateTime<Utc>,
    /// The all-in energy price (mean over the period).
    pub price: EnergyPrice,
    /// The price at which running breaks even: revenue / facility energy.
    pub breakeven: EnergyPrice,
    /// Whether the workload ran.
    pub running: bool,
    /// Facility energy drawn, MWh (IT energy × PUE), exact after entry.
    pub energy_mwh: Decimal,
    /// Revenue earned.
    pub revenue: Usd,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Revenue less energy bill.
    pub margin: Usd,
}

/// Sums over a [`Ledger`], exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LedgerTotals {
    /// Facility energy, MWh.
    pub energy_mwh: Decimal,
    /// Revenue.
    pub revenue: Usd,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Revenue less energy bill.
    pub margin: Usd,
}

/// The per-period result of [`simulate`], with exact totals.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Ledger {
    entries: Vec<LedgerEntry>,
    totals: LedgerTotals,
}

impl Ledger {
    /// The periods, in time order.
    #[must_use]
    pub fn entries(&self) -> &[LedgerEntry] {
        &self.entries
    }

    /// Exact sums over the periods.
    #[must_use]
    pub const fn totals(&self) -> LedgerTotals {
        self.totals
    }

    /// Number of periods the workload was switched off.
    #[must_use]
    pub fn curtailed_periods(&self) -> usize {
        self.entries.iter().filter(|e| !e.running).count()
    }
}

/// The longest run accepted: 100 years of 15-minute periods.
pub const MAX_PERIODS: usize = 100 * 366 * 96;

fn money_overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

/// Runs `workload` for `periods` periods of `resolution` from `start`,
/// buying energy under `supply`, with cooling overhead `pue`, switched off
/// according to `policy`.
///
/// In each period: revenue = hashprice × hashrate × period (by
/// [`Hashprice::revenue_over`]); facility energy = IT power × PUE × period,
/// entering money as MWh by [`wattage_units::money::to_decimal`]; energy
/// cost = energy × the supply's mean price over the period. A curtailed
/// period earns nothing and costs nothing (no demand charges are modelled
/// here). Totals are exact `Decimal` sums of the entries.
///
/// # Errors
/// [`FacilityError::Misaligned`] for a start off the grid;
/// [`FacilityError::InvalidTerm`] for more than [`MAX_PERIODS`] periods;
/// [`FacilityError::OutsideSeries`] when the supply's prices or the PUE do
/// not cover a period; [`FacilityError::InvalidTerm`] when a per-period
/// hashprice path is too short; [`FacilityError::Money`] on overflow.
pub fn simulate(
    start: DateTime<Utc>,
    resolution: Resolution,
    periods: usize,
    supply: &PowerSupply,
    pue: &Pue,
    workload: &MiningWorkload,
    policy: Curtailment,
) -> Result<Ledger, FacilityError> {
    if !resolution.is_aligned(start) {
        return Err(FacilityError::Misaligned {
            at: start,
            resolution: resolution.name(),
        });
    }
    if periods > MAX_PERIODS {
        return Err(FacilityError::InvalidTerm {
            what: "number of simulated periods",
            value: format!("{periods} (at most {MAX_PERIODS})"),
        });
    }
    let step_seconds = match resolution {
        Resolution::FifteenMinutes => 900.0,
        Resolution::Hourly => 3600.0,
    };
    let step = Time::new(step_seconds, unit::SECOND)?;
    let it_megawatts = workload.it_power.get(unit::MEGAWATT);
    let mut entries = Vec::with_capacity(periods);
    let mut totals = LedgerTotals::default();
    let mut at = start;
    for period in 0..periods {
        let price = supply.price_over(at, resolution)?;
        let facility_mw = to_decimal("facility load in MW", it_megawatts * pue.at(at)?)?;
        let energy_mwh = facility_mw
            .checked_mul(resolution.hours())
            .ok_or_else(|| money_overflow("energy in MWh"))?;
        let elapsed = at.signed_duration_since(start).num_seconds();
        let revenue_if_on = workload
            .hashprice
            .at(period, elapsed)?
            .revenue_over(workload.hashrate, step)?;
        let cost_if_on = Usd::new(energy_mwh).checked_mul(price.value())?;
        let margin_if_on = revenue_if_on.checked_sub(cost_if_on)?;
        let breakeven = EnergyPrice::new(revenue_if_on.checked_div(energy_mwh)?.dollars())?;
        let running = match policy {
            Curtailment::AlwaysOn => true,
            // Price above breakeven is exactly a negative margin; deciding on
            // the margin itself avoids rounding in the division.
            Curtailment::AboveBreakeven => !margin_if_on.is_negative(),
            Curtailment::AbovePrice(strike) => price <= strike,
        };
        let entry = if running {
            LedgerEntry {
                start: at,
                price,
                breakeven,
                running,
                energy_mwh,
                revenue: revenue_if_on,
                energy_cost: cost_if_on,
                margin: margin_if_on,
            }
        } else {
            LedgerEntry {
                start: at,
                price,
                breakeven,
                running,
                energy_mwh: Decimal::ZERO,
                revenue: Usd::ZERO,
                energy_cost: Usd::ZERO,
                margin: Usd::ZERO,
            }
        };
        totals = LedgerTotals {
            energy_mwh: totals
                .energy_mwh
                .checked_add(entry.energy_mwh)
                .ok_or_else(|| money_overflow("total energy"))?,
            revenue: totals.revenue.checked_add(entry.revenue)?,
            energy_cost: totals.energy_cost.checked_add(entry.energy_cost)?,
            margin: totals.margin.checked_add(entry.margin)?,
        };
        entries.push(entry);
        at = at
            .checked_add_signed(TimeDelta::seconds(resolution.seconds()))
            .ok_or(FacilityError::OutsideSeries {
                at,
                start,
                end: DateTime::<Utc>::MAX_UTC,
            })?;
    }
    Ok(Ledger { entries, totals })
}
