//! A tranche laid out period by period.

use alloc::vec::Vec;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::Usd;

use super::{Repayment, Tranche};
use crate::FinanceError;
use crate::calendar::add_months;
use crate::error::overflow;
use crate::periodic::power;

/// One period of a [`DebtSchedule`]: what was drawn at its start and what
/// was paid at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DebtPeriod {
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period (payments fall at its end).
    pub end: NaiveDate,
    /// Balance at the start, before the period's draws.
    pub opening_balance: Usd,
    /// Drawn during the period (added at its start).
    pub drawn: Usd,
    /// Interest paid.
    pub interest: Usd,
    /// Principal repaid.
    pub principal: Usd,
    /// Upfront and commitment fees paid.
    pub fees: Usd,
    /// Balance at the end, after repayment.
    pub closing_balance: Usd,
}

impl DebtPeriod {
    /// Interest + principal + fees: the cash paid to the lenders.
    ///
    /// # Errors
    /// [`FinanceError::Money`] on overflow.
    pub fn debt_service(&self) -> Result<Usd, FinanceError> {
        Ok(Usd::try_sum([self.interest, self.principal, self.fees])?)
    }
}

/// A tranche's periods from start to maturity, from [`Tranche::schedule`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DebtSchedule {
    periods: Vec<DebtPeriod>,
}

impl DebtSchedule {
    /// The periods, in order.
    #[must_use]
    pub fn periods(&self) -> &[DebtPeriod] {
        &self.periods
    }

    /// The sum of one field over all periods (`|p| p.interest`).
    ///
    /// # Errors
    /// [`FinanceError::Money`] on overflow.
    pub fn total(&self, field: impl Fn(&DebtPeriod) -> Usd) -> Result<Usd, FinanceError> {
        Ok(Usd::try_sum(self.periods.iter().map(field))?)
    }
}

/// Rounded to cents, half away from zero.
fn cents(amount: Usd) -> Usd {
    amount.round_to_cents()
}

impl Tranche {
    /// The schedule of draws, interest, principal, fees and balance, one
    /// row per period (see the module's conventions).
    ///
    /// # Errors
    /// [`FinanceError::DateOutOfRange`] for periods beyond the calendar;
    /// [`FinanceError::Money`] on overflow.
    pub fn schedule(&self) -> Result<DebtSchedule, FinanceError> {
        let spec = &self.spec;
        let step = spec.frequency.months();
        let count = spec.term_months.div_ceil(step);
        let last_draw = self.draws.last().map_or(spec.start, |d| d.date);
        let mut periods = Vec::with_capacity(count as usize);
        let mut balance = Usd::ZERO;
        let mut drawn_so_far = Usd::ZERO;
        let mut level = None;
        for k in 0..count {
            let start = add_months("debt period", spec.start, k * step)?;
            let months = step.min(spec.term_months - k * step);
            let end = add_months("debt period", start, months)?;
            let drawn = Usd::try_sum(
                self.draws
                    .iter()
                    .filter(|d| d.date >= start && d.date < end)
                    .map(|d| d.amount),
            )?;
            drawn_so_far = drawn_so_far.checked_add(drawn)?;
            let opening = balance;
            balance = balance.checked_add(drawn)?;
            let year_share = Decimal::from(months) / Decimal::from(12);
            let rate = spec.rate.annual(k as usize).checked_mul(year_share);
            let rate = rate.ok_or_else(|| overflow("interest rate per period"))?;
            let interest = cents(balance.checked_mul(rate)?);
            let amortizing = last_draw < end;
            let remaining = count - k;
            let principal = if amortizing {
                self.repayment(balance, rate, remaining, &mut level)?
            } else {
                Usd::ZERO
            };
            let fees = self.fees(k, drawn_so_far, year_share)?;
            let closing = balance.checked_sub(principal)?;
            periods.push(DebtPeriod {
                start,
                end,
                opening_balance: opening,
                drawn,
                interest,
                principal,
                fees,
                closing_balance: closing,
            });
            balance = closing;
        }
        Ok(DebtSchedule { periods })
    }

    /// Principal repaid at the end of a period with `remaining` periods
    /// left (this one included) on `balance` at the period `rate`. `level`
    /// keeps a level payment and the rate it was computed at; it is
    /// computed again only when the rate changes.
    fn repayment(
        &self,
        balance: Usd,
        rate: Decimal,
        remaining: u32,
        level: &mut Option<(Decimal, Usd)>,
    ) -> Result<Usd, FinanceError> {
        if remaining <= 1 {
            return Ok(balance);
        }
        let principal = match self.spec.repayment {
            Repayment::Bullet => Usd::ZERO,
            Repayment::LevelPrincipal => cents(balance.checked_div(Decimal::from(remaining))?),
            Repayment::LevelPayment => {
                let payment = match *level {
                    Some((at, payment)) if at == rate => payment,
                    _ => cents(level_payment(balance, rate, remaining)?),
                };
                *level = Some((rate, payment));
                payment.checked_sub(cents(balance.checked_mul(rate)?))?
            }
        };
        // Never repay more than is owed, nor a negative amount.
        Ok(principal.max(Usd::ZERO).min(balance))
    }

    /// Upfront fee in the first period; commitment fee on what is undrawn.
    fn fees(&self, k: u32, drawn_so_far: Usd, year_share: Decimal) -> Result<Usd, FinanceError> {
        let spec = &self.spec;
        let upfront = if k == 0 {
            cents(spec.principal.checked_mul(spec.upfront_fee)?)
        } else {
            Usd::ZERO
        };
        let undrawn = spec.principal.checked_sub(drawn_so_far)?.max(Usd::ZERO);
        let share = spec
            .commitment_fee
            .checked_mul(year_share)
            .ok_or_else(|| overflow("commitment fee"))?;
        let commitment = cents(undrawn.checked_mul(share)?);
        Ok(upfront.checked_add(commitment)?)
    }
}

/// The level payment that repays `balance` over `periods` at `rate` per
/// period: `balance × rate / (1 − (1 + rate)^−periods)`, or
/// `balance / periods` at a rate of zero. Where `(1 + rate)^periods` does
/// not fit in `Decimal`, the payment is the interest alone (the annuity
/// factor's limit), which differs from the exact one in the 28th digit.
///
/// # Errors
/// [`FinanceError::InvalidRate`] for a rate at or below -1;
/// [`FinanceError::Money`] on overflow.
pub(crate) fn level_payment(
    balance: Usd,
    rate: Decimal,
    periods: u32,
) -> Result<Usd, FinanceError> {
    if rate <= Decimal::NEGATIVE_ONE {
        return Err(FinanceError::InvalidRate {
            what: "interest rate",
            rate,
        });
    }
    if rate.is_zero() || periods == 0 {
        return Ok(balance.checked_div(Decimal::from(periods.max(1)))?);
    }
    let growth = Decimal::ONE
        .checked_add(rate)
        .ok_or_else(|| overflow("annuity growth"))?;
    let Some(compound) = power(growth, periods as usize) else {
        return Ok(balance.checked_mul(rate)?);
    };
    let denominator = compound
        .checked_sub(Decimal::ONE)
        .ok_or_else(|| overflow("annuity factor"))?;
    if denominator.is_zero() {
        return Ok(balance.checked_div(Decimal::from(periods))?);
    }
    let factor = rate
        .checked_mul(compound)
        .and_then(|x| x.checked_div(denominator))
        .ok_or_else(|| overflow("annuity factor"))?;
    Ok(balance.checked_mul(factor)?)
}
