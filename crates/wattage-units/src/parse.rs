//! Reading what people type: `950 EH/s`, `950EH/s`, `1.2e3 MWh`.
//!
//! The grammar, for every physical quantity:
//!
//! ```text
//! quantity := ws* number ws* unit ws*
//! number   := [+-]? digits ("." digits?)? ([eE] [+-]? digits)?
//!           | [+-]? "." digits ([eE] [+-]? digits)?
//! unit     := one of the quantity's symbols or aliases, case-sensitive
//!             (MW is a megawatt, mW would be a milliwatt)
//! ```
//!
//! `NaN`, `inf` and values that overflow to infinity are rejected, as are
//! negative values of quantities that cannot be negative. A negative zero
//! (`-0 EH/s`, or `-1e-400 EH/s`, which underflows to it) is read as zero
//! and displays as `0 H/s`.

use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{ParseError, ParseErrorKind};
use crate::measure::Measure;

/// Splits `text` into its leading number and the rest. `None` when it does
/// not start with a number.
pub(crate) fn split_number(text: &str) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        end += 1;
    }
    let int_start = end;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let mut digits = end - int_start;
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

/// Parses a physical quantity; see the module docs for the grammar.
pub(crate) fn parse_quantity<Q: Measure>(input: &str) -> Result<Q, ParseError> {
    let fail = |kind| ParseError::new(input, Q::EXPECTED, kind);
    let text = input.trim();
    if text.is_empty() {
        return Err(fail(ParseErrorKind::Empty));
    }
    if starts_non_finite(text) {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    let (number, rest) = split_number(text).ok_or_else(|| fail(ParseErrorKind::MissingNumber))?;
    let value: f64 = number
        .parse()
        .map_err(|_| fail(ParseErrorKind::MissingNumber))?;
    let symbol = rest.trim();
    if symbol.is_empty() {
        return Err(fail(ParseErrorKind::MissingUnit {
            accepted: accepted_units::<Q>(),
        }));
    }
    let unit = Q::UNITS.iter().find(|u| u.matches(symbol)).ok_or_else(|| {
        fail(ParseErrorKind::UnknownUnit {
            unit: symbol.into(),
            accepted: accepted_units::<Q>(),
        })
    })?;
    let base = value * unit.factor();
    if !base.is_finite() {
        return Err(fail(ParseErrorKind::NotFinite));
    }
    if Q::NON_NEGATIVE && base < 0.0 {
        return Err(fail(ParseErrorKind::Negative));
    }
    Q::try_from_base(base).map_err(|_| fail(ParseErrorKind::NotFinite))
}
