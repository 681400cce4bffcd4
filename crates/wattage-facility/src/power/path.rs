//! The all-in energy price of every period of a horizon, read once.

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, MoneyError};

use crate::FacilityError;
use crate::horizon::Horizon;
use crate::power::{PowerContract, PowerSupply};
use crate::price_series::{PriceSeries, Resolution};

fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

/// The mean of `series` over each period of `horizon`, raw (no adder):
/// the mean of the four 15-minute prices of an hourly period, or the
/// price of the hour containing a 15-minute period.
///
/// # Errors
/// [`FacilityError::OutsideSeries`] when the series does not cover the
/// horizon.
pub fn series_over(series: &PriceSeries, horizon: &Horizon) -> Result<Vec<Decimal>, FacilityError> {
    let n = horizon.periods();
    let first = series.index_of(horizon.start())?;
    let prices = series.prices();
    let outside = |index: usize| FacilityError::OutsideSeries {
        at: horizon.checked_start_of(index).unwrap_or(horizon.start()),
        start: series.start_of(0),
        end: series.end(),
    };
    match (series.resolution(), horizon.resolution()) {
        (a, b) if a == b => {
            let slice = prices
                .get(first..first.checked_add(n).ok_or_else(|| outside(n))?)
                .ok_or_else(|| outside(prices.len().saturating_sub(first)))?;
            Ok(slice.iter().map(|p| p.value()).collect())
        }
        (Resolution::FifteenMinutes, _) => {
            // Hourly periods over 15-minute prices; the horizon's start is on
            // the hour, so every hour is four whole intervals.
            let end = n
                .checked_mul(4)
                .and_then(|q| first.checked_add(q))
                .ok_or_else(|| outside(n))?;
            let slice = prices
                .get(first..end)
                .ok_or_else(|| outside((prices.len().saturating_sub(first)) / 4))?;
            let quarter = Decimal::new(25, 2);
            slice
                .chunks_exact(4)
                .map(|c| {
                    let sum = c
                        .iter()
                        .try_fold(Decimal::ZERO, |s, p| s.checked_add(p.value()))
                        .ok_or_else(|| overflow("sum of prices"))?;
                    sum.checked_mul(quarter)
                        .ok_or_else(|| overflow("mean price"))
                })
                .collect()
        }
        _ => {
            // 15-minute periods over hourly prices: each hour's price four times.
            let offset = horizon
                .start()
                .signed_duration_since(series.start_of(first))
                .num_seconds()
                / 900;
            let skip = usize::try_from(offset).unwrap_or(0);
            let hours_needed = (skip + n).div_ceil(4);
            let slice = prices
                .get(first..first.checked_add(hours_needed).ok_or_else(|| outside(n))?)
                .ok_or_else(|| outside((prices.len().saturating_sub(first)) * 4))?;
            Ok(slice
                .iter()
                .flat_map(|p| core::iter::repeat_n(p.value(), 4))
                .skip(skip)
                .take(n)
                .collect())
        }
    }
}

/// The all-in price of `supply` in each period of `horizon`, as
/// [`PowerSupply::price_over`] computes it period by period, but reading
/// the series once.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::PowerSupply;
/// use wattage_facility::horizon::Horizon;
/// use wattage_facility::power::path::period_prices;
/// use wattage_facility::price_series::{PriceSeries, Resolution};
///
/// let start = Utc.with_ymd_and_hms(2024, 8, 1, 0, 0, 0).unwrap();
/// let quarters = ["$10/MWh", "$20/MWh", "$30/MWh", "$40/MWh"].iter().map(|p| p.parse()).collect::<Result<_, _>>()?;
/// let supply = PowerSupply::index(PriceSeries::new(start, Resolution::FifteenMinutes, quarters)?, "$2/MWh".parse()?);
/// let hourly = period_prices(&supply, &Horizon::new(start, Resolution::Hourly, 1)?)?;
/// assert_eq!(hourly[0].to_string(), "$27/MWh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`FacilityError::OutsideSeries`] when an index does not cover the
/// horizon; [`FacilityError::Money`] on overflow.
pub fn period_prices(
    supply: &PowerSupply,
    horizon: &Horizon,
) -> Result<Vec<EnergyPrice>, FacilityError> {
    Ok(period_price_values(supply, horizon)?
        .into_iter()
        .map(EnergyPrice::new)
        .collect::<Result<_, _>>()?)
}

/// [`period_prices`] as plain `Decimal`s ($/MWh).
pub(crate) fn period_price_values(
    supply: &PowerSupply,
    horizon: &Horizon,
) -> Result<Vec<Decimal>, FacilityError> {
    match supply {
        PowerSupply::Fixed(price) => Ok(alloc::vec![price.value(); horizon.periods()]),
        PowerSupply::Index { prices, adder } => {
            let adder = adder.value();
            series_over(prices, horizon)?
                .into_iter()
                .map(|p| {
                    p.checked_add(adder)
                        .ok_or_else(|| overflow("index price plus adder"))
                })
                .collect()
        }
    }
}

/// The horizon a simulation of `contract` decides on: `horizon` itself,
/// or, when the contract's index or sell-back prices are finer than its
/// periods (15-minute ERCOT prices on an hourly horizon), the same span
/// cut into the prices' own intervals. Deciding on an hour's mean price
/// would miss a spike inside the hour: a miner would run through a
/// 15-minute $5,000 interval because the hour averaged $1,265.
///
/// The exact ledger, [`simulate_by`](crate::totals_by::simulate_by), the
/// kernel and [`PricePath::new`](crate::kernel::PricePath::new) all
/// simulate on this horizon, so their periods are the prices' intervals
/// ([`SiteLedger::horizon`](crate::ledger::SiteLedger::horizon) returns
/// it).
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::horizon::Horizon;
/// use wattage_facility::power::{PowerContract, PowerSupply, decision_horizon};
/// use wattage_facility::price_series::{PriceSeries, Resolution};
///
/// let start = Utc.with_ymd_and_hms(2024, 8, 1, 0, 0, 0).unwrap();
/// let quarters = vec!["$30/MWh".parse()?; 8];
/// let supply = PowerSupply::index(PriceSeries::new(start, Resolution::FifteenMinutes, quarters)?, "$0/MWh".parse()?);
/// let hourly = Horizon::new(start, Resolution::Hourly, 2)?;
/// let decided = decision_horizon(&PowerContract::new(supply), hourly)?;
/// assert_eq!((decided.resolution(), decided.periods()), (Resolution::FifteenMinutes, 8));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As for [`Horizon::new`] (a refined horizon with too many periods).
pub fn decision_horizon(
    contract: &PowerContract,
    horizon: Horizon,
) -> Result<Horizon, FacilityError> {
    let index = match contract.supply() {
        PowerSupply::Index { prices, .. } => Some(prices.resolution()),
        PowerSupply::Fixed(_) => None,
    };
    let market = contract.sell_back().map(PriceSeries::resolution);
    let finest = [index, market]
        .into_iter()
        .flatten()
        .min_by_key(|r| r.seconds())
        .unwrap_or(horizon.resolution());
    if finest.seconds() >= horizon.resolution().seconds() {
        return Ok(horizon);
    }
    let parts = usize::try_from(horizon.resolution().seconds() / finest.seconds()).unwrap_or(1);
    let periods = horizon.periods().saturating_mul(parts);
    Horizon::new(horizon.start(), finest, periods)
}
