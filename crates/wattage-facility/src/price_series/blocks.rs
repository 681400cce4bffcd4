//! Facts about a window of a series read from per-block summaries.
//!
//! A simulation over a window first asks what the window holds (its
//! prices' largest scale, whether one is zero, its least and greatest
//! units). Scanning every price for that streams the whole window through
//! the cache once more per question; over decades of hourly prices that
//! is megabytes from main memory. Each series therefore keeps one summary
//! per block of [`BLOCK`] intervals, and a window's facts are the merge of
//! the summaries of the blocks it covers whole and a direct scan of the
//! (at most two) blocks it covers in part: the same facts, exactly,
//! because every fact here is a maximum, a minimum or an "any".

use alloc::vec::Vec;
use core::ops::Range;

use wattage_units::EnergyPrice;

/// Intervals per block.
pub(crate) const BLOCK: usize = 1024;

/// What a run of prices holds, as the ledger needs it in `Decimal`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DecimalFacts {
    /// The largest scale among the prices (0 for none).
    pub(crate) scale: u32,
    /// Whether any price is zero.
    pub(crate) zero: bool,
}

impl DecimalFacts {
    /// The facts of no prices.
    pub(crate) const NONE: Self = Self {
        scale: 0,
        zero: false,
    };

    /// The facts of `prices`, scanned one by one.
    pub(crate) fn scan(prices: &[EnergyPrice]) -> Self {
        prices.iter().fold(Self::NONE, |facts, p| {
            let v = p.value();
            Self {
                scale: facts.scale.max(v.scale()),
                zero: facts.zero || v.is_zero(),
            }
        })
    }

    /// The facts of two runs together.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) fn merge(self, other: Self) -> Self {
        Self {
            scale: self.scale.max(other.scale),
            zero: self.zero || other.zero,
        }
    }
}

/// The least and greatest of some units (`(i128::MAX, i128::MIN)` for none).
pub(crate) type Extremes = (i128, i128);

/// The extremes of `units`, scanned one by one.
pub(crate) fn scan_extremes(units: &[i128]) -> Extremes {
    units.iter().fold((i128::MAX, i128::MIN), |(lo, hi), &u| {
        (lo.min(u), hi.max(u))
    })
}

/// The extremes of two runs together.
pub(crate) fn merge_extremes(a: Extremes, b: Extremes) -> Extremes {
    (a.0.min(b.0), a.1.max(b.1))
}

/// One summary per block of `items`, by `scan`.
pub(crate) fn summarize<I, T>(items: &[I], scan: impl Fn(&[I]) -> T) -> Vec<T> {
    items.chunks(BLOCK).map(scan).collect()
}

/// The fact of `items[range]` from the per-block `summaries` of `items`:
/// whole blocks read from their summary, partial ones scanned. `None`
/// when `range` is not inside `items` or the summaries are not theirs.
pub(crate) fn over<I, T: Copy>(
    items: &[I],
    summaries: &[T],
    range: Range<usize>,
    none: T,
    scan: impl Fn(&[I]) -> T,
    merge: impl Fn(T, T) -> T,
) -> Option<T> {
    if range.start > range.end || range.end > items.len() {
        return None;
    }
    if summaries.len() != items.len().div_ceil(BLOCK) {
        return None;
    }
    // Whole blocks: first..last; with none, the range is scanned whole.
    let (first, last) = (range.start.div_ceil(BLOCK), range.end / BLOCK);
    if first >= last {
        return Some(scan(items.get(range)?));
    }
    let head = scan(items.get(range.start..first * BLOCK)?);
    let tail = scan(items.get(last * BLOCK..range.end)?);
    let body = summaries
        .get(first..last)?
        .iter()
        .fold(none, |acc, &s| merge(acc, s));
    Some(merge(merge(head, body), tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    use crate::exact_sum::SeriesUnits;
    use crate::price_series::SharedPrices;

    /// A series of `len` prices from `seed`: mostly two decimals, now and
    /// then a zero or a price with up to six.
    fn prices(len: usize, seed: u64) -> Vec<EnergyPrice> {
        let mut x = seed | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let mantissa = (x % 2_000_001) as i64 - 1_000_000;
                let value = match x >> 60 {
                    0 => Decimal::ZERO,
                    1 => Decimal::new(mantissa, ((x >> 40) % 7) as u32),
                    _ => Decimal::new(mantissa, 2),
                };
                EnergyPrice::new(value).unwrap()
            })
            .collect()
    }

    /// A window of a series of `len` from two draws: anywhere, one
    /// interval long, or ending at the series' end.
    fn window(len: usize, a: usize, b: usize, shape: u8) -> Range<usize> {
        let start = a % len;
        match shape % 3 {
            0 => start..start + 1,
            1 => start..len,
            _ => start..start + b % (len - start + 1),
        }
    }

    proptest! {
        /// A window's largest scale, its "any price zero" and its least
        /// and greatest units, read from the block summaries, are those
        /// of a scan of every price of the window, wherever the window
        /// starts and ends against the blocks.
        #[test]
        fn block_summaries_give_the_facts_of_a_direct_scan(
            len in 1_usize..(4 * BLOCK + 3),
            seed in any::<u64>(),
            a in any::<usize>(),
            b in any::<usize>(),
            shape in any::<u8>(),
        ) {
            let prices = prices(len, seed);
            let shared = SharedPrices::new(prices.clone());
            let range = window(len, a, b, shape);
            let direct = DecimalFacts::scan(&prices[range.clone()]);
            prop_assert_eq!(shared.facts(range.clone()), Some(direct));
            let units = SeriesUnits::of(&prices).unwrap();
            let direct = scan_extremes(&units.units()[range.clone()]);
            prop_assert_eq!(units.extremes(range), Some(direct));
        }
    }

    #[test]
    fn a_window_past_the_end_has_no_facts() {
        let shared = SharedPrices::new(prices(BLOCK + 5, 7));
        assert_eq!(shared.facts(BLOCK..BLOCK + 6), None);
        assert_eq!(
            shared.facts(BLOCK..BLOCK + 5).map(|f| f.scale <= 6),
            Some(true)
        );
    }
}
