//! Debt: loan tranches with draws, fixed or floating interest, amortizing
//! or bullet repayment and fees, scheduled period by period; debt service
//! and DSCR by year; the equity that funds what the debt does not.
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use wattage_finance::debt::{Frequency, InterestRate, Repayment, Tranche, TrancheSpec};
//! use wattage_units::Usd;
//!
//! // $1,000,000 at 5% a year, repaid by ten level annual payments.
//! let loan = Tranche::new(TrancheSpec {
//!     principal: Usd::new(Decimal::from(1_000_000)),
//!     draws: vec![],
//!     rate: InterestRate::Fixed(Decimal::new(5, 2)),
//!     start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
//!     term_months: 120,
//!     frequency: Frequency::Yearly,
//!     repayment: Repayment::LevelPayment,
//!     upfront_fee: Decimal::ZERO,
//!     commitment_fee: Decimal::ZERO,
//! })?;
//! let schedule = loan.schedule()?;
//! let first = &schedule.periods()[0];
//! assert_eq!(first.interest, Usd::new(Decimal::from(50_000)));
//! assert_eq!(first.debt_service()?, "$129,504.57".parse()?);
//! assert_eq!(schedule.periods().last().unwrap().closing_balance, Usd::ZERO);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Conventions and simplifications
//! - Periods are months or years from the tranche's `start`; the last one
//!   ends at maturity (`start + term_months`) and may be shorter.
//! - The rate per period is the annual rate × months in the period / 12
//!   (a nominal rate compounded per period, as a spreadsheet's
//!   `PMT(rate/12, ...)`), not a day count.
//! - A draw is added to the balance at the start of the period in which it
//!   falls and bears interest for the whole period; interest is paid in
//!   cash every period (never capitalized).
//! - Repayment starts in the period of the last draw and is paid at the
//!   end of each period: a level payment (an annuity, re-amortized each
//!   period on the remaining balance and periods, so a floating rate moves
//!   the payment), level principal, or the whole balance at maturity
//!   (bullet).
//! - Interest, principal and fees are rounded to cents (half away from
//!   zero); the last period repays whatever is left, so principal repaid
//!   sums exactly to principal drawn.
//! - The upfront fee is a share of the commitment paid in the first
//!   period; the commitment fee an annual share of the undrawn commitment
//!   (after the period's draws), pro rata by months.
//! - No prepayment, cash sweep, reserve accounts, covenants or hedges.

mod annual;
mod schedule;

pub use annual::{
    DebtYear, EquityPeriod, YearDscr, debt_years, debt_years_from, dscr_by_year, equity_by_period,
    equity_contributions, plan_year,
};
pub use schedule::{DebtPeriod, DebtSchedule};

use alloc::vec::Vec;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;
use crate::calendar::add_months;

/// How often interest and principal are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every year.
    Yearly,
}

impl Frequency {
    /// Months in one period (1 or 12).
    #[must_use]
    pub const fn months(self) -> u32 {
        match self {
            Self::Monthly => 1,
            Self::Yearly => 12,
        }
    }
}

/// The interest rate of a tranche, annual, as a fraction (`0.08` is 8%).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum InterestRate {
    /// One rate for the whole term.
    Fixed(Decimal),
    /// An index (such as SOFR) plus a spread.
    Floating {
        /// The annual index rate of each period, in order; the last value
        /// holds for the periods beyond the path. An empty path is an
        /// index of zero.
        index: Vec<Decimal>,
        /// The annual spread over the index (the margin).
        spread: Decimal,
    },
}

impl InterestRate {
    /// The annual rate of period `k` (0-based).
    fn annual(&self, k: usize) -> Decimal {
        match self {
            Self::Fixed(rate) => *rate,
            Self::Floating { index, spread } => {
                let base = index.get(k).or(index.last()).copied();
                base.unwrap_or(Decimal::ZERO).saturating_add(*spread)
            }
        }
    }

    /// Every rate a schedule will use must be above -100%.
    fn check(&self, periods: usize) -> Result<(), FinanceError> {
        let count = match self {
            Self::Fixed(_) => 1,
            Self::Floating { index, .. } => index.len().clamp(1, periods.max(1)),
        };
        for k in 0..count {
            let rate = self.annual(k);
            if rate <= Decimal::NEGATIVE_ONE {
                return Err(FinanceError::InvalidRate {
                    what: "interest rate",
                    rate,
                });
            }
        }
        Ok(())
    }
}

/// How the principal is repaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Repayment {
    /// Equal payments of interest plus principal (an annuity, a mortgage).
    LevelPayment,
    /// Equal principal each period, interest on the falling balance.
    LevelPrincipal,
    /// Interest only, the whole principal at maturity.
    Bullet,
}

