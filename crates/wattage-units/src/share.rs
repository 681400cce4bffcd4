//! A part of a whole, exact: a pool fee, a revenue share, an uptime.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{MoneyError, ParseError, ParseErrorKind, Subject};
use crate::money::Usd;

const SUBJECT: Subject = Subject {
    expected: "a share",
    example: "2%",
};

/// A share of a whole, from 0% to 100% inclusive, held exactly as a
/// `Decimal` fraction (2% is `0.02`): a pool fee, a fee share of the block
/// reward, a revenue share, a tax or an uptime.
///
/// It reads `"2%"`, `"2 %"`, `"0.62%"` or the fraction `"0.02"`, and
/// displays as a percentage (`2%`; `{:.1}` gives `2.0%`). A bare number
/// above one (`"2"`) is refused rather than guessed to mean 2%. With the
/// `serde` feature it serializes as its text (`"2%"`) and deserializes from
/// that text or from a number, read as the fraction (`0.02`).
///
/// ```
/// // Needs wattage-units, rust_decimal (in the wattage facade: wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_units::{Share, Usd};
///
/// let fee: Share = "2%".parse()?;
/// assert_eq!(fee, "0.02".parse()?);
/// assert_eq!(fee.fraction(), Decimal::new(2, 2));
/// assert_eq!(fee.to_string(), "2%");
/// assert_eq!(fee.of("$1,000".parse::<Usd>()?)?.to_string(), "$20");
/// assert_eq!(fee.complement().to_string(), "98%");
/// assert!("2".parse::<Share>().is_err()); // 200%? write "2%"
/// assert!("-1%".parse::<Share>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Share(Decimal);

impl Share {
    /// 0%.
    pub const ZERO: Self = Self(Decimal::ZERO);
    /// 100%.
    pub const ALL: Self = Self(Decimal::ONE);

    /// A share from its fraction (`0.02` for 2%).
    ///
    /// # Errors
    /// [`MoneyError::ShareOutOfRange`] outside 0 to 1 inclusive.
    pub fn new(fraction: Decimal) -> Result<Self, MoneyError> {
        if fraction.is_sign_negative() && !fraction.is_zero() || fraction > Decimal::ONE {
            return Err(MoneyError::ShareOutOfRange {
                value: fraction.normalize(),
            });
        }
        Ok(Self(fraction.normalize()))
    }

    /// A share from a percentage (`2` for 2%).
    ///
    /// # Errors
    /// [`MoneyError::ShareOutOfRange`] outside 0 to 100 inclusive.
    pub fn from_percent(percent: Decimal) -> Result<Self, MoneyError> {
        let fraction = percent
            .checked_div(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::ShareOutOfRange { value: percent })?;
        Self::new(fraction)
    }

    /// The fraction, from 0 to 1.
    #[must_use]
    pub const fn fraction(self) -> Decimal {
        self.0
    }

    /// The percentage, from 0 to 100.
    #[must_use]
    pub fn percent(self) -> Decimal {
        // At most 1 × 100: cannot overflow.
        (self.0 * Decimal::ONE_HUNDRED).normalize()
    }

    /// The fraction as an `f64`, for simulation kernels and charts.
    #[must_use]
    pub fn to_f64(self) -> f64 {
        rust_decimal::prelude::ToPrimitive::to_f64(&self.0).unwrap_or(0.0)
    }

    /// The rest of the whole: 100% minus this share (what a miner keeps
    /// after a 2% pool fee is 98%).
    #[must_use]
    pub fn complement(self) -> Self {
        Self((Decimal::ONE - self.0).normalize())
    }

    /// This share of `amount`, exact.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the product does not fit.
    pub fn of(self, amount: Usd) -> Result<Usd, MoneyError> {
        amount.checked_mul(self.0)
    }
}

impl From<Share> for Decimal {
    fn from(share: Share) -> Self {
        share.0
    }
}

impl fmt::Display for Share {
    /// The percentage, exact (`0.62%`); `{:.1}` rounds to one decimal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = crate::money::parse::display_decimal(self.percent(), f);
        write!(f, "{percent}%")
    }
}

impl FromStr for Share {
    type Err = ParseError;

    /// Reads `2%`, `2 %`, `0.62%` and the fraction `0.02`.
    fn from_str(input: &str) -> Result<Self, ParseError> {
        let fail = |kind| ParseError::new(input, SUBJECT, kind);
        let text = input.trim();
        if text.is_empty() {
            return Err(fail(ParseErrorKind::Empty));
        }
        let (number, rest) =
            crate::parse::split_number(text).ok_or_else(|| fail(ParseErrorKind::MissingNumber))?;
        let value = crate::money::parse::read_amount(number).map_err(fail)?;
        let share = match rest.trim() {
            "%" => Self::from_percent(value),
            "" => Self::new(value),
            other => {
                return Err(fail(ParseErrorKind::UnknownUnit {
                    unit: String::from(other),
                    accepted: "%, or none for a fraction".into(),
                }));
            }
        };
        share.map_err(|_| fail(ParseErrorKind::OutOfRange))
    }
}

impl TryFrom<&str> for Share {
    type Error = ParseError;
    fn try_from(text: &str) -> Result<Self, ParseError> {
        text.parse()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Share {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Share {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;
        impl serde::de::Visitor<'_> for ShareVisitor {
            type Value = Share;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a share such as \"2%\" or the fraction 0.02")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Share, E> {
                text.parse().map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Share, E> {
                let fraction = crate::money::to_decimal("a share", value).map_err(E::custom)?;
                Share::new(fraction).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Share, E> {
                Share::new(Decimal::from(value)).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Share, E> {
                Share::new(Decimal::from(value)).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(ShareVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Share;
    use alloc::format;
    use alloc::string::ToString;
    use rust_decimal::Decimal;

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!("0%".parse::<Share>().unwrap(), Share::ZERO);
        assert_eq!("100%".parse::<Share>().unwrap(), Share::ALL);
        assert_eq!("1".parse::<Share>().unwrap(), Share::ALL);
        assert!("100.01%".parse::<Share>().is_err());
        assert!(Share::new(Decimal::new(-1, 3)).is_err());
        assert_eq!(Share::new(Decimal::new(-0, 0)).unwrap(), Share::ZERO);
    }

    #[test]
    fn displays_as_a_percentage() {
        let fee = Share::new(Decimal::new(62, 4)).unwrap();
        assert_eq!(fee.to_string(), "0.62%");
        assert_eq!(format!("{:.1}", Share::ALL), "100.0%");
        assert_eq!(fee.to_string().parse::<Share>().unwrap(), fee);
    }

    #[test]
    fn errors_name_the_value() {
        let err = Share::from_percent(Decimal::new(150, 0)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a share must be between 0% and 100%, got the fraction 1.5"
        );
        let err = "2 bp".parse::<Share>().unwrap_err();
        assert!(err.to_string().contains("unknown unit \"bp\""), "{err}");
    }
}
