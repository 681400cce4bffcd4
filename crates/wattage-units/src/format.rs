//! Writing quantities the way people write them: `950 EH/s`, `3.5 kW`.
//!
//! Automatic display picks the largest automatic unit that the value reaches
//! (so 3,500 W is `3.5 kW`), then prints six significant digits with trailing
//! zeros trimmed. Units people say as words are written as words, plural
//! unless the number printed is exactly 1: a duration reads `45 s`,
//! `30 min`, `1.5 h`, `1 day`, `30 days`, `2 years` (seconds, minutes and
//! hours by symbol, days, months and years in words). A precision (`{:.2}`) prints that many decimals instead.
//! The exact form used by serde prints the shortest decimal that reads back
//! to the same `f64`, bit for bit.

use alloc::format;
use alloc::string::String;
use core::fmt;

use crate::measure::Measure;
use crate::parse::parse_quantity;
use crate::unit_def::Unit;

/// The automatic unit for a value in base units.
pub(crate) fn auto_unit<Q: Measure>(base: f64) -> Unit<Q> {
    let magnitude = base.abs();
    let mut chosen = Q::BASE_UNIT;
    let mut first = true;
    for unit in Q::UNITS.iter().filter(|u| u.is_auto()) {
        // The smallest automatic unit is the floor for tiny values and zero.
        if first || magnitude >= unit.factor() * (1.0 - 1e-12) {
            chosen = *unit;
            first = false;
        }
    }
    chosen
}

/// Writes `value` (already in `unit`) and the unit's symbol, or its plural
/// for units spelled as words (`30 days`).
///
/// The number is rounded (six significant digits, or the formatter's
/// decimals), and the text always reads back: where rounding up would make
/// the value overflow to infinity in base units (`Time(f64::MAX)` in years),
/// the value is rounded toward zero instead.
pub(crate) fn write_value<Q>(f: &mut fmt::Formatter<'_>, value: f64, unit: Unit<Q>) -> fmt::Result {
    let factor = unit.factor();
    // Zero prints as "0", never "-0".
    let value = if value == 0.0 { 0.0 } else { value };
    let reads_back = |text: &str| text.parse::<f64>().is_ok_and(|v| (v * factor).is_finite());
    let mut text = match f.precision() {
        Some(decimals) => format!("{value:.decimals$}"),
        None => significant(value, 6),
    };
    if !reads_back(&text) {
        // Toward zero: truncate the digits, then step down an ulp at a time.
        let mut smaller = value;
        for _ in 0..64 {
            text = match f.precision() {
                Some(decimals) => format!("{smaller:.decimals$}"),
                None => truncated(smaller, 6),
            };
            if reads_back(&text) || !smaller.is_finite() {
                break;
            }
            smaller = f64::from_bits(smaller.to_bits().saturating_sub(1));
        }
    }
    let body = format!("{text} {}", unit.written_after(&text));
    pad(f, &body)
}

/// `value` with `digits` significant digits, cut toward zero (not
/// rounded), in the layout of [`significant`].
fn truncated(value: f64, digits: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    // Seventeen significant digits are exact for an f64; cut the rest.
    let sci = format!("{value:.16e}");
    let Some((mantissa, exponent)) = sci.split_once('e') else {
        return sci;
    };
    let keep = mantissa
        .char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .nth(digits)
        .map_or(mantissa.len(), |(i, _)| i);
    let cut = mantissa.get(..keep).unwrap_or(mantissa);
    let cut: f64 = format!("{cut}e{exponent}").parse().unwrap_or(value);
    significant(cut, digits)
}

/// Applies the formatter's width, fill and alignment (right by default, as
/// for numbers) without the precision, which was already used for decimals.
fn pad(f: &mut fmt::Formatter<'_>, body: &str) -> fmt::Result {
    let len = body.chars().count();
    let Some(width) = f.width().filter(|w| *w > len) else {
        return f.write_str(body);
    };
    let gap = width - len;
    let (before, after) = match f.align() {
        Some(fmt::Alignment::Left) => (0, gap),
        Some(fmt::Alignment::Center) => (gap / 2, gap - gap / 2),
        Some(fmt::Alignment::Right) | None => (gap, 0),
    };
    let fill = f.fill();
    for _ in 0..before {
        write!(f, "{fill}")?;
    }
    f.write_str(body)?;
    for _ in 0..after {
        write!(f, "{fill}")?;
    }
    Ok(())
}

/// `value` with `digits` significant digits, trailing zeros trimmed.
pub(crate) fn significant(value: f64, digits: usize) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{value}");
    }
    // Scientific form gives the rounding; decide layout from its exponent.
    let sci = format!("{:.*e}", digits.saturating_sub(1), value);
    let exponent: i32 = sci
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    if !(-5..=15).contains(&exponent) {
        return trim_scientific(&sci);
    }
    let digits_i64 = i64::try_from(digits).unwrap_or(6);
    let decimals = usize::try_from(digits_i64 - 1 - i64::from(exponent)).unwrap_or(0);
    let rounded: f64 = sci.parse().unwrap_or(value);
    trim_zeros(format!("{rounded:.decimals$}"))
}

fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        let trimmed = text.trim_end_matches('0').trim_end_matches('.');
        trimmed.into()
    } else {
        text
    }
}

fn trim_scientific(sci: &str) -> String {
    match sci.split_once('e') {
        Some((mantissa, exponent)) => {
            let mantissa = trim_zeros(mantissa.into());
            format!("{mantissa}e{exponent}")
        }
        None => sci.into(),
    }
}

/// The exact text form: reads back to the identical value.
pub(crate) fn exact_string<Q: Measure>(q: Q) -> String {
    let base = q.base_value();
    let preferred = auto_unit::<Q>(base);
    let candidates = core::iter::once(preferred)
        .chain(Q::UNITS.iter().copied().filter(|u| u.is_auto()))
        .chain(core::iter::once(Q::BASE_UNIT));
    for unit in candidates {
        let number = format!("{}", base / unit.factor());
        let text = format!("{number} {}", unit.written_after(&number));
        if let Ok(back) = parse_quantity::<Q>(&text) {
            if back.base_value().to_bits() == base.to_bits() {
                return text;
            }
        }
    }
    format!("{base:e} {}", Q::BASE_UNIT.symbol())
}

/// Displays a quantity in a unit the caller chose. Made by
/// [`crate::Hashrate::display_in`] and its siblings.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{unit, Power};
///
/// let p = Power::new(3.5, unit::KILOWATT)?;
/// assert_eq!(p.display_in(unit::WATT).to_string(), "3500 W");
/// assert_eq!(format!("{:.1}", p.display_in(unit::MEGAWATT)), "0.0 MW");
/// # Ok::<(), wattage_units::QuantityError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DisplayIn<Q> {
    pub(crate) value: f64,
    pub(crate) unit: Unit<Q>,
}

impl<Q> fmt::Display for DisplayIn<Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_value(f, self.value, self.unit)
    }
}
