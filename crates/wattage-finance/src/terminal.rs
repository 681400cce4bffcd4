//! Terminal value: what the project is worth at the end of the explicit
//! forecast, as a multiple of its last year or as a growing perpetuity.
//! Both are values **at the end of the last year**; discount them with the
//! last year's flow (add to it before [`npv`](crate::npv)).
//!
//! ```
//! use rust_decimal::Decimal;
//! use wattage_finance::terminal::{exit_multiple, perpetuity_growth};
//! use wattage_units::Usd;
//!
//! let ebitda = Usd::new(Decimal::from(10_000_000));
//! // Sold at 8x the last year's EBITDA.
//! assert_eq!(exit_multiple(ebitda, Decimal::from(8))?, Usd::new(Decimal::from(80_000_000)));
//! // A $1M cash flow growing 2% a year forever, discounted at 10%:
//! // 1M x 1.02 / (0.10 - 0.02) = $12.75M.
//! let value = perpetuity_growth(Usd::new(Decimal::from(1_000_000)), Decimal::new(10, 2), Decimal::new(2, 2))?;
//! assert_eq!(value, Usd::new(Decimal::from(12_750_000)));
//! # Ok::<(), wattage_finance::FinanceError>(())
//! ```
//!
//! A simplification: a single multiple or a constant growth forever, as a
//! spreadsheet's last column; no fade, no mid-year convention.

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;
use crate::error::overflow;

/// Exit value: `multiple` × the last year's `metric` (EBITDA or cash
/// flow).
///
/// # Errors
/// [`FinanceError::NegativeMultiple`] for a multiple below zero;
/// [`FinanceError::Money`] on overflow.
pub fn exit_multiple(metric: Usd, multiple: Decimal) -> Result<Usd, FinanceError> {
    if multiple.is_sign_negative() && !multiple.is_zero() {
        return Err(FinanceError::NegativeMultiple { multiple });
    }
    Ok(metric.checked_mul(multiple)?)
}

/// Gordon growth value at the end of the last year: the next year's flow,
/// `last_flow × (1 + growth)`, over `rate − growth`.
///
/// # Errors
/// [`FinanceError::InvalidRate`] for a rate at or below -1;
/// [`FinanceError::GrowthNotBelowRate`] when `growth >= rate` (the value
/// would be infinite); [`FinanceError::Money`] on overflow.
pub fn perpetuity_growth(
    last_flow: Usd,
    rate: Decimal,
    growth: Decimal,
) -> Result<Usd, FinanceError> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::InvalidRate {
            what: "discount rate",
            rate,
        });
    }
    if growth >= rate {
        return Err(FinanceError::GrowthNotBelowRate { growth, rate });
    }
    let spread = rate
        .checked_sub(growth)
        .ok_or_else(|| overflow("rate − growth"))?;
    let next = last_flow.checked_mul(
        Decimal::ONE
            .checked_add(growth)
            .ok_or_else(|| overflow("1 + growth"))?,
    )?;
    Ok(next.checked_div(spread)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn growth_at_or_above_the_rate_is_refused() {
        let flow = Usd::new(Decimal::ONE);
        let rate = Decimal::new(8, 2);
        assert_eq!(
            perpetuity_growth(flow, rate, rate),
            Err(FinanceError::GrowthNotBelowRate { growth: rate, rate })
        );
        assert!(perpetuity_growth(flow, Decimal::NEGATIVE_ONE, Decimal::new(-2, 0)).is_err());
        assert!(matches!(
            exit_multiple(flow, Decimal::NEGATIVE_ONE),
            Err(FinanceError::NegativeMultiple { .. })
        ));
    }

    #[test]
    fn a_flat_perpetuity_is_the_flow_over_the_rate() {
        let value = perpetuity_growth(
            Usd::new(Decimal::from(100)),
            Decimal::new(5, 2),
            Decimal::ZERO,
        )
        .unwrap();
        assert_eq!(value, Usd::new(Decimal::from(2_000)));
    }
}
