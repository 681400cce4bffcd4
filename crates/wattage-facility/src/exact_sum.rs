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

/// A series of `Decimal` values as integer units at one common scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scaled {
    scale: u32,
    units: Vec<i128>,
    max_abs: Decimal,
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
            units,
            max_abs,
        })
    }

    /// The common scale.
    pub(crate) const fn scale(&self) -> u32 {
        self.scale
    }

    /// All units, in order.
    pub(crate) fn all_units(&self) -> &[i128] {
        &self.units
    }

    /// Units of value `t` (zero past the end).
    #[inline]
    pub(crate) fn units(&self, t: usize) -> i128 {
        self.units.get(t).copied().unwrap_or(0)
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
            units: Vec::new(),
            max_abs: Decimal::ZERO,
        });
        let sum: i128 = (0..values.len()).map(|t| scaled.units(t)).sum();
        let expected: Decimal = values.iter().copied().sum();
        assert_eq!(scaled.to_decimal(sum), Some(expected));
        assert_eq!(scaled.max_abs(), Decimal::from(1000));
    }

    #[test]
    fn sums_beyond_28_digits_round_half_to_even() {
        let scaled = Scaled {
            scale: 2,
            units: Vec::new(),
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
