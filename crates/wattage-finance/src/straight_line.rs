//! Book (financial-statement) depreciation, straight-line: the cost less
//! the residual value spread evenly, day by day, over the book life.
//!
//! Depreciation starts on the in-service date and ends `life_months`
//! later; each day of the life carries the same share. The accumulated
//! depreciation before a date is rounded to whole cents (half away from
//! zero, as [`Usd::round_to_cents`]) and never exceeds cost − residual;
//! the expense of a period is the difference of the accumulated amounts
//! at its ends. So periods that tile a span sum exactly to the span's
//! expense, the whole life sums exactly to cost − residual, and nothing is
//! booked before the in-service date or after the life ends.
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use wattage_finance::{StraightLine, StraightLineSpec};
//! use wattage_units::Usd;
//!
//! let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // A $1,500 miner, in service on 1 January 2025, written off over 24 months.
//! let miner = StraightLine::new(StraightLineSpec {
//!     cost: Usd::new(Decimal::from(1500)),
//!     residual: Usd::ZERO,
//!     in_service: date(2025, 1, 1),
//!     life_months: 24,
//! })?;
//! assert_eq!(miner.expense_between(date(2025, 1, 1), date(2026, 1, 1))?, Usd::new(Decimal::new(75000, 2)));
//! // Four years later the whole cost is booked, and no more.
//! assert_eq!(miner.expense_between(date(2025, 1, 1), date(2029, 1, 1))?, Usd::new(Decimal::from(1500)));
//! assert_eq!(miner.book_value_at(date(2029, 1, 1))?, Usd::ZERO);
//! # Ok::<(), wattage_finance::FinanceError>(())
//! ```

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;
use crate::calendar::{add_months, days_between};

/// An asset depreciated straight-line over its book life; build it with
/// [`StraightLine::new`] from a [`StraightLineSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "StraightLineSpec", into = "StraightLineSpec")
)]
pub struct StraightLine {
    spec: StraightLineSpec,
    end_of_life: NaiveDate,
}

/// The terms of a [`StraightLine`] depreciation, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct StraightLineSpec {
    /// What the asset cost (not negative).
    pub cost: Usd,
    /// The value left at the end of the book life (salvage), between zero
    /// and the cost.
    pub residual: Usd,
    /// The day depreciation starts.
    pub in_service: NaiveDate,
    /// The book life in months (at least one).
    pub life_months: u32,
}

impl TryFrom<StraightLineSpec> for StraightLine {
    type Error = FinanceError;

    fn try_from(spec: StraightLineSpec) -> Result<Self, FinanceError> {
        Self::new(spec)
    }
}

impl From<StraightLine> for StraightLineSpec {
    fn from(asset: StraightLine) -> Self {
        asset.spec
    }
}

impl StraightLine {
    /// A straight-line depreciation on `spec`'s terms.
    ///
    /// # Errors
    /// [`FinanceError::NegativeAmount`] for a negative cost or residual;
    /// [`FinanceError::ResidualAboveCost`]; [`FinanceError::ZeroMonths`]
    /// for a life of zero months; [`FinanceError::DateOutOfRange`] when
    /// the life ends beyond the calendar.
    pub fn new(spec: StraightLineSpec) -> Result<Self, FinanceError> {
        for (what, value) in [("cost", spec.cost), ("residual value", spec.residual)] {
            if value.is_negative() {
                return Err(FinanceError::NegativeAmount { what, value });
            }
        }
        if spec.residual > spec.cost {
            return Err(FinanceError::ResidualAboveCost {
                residual: spec.residual,
                cost: spec.cost,
            });
        }
        if spec.life_months == 0 {
            return Err(FinanceError::ZeroMonths {
                what: "book life",
                months: 0,
            });
        }
        let end_of_life = add_months("end of book life", spec.in_service, spec.life_months)?;
        Ok(Self { spec, end_of_life })
    }

    /// The terms this depreciation was built from.
    #[must_use]
    pub const fn spec(&self) -> &StraightLineSpec {
        &self.spec
    }

    /// The first day after the book life (the in-service date plus the
    /// life in months); from this day on nothing more is booked.
    #[must_use]
    pub const fn end_of_life(&self) -> NaiveDate {
        self.end_of_life
    }

    /// What is depreciated over the whole life: cost − residual.
    ///
    /// # Errors
    /// Never in practice (both are validated); typed for overflow.
    pub fn depreciable(&self) -> Result<Usd, FinanceError> {
        Ok(self.spec.cost.checked_sub(self.spec.residual)?)
    }

