//! The one root search behind IRR and XIRR: a fixed grid of rates, the
//! lowest change of sign, bisection.

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FinanceError;

/// Rates at which the search looks for a change of sign, lowest first.
const GRID: [f64; 32] = [
    -0.99999, -0.9999, -0.999, -0.99, -0.95, -0.9, -0.8, -0.6, -0.4, -0.2, -0.1, -0.05, 0.0, 0.02,
    0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0,
    1_000.0, 10_000.0,
];

/// The lowest rate on [`GRID`]'s span at which `npv_at` (the NPV of
/// `flows` at a rate, `None` where it is not finite) is zero, bisected to
/// `f64` precision and entering `Decimal` at 15 significant digits.
///
/// # Errors
/// [`FinanceError::TooFewCashFlows`] for fewer than two flows;
/// [`FinanceError::NoSignChange`] when the flows are all of one sign or
/// the NPV never changes sign on the grid; [`FinanceError::Money`] when
/// the rate cannot be represented.
pub(crate) fn lowest_root(
    flows: &[Usd],
    npv_at: impl Fn(f64) -> Option<f64>,
) -> Result<Decimal, FinanceError> {
    if flows.len() < 2 {
        return Err(FinanceError::TooFewCashFlows {
            needed: 2,
            got: flows.len(),
        });
    }
    let evaluated: alloc::vec::Vec<(f64, f64)> = GRID
        .iter()
        .filter_map(|&rate| npv_at(rate).map(|npv| (rate, npv)))
        .collect();
    let no_sign_change = || {
        let (low_rate, npv_at_low) = evaluated.first().copied().unwrap_or((GRID[0], f64::NAN));
        let (high_rate, npv_at_high) = evaluated
            .last()
            .copied()
            .unwrap_or((GRID[GRID.len() - 1], f64::NAN));
        FinanceError::NoSignChange {
            low_rate,
            npv_at_low,
            high_rate,
            npv_at_high,
        }
    };
    let has_inflow = flows.iter().any(|f| f.dollars() > Decimal::ZERO);
    let has_outflow = flows.iter().any(|f| f.is_negative());
    if !(has_inflow && has_outflow) {
        return Err(no_sign_change());
    }
    if let Some(&(rate, _)) = evaluated.iter().find(|(_, npv)| *npv == 0.0) {
        return Ok(wattage_units::money::to_decimal("IRR", rate)?);
    }
    let bracket = evaluated
        .windows(2)
        .find_map(|pair| match pair {
            [(r0, v0), (r1, v1)] if (*v0 < 0.0) != (*v1 < 0.0) => Some(((*r0, *v0), (*r1, *v1))),
            _ => None,
        })
        .ok_or_else(no_sign_change)?;
    let rate = bisect(bracket, &npv_at);
    Ok(wattage_units::money::to_decimal("IRR", rate)?)
}

/// Bisects a bracket `(rate, npv)` pair of opposite signs; returns the end
/// whose NPV is nearer zero.
fn bisect(bracket: ((f64, f64), (f64, f64)), npv_at: &impl Fn(f64) -> Option<f64>) -> f64 {
    let (mut low, mut high) = bracket;
    for _ in 0..200 {
        let mid = 0.5 * (low.0 + high.0);
        if mid <= low.0 || mid >= high.0 {
            break;
        }
        let Some(value) = npv_at(mid) else {
            break;
        };
        if value == 0.0 {
            return mid;
        }
        if (value < 0.0) == (low.1 < 0.0) {
            low = (mid, value);
        } else {
            high = (mid, value);
        }
    }
    let magnitude = |x: f64| if x < 0.0 { -x } else { x };
    if magnitude(low.1) <= magnitude(high.1) {
        low.0
    } else {
        high.0
    }
}
