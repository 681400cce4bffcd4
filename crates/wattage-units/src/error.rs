//! The errors of this crate: one for invalid values, one for unreadable text,
//! one for money arithmetic.

use alloc::string::String;
use core::fmt;

/// A physical value that no valid quantity can hold.
///
/// Returned by the validating constructors ([`crate::Hashrate::new`] and its
/// siblings), by [`crate::Measure::checked`] and by deserialization.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{unit, HashEfficiency, QuantityError};
///
/// let err = HashEfficiency::new(-3.0, unit::JOULE_PER_TERAHASH).unwrap_err();
/// assert_eq!(err.to_string(), "hash efficiency must not be negative, got -3 J/TH");
/// assert!(matches!(err, QuantityError::Negative { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum QuantityError {
    /// The value was NaN or infinite.
    #[error("{quantity} must be finite, got {value} {unit}")]
    NotFinite {
        /// Which quantity, in words ("hashrate").
        quantity: &'static str,
        /// The offending value, in `unit`.
        value: f64,
        /// The unit `value` is expressed in.
        unit: &'static str,
    },
    /// The value was negative for a quantity that cannot be.
    #[error("{quantity} must not be negative, got {value} {unit}")]
    Negative {
        /// Which quantity, in words ("hashrate").
        quantity: &'static str,
        /// The offending value, in `unit`.
        value: f64,
        /// The unit `value` is expressed in.
        unit: &'static str,
    },
}

impl QuantityError {
    /// The name of the quantity that rejected the value.
    #[must_use]
    pub const fn quantity(&self) -> &'static str {
        match self {
            Self::NotFinite { quantity, .. } | Self::Negative { quantity, .. } => quantity,
        }
    }
}

/// Text that could not be read as a quantity, money amount or price.
///
/// The message quotes the input and says what was expected:
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::HashEfficiency;
///
/// let err = "17.5 J/TB".parse::<HashEfficiency>().unwrap_err();
/// assert_eq!(err.input(), "17.5 J/TB");
/// assert!(err.to_string().starts_with("cannot read \"17.5 J/TB\" as a hash efficiency: unknown unit \"J/TB\""));
/// assert!(err.to_string().contains("J/TH"));
/// assert!(err.to_string().ends_with("(written like \"17.5 J/TH\")"));
/// assert_eq!(err.example(), "17.5 J/TH");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot read {input:?} as {}: {kind} (written like {:?})",
    subject.expected,
    subject.example
)]
pub struct ParseError {
    input: String,
    subject: Subject,
    kind: ParseErrorKind,
}

/// What a parser reads, for its messages: the thing with its article ("a
/// hashrate") and the canonical spelling of an example ("950 EH/s").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Subject {
    pub(crate) expected: &'static str,
    pub(crate) example: &'static str,
}

impl ParseError {
    pub(crate) fn new(input: &str, subject: Subject, kind: ParseErrorKind) -> Self {
        Self {
            input: input.into(),
            subject,
            kind,
        }
    }

    /// The text that was rejected, as given.
    #[must_use]
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What the text should have been ("a hashrate").
    #[must_use]
    pub const fn expected(&self) -> &'static str {
        self.subject.expected
    }

    /// The canonical spelling of a valid input (`"950 EH/s"`), which every
    /// message ends with.
    #[must_use]
    pub const fn example(&self) -> &'static str {
        self.subject.example
    }

    /// Why it was rejected.
    #[must_use]
    pub const fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }
}