    /// Depreciation accumulated before `date` (the days from the
    /// in-service date up to, not including, `date`), in whole cents:
    /// zero up to the in-service date, cost − residual from the end of
    /// the life on.
    ///
    /// # Errors
    /// [`FinanceError::Money`] on overflow.
    pub fn accumulated_at(&self, date: NaiveDate) -> Result<Usd, FinanceError> {
        let depreciable = self.depreciable()?;
        if date <= self.spec.in_service {
            return Ok(Usd::ZERO);
        }
        if date >= self.end_of_life {
            return Ok(depreciable);
        }
        let elapsed = Decimal::from(days_between(self.spec.in_service, date));
        let life = Decimal::from(days_between(self.spec.in_service, self.end_of_life));
        let share = straight_line_between(depreciable, Decimal::ZERO, elapsed, life)?;
        Ok(share.round_to_cents().min(depreciable))
    }

    /// The depreciation expense of the days from `from` up to (not
    /// including) `to`, pro rata by days; zero outside the life.
    ///
    /// # Errors
    /// [`FinanceError::DatesReversed`] when `to` is before `from`;
    /// [`FinanceError::Money`] on overflow.
    pub fn expense_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Usd, FinanceError> {
        if to < from {
            return Err(FinanceError::DatesReversed { from, to });
        }
        Ok(self
            .accumulated_at(to)?
            .checked_sub(self.accumulated_at(from)?)?)
    }

    /// The depreciation expense of calendar `year` (1 January to 1
    /// January): [`StraightLine::expense_between`] of the year's days.
    ///
    /// # Errors
    /// [`FinanceError::DateOutOfRange`] for a year beyond the calendar;
    /// [`FinanceError::Money`] on overflow.
    pub fn expense_in_year(&self, year: i32) -> Result<Usd, FinanceError> {
        let first_day = |y: i32| {
            NaiveDate::from_ymd_opt(y, 1, 1).ok_or(FinanceError::DateOutOfRange {
                what: "first day of the year",
                start: self.spec.in_service,
                months: 0,
            })
        };
        let next = year.checked_add(1).ok_or(FinanceError::DateOutOfRange {
            what: "first day of the next year",
            start: self.spec.in_service,
            months: 0,
        })?;
        self.expense_between(first_day(year)?, first_day(next)?)
    }

    /// The net book value at the start of `date`: cost − depreciation
    /// accumulated before it (the cost before the in-service date, the
    /// residual from the end of the life on).
    ///
    /// # Errors
    /// [`FinanceError::Money`] on overflow.
    pub fn book_value_at(&self, date: NaiveDate) -> Result<Usd, FinanceError> {
        Ok(self.spec.cost.checked_sub(self.accumulated_at(date)?)?)
    }
}

