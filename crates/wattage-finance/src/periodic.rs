//! Money over time: net present value, internal rate of return and payback
//! on exact [`Usd`] cash flows.
//!
//! Cash flows are one per period, in order; `flows[0]` falls at time 0 (not
//! discounted), `flows[t]` at the end of period `t`, discounted by
//! `(1 + rate)^t`. Rates are per period, as fractions (`0.08` is 8%); for
//! monthly flows use a monthly rate. Note that spreadsheet `NPV()`
//! discounts the first flow too: its result is this one divided by
//! `1 + rate`.
//!
//! ```
//! use rust_decimal::Decimal;
//! use wattage_finance::{irr, npv, payback_period};
//! use wattage_units::Usd;
//!
//! // A $1,000 machine returning $300, $400 and $500.
//! let flows = [-1000, 300, 400, 500].map(|d| Usd::new(Decimal::from(d)));
//! assert_eq!(npv(Decimal::ZERO, &flows)?, Usd::new(Decimal::from(200)));
//! let rate = irr(&flows)?;
//! assert_eq!(rate.round_dp(4), Decimal::new(890, 4)); // 8.90%
//! assert!(npv(rate, &flows)?.dollars().abs() < Decimal::new(1, 6));
//! assert_eq!(payback_period(&flows)?, Some(Decimal::new(26, 1))); // 2.6 periods
//! # Ok::<(), wattage_finance::FinanceError>(())
//! ```

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_units::Usd;

use crate::FinanceError;
use crate::error::overflow;

/// Net present value of `flows` at `rate` per period, in exact `Decimal`
/// arithmetic (each step is rounded only where `Decimal`'s 28 digits run
/// out; at a rate of zero the result is the exact sum).
///
/// The sum is accumulated by Horner's rule from the last flow backwards
/// (`f0 + (f1 + (f2 + ...) / g) / g` with `g = 1 + rate`), so no discount
/// factor `g^t` is ever formed: a factor that would overflow (8% over 999
/// years) or underflow to zero (a rate near -100%) cannot spoil a result
/// that is itself representable. Should an intermediate value leave
/// `Decimal`'s range, the discounted flows are summed one by one instead.
///
/// # Errors
/// [`FinanceError::InvalidRate`] for a rate at or below -1;
/// [`FinanceError::Money`] when the result, or one discounted flow, is
/// not representable (beyond about ±7.9e28 dollars).
pub fn npv(rate: Decimal, flows: &[Usd]) -> Result<Usd, FinanceError> {
    let growth = growth(rate)?;
    let mut horner: Option<Usd> = None;
    for &flow in flows.iter().rev() {
        let step = match horner {
            None => Ok(flow),
            Some(later) => later.checked_div(growth).and_then(|d| flow.checked_add(d)),
        };
        match step {
            Ok(value) => horner = Some(value),
            Err(_) => {
                // An intermediate value is out of range; the discounted
                // flows one by one may still sum to one that is not.
                let discounted = discount_each(rate, flows)?;
                return Ok(Usd::try_sum(discounted)?);
            }
        }
    }
    Ok(horner.unwrap_or(Usd::ZERO))
}

/// `1 + rate`, for a rate above -1. A rate so large that `1 + rate` does
/// not fit discounts by `rate` itself (they differ in the 29th digit).
fn growth(rate: Decimal) -> Result<Decimal, FinanceError> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::InvalidRate {
            what: "discount rate",
            rate,
        });
    }
    Ok(Decimal::ONE.checked_add(rate).unwrap_or(rate))
}

/// The NPV in `f64`, for the IRR search, by Horner's rule as [`npv`];
/// `None` when it is not finite.
fn npv_f64(rate: f64, flows: &[f64]) -> Option<f64> {
    let growth = 1.0 + rate;
    let mut total = 0.0;
    for (period, flow) in flows.iter().enumerate().rev() {
        total = if period + 1 == flows.len() {
            *flow
        } else {
            flow + total / growth
        };
    }
    total.is_finite().then_some(total)
}

