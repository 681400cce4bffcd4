//! Power supply: what a site pays for energy, for peak demand and for
//! transmission.
//!
//! - [`PowerSupply`]: a fixed price, an index on a real-time
//!   [`PriceSeries`] plus an adder, or a blend of the two.
//! - [`DemandCharge`]: dollars per kW of the month's peak demand.
//! - [`FourCp`]: ERCOT's four-coincident-peak transmission tag, the mean of
//!   a load's demand in the four summer system-peak 15-minute intervals.

use alloc::vec::Vec;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, MoneyError, Power, Usd, unit};

use crate::FacilityError;
use crate::price_series::{PriceSeries, Resolution};

/// How a site buys energy.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use rust_decimal::Decimal;
/// use wattage_facility::contract::PowerSupply;
/// use wattage_facility::price_series::{PriceSeries, Resolution};
///
/// let start = Utc.with_ymd_and_hms(2024, 8, 20, 0, 0, 0).unwrap();
/// let rt = PriceSeries::new(start, Resolution::Hourly, vec!["$20/MWh".parse()?, "$2000/MWh".parse()?])?;
/// let blend = PowerSupply::blend("$40/MWh".parse()?, Decimal::new(75, 2), rt, "$2/MWh".parse()?)?;
/// // 75% at $40, 25% at the index plus $2.
/// assert_eq!(blend.price_at(start)?.to_string(), "$35.5/MWh");
/// assert_eq!(blend.price_at(start + chrono::TimeDelta::hours(1))?.to_string(), "$530.5/MWh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", try_from = "crate::serde_impls::RawSupply")
)]
pub enum PowerSupply {
    /// One price for every hour (a fixed-price PPA or retail contract).
    Fixed(EnergyPrice),
    /// The real-time price of each interval plus a fixed adder.
    Index {
        /// The real-time prices.
        prices: PriceSeries,
        /// Added to every interval's price (fees, basis, margin).
        adder: EnergyPrice,
    },
    /// A share of the load at a fixed price, the rest on the index.
    Blend {
        /// The fixed price.
        fixed: EnergyPrice,
        /// The share of energy at the fixed price, 0 to 1.
        fixed_share: Decimal,
        /// The real-time prices for the rest.
        prices: PriceSeries,
        /// Added to the index price.
        adder: EnergyPrice,
    },
}

impl PowerSupply {
    /// A fixed-price supply.
    #[must_use]
    pub const fn fixed(price: EnergyPrice) -> Self {
        Self::Fixed(price)
    }

    /// Index pricing: each interval's real-time price plus `adder`.
    #[must_use]
    pub const fn index(prices: PriceSeries, adder: EnergyPrice) -> Self {
        Self::Index { prices, adder }
    }

