//! Reading what people type: `950 EH/s`, `950EH/s`, `950 eh/s`,
//! `950,000 PH/s`, `1.2e3 MWh`.
//!
//! The grammar, for every physical quantity:
//!
//! ```text
//! quantity := ws* number ws* unit ws*
//! number   := [+-]? integer ("." digits?)? ([eE] [+-]? digits)?
//!           | [+-]? "." digits ([eE] [+-]? digits)?
//! integer  := digits | d{1,3} ("," d{3})+      (thousands separators)
//! unit     := one of the quantity's symbols, names or aliases,
//!             case folded by the rule below
//! ```
//!
//! **Case.** An exact spelling always matches; otherwise case is folded
//! (`950 eh/s`, `45 MWH`, `3.125 btc`, `$45/mwh`, `$140/kw/month`), except
//! that text in mixed case which differs from a known unit in the case of
//! `m`/`M` or `p`/`P` is refused: SI reads those as milli/mega and
//! pico/peta, so `5 mW` is a milliwatt (a unit wattage does not know), not
//! 5 MW, and `1 pH/s` is not a petahash. Text all in one case (`5 mw`)
//! cannot be making that distinction and folds. The `s` after `FLOP`
//! never folds: `989 TFLOPS` is a [`crate::FlopRate`], `3.8e25 FLOPs` a
//! count of [`crate::Flops`]. The same rule reads
//! currencies and price denominators (see [`crate::money`]).
//!
//! **Thousands separators** must group three digits: `950,000 PH/s` reads,
//! `1,2 MW` is refused rather than read as 12 or as 1.2.
//!
//! `NaN`, `inf` and values that overflow to infinity are rejected, as are
//! negative values of quantities that cannot be negative. A negative zero
//! (`-0 EH/s`, or `-1e-400 EH/s`, which underflows to it) is read as zero
//! and displays as `0 H/s`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{ParseError, ParseErrorKind, Subject};
use crate::measure::Measure;
use crate::spelling::{Found, find};

/// Splits `text` into its leading number (commas between digits included)
/// and the rest. `None` when it does not start with a number.
pub(crate) fn split_number(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end += 1;
    }
    let int_start = end;
    let mut separators = 0;
    loop {
        match bytes.get(end) {
            Some(b) if b.is_ascii_digit() => end += 1,
            Some(b',') if end > int_start && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                end += 1;
                separators += 1;
            }
            _ => break,
        }
    }
    let mut digits = end - int_start - separators;
    if bytes.get(end) == Some(&b'.') {
        end += 1;
        let frac_start = end;
        while bytes.get(end).is_some_and(u8::is_ascii_digit) {
            end += 1;
        }
        digits += end - frac_start;
    }
    if digits == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exp_end = end + 1;
        if matches!(bytes.get(exp_end), Some(b'+' | b'-')) {
            exp_end += 1;
        }
        let exp_digits_start = exp_end;
        while bytes.get(exp_end).is_some_and(u8::is_ascii_digit) {
            exp_end += 1;
        }
        if exp_end > exp_digits_start {
            end = exp_end;
        }
    }
    Some((text.get(..end)?, text.get(end..)?))
}

/// The number from [`split_number`] without its thousands separators,
/// which must group three digits (`split_number` allows them only before
/// the decimal point).
///
/// # Errors
/// [`ParseErrorKind::Grouping`] for separators in the wrong places.
pub(crate) fn ungrouped(number: &str) -> Result<String, ParseErrorKind> {
    if !number.contains(',') {
        return Ok(number.into());
    }
    let unsigned = number.trim_start_matches(['+', '-']);
    let integer_end = unsigned.find(['.', 'e', 'E']).unwrap_or(unsigned.len());
    let integer = unsigned.get(..integer_end).unwrap_or_default();
    let mut groups = integer.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    if !first_ok || !groups.all(|g| g.len() == 3) {
        return Err(ParseErrorKind::Grouping);
    }
    Ok(number.chars().filter(|c| *c != ',').collect())
}

/// Whether `text` starts with a spelled non-finite number (`NaN`, `inf`).
pub(crate) fn starts_non_finite(text: &str) -> bool {
    let unsigned = text.trim_start_matches(['+', '-']);
    let lower: String = unsigned
        .chars()
        .take(3)
        .flat_map(char::to_lowercase)
        .collect();
    lower == "nan" || lower == "inf"
}

/// The accepted unit symbols of `Q`, for error messages.
pub(crate) fn accepted_units<Q: Measure>() -> String {
    let symbols: Vec<&str> = Q::UNITS.iter().map(|u| u.symbol()).collect();
    symbols.join(", ")
}

/// Finds the unit of `Q` that `symbol` names, by the case rule of the
/// module docs.
fn find_unit<Q: Measure>(symbol: &str) -> Result<crate::Unit<Q>, ParseErrorKind> {
    let spellings = Q::UNITS.iter().flat_map(|unit| {
        [unit.symbol(), unit.name()]
            .into_iter()
            .chain(unit.aliases_accepted().iter().copied())
            .map(move |spelling| (spelling, *unit))
    });
    match find(symbol, spellings) {
        Found::One(unit) => Ok(unit),
        Found::CaseMatters(known) => Err(ParseErrorKind::CaseMatters {
            unit: symbol.into(),
            known,
        }),
        Found::Unknown => Err(ParseErrorKind::UnknownUnit {
            unit: symbol.into(),
            accepted: accepted_units::<Q>(),
        }),
    }
}

/// Parses a physical quantity; see the module docs for the grammar.
pub(crate) fn parse_quantity<Q: Measure>(input: &str) -> Result<Q, ParseError> {
    let subject = Subject {
        expected: Q::EXPECTED,
        example: Q::EXAMPLE,
    };
    let fail = |kind| ParseError::new(input, subject, kind);
    let text = input.trim();
    if text.is_empty() {
        return Err(fail(ParseErrorKind::Empty));
    }
    if starts_non_finite(text) {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    let (number, rest) = split_number(text).ok_or_else(|| fail(ParseErrorKind::MissingNumber))?;
    let value: f64 = ungrouped(number)
        .map_err(fail)?
        .parse()
        .map_err(|_| fail(ParseErrorKind::MissingNumber))?;
    let symbol = rest.trim();
    if symbol.is_empty() {
        return Err(fail(ParseErrorKind::MissingUnit {
            accepted: accepted_units::<Q>(),
        }));
    }
    let unit = find_unit::<Q>(symbol).map_err(fail)?;
    let base = value * unit.factor();
    if !base.is_finite() {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    if Q::NON_NEGATIVE && base < 0.0 {
        return Err(fail(ParseErrorKind::Negative));
    }
    Q::try_from_base(base).map_err(|_| fail(ParseErrorKind::NotFinite))
}