/// Internal rate of return per period: the rate at which the NPV of
/// `flows` is zero.
///
/// The search evaluates the NPV on a fixed grid of rates from -99.999% to
/// 1,000,000% per period, takes the **lowest** pair of neighbouring rates
/// between which the NPV changes sign, and bisects it to `f64` precision
/// (bisection cannot diverge, unlike Newton's method). Flows with one sign
/// change (an investment, then returns) have exactly one IRR; with several
/// sign changes there may be several, and this returns the lowest on the
/// grid. The result enters `Decimal` by [`wattage_units::money::to_decimal`]
/// (15 significant digits).
///
/// # Errors
/// [`FinanceError::TooFewCashFlows`] for fewer than two flows;
/// [`FinanceError::NoSignChange`] when the flows are all of one sign (or
/// zero) or the NPV never changes sign on the grid;
/// [`FinanceError::Money`] when the rate cannot be represented.
pub fn irr(flows: &[Usd]) -> Result<Decimal, FinanceError> {
    let values: alloc::vec::Vec<f64> = flows.iter().map(|f| f.to_f64()).collect();
    crate::root::lowest_root(flows, |rate| npv_f64(rate, &values))
}

/// Periods until the cumulative cash flow turns non-negative, interpolated
/// linearly within the period in which it does (`2.6` = during the third
/// period). `Some(0)` when the first flow is already non-negative; `None`
/// when the flows never pay back.
///
/// The running sum is kept wider than `Decimal`, so a cumulative loss
/// beyond its range that is later recovered still pays back.
///
/// # Errors
/// [`FinanceError::Money`] when the period cannot be represented.
pub fn payback_period(flows: &[Usd]) -> Result<Option<Decimal>, FinanceError> {
    let mut cumulative = Running::ZERO;
    for (period, &flow) in flows.iter().enumerate() {
        let before = cumulative;
        cumulative = cumulative
            .add(flow.dollars())
            .ok_or_else(|| overflow("cumulative cash flow"))?;
        if !cumulative.is_negative() {
            if period == 0 {
                return Ok(Some(Decimal::ZERO));
            }
            // `before` < 0 <= `cumulative`, so `flow` > 0 and
            // |`before`| <= `flow`: the fraction of this period needed to
            // cover what was still owed.
            let owed = before
                .to_decimal()
                .ok_or_else(|| overflow("cumulative cash flow"))?;
            let fraction = Usd::new(-owed).ratio(flow)?;
            let whole = Decimal::from(period - 1);
            return whole
                .checked_add(fraction)
                .map(Some)
                .ok_or_else(|| overflow("payback period"));
        }
    }
    Ok(None)
}

/// A running sum wider than `Decimal`: `carry × 10^27 + rest`, with
/// `|rest| < 10^27`.
#[derive(Debug, Clone, Copy)]
struct Running {
    carry: i64,
    rest: Decimal,
}

impl Running {
    const ZERO: Self = Self {
        carry: 0,
        rest: Decimal::ZERO,
    };

    /// `10^27`, the unit of the carry.
    fn chunk() -> Decimal {
        Decimal::from_i128_with_scale(1_000_000_000_000_000_000_000_000_000, 0)
    }

    /// `self + amount`; `None` only if the carry overflows an `i64`.
    fn add(self, amount: Decimal) -> Option<Self> {
        let chunk = Self::chunk();
        // |amount| < 7.9e28, so at most 79 chunks; the remainder is exact
        // at the amount's own scale.
        let chunks = amount.checked_div(chunk)?.trunc();
        let remainder = amount.checked_sub(chunks.checked_mul(chunk)?)?;
        let mut carry = self.carry.checked_add(chunks.to_i64()?)?;
        let mut rest = self.rest.checked_add(remainder)?;
        if rest >= chunk {
            rest = rest.checked_sub(chunk)?;
            carry = carry.checked_add(1)?;
        } else if rest <= -chunk {
            rest = rest.checked_add(chunk)?;
            carry = carry.checked_sub(1)?;
        }
        Some(Self { carry, rest })
    }

    /// Whether the sum is below zero (`|rest|` is less than one chunk).
    fn is_negative(self) -> bool {
        match self.carry.cmp(&0) {
            core::cmp::Ordering::Less => true,
            core::cmp::Ordering::Greater => false,
            core::cmp::Ordering::Equal => self.rest.is_sign_negative() && !self.rest.is_zero(),
        }
    }

