//! When flows fall and how they are discounted, stated once and switchable.
//!
//! | Convention | Here | Excel |
//! |---|---|---|
//! | first flow today, then one per period | [`FirstFlow::Today`] (the default, and [`npv`]) | `=A1 + NPV(r, A2:A9)` |
//! | every flow at the end of its period | [`FirstFlow::EndOfFirstPeriod`] | `=NPV(r, A1:A9)`: Excel's `NPV` discounts its first value by a whole period |
//! | flows on dates, actual/365 from the first | [`xnpv`](crate::xnpv) | `=XNPV(r, values, dates)`: the first value is not discounted |
//! | rate making the NPV zero | [`irr_with`] | `=IRR(values)`: the same for either first-flow rule (moving every flow by one period scales the NPV, it does not move its zeros) |
//! | rate making the dated NPV zero | [`xirr`](crate::xirr) | `=XIRR(values, dates)` |
//!
//! Rates given to [`npv_with`] and returned by [`irr_with`] are **annual**.
//! With [`Period::Month`] the flows are monthly and are discounted at the
//! equivalent monthly rate `(1 + annual)^(1/12) − 1` (the effective-rate
//! convention that XNPV's actual/365 also follows). A spreadsheet that
//! writes `NPV(r/12, ...)` uses a nominal rate instead; to reproduce it,
//! pass `r/12` as the rate with [`Period::Year`] (the period is then the
//! month).

use rust_decimal::Decimal;
use rust_decimal::MathematicalOps;
use wattage_units::Usd;

use crate::FinanceError;
use crate::error::overflow;
use crate::periodic::npv;

/// The length of one period of the flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Period {
    /// One flow a year; the annual rate is the rate per period.
    #[default]
    Year,
    /// One flow a month, discounted at `(1 + annual)^(1/12) − 1`.
    Month,
}

/// When the first flow falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FirstFlow {
    /// At t = 0, not discounted (the investment today); flow `t` at the
    /// end of period `t`.
    #[default]
    Today,
    /// At the end of the first period, as Excel's `NPV()`: flow `t` at the
    /// end of period `t + 1`.
    EndOfFirstPeriod,
}

/// The timing of periodic flows: the period and where the first falls.
/// The default is yearly flows with the first today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Timing {
    /// The length of a period.
    pub period: Period,
    /// When the first flow falls.
    pub first_flow: FirstFlow,
}

impl Timing {
    /// Yearly flows, the first today (what [`npv`] assumes).
    pub const YEARLY: Self = Self {
        period: Period::Year,
        first_flow: FirstFlow::Today,
    };
    /// Monthly flows, the first today.
    pub const MONTHLY: Self = Self {
        period: Period::Month,
        first_flow: FirstFlow::Today,
    };
    /// Excel's `NPV()`: every flow at the end of its period.
    pub const EXCEL_NPV: Self = Self {
        period: Period::Year,
        first_flow: FirstFlow::EndOfFirstPeriod,
    };

    /// The rate per period equivalent to an annual `rate`.
    ///
    /// # Errors
    /// [`FinanceError::InvalidRate`] for a rate at or below -1;
    /// [`FinanceError::Money`] when the monthly rate cannot be computed.
    pub fn rate_per_period(self, annual: Decimal) -> Result<Decimal, FinanceError> {
        check_rate(annual)?;
        match self.period {
            Period::Year => Ok(annual),
            Period::Month => {
                let growth = Decimal::ONE
                    .checked_add(annual)
                    .ok_or_else(|| overflow("monthly rate"))?;
                let twelfth = Decimal::ONE / Decimal::from(12);
                let monthly = growth
                    .checked_powd(twelfth)
                    .ok_or_else(|| overflow("monthly rate"))?;
                Ok(monthly - Decimal::ONE)
            }
        }
    }