    /// `fixed_share` of the energy at `fixed`, the rest at index plus `adder`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] unless `fixed_share` is within 0..=1.
    pub fn blend(
        fixed: EnergyPrice,
        fixed_share: Decimal,
        prices: PriceSeries,
        adder: EnergyPrice,
    ) -> Result<Self, FacilityError> {
        if fixed_share < Decimal::ZERO || fixed_share > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "fixed-price share",
                value: fixed_share,
            });
        }
        Ok(Self::Blend {
            fixed,
            fixed_share,
            prices,
            adder,
        })
    }

    /// The all-in price of energy in the interval containing `at`.
    ///
    /// # Errors
    /// [`FacilityError::OutsideSeries`] when an index does not cover `at`;
    /// [`FacilityError::Money`] on overflow.
    pub fn price_at(&self, at: DateTime<Utc>) -> Result<EnergyPrice, FacilityError> {
        match self {
            Self::Fixed(price) => Ok(*price),
            Self::Index { prices, adder } => Ok(prices.price_at(at)?.checked_add(*adder)?),
            Self::Blend {
                fixed,
                fixed_share,
                prices,
                adder,
            } => {
                let index = prices.price_at(at)?.checked_add(*adder)?;
                let floating_share = Decimal::ONE - *fixed_share;
                Ok(fixed
                    .checked_scale(*fixed_share)?
                    .checked_add(index.checked_scale(floating_share)?)?)
            }
        }
    }

    /// The mean price over the interval of length `resolution` starting at
    /// `start`: the mean of the index intervals inside it when the index is
    /// finer (15-minute prices for an hourly load), else the price at `start`.
    ///
    /// # Errors
    /// As for [`Self::price_at`].
    pub fn price_over(
        &self,
        start: DateTime<Utc>,
        resolution: Resolution,
    ) -> Result<EnergyPrice, FacilityError> {
        let index_resolution = match self {
            Self::Fixed(price) => return Ok(*price),
            Self::Index { prices, .. } | Self::Blend { prices, .. } => prices.resolution(),
        };
        let parts = (resolution.seconds() / index_resolution.seconds()).max(1);
        let mut sum = Decimal::ZERO;
        for part in 0..parts {
            let at = start
                .checked_add_signed(TimeDelta::seconds(part * index_resolution.seconds()))
                .ok_or(FacilityError::OutsideSeries {
                    at: start,
                    start,
                    end: DateTime::<Utc>::MAX_UTC,
                })?;
            sum = sum
                .checked_add(self.price_at(at)?.value())
                .ok_or(MoneyError::Overflow {
                    operation: "sum of prices",
                })?;
        }
        let mean = sum
            .checked_div(Decimal::from(parts))
            .ok_or(MoneyError::Overflow {
                operation: "mean price",
            })?;
        Ok(EnergyPrice::new(mean.normalize())?)
    }

    /// The energy bill of a load drawing `loads[i]` through the i-th
    /// interval of length `resolution` from `start`: Σ price × load × hours,
    /// exact once each load enters money as MW (by
    /// [`wattage_units::money::to_decimal`]).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::contract::PowerSupply;
    /// use wattage_facility::price_series::Resolution;
    /// use wattage_units::{Power, unit};
    ///
    /// let supply = PowerSupply::fixed("$45/MWh".parse()?);
    /// let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    /// let load = vec![Power::new(10.0, unit::MEGAWATT)?; 24];
    /// assert_eq!(supply.energy_cost(start, Resolution::Hourly, &load)?.to_string(), "$10800");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As for [`Self::price_over`]; [`FacilityError::Money`] for a load
    /// that cannot enter money arithmetic.
    pub fn energy_cost(
        &self,
        start: DateTime<Utc>,
        resolution: Resolution,
        loads: &[Power],
    ) -> Result<Usd, FacilityError> {
        let mut total = Usd::ZERO;
        let mut at = start;
        for load in loads {
            let price = self.price_over(at, resolution)?;
            let megawatts = to_decimal("load in MW", load.get(unit::MEGAWATT))?;
            let mwh = megawatts
                .checked_mul(resolution.hours())
                .ok_or(MoneyError::Overflow {
                    operation: "energy in MWh",
                })?;
            total = total.checked_add(Usd::new(mwh).checked_mul(price.value())?)?;
            at = at
                .checked_add_signed(resolution.step())
                .ok_or(FacilityError::OutsideSeries {
                    at,
                    start,
                    end: DateTime::<Utc>::MAX_UTC,
                })?;
        }
        Ok(total)
    }
}

/// A demand charge: dollars per kilowatt of the billing month's peak demand.
///
/// ```
/// use wattage_facility::contract::DemandCharge;
/// use wattage_units::{Power, Usd, unit};
///
/// let charge = DemandCharge::per_kw_month("$8.50".parse()?)?;
/// let loads = [40.0, 49.5, 45.0].map(|mw| Power::new(mw, unit::MEGAWATT).unwrap());
/// assert_eq!(charge.for_loads(&loads)?.to_string(), "$420750");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "crate::serde_impls::RawDemandCharge")
)]
pub struct DemandCharge {
    per_kw_month: Usd,
}

impl DemandCharge {
    /// A charge of `rate` dollars per kW of monthly peak.
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a negative rate.
    pub fn per_kw_month(rate: Usd) -> Result<Self, FacilityError> {
        if rate.is_negative() {
            return Err(MoneyError::Negative {
                what: "a demand charge per kW-month",
                value: rate.dollars(),
            }
            .into());
        }
        Ok(Self { per_kw_month: rate })
    }

    /// The rate in dollars per kW-month.
    #[must_use]
    pub const fn rate(self) -> Usd {
        self.per_kw_month
    }

    /// The month's charge for a peak demand of `peak`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative peak;
    /// [`FacilityError::Money`] when it cannot enter money arithmetic.
    pub fn charge(self, peak: Power) -> Result<Usd, FacilityError> {
        if peak.base_value().is_nan() || peak.base_value() < 0.0 {
            return Err(FacilityError::InvalidPower {
                what: "peak demand",
                requirement: "non-negative",
                value: peak,
            });
        }
        let kilowatts = to_decimal("peak demand in kW", peak.get(unit::KILOWATT))?;
        Ok(self.per_kw_month.checked_mul(kilowatts)?)
    }

