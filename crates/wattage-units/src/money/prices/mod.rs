//! Prices: money per physical unit, exact, with the cross products that
//! turn them into money.

mod btc_price;
mod capex;
mod energy_price;
mod gpu_hour_price;
mod hashprice;
mod lease_rate;

pub use btc_price::BtcPrice;
pub use capex::CapexPerMw;
pub use energy_price::EnergyPrice;
pub use gpu_hour_price::GpuHourPrice;
pub use hashprice::{BtcHashprice, Hashcost, Hashprice};
pub use lease_rate::LeaseRate;

/// A `Decimal` for a `const` table: `int × 10^-scale`.
pub(crate) const fn dec(int: u32, scale: u32) -> rust_decimal::Decimal {
    rust_decimal::Decimal::from_parts(int, 0, 0, false, scale)
}

/// Which signs a price may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    /// Any sign (energy prices go negative).
    Any,
    /// Zero or more.
    NonNegative,
    /// More than zero (a price you divide by).
    Positive,
}

impl Sign {
    pub(crate) fn check(
        self,
        what: &'static str,
        value: rust_decimal::Decimal,
    ) -> Result<(), crate::MoneyError> {
        let ok = match self {
            Self::Any => true,
            Self::NonNegative => !value.is_sign_negative() || value.is_zero(),
            Self::Positive => value > rust_decimal::Decimal::ZERO,
        };
        if ok {
            Ok(())
        } else if self == Self::Positive {
            Err(crate::MoneyError::NotPositive { what, value })
        } else {
            Err(crate::MoneyError::Negative { what, value })
        }
    }
}

/// Defines a price newtype over `Decimal` with validation, checked
/// arithmetic, display, parsing and serde.
macro_rules! price_type {
    (
        $(#[$attr:meta])*
        pub struct $name:ident;
        what: $what:literal,
        example: $example:literal,
        sign: $sign:ident,
        currency: $currency:ident,
        display: $prefix:literal, $suffix:literal,
        denominators: [$(($text:literal, $factor:expr $(, per $per:expr)?)),+ $(,)?]
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(rust_decimal::Decimal);

        impl $name {
            /// The price's unit as displayed.
            pub const UNIT: &'static str = $suffix;

            /// Accepted `/unit` spellings, and the multiplier and divisor
            /// that take a price in each to [`Self::UNIT`].
            fn denominators() -> &'static [(&'static str, rust_decimal::Decimal, rust_decimal::Decimal)] {
                const TABLE: &[(&str, rust_decimal::Decimal, rust_decimal::Decimal)] = &[
                    $(($text, $factor, crate::money::prices::divisor!($($per)?))),+
                ];
                TABLE
            }

            const SUBJECT: crate::error::Subject = crate::error::Subject {
                expected: $what,
                example: $example,
            };

            /// A price in its canonical unit (see [`Self::UNIT`]), validated.
            ///
            /// # Errors
            /// [`crate::MoneyError`] when the sign is not allowed for this price.
            pub fn new(value: rust_decimal::Decimal) -> Result<Self, crate::MoneyError> {
                crate::money::prices::Sign::$sign.check($what, value)?;
                Ok(Self(value))
            }

            /// A price from an `f64` in the canonical unit, by the rule of
            /// [`crate::money::to_decimal`].
            ///
            /// # Errors
            /// [`crate::MoneyError`] for non-finite values or a forbidden sign.
            pub fn from_f64(value: f64) -> Result<Self, crate::MoneyError> {
                Self::new(crate::money::to_decimal($what, value)?)
            }

            /// The price in its canonical unit.
            #[must_use]
            pub const fn value(self) -> rust_decimal::Decimal {
                self.0
            }

            /// The price as an `f64`, for simulation kernels and charts.
            #[must_use]
            pub fn to_f64(self) -> f64 {
                rust_decimal::prelude::ToPrimitive::to_f64(&self.0).unwrap_or(0.0)
            }

            /// This price scaled by `factor` (an escalator, a discount).
            ///
            /// # Errors
            /// [`crate::MoneyError`] on overflow or a forbidden sign.
            pub fn checked_scale(self, factor: rust_decimal::Decimal) -> Result<Self, crate::MoneyError> {
                let scaled = self.0.checked_mul(factor).ok_or(crate::MoneyError::Overflow {
                    operation: $what,
                })?;
                Self::new(scaled)
            }

            /// `self + other`.
            ///
            /// # Errors
            /// [`crate::MoneyError`] on overflow or a forbidden sign.
            pub fn checked_add(self, other: Self) -> Result<Self, crate::MoneyError> {
                let sum = self.0.checked_add(other.0).ok_or(crate::MoneyError::Overflow {
                    operation: $what,
                })?;
                Self::new(sum)
            }

            /// `self - other`.
            ///
            /// # Errors
            /// [`crate::MoneyError`] on overflow or a forbidden sign.
            pub fn checked_sub(self, other: Self) -> Result<Self, crate::MoneyError> {
                let difference = self.0.checked_sub(other.0).ok_or(crate::MoneyError::Overflow {
                    operation: $what,
                })?;
                Self::new(difference)
            }
        }

        impl core::fmt::Display for $name {
            /// Exact by default, with thousands separators (`$9,000/MWh`);
            /// `{:.2}` rounds to two places; `{:#}` is the plain form.
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                crate::money::prices::write_price(f, self.0, $prefix, $suffix, stringify!($currency))
            }
        }

        impl core::str::FromStr for $name {
            type Err = crate::ParseError;

            fn from_str(text: &str) -> Result<Self, crate::ParseError> {
                let amount = crate::money::prices::parse_price(
                    text,
                    Self::SUBJECT,
                    stringify!($currency),
                    Self::denominators(),
                )?;
                Self::new(amount)
                    .map_err(|error| crate::money::prices::sign_error(text, Self::SUBJECT, error))
            }
        }

        crate::money::parse::serde_via_string!($name);
    };
}
pub(crate) use price_type;

