//! Flows on dates: XNPV and XIRR as Excel computes them, time measured in
//! actual days from the first flow's date over 365 (leap days included in
//! the count, a year of 365 in the divisor).
//!
//! ```
//! use chrono::NaiveDate;
//! use rust_decimal::Decimal;
//! use wattage_finance::{DatedAmount, xirr, xnpv};
//! use wattage_units::Usd;
//!
//! let on = |y, m, d, dollars: i64| DatedAmount {
//!     date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
//!     amount: Usd::new(Decimal::from(dollars)),
//! };
//! let flows = [on(2026, 1, 1, -1_000), on(2027, 1, 1, 1_100)];
//! assert_eq!(xirr(&flows)?.round_dp(6), Decimal::new(1, 1)); // 10% a year
//! assert!(xnpv(Decimal::new(1, 1), &flows)?.dollars().abs() < Decimal::new(1, 6));
//! # Ok::<(), wattage_finance::FinanceError>(())
//! ```

use alloc::vec::Vec;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::Usd;
use wattage_units::money::to_decimal;

use crate::FinanceError;
use crate::calendar::days_between;

/// An amount on a date: a dated cash flow, a loan draw, an equity
/// contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DatedAmount {
    /// The day.
    pub date: NaiveDate,
    /// The amount (for cash flows, negative is money out).
    pub amount: Usd,
}

/// Years from the first flow to each flow, actual/365.
fn years_from_first(flows: &[DatedAmount]) -> Result<Vec<f64>, FinanceError> {
    let Some(first) = flows.first() else {
        return Ok(Vec::new());
    };
    flows
        .iter()
        .enumerate()
        .map(|(index, flow)| {
            let days = days_between(first.date, flow.date);
            if days < 0 {
                return Err(FinanceError::DateBeforeFirst {
                    index,
                    date: flow.date,
                    first: first.date,
                });
            }
            Ok(days as f64 / 365.0)
        })
        .collect()
}

/// Net present value of dated `flows` at an annual `rate`, as Excel's
/// `XNPV`: `Σ flow_i / (1 + rate)^((date_i − date_0) / 365)`. The first
/// flow is not discounted; the others may come in any order but not
/// before it.
///
/// Each discount factor is computed in `f64` and enters `Decimal` by
/// [`wattage_units::money::to_decimal`] (15 significant digits); the flows
/// are then divided and summed in exact `Decimal` arithmetic.
///
/// # Errors
/// [`FinanceError::InvalidRate`] for a rate at or below -1;
/// [`FinanceError::DateBeforeFirst`]; [`FinanceError::Money`] when a
/// factor or the sum is not representable.
pub fn xnpv(rate: Decimal, flows: &[DatedAmount]) -> Result<Usd, FinanceError> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::InvalidRate {
            what: "discount rate",
            rate,
        });
    }
    let years = years_from_first(flows)?;
    let growth = 1.0 + rate_f64(rate);
    let mut total = Usd::ZERO;
    for (flow, t) in flows.iter().zip(years) {
        let factor = to_decimal("XNPV discount factor", libm::pow(growth, t))?;
        let discounted = if factor.is_zero() {
            return Err(FinanceError::Money(
                wattage_units::MoneyError::NotRepresentable {
                    what: "XNPV discount factor",
                    value: 0.0,
                },
            ));
        } else {
            flow.amount.checked_div(factor)?
        };
        total = total.checked_add(discounted)?;
    }
    Ok(total)
}

fn rate_f64(rate: Decimal) -> f64 {
    rust_decimal::prelude::ToPrimitive::to_f64(&rate).unwrap_or(0.0)
}

/// Internal rate of return of dated `flows`, annual, as Excel's `XIRR`:
/// the rate at which [`xnpv`] is zero, found by the same grid and
/// bisection as [`irr`](crate::irr) (the lowest root, to `f64` precision;
/// Excel's Newton iteration from a guess may find another where there are
/// several).
///
/// # Errors
/// [`FinanceError::TooFewCashFlows`]; [`FinanceError::DateBeforeFirst`];
/// [`FinanceError::NoSignChange`]; [`FinanceError::Money`].
pub fn xirr(flows: &[DatedAmount]) -> Result<Decimal, FinanceError> {
    let years = years_from_first(flows)?;
    let values: Vec<f64> = flows.iter().map(|f| f.amount.to_f64()).collect();
    let amounts: Vec<Usd> = flows.iter().map(|f| f.amount).collect();
    crate::root::lowest_root(&amounts, |rate| {
        let growth = 1.0 + rate;
        let total: f64 = values
            .iter()
            .zip(&years)
            .map(|(v, t)| v / libm::pow(growth, *t))
            .sum();
        total.is_finite().then_some(total)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(y: i32, m: u32, d: u32, dollars: i64) -> DatedAmount {
        DatedAmount {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            amount: Usd::new(Decimal::from(dollars)),
        }
    }

    /// Microsoft's example for both XNPV and XIRR ("XNPV function", "XIRR
    /// function", Excel documentation, support.microsoft.com; the VBA
    /// reference `WorksheetFunction.Xnpv` quotes 2086.6476).
    fn excel_example() -> [DatedAmount; 5] {
        [
            on(2008, 1, 1, -10_000),
            on(2008, 3, 1, 2_750),
            on(2008, 10, 30, 4_250),
            on(2009, 2, 15, 3_250),
            on(2009, 4, 1, 2_750),
        ]
    }

    #[test]
    fn xnpv_reproduces_excel_at_nine_percent() {
        // =XNPV(0.09, values, dates) = 2,086.6476 (2,086.65).
        let value = xnpv(Decimal::new(9, 2), &excel_example()).unwrap();
        assert_eq!(value.round_to_cents(), Usd::from_cents(208_665));
        assert_eq!(value.dollars().round_dp(4), Decimal::new(20_866_476, 4));
    }

    #[test]
    fn xirr_reproduces_excel() {
        // =XIRR(values, dates, 0.1) = 0.373362535 (37.34%).
        // Excel iterates until the rate is accurate to 0.000001% (a
        // relative 1e-8), so its ninth decimal is within that of the root.
        let rate = xirr(&excel_example()).unwrap();
        assert!(
            (rate - Decimal::new(373_362_535, 9)).abs() < Decimal::new(4, 9),
            "{rate}"
        );
        assert!(xnpv(rate, &excel_example()).unwrap().dollars().abs() < Decimal::new(1, 6));
    }

    #[test]
    fn dates_before_the_first_and_bad_rates_are_refused() {
        let flows = [on(2026, 6, 1, -1), on(2026, 1, 1, 2)];
        assert!(matches!(
            xnpv(Decimal::ZERO, &flows),
            Err(FinanceError::DateBeforeFirst { index: 1, .. })
        ));
        assert!(matches!(
            xirr(&flows),
            Err(FinanceError::DateBeforeFirst { .. })
        ));
        assert!(matches!(
            xnpv(Decimal::NEGATIVE_ONE, &excel_example()),
            Err(FinanceError::InvalidRate { .. })
        ));
        assert_eq!(xnpv(Decimal::ZERO, &[]).unwrap(), Usd::ZERO);
    }
}
