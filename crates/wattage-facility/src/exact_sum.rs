//! Exact sums of many prices, fast: the prices of a horizon rescaled once
//! to a common number of decimal places and summed as integers.
//!
//! Adding two `Decimal`s of different scales rescales one of them on every
//! addition; a year of prices with fifteen significant digits each costs
//! more in rescaling than in adding. Rescaled once to the largest scale
//! among them (an `i128` count of units of `10^-scale` dollars per MWh),
//! the same sums are plain integer additions, exact, and enter `Decimal`
//! once at the end.

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::EnergyPrice;

use crate::price_series::{Extremes, SharedPrices, blocks};

/// A series of `Decimal` values as integer units at one common scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scaled {
    scale: u32,
    units: Source,
    /// How many values (units past the end read as zero).
    len: usize,
    max_abs: Decimal,
}

/// Where a [`Scaled`] keeps its units.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    /// Its own, one per value.
    Owned(Vec<i128>),
    /// The same units every value (a fixed price).
    Constant(i128),
    /// A window of a price series' cached units: value `t` is
    /// `units[first + t] × mul + add` (the series' scale raised to this
    /// one, plus an adder), each of them checked to fit when built.
    Series {
        prices: SharedPrices,
        first: usize,
        mul: i128,
        add: i128,
    },
}

/// The units of a [`Scaled`] as a slice and an affine map, for reading in
/// a loop: value `t` is `base[t] × mul + add` for `t < len` (`base` empty
/// for a constant), zero past the end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitsView<'a> {
    base: &'a [i128],
    mul: i128,
    add: i128,
    len: usize,
}

impl UnitsView<'_> {
    /// How many values.
    pub(crate) const fn len(&self) -> usize {
        self.len
    }

    /// Units of value `t` (zero past the end).
    #[inline]
    pub(crate) fn units(&self, t: usize) -> i128 {
        if t < self.len {
            // Fits: every value's units were checked when built.
            self.base.get(t).copied().unwrap_or(0) * self.mul + self.add
        } else {
            0
        }
    }

    /// The sum of the units of values `range` (clipped to the values), or
    /// `None` on overflow.
    pub(crate) fn sum(&self, range: core::ops::Range<usize>) -> Option<i128> {
        let range = range.start.min(self.len)..range.end.min(self.len);
        let count = i128::try_from(range.len()).ok()?;
        let base = match self.base.get(range) {
            Some(slice) => slice.iter().try_fold(0_i128, |s, &u| s.checked_add(u))?,
            None => 0,
        };
        base.checked_mul(self.mul)?
            .checked_add(self.add.checked_mul(count)?)
    }
}

/// A price series' values as integer units at their largest scale, built
/// once per series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SeriesUnits {
    scale: u32,
    units: Vec<i128>,
    /// The least and greatest units of each block of `units`.
    extremes: Vec<Extremes>,
}

impl SeriesUnits {
    /// `prices` at their largest scale, or `None` when one does not fit an
    /// `i128` there or the units cannot be allocated (cached by a series
    /// with the standard library only).
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn of(prices: &[EnergyPrice]) -> Option<Self> {
        let scale = prices.iter().map(|p| p.value().scale()).max().unwrap_or(0);
        let mut units = Vec::new();
        units.try_reserve_exact(prices.len()).ok()?;
        for p in prices {
            units.push(to_units(p.value(), scale)?);
        }
        let extremes = blocks::summarize(&units, blocks::scan_extremes);
        Some(Self {
            scale,
            units,
            extremes,
        })
    }

    /// The scale of the units.
    pub(crate) const fn scale(&self) -> u32 {
        self.scale
    }

    /// The units, one per interval.
    pub(crate) fn units(&self) -> &[i128] {
        &self.units
    }

    /// The least and greatest units of intervals `range` (`None` when it
    /// is not inside the series), from the block summaries.
    pub(crate) fn extremes(&self, range: core::ops::Range<usize>) -> Option<Extremes> {
        blocks::over(
            &self.units,
            &self.extremes,
            range,
            (i128::MAX, i128::MIN),
            blocks::scan_extremes,
            blocks::merge_extremes,
        )
    }
}

/// Powers of ten that fit an `i128`, 10^0 to 10^38.
const POW10: [i128; 39] = {
    let mut table = [1_i128; 39];
    let mut i = 1;
    while i < 39 {
        table[i] = table[i - 1] * 10;
        i += 1;
    }
    table
};

/// `value` as integer units of `10^-scale` (`None` when it has more
/// decimals than `scale` or does not fit).
#[inline]
pub(crate) fn to_units(value: Decimal, scale: u32) -> Option<i128> {
    let up = scale.checked_sub(value.scale())?;
    value.mantissa().checked_mul(*POW10.get(up as usize)?)
}

/// The largest scale among `values`.
pub(crate) fn max_scale(values: &[Decimal]) -> u32 {
    values.iter().map(Decimal::scale).max().unwrap_or(0)
}

impl Scaled {
    /// The values at `scale` (at least their largest scale), or `None`
    /// when a value does not fit in an `i128` there (then callers sum
    /// `Decimal`s).
    pub(crate) fn with_scale(values: &[Decimal], scale: u32) -> Option<Self> {
        let mut max_units: i128 = 0;
        let units = values
            .iter()
            .map(|&v| {
                let u = to_units(v, scale)?;
                max_units = max_units.max(u.checked_abs()?);
                Some(u)
            })
            .collect::<Option<Vec<_>>>()?;
        let max_abs = Decimal::try_from_i128_with_scale(max_units, scale).ok()?;
        Some(Self {
            scale,
            len: units.len(),
            units: Source::Owned(units),
            max_abs,
        })
    }