/// The straight-line share of `depreciable` over the span from `from` to
/// `to` of a life running from 0 to `life`, all three measured in one unit
/// (days, seconds, months): `depreciable × (min(to, life) − max(from, 0))
/// / life`, clamped to the life, so nothing is booked before it starts or
/// after it ends and any spans that tile the life sum to `depreciable`
/// (exactly, up to `Decimal`'s 28th digit; not rounded to cents).
///
/// ```
/// use rust_decimal::Decimal;
/// use wattage_finance::straight_line::straight_line_between;
/// use wattage_units::Usd;
///
/// // A $1,500 machine on a 24-month life, months 12 to 48: only 12 months remain.
/// let booked = straight_line_between(Usd::new(Decimal::from(1_500)), Decimal::from(12), Decimal::from(48), Decimal::from(24))?;
/// assert_eq!(booked, Usd::new(Decimal::from(750)));
/// # Ok::<(), wattage_finance::FinanceError>(())
/// ```
///
/// # Errors
/// [`FinanceError::InvalidSpan`] for a life that is not positive or a span
/// that ends before it starts; [`FinanceError::Money`] on overflow.
pub fn straight_line_between(
    depreciable: Usd,
    from: Decimal,
    to: Decimal,
    life: Decimal,
) -> Result<Usd, FinanceError> {
    if life <= Decimal::ZERO || to < from {
        return Err(FinanceError::InvalidSpan { from, to, life });
    }
    let start = from.max(Decimal::ZERO).min(life);
    let end = to.max(Decimal::ZERO).min(life);
    if end <= start {
        return Ok(Usd::ZERO);
    }
    if start.is_zero() && end == life {
        return Ok(depreciable);
    }
    let span = end - start;
    match depreciable
        .checked_mul(span)
        .and_then(|d| d.checked_div(life))
    {
        Ok(share) => Ok(share),
        // A product beyond `Decimal`'s range: the share of the life first.
        Err(_) => {
            let fraction = span.checked_div(life).unwrap_or(Decimal::ONE);
            Ok(depreciable.checked_mul(fraction)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn usd(dollars: i64) -> Usd {
        Usd::new(Decimal::from(dollars))
    }

    fn asset(cost: i64, residual: i64, life_months: u32) -> Result<StraightLine, FinanceError> {
        StraightLine::new(StraightLineSpec {
            cost: usd(cost),
            residual: usd(residual),
            in_service: date(2025, 1, 1),
            life_months,
        })
    }

    #[test]
    fn a_five_year_asset_books_a_fifth_of_cost_less_residual_each_year() {
        // $10,000 less $1,000 residual over 60 months from 1 January 2025:
        // 1,826 days, so 2025 (365 days) books 9,000 x 365 / 1,826.
        let a = asset(10_000, 1_000, 60).unwrap();
        let year = a
            .expense_between(date(2025, 1, 1), date(2026, 1, 1))
            .unwrap();
        assert_eq!(year, Usd::new(Decimal::new(179_901, 2)));
        assert_eq!(a.end_of_life(), date(2030, 1, 1));
        assert_eq!(a.book_value_at(date(2030, 1, 1)).unwrap(), usd(1_000));
        assert_eq!(a.book_value_at(date(2024, 6, 1)).unwrap(), usd(10_000));
        let total = a
            .expense_between(date(2020, 1, 1), date(2040, 1, 1))
            .unwrap();
        assert_eq!(total, usd(9_000));
    }

    #[test]
    fn nothing_is_booked_after_the_life_ends() {
        let a = asset(1_500, 0, 24).unwrap();
        let after = a
            .expense_between(date(2027, 1, 1), date(2029, 1, 1))
            .unwrap();
        assert_eq!(after, Usd::ZERO);
        assert_eq!(a.book_value_at(date(2030, 1, 1)).unwrap(), Usd::ZERO);
    }

    #[test]
    fn invalid_terms_are_typed_errors_naming_the_value() {
        assert_eq!(
            asset(1_000, 0, 0),
            Err(FinanceError::ZeroMonths {
                what: "book life",
                months: 0
            })
        );
        assert_eq!(
            asset(1_000, 1_001, 12),
            Err(FinanceError::ResidualAboveCost {
                residual: usd(1_001),
                cost: usd(1_000)
            })
        );
        assert_eq!(
            asset(-1, -2, 12),
            Err(FinanceError::NegativeAmount {
                what: "cost",
                value: usd(-1)
            })
        );
        let a = asset(1_000, 0, 12).unwrap();
        assert!(matches!(
            a.expense_between(date(2025, 2, 1), date(2025, 1, 1)),
            Err(FinanceError::DatesReversed { .. })
        ));
    }

    proptest! {
        #[test]
        fn booked_depreciation_never_exceeds_cost_less_residual_and_stops_at_end_of_life(
            cents in 0i64..10_000_000_000,
            residual_share in 0u32..=100,
            life_months in 1u32..=240,
            cuts in proptest::collection::vec(0i64..12_000, 1..20),
        ) {
            let cost = Usd::from_cents(cents);
            let residual = cost.checked_mul(Decimal::new(i64::from(residual_share), 2)).unwrap();
            let a = StraightLine::new(StraightLineSpec {
                cost, residual, in_service: date(2025, 3, 31), life_months,
            }).unwrap();
            let mut days = cuts;
            days.sort_unstable();
            let start = date(2024, 1, 1);
            let dates: alloc::vec::Vec<NaiveDate> = days.iter().map(|&d| start + chrono::Duration::days(d)).collect();
            let mut total = Usd::ZERO;
            for pair in dates.windows(2) {
                let expense = a.expense_between(pair[0], pair[1]).unwrap();
                prop_assert!(!expense.is_negative());
                if pair[0] >= a.end_of_life() {
                    prop_assert_eq!(expense, Usd::ZERO);
                }
                total = total.checked_add(expense).unwrap();
            }
            prop_assert!(total <= a.depreciable().unwrap());
            let whole = a.expense_between(start, start + chrono::Duration::days(12_000)).unwrap();
            prop_assert_eq!(whole, a.depreciable().unwrap());
        }
    }
}
