//! Reading and writing money and prices: `$45/MWh`, `45 $/MWh`,
//! `$45 per MWh`, `4.5 ¢/kWh`, `$55.97/PH/day`, `0.5 BTC`, `50000 sat/PH/day`,
//! `$200K`, `$1e6`, `$200 M`.
//!
//! The grammar is documented in the `money` module.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use rust_decimal::Decimal;

use crate::error::{ParseError, ParseErrorKind, Subject};
use crate::spelling::{Found, find};

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

/// Every spelling of a currency word, canonical first for each currency.
const CURRENCIES: &[(&str, Currency)] = &[
    ("$", Currency::Usd),
    ("USD", Currency::Usd),
    ("c", Currency::Cents),
    ("¢", Currency::Cents),
    ("cents", Currency::Cents),
    ("cent", Currency::Cents),
    ("BTC", Currency::Btc),
    ("sat", Currency::Sat),
    ("sats", Currency::Sat),
];

/// Every spelling of a scale after the number, and its multiplier.
const SCALES: &[(&str, u32)] = &[
    ("k", 1_000),
    ("thousand", 1_000),
    ("M", 1_000_000),
    ("MM", 1_000_000),
    ("mn", 1_000_000),
    ("million", 1_000_000),
    ("B", 1_000_000_000),
    ("bn", 1_000_000_000),
    ("billion", 1_000_000_000),
];

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
    pub(crate) fn usd_amount(&self, input: &str, subject: Subject) -> Result<Decimal, ParseError> {
        match self.currency {
            Currency::Usd => Ok(self.amount),
            Currency::Cents => self
                .amount
                .checked_div(Decimal::ONE_HUNDRED)
                .ok_or_else(|| ParseError::new(input, subject, ParseErrorKind::OutOfRange)),
            Currency::Btc | Currency::Sat => {
                Err(ParseError::new(input, subject, ParseErrorKind::OutOfRange))
            }
        }
    }

    /// The amount in BTC.
    pub(crate) fn btc_amount(&self, input: &str, subject: Subject) -> Result<Decimal, ParseError> {
        match self.currency {
            Currency::Btc => Ok(self.amount),
            Currency::Sat => self
                .amount
                .checked_div(Decimal::from(crate::money::Btc::SATS_PER_BTC))
                .ok_or_else(|| ParseError::new(input, subject, ParseErrorKind::OutOfRange)),
            Currency::Usd | Currency::Cents => {
                Err(ParseError::new(input, subject, ParseErrorKind::OutOfRange))
            }
        }
    }

    /// Fails if a `/denominator` was written.
    pub(crate) fn expect_no_denominator(
        &self,
        input: &str,
        subject: Subject,
    ) -> Result<(), ParseError> {
        match self.denominator {
            None => Ok(()),
            Some(unit) => Err(ParseError::new(
                input,
                subject,
                ParseErrorKind::UnknownUnit {
                    unit: format!("/{unit}"),
                    accepted: "no \"/...\" part".into(),
                },
            )),
        }
    }

    /// Looks the denominator up in `table` (unit text, multiplier and
    /// divisor to the canonical unit), folding case by the rule of
    /// [`crate::parse`], and returns `(multiplier, divisor)`.
    pub(crate) fn denominator_factor(
        &self,
        input: &str,
        subject: Subject,
        table: &[(&'static str, Decimal, Decimal)],
    ) -> Result<(Decimal, Decimal), ParseError> {
        let accepted = || {
            let names: Vec<String> = table.iter().map(|(u, ..)| format!("/{u}")).collect();
            names.join(", ")
        };
        let fail = |kind| ParseError::new(input, subject, kind);
        let Some(unit) = self.denominator else {
            return Err(fail(ParseErrorKind::MissingUnit {
                accepted: accepted(),
            }));
        };
        let spellings = table.iter().map(|(name, mul, div)| (*name, (*mul, *div)));
        match find(unit, spellings) {
            Found::One(factor) => Ok(factor),
            Found::CaseMatters(known) => Err(fail(ParseErrorKind::CaseMatters {
                unit: format!("/{unit}"),
                known,
            })),
            Found::Unknown => Err(fail(ParseErrorKind::UnknownUnit {
                unit: format!("/{unit}"),
                accepted: accepted(),
            })),
        }
    }
}

/// The spellings of the `allowed` currencies, for messages.
fn accepted_currencies(allowed: &[Currency]) -> String {
    let names: Vec<&str> = CURRENCIES
        .iter()
        .filter(|(_, c)| allowed.contains(c))
        .map(|(name, _)| *name)
        .collect();
    names.join(", ")
}

/// Splits the text after the number at its denominator: the first `/`, or
/// the first word `per`, whichever comes first.
fn split_denominator(after: &str) -> (&str, Option<&str>) {
    let slash = after.find('/').map(|at| (at, 1));
    let per = after
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| {
            let word_start = after
                .get(..at)
                .is_some_and(|b| b.is_empty() || b.ends_with(char::is_whitespace));
            let word = after.get(at..).unwrap_or_default();
            word_start
                && word.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("per"))
                && word
                    .get(3..)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
        .map(|at| (at, 3));
    let split = match (slash, per) {
        (Some(s), Some(p)) => Some(if p.0 < s.0 { p } else { s }),
        (s, p) => s.or(p),
    };
    match split {
        Some((at, len)) => (
            after.get(..at).unwrap_or_default(),
            after.get(at + len..).map(str::trim),
        ),
        None => (after, None),
    }
}

/// Reads the number of a money text: thousands separators in groups of
/// three, an optional exponent (`1e6`).
pub(crate) fn read_amount(number: &str) -> Result<Decimal, ParseErrorKind> {
    let digits = crate::parse::ungrouped(number)?;
    let parsed = if digits.contains(['e', 'E']) {
        Decimal::from_scientific(&digits)
    } else {
        digits.parse()
    };
    parsed.map_err(|_| ParseErrorKind::OutOfRange)
}

/// The scale and currency words between the number and the denominator:
/// `"M"`, `"USD"`, `"M USD"`, `"¢"`, or nothing.
fn read_words(
    words: &str,
    dollar: bool,
    allowed: &[Currency],
) -> Result<(u32, Option<Currency>), ParseErrorKind> {
    let unknown = || ParseErrorKind::UnknownUnit {
        unit: words.trim().into(),
        accepted: if dollar {
            "USD".into()
        } else {
            accepted_currencies(allowed)
        },
    };
    let mut tokens: Vec<&str> = words.split_whitespace().collect();
    let mut scale = 1;
    if let Some(first) = tokens.first() {
        // A scale glued to a currency word is not read ("MUSD").
        if let Found::One(multiplier) = find(first, SCALES.iter().copied()) {
            scale = multiplier;
            tokens.remove(0);
        }
    }
    let currency = match tokens.as_slice() {
        [] => None,
        [word] => {
            let spellings = CURRENCIES
                .iter()
                .copied()
                .filter(|(_, c)| allowed.contains(c));
            match find(word, spellings) {
                Found::One(Currency::Usd) => Some(Currency::Usd),
                Found::One(currency) if !dollar => Some(currency),
                _ => return Err(unknown()),
            }
        }
        _ => return Err(unknown()),
    };
    Ok((scale, currency))
}

/// Takes money text apart; `allowed` lists the currencies the caller
/// accepts. The grammar is in the `money` module docs.
pub(crate) fn parse_money<'a>(
    input: &'a str,
    subject: Subject,
    allowed: &[Currency],
) -> Result<ParsedMoney<'a>, ParseError> {
    let fail = |kind| ParseError::new(input, subject, kind);
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
    let dollar = rest.starts_with('$') && allowed.contains(&Currency::Usd);
    if dollar {
        rest = rest.get(1..).unwrap_or_default().trim_start();
        if let Some(r) = rest.strip_prefix('-') {
            negative = !negative;
            rest = r;
        }
    }
    if crate::parse::starts_non_finite(rest) {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    let (number, after) = match crate::parse::split_number(rest) {
        Some((number, after)) if !number.starts_with(['+', '-']) => (number, after),
        _ => return Err(fail(ParseErrorKind::MissingNumber)),
    };
    let mut amount = read_amount(number).map_err(fail)?;
    let (words, denominator) = split_denominator(after);
    let (scale, word_currency) = read_words(words, dollar, allowed).map_err(fail)?;
    let currency = match (dollar, word_currency) {
        (_, Some(currency)) => currency,
        (true, None) => Currency::Usd,
        (false, None) => {
            return Err(fail(ParseErrorKind::MissingUnit {
                accepted: accepted_currencies(allowed),
            }));
        }
    };
    amount = amount
        .checked_mul(Decimal::from(scale))
        .ok_or_else(|| fail(ParseErrorKind::OutOfRange))?;
    if negative {
        amount = -amount;
    }
    Ok(ParsedMoney {
        amount,
        currency,
        denominator,
    })
}

