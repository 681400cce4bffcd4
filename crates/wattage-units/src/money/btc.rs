//! Bitcoin amounts in whole satoshis.

use core::fmt;
use core::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{MoneyError, ParseError, ParseErrorKind, Subject};
use crate::money::parse::{Currency, parse_money};

/// An amount of bitcoin, held as a whole number of satoshis (`i64`, as
/// Bitcoin Core's `CAmount`), so consensus arithmetic is exact.
///
/// Conversions to and from BTC decimals are exact; a BTC decimal finer than
/// one satoshi is an error, unless you ask for rounding with
/// [`Btc::from_btc_rounded`].
///
/// ```
/// // Needs wattage-units, rust_decimal (in the wattage facade: wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_units::Btc;
///
/// let subsidy: Btc = "3.125 BTC".parse()?;
/// assert_eq!(subsidy.to_sat(), 312_500_000);
/// assert_eq!(subsidy.to_string(), "3.125 BTC");
/// assert_eq!(Btc::from_btc(Decimal::new(3125, 3))?, subsidy);
/// assert!(Btc::from_btc(Decimal::new(1, 9)).is_err()); // 0.1 sat
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Btc(i64);

impl Btc {
    /// Satoshis in one bitcoin.
    pub const SATS_PER_BTC: i64 = 100_000_000;
    /// Zero.
    pub const ZERO: Self = Self(0);
    /// One bitcoin.
    pub const ONE_BTC: Self = Self(Self::SATS_PER_BTC);

    /// An amount of satoshis.
    #[must_use]
    pub const fn from_sat(sats: i64) -> Self {
        Self(sats)
    }

    /// The amount in satoshis.
    #[must_use]
    pub const fn to_sat(self) -> i64 {
        self.0
    }

    /// An exact amount from BTC.
    ///
    /// # Errors
    /// [`MoneyError::SubSatoshi`] when `btc` has more than eight decimal
    /// places that are not zero; [`MoneyError::Overflow`] beyond `i64` sats.
    pub fn from_btc(btc: Decimal) -> Result<Self, MoneyError> {
        let sats =
            btc.checked_mul(Decimal::from(Self::SATS_PER_BTC))
                .ok_or(MoneyError::Overflow {
                    operation: "BTC to satoshis",
                })?;
        if sats.fract() != Decimal::ZERO {
            return Err(MoneyError::SubSatoshi { value: btc });
        }
        to_sats(sats)
    }

    /// An amount from BTC, rounded to the nearest satoshi, half to even.
    /// Used where an amount is computed from a rate, such as mining revenue.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] beyond `i64` satoshis.
    pub fn from_btc_rounded(btc: Decimal) -> Result<Self, MoneyError> {
        let sats =
            btc.checked_mul(Decimal::from(Self::SATS_PER_BTC))
                .ok_or(MoneyError::Overflow {
                    operation: "BTC to satoshis",
                })?;
        to_sats(sats.round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven))
    }

    /// The amount in BTC, exactly.
    #[must_use]
    pub fn to_btc(self) -> Decimal {
        Decimal::new(self.0, 8).normalize()
    }

    /// The amount in BTC as an `f64`, for charts (not for sums).
    #[must_use]
    pub fn to_btc_f64(self) -> f64 {
        self.0 as f64 / Self::SATS_PER_BTC as f64
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] beyond `i64` satoshis.
    pub fn checked_add(self, other: Self) -> Result<Self, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "BTC addition",
            })
    }

    /// `self - other`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] beyond `i64` satoshis.
    pub fn checked_sub(self, other: Self) -> Result<Self, MoneyError> {
        self.0
            .checked_sub(other.0)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "BTC subtraction",
            })
    }

    /// `self × count`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] beyond `i64` satoshis.
    pub fn checked_mul(self, count: i64) -> Result<Self, MoneyError> {
        self.0
            .checked_mul(count)
            .map(Self)
            .ok_or(MoneyError::Overflow {
                operation: "BTC multiplication",
            })
    }

    /// The exact sum of `amounts`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when a partial sum exceeds `i64` satoshis.
    pub fn try_sum<I: IntoIterator<Item = Self>>(amounts: I) -> Result<Self, MoneyError> {
        amounts
            .into_iter()
            .try_fold(Self::ZERO, |sum, amount| sum.checked_add(amount))
    }
}

fn to_sats(sats: Decimal) -> Result<Btc, MoneyError> {
    i64::try_from(sats)
        .map(Btc)
        .map_err(|_| MoneyError::Overflow {
            operation: "BTC to satoshis",
        })
}

impl fmt::Display for Btc {
    /// `3.125 BTC`, exact; `{:.4}` rounds to four places, half away from
    /// zero, except where that would leave the range of an `i64` of
    /// satoshis (only within a hundred-millionth of the largest amounts):
    /// there it rounds toward zero, so the text always reads back.
    /// Thousands separators by default (`21,000,000 BTC`); `{:#}` is the
    /// plain form (`21000000 BTC`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let btc = self.to_btc();
        let strategy = match f.precision().and_then(|p| u32::try_from(p).ok()) {
            Some(places) if places < 8 => {
                let away =
                    btc.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
                if Self::from_btc(away).is_ok() {
                    RoundingStrategy::MidpointAwayFromZero
                } else {
                    RoundingStrategy::ToZero
                }
            }
            _ => RoundingStrategy::MidpointAwayFromZero,
        };
        let text = crate::money::parse::display_decimal_with(btc, f, strategy);
        write!(f, "{text} BTC")
    }
}

impl FromStr for Btc {
    type Err = ParseError;

    /// Reads `3.125 BTC`, `50000 sat`, `1,000 sats`.
    fn from_str(text: &str) -> Result<Self, ParseError> {
        const EXPECTED: Subject = Subject {
            expected: "a BTC amount",
            example: "3.125 BTC",
        };
        let parsed = parse_money(text, EXPECTED, &[Currency::Btc, Currency::Sat])?;
        parsed.expect_no_denominator(text, EXPECTED)?;
        let btc = parsed.btc_amount(text, EXPECTED)?;
        Self::from_btc(btc).map_err(|_| ParseError::new(text, EXPECTED, ParseErrorKind::OutOfRange))
    }
}

crate::money::parse::serde_via_string!(Btc);
