//! Checks of fractions (rates, shares) against their ranges.

use rust_decimal::Decimal;

use crate::FinanceError;

/// `value` in [0, 1), or [`FinanceError::FractionOutOfRange`] naming it.
pub(crate) fn check(what: &'static str, value: Decimal) -> Result<Decimal, FinanceError> {
    if value.is_sign_negative() && !value.is_zero() || value >= Decimal::ONE {
        return Err(FinanceError::FractionOutOfRange {
            what,
            value,
            low: Decimal::ZERO,
            high: Decimal::ONE,
        });
    }
    Ok(value)
}
