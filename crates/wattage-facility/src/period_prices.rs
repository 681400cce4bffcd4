//! The all-in prices of a horizon's periods as the exact ledger reads
//! them, and their integer units at one scale, built without copying the
//! contract's price series where the horizon is a window of it.
//!
//! Why borrowing is exact: on a horizon at the series' own resolution,
//! period `t`'s price is interval `first + t`'s price plus the adder, the
//! very `Decimal` addition the copying path did; the ledger recomputes it
//! on read. Its units at the run's scale `s` are the series' cached units
//! at the series' scale `S ≤ s`, times `10^(s − S)`, plus the adder's
//! units: an exact integer identity. Both are used only after checking
//! that the window's largest magnitude fits a `Decimal` at `s`, so that
//! every `price + adder` is exact (no rounding, no overflow) and every
//! unit fits. Anything else (resampled prices, a window coarser than the
//! series' scale with no cached units, magnitudes near `Decimal`'s limit)
//! takes the copying path, which computes what it always did.

use alloc::vec::Vec;
use core::ops::Range;

use rust_decimal::Decimal;

use crate::FacilityError;
use crate::exact_sum::{Scaled, max_scale, to_units};
use crate::horizon::Horizon;
use crate::power::path::{period_price_values, series_over};
use crate::power::{PowerContract, PowerSupply};
use crate::price_series::{PriceSeries, SharedPrices};

/// One price per period of a horizon, $/MWh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PeriodPrices {
    /// The same price every period (a fixed-price supply).
    Fixed { price: Decimal, len: usize },
    /// A window of a series read in place: period `t` is interval
    /// `first + t` plus `adder` (checked exact when built).
    Series {
        prices: SharedPrices,
        first: usize,
        len: usize,
        adder: Option<Decimal>,
    },
    /// Computed per period (hourly means of 15-minute prices and the like).
    Owned(Vec<Decimal>),
}

impl PeriodPrices {
    /// The price of period `t` (`None` past the end).
    #[inline]
    pub(crate) fn get(&self, t: usize) -> Option<Decimal> {
        match self {
            Self::Fixed { price, len } => (t < *len).then_some(*price),
            Self::Series {
                prices,
                first,
                len,
                adder,
            } => {
                if t >= *len {
                    return None;
                }
                let p = prices.get(first + t)?.value();
                // Exact: checked when built.
                Some(adder.map_or(p, |a| p.saturating_add(a)))
            }
            Self::Owned(prices) => prices.get(t).copied(),
        }
    }

    /// How many periods.
    pub(crate) fn len(&self) -> usize {
        match self {
            Self::Fixed { len, .. } | Self::Series { len, .. } => *len,
            Self::Owned(prices) => prices.len(),
        }
    }
}

/// A horizon's prices (and sell-back market prices) and their units at
/// one common scale (`None` when they have no integer form).
pub(crate) struct HorizonPrices {
    pub(crate) prices: PeriodPrices,
    pub(crate) market: Option<PeriodPrices>,
    pub(crate) scaled_prices: Option<Scaled>,
    pub(crate) scaled_market: Option<Scaled>,
}

/// A source of prices before the common scale is known.
enum Source<'a> {
    Fixed(Decimal),
    Window(Window<'a>),
    Owned(Vec<Decimal>),
}

/// A window of a series at the horizon's resolution, with its facts.
struct Window<'a> {
    series: &'a PriceSeries,
    range: Range<usize>,
    adder: Option<Decimal>,
    /// The largest scale of the window's prices plus adder.
    scale: u32,
}