    /// `units` at `scale`, or `None` when their largest magnitude does not
    /// fit a `Decimal` there (as [`Self::with_scale`] refuses).
    pub(crate) fn from_units(units: Vec<i128>, scale: u32) -> Option<Self> {
        let mut max_units: i128 = 0;
        for &u in &units {
            max_units = max_units.max(u.checked_abs()?);
        }
        Some(Self {
            scale,
            len: units.len(),
            max_abs: Decimal::try_from_i128_with_scale(max_units, scale).ok()?,
            units: Source::Owned(units),
        })
    }

    /// `len` values of `value`, at `scale` (at least its own), or `None`
    /// when it does not fit there.
    pub(crate) fn constant(value: Decimal, len: usize, scale: u32) -> Option<Self> {
        let units = to_units(value, scale)?;
        let max_abs = if len == 0 { 0 } else { units.checked_abs()? };
        Some(Self {
            scale,
            units: Source::Constant(units),
            len,
            max_abs: Decimal::try_from_i128_with_scale(max_abs, scale).ok()?,
        })
    }

    /// Values `first..first + len` of `prices` (whose cached units are at
    /// `from_scale`, at most `scale`) plus `add` units, at `scale`: the
    /// window read in place. `extremes` are the least and greatest cached
    /// units of the window; `None` when a value does not fit `i128` units
    /// at `scale` or their magnitude does not fit a `Decimal` there (as
    /// [`Self::with_scale`] refuses).
    pub(crate) fn of_series(
        prices: SharedPrices,
        window: core::ops::Range<usize>,
        from_scale: u32,
        scale: u32,
        add: i128,
        extremes: (i128, i128),
    ) -> Option<Self> {
        let mul = *POW10.get(scale.checked_sub(from_scale)? as usize)?;
        let map = |u: i128| u.checked_mul(mul)?.checked_add(add)?.checked_abs();
        // The map is monotone, so the window's extremes bound every value.
        let max_units = if window.is_empty() {
            0
        } else {
            map(extremes.0)?.max(map(extremes.1)?)
        };
        Some(Self {
            scale,
            len: window.len(),
            units: Source::Series {
                prices,
                first: window.start,
                mul,
                add,
            },
            max_abs: Decimal::try_from_i128_with_scale(max_units, scale).ok()?,
        })
    }

    /// The units, for reading in a loop.
    pub(crate) fn view(&self) -> UnitsView<'_> {
        let (base, mul, add): (&[i128], i128, i128) = match &self.units {
            Source::Owned(units) => (units, 1, 0),
            Source::Constant(units) => (&[], 0, *units),
            Source::Series {
                prices,
                first,
                mul,
                add,
            } => (
                prices
                    .units()
                    .and_then(|u| u.units().get(*first..first.checked_add(self.len)?))
                    .unwrap_or(&[]),
                *mul,
                *add,
            ),
        };
        UnitsView {
            base,
            mul,
            add,
            len: self.len,
        }
    }

    /// The common scale.
    pub(crate) const fn scale(&self) -> u32 {
        self.scale
    }

    /// The largest magnitude of any value, exact.
    pub(crate) const fn max_abs(&self) -> Decimal {
        self.max_abs
    }

    /// A sum of units as a `Decimal`: exact when it has at most 28
    /// significant digits, else rounded half to even to the largest scale
    /// that holds it (as `Decimal` addition itself would round).
    pub(crate) fn to_decimal(&self, mut units: i128) -> Option<Decimal> {
        let mut scale = self.scale;
        loop {
            if let Ok(d) = Decimal::try_from_i128_with_scale(units, scale) {
                return Some(d);
            }
            if scale == 0 {
                return None;
            }
            let (q, r) = (units / 10, units % 10);
            let round_up = r.abs() > 5 || (r.abs() == 5 && q % 2 != 0);
            units = if round_up { q + r.signum() } else { q };
            scale -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_sums_equal_decimal_sums() {
        let values: Vec<Decimal> = ["31.2345678901234", "-4.5", "1000", "0.000001", "2.25"]
            .iter()
            .map(|s| s.parse().unwrap_or_default())
            .collect();
        let scaled = Scaled::with_scale(&values, max_scale(&values)).unwrap_or_else(|| Scaled {
            scale: 0,
            units: Source::Owned(Vec::new()),
            len: 0,
            max_abs: Decimal::ZERO,
        });
        let view = scaled.view();
        let sum: i128 = (0..values.len()).map(|t| view.units(t)).sum();
        assert_eq!(view.sum(0..values.len()), Some(sum));
        let expected: Decimal = values.iter().copied().sum();
        assert_eq!(scaled.to_decimal(sum), Some(expected));
        assert_eq!(scaled.max_abs(), Decimal::from(1000));
    }

    #[test]
    fn sums_beyond_28_digits_round_half_to_even() {
        let scaled = Scaled {
            scale: 2,
            units: Source::Owned(Vec::new()),
            len: 0,
            max_abs: Decimal::ZERO,
        };
        // 10^29 + 25 units of 0.01: 27 integer digits and two decimals do
        // not fit; one decimal does.
        let units = 10_i128.pow(29) + 25;
        let d = scaled.to_decimal(units);
        assert_eq!(d.map(|d| d.scale()), Some(1));
        assert_eq!(
            d,
            Decimal::try_from_i128_with_scale(10_i128.pow(28) + 2, 1).ok()
        );
    }
}