/// One draw of a loan: an amount (positive) on a date.
pub type Draw = crate::dated::DatedAmount;

/// The terms of a [`Tranche`], by name.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TrancheSpec {
    /// The commitment: the most that may be drawn (positive).
    pub principal: Usd,
    /// The draws, on or after `start` and before maturity, summing to at
    /// most `principal`; none means the whole principal drawn at `start`.
    pub draws: Vec<Draw>,
    /// The annual interest rate.
    pub rate: InterestRate,
    /// Financial close: the start of the first period.
    pub start: NaiveDate,
    /// Months from `start` to maturity (at least one).
    pub term_months: u32,
    /// How often interest and principal are paid.
    pub frequency: Frequency,
    /// How the principal is repaid.
    pub repayment: Repayment,
    /// Share of the commitment paid at close (`0.01` is 1%), in [0, 1).
    pub upfront_fee: Decimal,
    /// Annual share of the undrawn commitment paid each period, in [0, 1).
    pub commitment_fee: Decimal,
}

/// A loan tranche, validated; [`Tranche::schedule`] lays out its periods.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TrancheSpec", into = "TrancheSpec")
)]
pub struct Tranche {
    spec: TrancheSpec,
    maturity: NaiveDate,
    draws: Vec<Draw>,
}

impl TryFrom<TrancheSpec> for Tranche {
    type Error = FinanceError;

    fn try_from(spec: TrancheSpec) -> Result<Self, FinanceError> {
        Self::new(spec)
    }
}

impl From<Tranche> for TrancheSpec {
    fn from(tranche: Tranche) -> Self {
        tranche.spec
    }
}

impl Tranche {
    /// A tranche on `spec`'s terms.
    ///
    /// # Errors
    /// [`FinanceError::NonPositiveAmount`] for a principal or a draw at or
    /// below zero; [`FinanceError::ZeroMonths`] for a zero term;
    /// [`FinanceError::DrawOutsideTerm`] for a draw before `start` or on
    /// or after maturity; [`FinanceError::OverDrawn`] when the draws
    /// exceed the principal; [`FinanceError::InvalidRate`] for an interest
    /// rate at or below -100%; [`FinanceError::FractionOutOfRange`] for a
    /// fee outside [0, 1).
    pub fn new(spec: TrancheSpec) -> Result<Self, FinanceError> {
        if spec.principal <= Usd::ZERO {
            return Err(FinanceError::NonPositiveAmount {
                what: "principal",
                value: spec.principal,
            });
        }
        if spec.term_months == 0 {
            return Err(FinanceError::ZeroMonths {
                what: "loan term",
                months: 0,
            });
        }
        let maturity = add_months("loan maturity", spec.start, spec.term_months)?;
        let periods = spec.term_months.div_ceil(spec.frequency.months()) as usize;
        spec.rate.check(periods)?;
        crate::fraction::check("upfront fee", spec.upfront_fee)?;
        crate::fraction::check("commitment fee", spec.commitment_fee)?;
        let draws = checked_draws(&spec, maturity)?;
        Ok(Self {
            spec,
            maturity,
            draws,
        })
    }

    /// The terms this tranche was built from.
    #[must_use]
    pub const fn spec(&self) -> &TrancheSpec {
        &self.spec
    }

    /// The day the last period ends and the balance is repaid.
    #[must_use]
    pub const fn maturity(&self) -> NaiveDate {
        self.maturity
    }

    /// The draws in date order (the whole principal at `start` when the
    /// spec gave none).
    #[must_use]
    pub fn draws(&self) -> &[Draw] {
        &self.draws
    }
}

/// The draws sorted by date, each positive and within the term, summing
/// to at most the principal.
fn checked_draws(spec: &TrancheSpec, maturity: NaiveDate) -> Result<Vec<Draw>, FinanceError> {
    if spec.draws.is_empty() {
        return Ok(alloc::vec![Draw {
            date: spec.start,
            amount: spec.principal,
        }]);
    }
    let mut total = Usd::ZERO;
    for draw in &spec.draws {
        if draw.amount <= Usd::ZERO {
            return Err(FinanceError::NonPositiveAmount {
                what: "draw",
                value: draw.amount,
            });
        }
        if draw.date < spec.start || draw.date >= maturity {
            return Err(FinanceError::DrawOutsideTerm {
                date: draw.date,
                start: spec.start,
                maturity,
            });
        }
        total = total.checked_add(draw.amount)?;
    }
    if total > spec.principal {
        return Err(FinanceError::OverDrawn {
            drawn: total,
            principal: spec.principal,
        });
    }
    let mut draws = spec.draws.clone();
    draws.sort_by_key(|d| d.date);
    Ok(draws)
}

#[cfg(test)]
mod tests;