impl HorizonPrices {
    /// The prices of `contract` over `horizon`.
    pub(crate) fn lower(
        contract: &PowerContract,
        horizon: &Horizon,
    ) -> Result<Self, FacilityError> {
        let market = match contract.sell_back() {
            Some(series) => Some(match Window::of(series, None, horizon) {
                Some(window) => Source::Window(window),
                None => Source::Owned(series_over(series, horizon)?),
            }),
            None => None,
        };
        let supply = match contract.supply() {
            PowerSupply::Fixed(price) => Source::Fixed(price.value()),
            PowerSupply::Index { prices, adder } => {
                match Window::of(prices, Some(adder.value()), horizon) {
                    Some(window) => Source::Window(window),
                    None => Source::Owned(period_price_values(contract.supply(), horizon)?),
                }
            }
        };
        // One scale for prices and market prices, so margins compare in integers.
        let scale = supply.scale().max(market.as_ref().map_or(0, Source::scale));
        let n = horizon.periods();
        let (prices, scaled_prices) = match supply.build(scale, n) {
            Some(built) => built,
            // No exact window form: compute the prices as before.
            None => owned(period_price_values(contract.supply(), horizon)?, scale),
        };
        let (market, scaled_market) = match (market, contract.sell_back()) {
            (Some(source), Some(series)) => {
                let (m, s) = match source.build(scale, n) {
                    Some(built) => built,
                    None => owned(series_over(series, horizon)?, scale),
                };
                (Some(m), s)
            }
            _ => (None, None),
        };
        Ok(Self {
            prices,
            market,
            scaled_prices,
            scaled_market,
        })
    }
}

fn owned(prices: Vec<Decimal>, scale: u32) -> (PeriodPrices, Option<Scaled>) {
    let scaled = Scaled::with_scale(&prices, scale);
    (PeriodPrices::Owned(prices), scaled)
}

impl Source<'_> {
    fn scale(&self) -> u32 {
        match self {
            Self::Fixed(price) => price.scale(),
            Self::Window(window) => window.scale,
            Self::Owned(prices) => max_scale(prices),
        }
    }

    /// The prices of `n` periods and their units at `scale`; `None` when a
    /// window has no exact form there (then the caller copies).
    fn build(self, scale: u32, n: usize) -> Option<(PeriodPrices, Option<Scaled>)> {
        Some(match self {
            Self::Fixed(price) => (
                PeriodPrices::Fixed { price, len: n },
                Scaled::constant(price, n, scale),
            ),
            Self::Window(window) => window.build(scale)?,
            Self::Owned(prices) => owned(prices, scale),
        })
    }
}

impl<'a> Window<'a> {
    /// The window of `series` covering `horizon`, when it is at the
    /// series' resolution and inside it (`None` otherwise: the caller
    /// computes, and reports, as before).
    fn of(series: &'a PriceSeries, adder: Option<Decimal>, horizon: &Horizon) -> Option<Self> {
        if series.resolution() != horizon.resolution() {
            return None;
        }
        let first = series.index_of(horizon.start()).ok()?;
        let range = first..first.checked_add(horizon.periods())?;
        let facts = series.shared().facts(range.clone())?;
        let (own, zero) = (facts.scale, facts.zero);
        // `p + 0` is `p` itself (scale and sign) for an adder zero of
        // scale 0 and a price that is not zero (a zero sum takes another
        // scale), so the addition is skipped only then.
        let adder = adder.filter(|a| zero || !(a.is_zero() && a.scale() == 0));
        Some(Self {
            series,
            range,
            adder,
            scale: own.max(adder.map_or(0, |a| a.scale())),
        })
    }

    /// Read in place at `scale`, when every price plus adder is exact
    /// there: the units too when the series' cached units are at `scale`
    /// or coarser, else one buffer of units of this window.
    fn build(self, scale: u32) -> Option<(PeriodPrices, Option<Scaled>)> {
        let add = match self.adder {
            Some(a) => to_units(a, scale)?,
            None => 0,
        };
        let scaled = self
            .units_in_place(scale, add)
            .or_else(|| self.units_copied(scale, add))?;
        let prices = PeriodPrices::Series {
            prices: self.series.shared().clone(),
            first: self.range.start,
            len: self.range.len(),
            adder: self.adder,
        };
        Some((prices, Some(scaled)))
    }

    fn units_in_place(&self, scale: u32, add: i128) -> Option<Scaled> {
        let shared = self.series.shared();
        let units = shared.units()?;
        let extremes = units.extremes(self.range.clone())?;
        Scaled::of_series(
            shared.clone(),
            self.range.clone(),
            units.scale(),
            scale,
            add,
            extremes,
        )
    }

