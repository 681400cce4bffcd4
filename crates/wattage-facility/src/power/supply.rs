//! Power supply: what a site pays per MWh.
//!
//! [`PowerSupply`]: a fixed price, an index on a real-time
//! [`PriceSeries`] plus an adder; fixed blocks beside an index settle
//! financially ([`crate::power::FinancialBlock`]).

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, MoneyError, Power, Usd, unit};

use crate::FacilityError;
use crate::price_series::{PriceSeries, Resolution};

/// How a site buys the energy it draws, MWh by MWh.
///
/// Both forms are physical and follow the load: every MWh drawn is paid at
/// the period's price, and a MWh not drawn is not paid. A fixed-price
/// *block* bought beside an index supply is not a supply but a financial
/// swap on a fixed volume: see
/// [`FinancialBlock`](crate::power::FinancialBlock) and
/// [`PowerContract::with_block`](crate::power::PowerContract::with_block).
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::PowerSupply;
/// use wattage_facility::price_series::{PriceSeries, Resolution};
///
/// let start = Utc.with_ymd_and_hms(2024, 8, 20, 0, 0, 0).unwrap();
/// let rt = PriceSeries::new(start, Resolution::Hourly, vec!["$20/MWh".parse()?, "$2000/MWh".parse()?])?;
/// let index = PowerSupply::index(rt, "$2/MWh".parse()?);
/// assert_eq!(index.price_at(start + chrono::TimeDelta::hours(1))?.to_string(), "$2,002/MWh");
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
    /// One price for every MWh drawn: a full-requirements (load-following)
    /// fixed-price retail contract, physical. With
    /// [`PowerContract::with_sell_back`](crate::power::PowerContract::with_sell_back)
    /// it becomes a fixed volume equal to the load, resold at market while
    /// curtailed.
    Fixed(EnergyPrice),
    /// The real-time price of each interval plus a fixed adder (physical:
    /// the load pays the index on what it draws).
    Index {
        /// The real-time prices.
        prices: PriceSeries,
        /// Added to every interval's price (fees, basis, margin).
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

    /// The all-in price of energy in the interval containing `at`.
    ///
    /// # Errors
    /// [`FacilityError::OutsideSeries`] when an index does not cover `at`;
    /// [`FacilityError::Money`] on overflow.
    pub fn price_at(&self, at: DateTime<Utc>) -> Result<EnergyPrice, FacilityError> {
        match self {
            Self::Fixed(price) => Ok(*price),
            Self::Index { prices, adder } => Ok(prices.price_at(at)?.checked_add(*adder)?),
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
            Self::Index { prices, .. } => prices.resolution(),
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
    /// // Needs wattage-facility, wattage-units, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::power::PowerSupply;
    /// use wattage_facility::price_series::Resolution;
    /// use wattage_units::{Power, unit};
    ///
    /// let supply = PowerSupply::fixed("$45/MWh".parse()?);
    /// let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    /// let load = vec![Power::new(10.0, unit::MEGAWATT)?; 24];
    /// assert_eq!(supply.energy_cost(start, Resolution::Hourly, &load)?.to_string(), "$10,800");
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