/// The divisor of a denominator entry: one unless `per` gives it.
macro_rules! divisor {
    () => {
        rust_decimal::Decimal::ONE
    };
    ($per:expr) => {
        $per
    };
}
pub(crate) use divisor;

use core::fmt;

use rust_decimal::Decimal;

use crate::error::{MoneyError, ParseError, ParseErrorKind, Subject};
use crate::money::parse::{Currency, display_decimal, parse_money};

pub(crate) fn write_price(
    f: &mut fmt::Formatter<'_>,
    value: Decimal,
    prefix: &str,
    suffix: &str,
    currency: &str,
) -> fmt::Result {
    let negative = value.is_sign_negative() && !value.is_zero();
    let magnitude = display_decimal(value.abs(), f);
    let sign = if negative { "-" } else { "" };
    if currency == "usd" {
        write!(f, "{sign}{prefix}{magnitude}{suffix}")
    } else {
        write!(f, "{sign}{magnitude} {prefix}{suffix}")
    }
}

pub(crate) fn parse_price(
    text: &str,
    subject: Subject,
    currency: &str,
    denominators: &[(&'static str, Decimal, Decimal)],
) -> Result<Decimal, ParseError> {
    let (allowed, is_usd): (&[Currency], bool) = if currency == "usd" {
        (&[Currency::Usd, Currency::Cents], true)
    } else {
        (&[Currency::Btc, Currency::Sat], false)
    };
    let parsed = parse_money(text, subject, allowed)?;
    let amount = if is_usd {
        parsed.usd_amount(text, subject)?
    } else {
        parsed.btc_amount(text, subject)?
    };
    let (multiplier, divisor) = parsed.denominator_factor(text, subject, denominators)?;
    amount
        .checked_mul(multiplier)
        .and_then(|x| x.checked_div(divisor))
        .ok_or_else(|| ParseError::new(text, subject, ParseErrorKind::OutOfRange))
}

pub(crate) fn sign_error(text: &str, subject: Subject, error: MoneyError) -> ParseError {
    let kind = match error {
        MoneyError::NotPositive { .. } => ParseErrorKind::NotPositive,
        MoneyError::Negative { .. } => ParseErrorKind::Negative,
        _ => ParseErrorKind::OutOfRange,
    };
    ParseError::new(text, subject, kind)
}