    /// The annual rate equivalent to a rate per period.
    ///
    /// # Errors
    /// [`FinanceError::Money`] when the annual rate does not fit.
    pub fn annual_rate(self, per_period: Decimal) -> Result<Decimal, FinanceError> {
        match self.period {
            Period::Year => Ok(per_period),
            Period::Month => {
                let growth = Decimal::ONE
                    .checked_add(per_period)
                    .ok_or_else(|| overflow("annual rate"))?;
                let annual =
                    crate::periodic::power(growth, 12).ok_or_else(|| overflow("annual rate"))?;
                Ok(annual - Decimal::ONE)
            }
        }
    }
}

fn check_rate(rate: Decimal) -> Result<(), FinanceError> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::InvalidRate {
            what: "discount rate",
            rate,
        });
    }
    Ok(())
}

/// Net present value of periodic `flows` at an **annual** `rate` under
/// `timing` (see the module's table for Excel's equivalents).
///
/// ```
/// use rust_decimal::Decimal;
/// use wattage_finance::{Timing, npv_with};
/// use wattage_units::Usd;
///
/// // Excel: =NPV(10%, -10000, 3000, 4200, 6800) is $1,188.44.
/// let flows = [-10_000, 3_000, 4_200, 6_800].map(|d| Usd::new(Decimal::from(d)));
/// let value = npv_with(Timing::EXCEL_NPV, Decimal::new(1, 1), &flows)?;
/// assert_eq!(value.round_to_cents(), "$1,188.44".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`npv`], and [`Timing::rate_per_period`].
pub fn npv_with(timing: Timing, rate: Decimal, flows: &[Usd]) -> Result<Usd, FinanceError> {
    let per_period = timing.rate_per_period(rate)?;
    let today = npv(per_period, flows)?;
    match timing.first_flow {
        FirstFlow::Today => Ok(today),
        FirstFlow::EndOfFirstPeriod => {
            let growth = Decimal::ONE
                .checked_add(per_period)
                .ok_or_else(|| overflow("1 + rate"))?;
            Ok(today.checked_div(growth)?)
        }
    }
}

/// Internal rate of return of periodic `flows` under `timing`, **annual**
/// (with [`Period::Month`], the monthly IRR compounded: `(1 + m)^12 − 1`).
///
/// # Errors
/// As [`irr`](crate::irr), and [`Timing::annual_rate`].
pub fn irr_with(timing: Timing, flows: &[Usd]) -> Result<Decimal, FinanceError> {
    let per_period = crate::periodic::irr(flows)?;
    timing.annual_rate(per_period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(d: i64) -> Usd {
        Usd::new(Decimal::from(d))
    }

    #[test]
    fn excel_npv_discounts_the_first_flow_and_today_does_not() {
        // Microsoft Excel documentation, "NPV function", example 1:
        // rate 10%, values -10,000, 3,000, 4,200, 6,800; result $1,188.44.
        let flows = [usd(-10_000), usd(3_000), usd(4_200), usd(6_800)];
        let rate = Decimal::new(1, 1);
        let excel = npv_with(Timing::EXCEL_NPV, rate, &flows).unwrap();
        assert_eq!(excel.round_to_cents(), Usd::from_cents(118_844));
        let today = npv_with(Timing::YEARLY, rate, &flows).unwrap();
        assert_eq!(today, npv(rate, &flows).unwrap());
        assert_eq!(today.round_to_cents(), Usd::from_cents(130_729));
    }

    #[test]
    fn monthly_flows_use_the_equivalent_monthly_rate() {
        // 1% a month is 1.01^12 - 1 = 12.682503013197% a year.
        let annual = Decimal::new(12_682_503_013_197, 14);
        let monthly = Timing::MONTHLY.rate_per_period(annual).unwrap();
        assert!(
            (monthly - Decimal::new(1, 2)).abs() < Decimal::new(1, 13),
            "{monthly}"
        );
        let flows = [usd(-1_000), usd(1_010)];
        let rate = irr_with(Timing::MONTHLY, &flows).unwrap();
        assert!((rate - annual).abs() < Decimal::new(1, 9), "{rate}");
        assert!(matches!(
            npv_with(Timing::MONTHLY, Decimal::NEGATIVE_ONE, &flows),
            Err(FinanceError::InvalidRate { .. })
        ));
    }
}
