//! Reading and writing money and prices: `$45/MWh`, `4.5 c/kWh`,
//! `$55.97/PH/day`, `0.5 BTC`, `50000 sat/PH/day`.
//!
//! The grammar is documented in the `money` module.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use rust_decimal::Decimal;

use crate::error::{ParseError, ParseErrorKind};

/// The currency a money text was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Currency {
    /// US dollars (`$`, `USD`).
    Usd,
    /// US cents (`c`, `¢`, `cents`).
    Cents,
    /// Bitcoin (`BTC`).
    Btc,
    /// Satoshis (`sat`, `sats`).
    Sat,
}

impl Currency {
    fn symbol(self) -> &'static str {
        match self {
            Self::Usd => "$ or USD",
            Self::Cents => "c",
            Self::Btc => "BTC",
            Self::Sat => "sat",
        }
    }
}

/// Money text taken apart.
#[derive(Debug)]
pub(crate) struct ParsedMoney<'a> {
    /// The number as written, with its scale applied.
    pub(crate) amount: Decimal,
    pub(crate) currency: Currency,
    pub(crate) denominator: Option<&'a str>,
}

impl ParsedMoney<'_> {
    /// The amount in US dollars.
    pub(crate) fn usd_amount(
        &self,
        input: &str,
        expected: &'static str,
    ) -> Result<Decimal, ParseError> {
        match self.currency {
            Currency::Usd => Ok(self.amount),
            Currency::Cents => self
                .amount
                .checked_div(Decimal::ONE_HUNDRED)
                .ok_or_else(|| ParseError::new(input, expected, ParseErrorKind::OutOfRange)),
            Currency::Btc | Currency::Sat => Err(wrong_currency(input, expected, "$ or USD")),
        }
    }

    /// The amount in BTC.
    pub(crate) fn btc_amount(
        &self,
        input: &str,
        expected: &'static str,
    ) -> Result<Decimal, ParseError> {
        match self.currency {
            Currency::Btc => Ok(self.amount),
            Currency::Sat => self
                .amount
                .checked_div(Decimal::from(crate::money::Btc::SATS_PER_BTC))
                .ok_or_else(|| ParseError::new(input, expected, ParseErrorKind::OutOfRange)),
            Currency::Usd | Currency::Cents => Err(wrong_currency(input, expected, "BTC or sat")),
        }
    }

    /// Fails if a `/denominator` was written.
    pub(crate) fn expect_no_denominator(
        &self,
        input: &str,
        expected: &'static str,
    ) -> Result<(), ParseError> {
        match self.denominator {
            None => Ok(()),
            Some(unit) => Err(ParseError::new(
                input,
                expected,
                ParseErrorKind::UnknownUnit {
                    unit: format!("/{unit}"),
                    accepted: "no \"/...\" part".into(),
                },
            )),
        }
    }

    /// Looks the denominator up in `table` (unit text, multiplier to the
    /// canonical unit) and returns the multiplier.
    pub(crate) fn denominator_factor(
        &self,
        input: &str,
        expected: &'static str,
        table: &[(&str, Decimal)],
    ) -> Result<Decimal, ParseError> {
        let accepted = || {
            let names: Vec<String> = table.iter().map(|(u, _)| format!("/{u}")).collect();
            names.join(", ")
        };
        let Some(unit) = self.denominator else {
            return Err(ParseError::new(
                input,
                expected,
                ParseErrorKind::MissingUnit {
                    accepted: accepted(),
                },
            ));
        };
        table
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, factor)| *factor)
            .ok_or_else(|| {
                ParseError::new(
                    input,
                    expected,
                    ParseErrorKind::UnknownUnit {
                        unit: format!("/{unit}"),
                        accepted: accepted(),
                    },
                )
            })
    }
}

fn wrong_currency(input: &str, expected: &'static str, wanted: &str) -> ParseError {
    ParseError::new(
        input,
        expected,
        ParseErrorKind::UnknownUnit {
            unit: "currency".into(),
            accepted: wanted.into(),
        },
    )
}