    /// The sum as a `Decimal`, if it fits.
    fn to_decimal(self) -> Option<Decimal> {
        Decimal::from(self.carry)
            .checked_mul(Self::chunk())?
            .checked_add(self.rest)
    }
}

/// [`payback_period`] of the flows discounted at `rate` per period.
///
/// # Errors
/// As for [`npv`] and [`payback_period`].
pub fn discounted_payback_period(
    rate: Decimal,
    flows: &[Usd],
) -> Result<Option<Decimal>, FinanceError> {
    let discounted = discount_each(rate, flows)?;
    payback_period(&discounted)
}

/// Each flow divided by its discount factor `(1 + rate)^t`.
fn discount_each(rate: Decimal, flows: &[Usd]) -> Result<alloc::vec::Vec<Usd>, FinanceError> {
    let growth = growth(rate)?;
    // Growth at or above 1 divides by `growth^t`; below 1 it multiplies by
    // `(1 / growth)^t`, which keeps 28 significant digits where `growth^t`
    // would shrink towards `Decimal`'s smallest step and lose them.
    let (base, divide) = if growth >= Decimal::ONE {
        (growth, true)
    } else {
        let inverse = Decimal::ONE
            .checked_div(growth)
            .ok_or_else(|| overflow("discount factor"))?;
        (inverse, false)
    };
    flows
        .iter()
        .enumerate()
        .map(|(period, &flow)| discount(flow, base, divide, period))
        .collect()
}

/// `flow / base^t` (`divide`) or `flow × base^t`, for `base >= 1`. When
/// `base^t` does not fit, the power is split in halves and applied in
/// turn, so a flow discounted over a long horizon shrinks towards zero
/// instead of failing.
fn discount(flow: Usd, base: Decimal, divide: bool, t: usize) -> Result<Usd, FinanceError> {
    if t == 0 || flow.dollars().is_zero() {
        return Ok(flow);
    }
    match power(base, t) {
        Some(factor) if divide => Ok(flow.checked_div(factor)?),
        Some(factor) => Ok(flow.checked_mul(factor)?),
        None if t == 1 => Err(overflow("discount factor")),
        None => {
            let half = t / 2;
            let first = discount(flow, base, divide, half)?;
            discount(first, base, divide, t - half)
        }
    }
}

/// `base^t` by repeated squaring, `None` when it overflows.
pub(crate) fn power(base: Decimal, mut t: usize) -> Option<Decimal> {
    let mut result = Decimal::ONE;
    let mut square = base;
    loop {
        if t & 1 == 1 {
            result = result.checked_mul(square)?;
        }
        t >>= 1;
        if t == 0 {
            return Some(result);
        }
        square = square.checked_mul(square)?;
    }
}

/// Return on investment: `(total_return − investment) / investment`
/// (`0.5` is +50%), for a positive investment.
///
/// ```
/// use rust_decimal::Decimal;
/// use wattage_finance::periodic::return_on_investment;
///
/// assert_eq!(return_on_investment("$5,000".parse()?, "$7,500".parse()?)?, Decimal::new(5, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`FinanceError::NonPositiveAmount`] for an investment at or below
/// zero; [`FinanceError::Money`] on overflow.
pub fn return_on_investment(investment: Usd, total_return: Usd) -> Result<Decimal, FinanceError> {
    if investment <= Usd::ZERO {
        return Err(FinanceError::NonPositiveAmount {
            what: "investment",
            value: investment,
        });
    }
    Ok(total_return.checked_sub(investment)?.ratio(investment)?)
}

/// Periods until a constant `per_period` return repays `investment`
/// (`investment / per_period`), or `None` when the return is zero or
/// negative (never repaid).
///
/// # Errors
/// [`FinanceError::NegativeAmount`] for a negative investment;
/// [`FinanceError::Money`] on overflow.
pub fn simple_payback(investment: Usd, per_period: Usd) -> Result<Option<Decimal>, FinanceError> {
    if investment.is_negative() {
        return Err(FinanceError::NegativeAmount {
            what: "investment",
            value: investment,
        });
    }
    if per_period <= Usd::ZERO {
        return Ok(None);
    }
    Ok(Some(investment.ratio(per_period)?))
}
