//! What every physical quantity type in this crate shares.

use crate::error::QuantityError;
use crate::unit_def::Unit;

/// A validated physical quantity stored as `f64` in base units.
///
/// Implemented by every quantity type in this crate ([`crate::Power`],
/// [`crate::Hashrate`], ...). It gives generic code the unit table,
/// validation and conversion in one place.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{unit, Measure, Power};
///
/// fn in_megawatts<Q: Measure>(q: Q, u: wattage_units::Unit<Q>) -> f64 {
///     q.base_value() / u.factor()
/// }
/// let p = Power::new(3.5, unit::KILOWATT)?;
/// assert_eq!(in_megawatts(p, unit::MEGAWATT), 0.0035);
/// assert_eq!(Power::NAME, "power");
/// # Ok::<(), wattage_units::QuantityError>(())
/// ```
pub trait Measure: Copy + PartialOrd + private::Sealed + 'static {
    /// The quantity in words ("hashrate").
    const NAME: &'static str;
    /// The quantity with its article, for messages ("a hashrate").
    const EXPECTED: &'static str;
    /// A value in its canonical spelling, for messages ("950 EH/s").
    const EXAMPLE: &'static str;
    /// Whether negative values are rejected.
    const NON_NEGATIVE: bool;
    /// Every unit the quantity knows; the automatic-display units in
    /// ascending size among them.
    const UNITS: &'static [Unit<Self>];
    /// The coherent base unit (factor 1).
    const BASE_UNIT: Unit<Self>;

    /// The value in the base unit (watts, joules, hashes per second, ...).
    fn base_value(self) -> f64;

    /// A quantity from a value in base units, validated.
    ///
    /// # Errors
    /// [`QuantityError`] when the value is not finite, or negative for a
    /// quantity that cannot be.
    fn try_from_base(value: f64) -> Result<Self, QuantityError>;

    /// This value, if it is valid: finite, and non-negative where required.
    /// Use it on the result of arithmetic that could leave the valid range.
    ///
    /// # Errors
    /// [`QuantityError`] as for [`Measure::try_from_base`].
    fn checked(self) -> Result<Self, QuantityError> {
        Self::try_from_base(self.base_value())
    }
}

/// Validates `value` (in `unit`) for the quantity `name`. `const` so that
/// catalogs can build validated constants.
pub(crate) const fn validate(
    name: &'static str,
    non_negative: bool,
    value: f64,
    unit: &'static str,
) -> Result<(), QuantityError> {
    if !value.is_finite() {
        return Err(QuantityError::NotFinite {
            quantity: name,
            value,
            unit,
        });
    }
    if non_negative && value < 0.0 {
        return Err(QuantityError::Negative {
            quantity: name,
            value,
            unit,
        });
    }
    Ok(())
}

pub(crate) mod private {
    /// Only this crate's quantities implement [`super::Measure`].
    pub trait Sealed {}
}

/// Builds a validated quantity in a `const` item, failing the *build* (not
/// the program) when the value is invalid.
///
/// ```
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{const_quantity, unit, HashEfficiency};
///
/// const S21_XP_EFFICIENCY: HashEfficiency =
///     const_quantity!(HashEfficiency::new(13.5, unit::JOULE_PER_TERAHASH));
/// assert_eq!(S21_XP_EFFICIENCY.get(unit::JOULE_PER_TERAHASH), 13.5);
/// ```
///
/// An invalid constant does not compile:
///
/// ```compile_fail
/// // Needs wattage-units (in the wattage facade: wattage::units).
/// use wattage_units::{const_quantity, unit, HashEfficiency};
/// const BAD: HashEfficiency = const_quantity!(HashEfficiency::new(-1.0, unit::JOULE_PER_TERAHASH));
/// ```
#[macro_export]
macro_rules! const_quantity {
    ($ty:ident :: new($value:expr, $unit:expr)) => {{
        const VALUE: $ty = match $ty::new($value, $unit) {
            Ok(q) => q,
            Err(_) => panic!("invalid constant quantity"),
        };
        VALUE
    }};
}