/// Takes money text apart; `allowed` lists the currencies the caller accepts.
pub(crate) fn parse_money<'a>(
    input: &'a str,
    expected: &'static str,
    allowed: &[Currency],
) -> Result<ParsedMoney<'a>, ParseError> {
    let fail = |kind| ParseError::new(input, expected, kind);
    let accepted = || {
        let names: Vec<&str> = allowed.iter().map(|c| c.symbol()).collect();
        names.join(", ")
    };
    let mut rest = input.trim();
    if rest.is_empty() {
        return Err(fail(ParseErrorKind::Empty));
    }
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r;
    } else if let Some(r) = rest.strip_prefix('+') {
        rest = r;
    }
    let dollar = rest.starts_with('$');
    if dollar {
        rest = rest.get(1..).unwrap_or_default();
        if let Some(r) = rest.strip_prefix('-') {
            negative = !negative;
            rest = r;
        }
    }
    if crate::parse::starts_non_finite(rest) {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(rest.len());
    let (number_text, after) = rest.split_at(number_len);
    let digits: String = number_text.chars().filter(|c| *c != ',').collect();
    if !digits.chars().any(|c| c.is_ascii_digit()) {
        return Err(fail(ParseErrorKind::MissingNumber));
    }
    let mut amount: Decimal = digits
        .parse()
        .map_err(|_| fail(ParseErrorKind::OutOfRange))?;
    let mut after = after;
    if dollar {
        let scale = match after.chars().next() {
            Some('k') => Some(Decimal::ONE_THOUSAND),
            Some('M') if !after.starts_with("MW") => Some(Decimal::from(1_000_000)),
            Some('B') if !after.starts_with("BTC") => Some(Decimal::from(1_000_000_000)),
            _ => None,
        };
        if let Some(scale) = scale {
            amount = amount
                .checked_mul(scale)
                .ok_or_else(|| fail(ParseErrorKind::OutOfRange))?;
            after = after.get(1..).unwrap_or_default();
        }
    }
    if negative {
        amount = -amount;
    }
    let after = after.trim_start();
    let (word, denominator) = match after.split_once('/') {
        Some((word, denominator)) => (word.trim(), Some(denominator.trim())),
        None => (after.trim(), None),
    };
    let currency = match (dollar, word) {
        (true, "" | "USD") | (false, "USD") => Currency::Usd,
        (false, "c" | "¢" | "cents") => Currency::Cents,
        (false, "BTC") => Currency::Btc,
        (false, "sat" | "sats") => Currency::Sat,
        (false, "") => {
            return Err(fail(ParseErrorKind::MissingUnit {
                accepted: accepted(),
            }));
        }
        (_, other) => {
            return Err(fail(ParseErrorKind::UnknownUnit {
                unit: other.into(),
                accepted: accepted(),
            }));
        }
    };
    if !allowed.contains(&currency) {
        return Err(fail(ParseErrorKind::UnknownUnit {
            unit: word.into(),
            accepted: accepted(),
        }));
    }
    Ok(ParsedMoney {
        amount,
        currency,
        denominator,
    })
}

/// A decimal for display: exact (normalized) without a precision, rounded
/// half away from zero to `precision` places with one.
///
/// Any precision is accepted. `Decimal` holds at most 28 decimal places, so
/// places beyond what the value can hold are written as zeros; the text is
/// built here rather than by `Decimal`'s own precision formatting, which
/// has a fixed-size buffer of 32 characters.
pub(crate) fn display_decimal(value: Decimal, precision: Option<usize>) -> String {
    display_decimal_with(
        value,
        precision,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// [`display_decimal`] with a chosen rounding strategy.
pub(crate) fn display_decimal_with(
    value: Decimal,
    precision: Option<usize>,
    strategy: rust_decimal::RoundingStrategy,
) -> String {
    let Some(places) = precision else {
        return format!("{}", value.normalize());
    };
    // Decimal's scale never exceeds 28, so rounding to more places is exact.
    let held = u32::try_from(places).unwrap_or(u32::MAX).min(28);
    let rounded = value.round_dp_with_strategy(held, strategy);
    // Without a precision, Decimal writes at most 29 digits, a point and a
    // sign: always within its buffer.
    let text = format!("{rounded}");
    let (integer, fraction) = text.split_once('.').unwrap_or((text.as_str(), ""));
    if places == 0 {
        return integer.into();
    }
    let mut out = String::with_capacity(integer.len() + 1 + places);
    out.push_str(integer);
    out.push('.');
    out.push_str(fraction);
    for _ in fraction.len()..places {
        out.push('0');
    }
    out
}

/// Serde for a money type through its `Display` and `FromStr`, which are
/// exact: `"$45/MWh"` in every format.
macro_rules! serde_via_string {
    ($ty:ty) => {
        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TextVisitor;
                impl serde::de::Visitor<'_> for TextVisitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                        f.write_str(
                            "an amount written with its currency and unit, such as \"$45/MWh\"",
                        )
                    }
                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$ty, E> {
                        text.parse().map_err(E::custom)
                    }
                }
                deserializer.deserialize_str(TextVisitor)
            }
        }
    };
}
pub(crate) use serde_via_string;
