//! What to do with intervals missing from a price file or a list of
//! points: refuse (the default: nothing is filled silently), or fill them
//! by a stated rule and report every interval filled.

use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use rust_decimal::{Decimal, RoundingStrategy};
use wattage_units::EnergyPrice;

use crate::FacilityError;

/// How missing intervals are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GapPolicy {
    /// A gap is an error naming the row after it ([`FacilityError::Gap`]).
    #[default]
    Refuse,
    /// Each missing interval takes the price of the interval before it.
    FillForward,
    /// Missing intervals step linearly from the price before the gap to
    /// the price after it, each rounded to a hundredth of a cent (four
    /// decimals of $/MWh), half to even.
    Interpolate,
    /// Each missing interval takes this price.
    Price(EnergyPrice),
}

/// One interval a [`GapPolicy`] filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Filled {
    /// Start of the interval, UTC.
    pub start: DateTime<Utc>,
    /// The price it was given.
    pub price: EnergyPrice,
    /// The row (file line, or point number from 1) after the gap.
    pub before_row: u64,
}

/// Every interval a [`GapPolicy`] filled, in time order (empty when the
/// source had no gaps, or under [`GapPolicy::Refuse`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GapReport {
    /// The filled intervals.
    pub filled: Vec<Filled>,
}

impl GapReport {
    /// Number of intervals filled.
    #[must_use]
    pub fn len(&self) -> usize {
        self.filled.len()
    }

    /// Whether nothing was filled.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.filled.is_empty()
    }
}

impl GapPolicy {
    /// The price of missing interval `k` (from 1) of `missing`, between
    /// `before` and `after`; `None` under [`GapPolicy::Refuse`].
    pub(crate) fn fill(
        self,
        before: EnergyPrice,
        after: EnergyPrice,
        k: u64,
        missing: u64,
    ) -> Result<Option<EnergyPrice>, FacilityError> {
        let price = match self {
            Self::Refuse => return Ok(None),
            Self::FillForward => before,
            Self::Price(p) => p,
            Self::Interpolate => {
                let overflow = || {
                    FacilityError::Money(wattage_units::MoneyError::Overflow {
                        operation: "interpolated price",
                    })
                };
                let step = after
                    .value()
                    .checked_sub(before.value())
                    .and_then(|d| d.checked_mul(Decimal::from(k)))
                    .and_then(|d| d.checked_div(Decimal::from(missing + 1)))
                    .ok_or_else(overflow)?;
                let value = before
                    .value()
                    .checked_add(step)
                    .ok_or_else(overflow)?
                    .round_dp_with_strategy(4, RoundingStrategy::MidpointNearestEven);
                EnergyPrice::new(value)?
            }
        };
        Ok(Some(price))
    }
}
