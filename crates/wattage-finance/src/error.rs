//! The one error type of this crate.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::{MoneyError, Usd};

/// Everything that can go wrong in `wattage-finance`.
///
/// Every message names the offending value, so that a failed computation
/// says what to fix:
///
/// ```
/// use rust_decimal::Decimal;
/// use wattage_finance::{FinanceError, npv};
/// use wattage_units::Usd;
///
/// let err = npv(Decimal::NEGATIVE_ONE, &[Usd::ZERO]).unwrap_err();
/// assert!(matches!(err, FinanceError::InvalidRate { .. }));
/// assert!(err.to_string().contains("-1"));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FinanceError {
    /// Money arithmetic that overflowed or divided by zero.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A discount or interest rate at or below -100% per period.
    #[error("{what} must be above -1 (-100%) per period, got {rate}")]
    InvalidRate {
        /// Which rate ("discount rate", "interest rate").
        what: &'static str,
        /// The rate per period, as a fraction.
        rate: Decimal,
    },
    /// No cash flows given where some are needed.
    #[error("at least {needed} cash flow(s) needed, got {got}")]
    TooFewCashFlows {
        /// How many are needed.
        needed: usize,
        /// How many were given.
        got: usize,
    },
    /// The IRR search found no rate at which the NPV changes sign.
    #[error(
        "no IRR: NPV does not change sign between rate {low_rate} (NPV {npv_at_low}) and rate {high_rate} (NPV {npv_at_high})"
    )]
    NoSignChange {
        /// Lowest rate searched.
        low_rate: f64,
        /// NPV there, in dollars.
        npv_at_low: f64,
        /// Highest rate searched.
        high_rate: f64,
        /// NPV there, in dollars.
        npv_at_high: f64,
    },
    /// A dated cash flow earlier than the first one (XNPV and XIRR measure
    /// time from the first date, as Excel does).
    #[error("cash flow {index} is dated {date}, before the first flow's {first}")]
    DateBeforeFirst {
        /// Position of the offending flow (0-based).
        index: usize,
        /// Its date.
        date: NaiveDate,
        /// The first flow's date.
        first: NaiveDate,
    },
    /// An amount that must not be negative (a cost, a residual value).
    #[error("{what} must not be negative, got {value}")]
    NegativeAmount {
        /// Which amount.
        what: &'static str,
        /// The amount given.
        value: Usd,
    },
    /// An amount that must be positive (a loan's principal).
    #[error("{what} must be positive, got {value}")]
    NonPositiveAmount {
        /// Which amount.
        what: &'static str,
        /// The amount given.
        value: Usd,
    },
    /// A residual (salvage) value above the asset's cost.
    #[error("residual value {residual} exceeds the cost {cost}")]
    ResidualAboveCost {
        /// The residual value given.
        residual: Usd,
        /// The cost given.
        cost: Usd,
    },
    /// A life, term or count of periods of zero.
    #[error("{what} must be at least one month, got {months}")]
    ZeroMonths {
        /// Which span ("book life", "loan term").
        what: &'static str,
        /// The number of months given.
        months: u32,
    },
    /// Two dates in the wrong order.
    #[error("the period from {from} to {to} ends before it starts")]
    DatesReversed {
        /// Start of the period.
        from: NaiveDate,
        /// End of the period.
        to: NaiveDate,
    },
    /// A date beyond the calendar `chrono` can represent.
    #[error("{what}: {months} months after {start} is beyond the calendar")]
    DateOutOfRange {
        /// Which date was being computed.
        what: &'static str,
        /// The start date.
        start: NaiveDate,
        /// The months added.
        months: u32,
    },
    /// A fraction (a tax rate, a bonus percentage, a share) outside its range.
    #[error("{what} must be in [{low}, {high}), got {value}")]
    FractionOutOfRange {
        /// Which fraction.
        what: &'static str,
        /// The value given.
        value: Decimal,
        /// The lowest value allowed (included).
        low: Decimal,
        /// The bound (excluded).
        high: Decimal,
    },
    /// A perpetuity whose growth is not below the discount rate.
    #[error("perpetuity growth {growth} must be below the discount rate {rate}")]
    GrowthNotBelowRate {
        /// The growth rate given.
        growth: Decimal,
        /// The discount rate given.
        rate: Decimal,
    },
    /// A loan draw before the tranche starts or on or after its maturity.
    #[error("a draw on {date} falls outside the loan term from {start} to maturity on {maturity}")]
    DrawOutsideTerm {
        /// The draw's date.
        date: NaiveDate,
        /// The tranche's start.
        start: NaiveDate,
        /// The tranche's maturity.
        maturity: NaiveDate,
    },
    /// Draws that add up to more than the loan's principal.
    #[error("draws of {drawn} exceed the principal of {principal}")]
    OverDrawn {
        /// The sum of the draws.
        drawn: Usd,
        /// The principal (commitment).
        principal: Usd,
    },
    /// A fraction that must be in [0, 1] (a bonus depreciation share).
    #[error("{what} must be between 0 and 1 (100%), got {value}")]
    FractionAboveOne {
        /// Which fraction.
        what: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// A MACRS recovery period without a GDS half-year table.
    #[error("no MACRS class of {years} years; expected 3, 5, 7, 10, 15 or 20")]
    UnknownMacrsClass {
        /// The recovery period given.
        years: u32,
    },
    /// A depreciation span outside a positive life, or reversed.
    #[error(
        "a span from {from} to {to} of a life of {life}: the life must be positive and the span must not end before it starts"
    )]
    InvalidSpan {
        /// Start of the span.
        from: Decimal,
        /// End of the span.
        to: Decimal,
        /// The life.
        life: Decimal,
    },
    /// A valuation multiple below zero.
    #[error("an exit multiple must not be negative, got {multiple}")]
    NegativeMultiple {
        /// The multiple given.
        multiple: Decimal,
    },
    /// A value that is not a finite number.
    #[error("{what} must be a finite number, got {value}")]
    NotFinite {
        /// Which value.
        what: &'static str,
        /// The value given.
        value: f64,
    },
}

/// An overflow of `operation` as a [`FinanceError`].
pub(crate) fn overflow(operation: &'static str) -> FinanceError {
    FinanceError::Money(MoneyError::Overflow { operation })
}
