//! US dollars, exact.

use core::fmt;
use core::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{MoneyError, ParseError, Subject};
use crate::money::parse::{Currency, parse_money};

/// An amount of US dollars, held exactly as a `Decimal`.
///
/// Arithmetic is checked: an overflow is a [`MoneyError`], never a panic or
/// a wrapped value, which is why `Usd` has `checked_add` rather than `+`.
/// Sums are exact and do not depend on the order of the terms.
///
/// ```
/// // Needs wattage-units, rust_decimal (in the wattage facade: wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_units::Usd;
///
/// let rent: Usd = "$1,234.56".parse()?;
/// let power = Usd::new(Decimal::new(-20_000, 2));
/// let total = Usd::try_sum([rent, power])?;
/// assert_eq!(total.to_string(), "$1,034.56");
/// assert_eq!(format!("{total:#}"), "$1034.56"); // the plain form, for CSV and JSON
/// assert_eq!("-$5".parse::<Usd>()?, Usd::from_cents(-500));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Usd(Decimal);

impl Usd {
    /// Zero dollars.
    pub const ZERO: Self = Self(Decimal::ZERO);

    /// An amount in dollars. Every `Decimal` is a valid amount.
    #[must_use]
    pub const fn new(dollars: Decimal) -> Self {
        Self(dollars)
    }

    /// An amount in whole cents.
    #[must_use]
    pub const fn from_cents(cents: i64) -> Self {
        Self(Decimal::from_parts(
            cents.unsigned_abs() as u32,
            (cents.unsigned_abs() >> 32) as u32,
            0,
            cents < 0,
            2,
        ))
    }

    /// An amount from an `f64` of dollars, by the rule of
    /// [`crate::money::to_decimal`].
    ///
    /// # Errors
    /// [`MoneyError::NotRepresentable`] for NaN, infinities and huge values.
    pub fn from_f64(dollars: f64) -> Result<Self, MoneyError> {
        crate::money::to_decimal("a USD amount", dollars).map(Self)
    }

    /// The amount in dollars.
    #[must_use]
    pub const fn dollars(self) -> Decimal {
        self.0
    }

    /// The amount as an `f64`, for charts and statistics (not for sums).
    #[must_use]
    pub fn to_f64(self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self.0).unwrap_or(0.0)
    }

    /// Rounded to whole cents, half away from zero (as a bill rounds).
    #[must_use]
    pub fn round_to_cents(self) -> Self {
        Self(
            self.0
                .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero),
        )
    }

    /// Whether the amount is below zero.
    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the sum does not fit.
    pub fn checked_add(self, other: Self) -> Result<Self, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "USD addition",
            })
    }

    /// `self - other`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the difference does not fit.
    pub fn checked_sub(self, other: Self) -> Result<Self, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "USD subtraction",
            })
    }

    /// `self × factor`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the product does not fit.
    pub fn checked_mul(self, factor: Decimal) -> Result<Self, MoneyError> {
        self.0
            .checked_mul(factor)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "USD multiplication",
            })
    }

    /// `self ÷ divisor`.
    ///
    /// # Errors
    /// [`MoneyError::DivisionByZero`] or [`MoneyError::Overflow`].
    pub fn checked_div(self, divisor: Decimal) -> Result<Self, MoneyError> {
        if divisor.is_zero() {
            return Err(MoneyError::DivisionByZero {
                operation: "USD division",
            });
        }
        self.0
            .checked_div(divisor)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "USD division",
            })
    }

    /// The ratio of two amounts (`self / other`), a plain number.
    ///
    /// # Errors
    /// [`MoneyError::DivisionByZero`] when `other` is zero.
    pub fn ratio(self, other: Self) -> Result<Decimal, MoneyError> {
        self.checked_div(other.0)
            .map(|q| q.0)
            .map_err(|_| MoneyError::DivisionByZero {
                operation: "USD ratio",
            })
    }

    /// The exact sum of `amounts`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when any partial sum does not fit.
    pub fn try_sum<I: IntoIterator<Item = Self>>(amounts: I) -> Result<Self, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Self::ZERO, |sum, amount| sum.checked_add(amount))
    }
}

impl Usd {
    /// The exact net of two sets of amounts in one call: the sum of
    /// `credits` minus the sum of `debits`.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::Usd;
    ///
    /// let revenue = ["$1,200".parse::<Usd>()?, "$300".parse()?];
    /// let costs = ["$450".parse::<Usd>()?, "$50.25".parse()?];
    /// assert_eq!(Usd::net(revenue, costs)?.to_string(), "$999.75");
    /// // Or sum with the standard iterator method; overflow is an error.
    /// let total: Result<Usd, _> = revenue.iter().sum();
    /// assert_eq!(total?.to_string(), "$1,500");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when a partial sum or the difference does
    /// not fit.
    pub fn net<C, D>(credits: C, debits: D) -> Result<Self, MoneyError>
    where
        C: IntoIterator<Item = Self>,
        D: IntoIterator<Item = Self>,
    {
        Self::try_sum(credits)?.checked_sub(Self::try_sum(debits)?)
    }
}

/// Summing amounts with [`Iterator::sum`] into a `Result`: exact, and an
/// overflow is [`MoneyError::Overflow`], never a panic.
impl core::iter::Sum<Usd> for Result<Usd, MoneyError> {
    fn sum<I: Iterator<Item = Usd>>(iter: I) -> Self {
        Usd::try_sum(iter)
    }
}

/// As the sum of owned amounts.
impl<'a> core::iter::Sum<&'a Usd> for Result<Usd, MoneyError> {
    fn sum<I: Iterator<Item = &'a Usd>>(iter: I) -> Self {
        Usd::try_sum(iter.copied())
    }
}

impl core::ops::Neg for Usd {
    type Output = Self;
    fn neg(self) -> Self {
        // Negating a Decimal only flips its sign bit: it cannot overflow.
        Self(-self.0)
    }
}

impl fmt::Display for Usd {
    /// `$1,234.56`, `-$5`; `{:.2}` rounds to cents; `{:#}` is the plain
    /// form without thousands separators (`$1234.56`), for CSV and JSON.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.is_negative() { "-" } else { "" };
        let magnitude = crate::money::parse::display_decimal(self.0.abs(), f);
        write!(f, "{sign}${magnitude}")
    }
}

impl FromStr for Usd {
    type Err = ParseError;

    /// Reads `$1,234.56`, `-$5`, `1234.56 USD`, `$3.5M`, `450 c`.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        const SUBJECT: Subject = Subject {
            expected: "a USD amount",
            example: "$1,234.56",
        };
        let parsed = parse_money(text, SUBJECT, &[Currency::Usd, Currency::Cents])?;
        parsed.expect_no_denominator(text, SUBJECT)?;
        Ok(Self(parsed.usd_amount(text, SUBJECT)?))
    }
}

crate::money::parse::serde_via_string!(Usd);