/// Why a [`ParseError`] happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text was empty or only white space.
    Empty,
    /// The text did not start with a number.
    MissingNumber,
    /// The number was NaN or infinite, written or after conversion.
    NotFinite,
    /// The value was negative where the quantity cannot be.
    Negative,
    /// The value was zero or negative where it must be positive.
    NotPositive,
    /// A number without the unit it needs.
    MissingUnit {
        /// The units that would have been accepted.
        accepted: String,
    },
    /// A unit this quantity does not know.
    UnknownUnit {
        /// The unit as written.
        unit: String,
        /// The units that would have been accepted.
        accepted: String,
    },
    /// The number does not fit the exact representation (too large, or
    /// finer than one satoshi where satoshis are required).
    OutOfRange,
    /// Thousands separators that do not group three digits (`"1,2 MW"`,
    /// which could be a decimal comma).
    Grouping,
    /// A unit whose spelling differs from a known one only in the case of
    /// a letter whose case carries meaning: an SI prefix written in mixed
    /// case (`"mW"`: `m` is milli, `M` mega; `p` pico, `P` peta), or the
    /// `s` of `FLOPs` (a count) and `FLOPS` (a rate). The text is refused
    /// rather than read as the other unit.
    CaseMatters {
        /// The unit as written.
        unit: String,
        /// The known unit it resembles.
        known: &'static str,
    },
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the text is empty"),
            Self::MissingNumber => f.write_str("expected a number first"),
            Self::NotFinite => f.write_str("the value must be finite (no NaN or infinity)"),
            Self::Negative => f.write_str("the value must not be negative"),
            Self::NotPositive => f.write_str("the value must be greater than zero"),
            Self::MissingUnit { accepted } => {
                write!(
                    f,
                    "a unit is required after the number; expected one of {accepted}"
                )
            }
            Self::UnknownUnit { unit, accepted } => {
                write!(f, "unknown unit {unit:?}; expected one of {accepted}")
            }
            Self::OutOfRange => {
                f.write_str("the value is out of the representable range or precision")
            }
            Self::Grouping => f.write_str(
                "thousands separators must group three digits (1,234,567.8); \
                 a decimal comma is not read",
            ),
            Self::CaseMatters { unit, known } => write!(
                f,
                "unit {unit:?} differs from {known} only in the case of a letter that \
                 carries meaning (m milli, M mega; p pico, P peta; FLOPS a rate, \
                 FLOPs a count); write {known} if you mean it"
            ),
        }
    }
}

/// Money arithmetic or conversion that has no exact answer.
///
/// ```
/// // Needs wattage-units, rust_decimal (in the wattage facade: wattage::units, wattage::rust_decimal).
/// use wattage_units::{MoneyError, Usd};
/// use rust_decimal::Decimal;
///
/// let huge = Usd::new(Decimal::MAX);
/// assert!(matches!(huge.checked_add(Usd::new(Decimal::ONE)), Err(MoneyError::Overflow { .. })));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The result does not fit a `Decimal` (about ±7.9e28) or an `i64` of satoshis.
    #[error("{operation} overflowed")]
    Overflow {
        /// What was being computed ("USD addition").
        operation: &'static str,
    },
    /// Division by a zero amount or price.
    #[error("{operation}: division by zero")]
    DivisionByZero {
        /// What was being computed.
        operation: &'static str,
    },
    /// A floating-point input that is NaN, infinite, or beyond `Decimal`'s range.
    #[error("{what} must be a finite number within ±7.9e28, got {value}")]
    NotRepresentable {
        /// What the number was.
        what: &'static str,
        /// The number.
        value: f64,
    },
    /// A BTC amount with more than eight decimal places.
    #[error("{value} BTC is not a whole number of satoshis")]
    SubSatoshi {
        /// The amount, in BTC, as written.
        value: rust_decimal::Decimal,
    },
    /// A price that cannot be negative was.
    #[error("{what} must not be negative, got {value}")]
    Negative {
        /// Which price.
        what: &'static str,
        /// The value given.
        value: rust_decimal::Decimal,
    },
    /// A physical quantity given to a money computation is not one it can
    /// price: not finite, or negative where only a size makes sense (a
    /// capacity, a duration, a count of hashes).
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{LeaseRate, MoneyError, Power, Time, unit};
    ///
    /// let rate: LeaseRate = "$150/kW/month".parse()?;
    /// let backwards = Time::ZERO - Time::new(1.0, unit::MONTH)?;
    /// let err = rate.rent(Power::new(1.0, unit::MEGAWATT)?, backwards).unwrap_err();
    /// assert!(matches!(err, MoneyError::Quantity(_)));
    /// assert_eq!(err.to_string(), "rental period must not be negative, got -1 month");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[error(transparent)]
    Quantity(#[from] QuantityError),
    /// A [`crate::Share`] outside 0% to 100%.
    #[error("a share must be between 0% and 100%, got the fraction {value}")]
    ShareOutOfRange {
        /// The fraction given (1.5 for 150%).
        value: rust_decimal::Decimal,
    },
    /// A price that must be positive was zero or negative.
    #[error("{what} must be positive, got {value}")]
    NotPositive {
        /// Which price.
        what: &'static str,
        /// The value given.
        value: rust_decimal::Decimal,
    },
}