    fn units_copied(&self, scale: u32, add: i128) -> Option<Scaled> {
        let prices = self.series.prices().get(self.range.clone())?;
        let mut units = Vec::new();
        units.try_reserve_exact(prices.len()).ok()?;
        for p in prices {
            units.push(to_units(p.value(), scale)?.checked_add(add)?);
        }
        Scaled::from_units(units, scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;
    use wattage_units::EnergyPrice;

    use crate::price_series::Resolution;

    proptest! {
        /// Reading a window of the contract's series in place gives every
        /// period the price, scale included, and the integer units that
        /// copying the horizon's prices gave, whatever the window, the
        /// adder and the prices' decimals.
        #[test]
        fn prices_read_in_place_equal_the_copied_prices(
            cents in proptest::collection::vec((-5_000_i64..500_000, 0_u32..6), 2..60),
            adder in (-1_000_i64..1_000, 0_u32..5),
            first in 0_usize..20,
            fixed in any::<bool>(),
        ) {
            let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
            let prices: Vec<EnergyPrice> = cents
                .iter()
                .map(|&(m, s)| EnergyPrice::new(Decimal::new(m, s)).unwrap())
                .collect();
            let first = first.min(prices.len() - 1);
            let series = PriceSeries::new(start, Resolution::Hourly, prices.clone()).unwrap();
            let adder = EnergyPrice::new(Decimal::new(adder.0, adder.1)).unwrap();
            // Sell-back goes with a fixed price; an index stands alone.
            let contract = if fixed {
                PowerContract::new(PowerSupply::fixed(adder)).with_sell_back(series.clone()).unwrap()
            } else {
                PowerContract::new(PowerSupply::index(series.clone(), adder))
            };
            let at = start + chrono::TimeDelta::hours(first as i64);
            let horizon = Horizon::new(at, Resolution::Hourly, prices.len() - first).unwrap();
            let read = HorizonPrices::lower(&contract, &horizon).unwrap();
            let copied = period_price_values(contract.supply(), &horizon).unwrap();
            let market = if fixed { series_over(&series, &horizon).unwrap() } else { Vec::new() };
            let scale = max_scale(&copied).max(max_scale(&market));
            let old_prices = Scaled::with_scale(&copied, scale).unwrap();
            let old_market = Scaled::with_scale(&market, scale).unwrap();
            let new_prices = read.scaled_prices.unwrap();
            prop_assert_eq!(read.prices.len(), copied.len());
            prop_assert_eq!(read.market.is_some(), fixed);
            let new_market = read.scaled_market;
            for (t, p) in copied.iter().enumerate() {
                let got = read.prices.get(t).unwrap();
                prop_assert_eq!((got, got.scale()), (*p, p.scale()));
                prop_assert_eq!(new_prices.view().units(t), old_prices.view().units(t));
                if let (Some(m), Some(new)) = (&read.market, &new_market) {
                    let got = m.get(t).unwrap();
                    prop_assert_eq!((got, got.scale()), (market[t], market[t].scale()));
                    prop_assert_eq!(new.view().units(t), old_market.view().units(t));
                }
            }
            prop_assert_eq!(new_prices.scale(), old_prices.scale());
            prop_assert_eq!(new_prices.max_abs(), old_prices.max_abs());
            if let Some(new) = &new_market {
                prop_assert_eq!(new.max_abs(), old_market.max_abs());
            }
            prop_assert_eq!(new_prices.view().sum(0..copied.len()), old_prices.view().sum(0..copied.len()));
        }
    }

    #[test]
    fn adding_a_zero_of_scale_zero_leaves_a_nonzero_price_as_it_is() {
        for text in ["31.20", "-4.5", "1000", "0.000001", "2.2500", "-0.01"] {
            let p: Decimal = text.parse().unwrap_or_default();
            let sum = p.checked_add(Decimal::ZERO);
            assert_eq!(sum.map(|s| (s, s.scale())), Some((p, p.scale())), "{text}");
            assert_eq!(
                sum.map(|s| s.is_sign_negative()),
                Some(p.is_sign_negative())
            );
        }
    }
}