/// A decimal for display, formatted as `f` asks: exact (normalized)
/// without a precision, rounded half away from zero to `precision` places
/// with one; the integer part in groups of three with `,` unless the
/// alternate flag (`{:#}`) asks for the plain form.
///
/// Any precision is accepted. `Decimal` holds at most 28 decimal places, so
/// places beyond what the value can hold are written as zeros; the text is
/// built here rather than by `Decimal`'s own precision formatting, which
/// has a fixed-size buffer of 32 characters.
pub(crate) fn display_decimal(value: Decimal, f: &core::fmt::Formatter<'_>) -> String {
    display_decimal_with(
        value,
        f,
        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
    )
}

/// [`display_decimal`] with a chosen rounding strategy.
pub(crate) fn display_decimal_with(
    value: Decimal,
    f: &core::fmt::Formatter<'_>,
    strategy: rust_decimal::RoundingStrategy,
) -> String {
    let plain = plain_decimal(value, f.precision(), strategy);
    if f.alternate() {
        plain
    } else {
        group_thousands(&plain)
    }
}

/// `text` (an optional `-`, digits, an optional fraction) with its integer
/// digits in groups of three, as money displays them: `1234567.5` is
/// `1,234,567.5`. For tables and chart ticks of plain numbers; text of
/// another shape comes back with commas among its leading characters, so
/// check the shape first.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::money::group_thousands;
///
/// assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
/// assert_eq!(group_thousands("-1000"), "-1,000");
/// assert_eq!(group_thousands("999"), "999");
/// ```
#[must_use]
pub fn group_thousands(text: &str) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let mut out = String::with_capacity(text.len() + integer.len() / 3);
    out.push_str(sign);
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// The plain text of a decimal: no separators.
fn plain_decimal(
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

/// Serde for a money type through its plain `Display` (`{:#}`, no
/// thousands separators) and `FromStr`, which are exact: `"$45/MWh"` in
/// every format.
macro_rules! serde_via_string {
    ($ty:ty) => {
        #[cfg(feature = "serde")]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(&format_args!("{self:#}"))
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
