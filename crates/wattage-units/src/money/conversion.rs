//! The one rule for turning an `f64` into money arithmetic.

use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::error::MoneyError;

/// Significant digits kept when an `f64` enters money arithmetic.
pub const SIGNIFICANT_DIGITS: u32 = 15;

/// Converts an `f64` (a physical quantity in the price's unit, such as
/// megawatt-hours) to a `Decimal` for exact money arithmetic.
///
/// **The rounding rule**, used by every cross product in this crate: the
/// value is rounded to 15 significant decimal digits, the precision that
/// every `f64` carries faithfully, so `0.1` becomes exactly `0.1` rather
/// than `0.1000000000000000055511151231257827`. The product with the price
/// is then exact `Decimal` arithmetic, and it is *not* rounded to cents:
/// call [`crate::Usd::round_to_cents`] where a bill needs cents, after
/// summing.
///
/// # Errors
/// [`MoneyError::NotRepresentable`] for NaN, infinities and magnitudes
/// beyond `Decimal`'s ±7.9e28.
///
/// ```
/// // Needs wattage-units, rust_decimal (in the wattage facade: wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_units::money::to_decimal;
///
/// assert_eq!(to_decimal("energy", 0.1)?, Decimal::new(1, 1));
/// assert_eq!(to_decimal("energy", 1.0 / 3.0)?.to_string(), "0.333333333333333");
/// assert!(to_decimal("energy", f64::NAN).is_err());
/// # Ok::<(), wattage_units::MoneyError>(())
/// ```
pub fn to_decimal(what: &'static str, value: f64) -> Result<Decimal, MoneyError> {
    let not_representable = MoneyError::NotRepresentable { what, value };
    if !value.is_finite() {
        return Err(not_representable);
    }
    let decimal = Decimal::from_f64(value).ok_or(not_representable)?;
    decimal
        .round_sf(SIGNIFICANT_DIGITS)
        .map(|d| d.normalize())
        .ok_or(not_representable)
}

/// The value of `quantity` in `unit`, for a money computation that needs a
/// size: finite and not negative (a negative zero counts as zero). `what`
/// names the figure in the error ("rental period").
pub(crate) fn size_in<Q: crate::Measure>(
    what: &'static str,
    quantity: Q,
    unit: crate::Unit<Q>,
) -> Result<f64, MoneyError> {
    let value = quantity.base_value() / unit.factor();
    if !value.is_finite() {
        return Err(crate::QuantityError::NotFinite {
            quantity: what,
            value,
            unit: unit.symbol(),
        }
        .into());
    }
    if value < 0.0 {
        return Err(crate::QuantityError::Negative {
            quantity: what,
            value,
            unit: unit.symbol(),
        }
        .into());
    }
    Ok(value + 0.0)
}