    /// The month's charge for the highest of `loads` (zero for none).
    ///
    /// # Errors
    /// As for [`Self::charge`].
    pub fn for_loads(self, loads: &[Power]) -> Result<Usd, FacilityError> {
        let peak = loads.iter().copied().fold(Power::ZERO, Power::max);
        self.charge(peak)
    }
}

/// ERCOT's four-coincident-peak (4CP) transmission tag.
///
/// A load's transmission charge for the next year follows its demand in
/// the four 15-minute intervals of system peak demand, one in each of June,
/// July, August and September, averaged. Loads that curtail in those
/// intervals shrink their tag.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::contract::FourCp;
/// use wattage_units::{Power, unit};
///
/// // Interval starts, UTC (the peaks fall around 17:00 CDT = 22:00 UTC).
/// let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
///     .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap());
/// let four_cp = FourCp::new(peaks)?;
/// let mw = |v| Power::new(v, unit::MEGAWATT).unwrap();
/// // A 100 MW miner that curtailed in two of the four peaks.
/// let tag = four_cp.tag_from_loads([mw(0.0), mw(100.0), mw(0.0), mw(100.0)])?;
/// assert_eq!(tag.get(unit::MEGAWATT), 50.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::serde_impls::RawFourCp"))]
pub struct FourCp {
    intervals: [DateTime<Utc>; 4],
}

impl FourCp {
    /// The four system-peak intervals (starts, UTC), one in each of June,
    /// July, August and September (Central time) of one year, in any order.
    ///
    /// # Errors
    /// [`FacilityError::Misaligned`] for a start off the 15-minute grid;
    /// [`FacilityError::InvalidTerm`] unless the four fall one in each
    /// summer month of one year.
    pub fn new(mut intervals: [DateTime<Utc>; 4]) -> Result<Self, FacilityError> {
        intervals.sort();
        for at in intervals {
            if !Resolution::FifteenMinutes.is_aligned(at) {
                return Err(FacilityError::Misaligned {
                    at,
                    resolution: Resolution::FifteenMinutes.name(),
                });
            }
        }
        // Summer in Texas is daylight time, UTC-5.
        let central: Vec<(i32, u32)> = intervals
            .iter()
            .filter_map(|at| at.checked_sub_signed(TimeDelta::hours(5)))
            .map(|t| (t.year(), t.month()))
            .collect();
        let year = central.first().map_or(0, |&(year, _)| year);
        let one_each = central == [(year, 6), (year, 7), (year, 8), (year, 9)];
        if !one_each {
            return Err(FacilityError::InvalidTerm {
                what: "4CP intervals",
                value: alloc::format!(
                    "{:?} (need one in each of June, July, August and September of one year, Central time)",
                    intervals.map(|t| t.to_rfc3339())
                ),
            });
        }
        Ok(Self { intervals })
    }

    /// The four interval starts, in time order.
    #[must_use]
    pub const fn intervals(&self) -> [DateTime<Utc>; 4] {
        self.intervals
    }

    /// The tag from a load's demand in the four intervals, in time order:
    /// their mean.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite demand.
    pub fn tag_from_loads(&self, loads: [Power; 4]) -> Result<Power, FacilityError> {
        for load in loads {
            if !(load.base_value().is_finite() && load.base_value() >= 0.0) {
                return Err(FacilityError::InvalidPower {
                    what: "demand at a 4CP interval",
                    requirement: "finite and non-negative",
                    value: load,
                });
            }
        }
        Ok(loads.iter().copied().sum::<Power>() / 4.0)
    }

    /// The tag of a load given as a function of time (for instance a
    /// simulation's demand), read at the four intervals.
    ///
    /// # Errors
    /// Whatever `demand_at` returns, and as for [`Self::tag_from_loads`].
    pub fn tag<F>(&self, mut demand_at: F) -> Result<Power, FacilityError>
    where
        F: FnMut(DateTime<Utc>) -> Result<Power, FacilityError>,
    {
        let [a, b, c, d] = self.intervals;
        self.tag_from_loads([demand_at(a)?, demand_at(b)?, demand_at(c)?, demand_at(d)?])
    }

    /// The next year's transmission charge for `tag` at `rate` dollars per
    /// kW-year.
    ///
    /// # Errors
    /// [`FacilityError::Money`] when the tag cannot enter money arithmetic.
    pub fn annual_charge(tag: Power, rate_per_kw_year: Usd) -> Result<Usd, FacilityError> {
        let kilowatts = to_decimal("4CP tag in kW", tag.get(unit::KILOWATT))?;
        Ok(rate_per_kw_year.checked_mul(kilowatts)?)
    }
}
