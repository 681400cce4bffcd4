//! Debt by calendar year: service, DSCR, and the equity that funds the rest.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;
use chrono::{Datelike, Days};
use rust_decimal::Decimal;
use wattage_units::Usd;

use super::{DebtPeriod, DebtSchedule, Draw};
use crate::FinanceError;

/// One calendar year of one or more tranches. A period belongs to the year
/// of its last day (payments fall at its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DebtYear {
    /// The calendar year.
    pub year: i32,
    /// Drawn in the year.
    pub drawn: Usd,
    /// Interest paid in the year.
    pub interest: Usd,
    /// Principal repaid in the year.
    pub principal: Usd,
    /// Fees paid in the year.
    pub fees: Usd,
    /// Balance at the end of the year's last period.
    pub closing_balance: Usd,
}

impl DebtYear {
    /// Interest + principal + fees.
    ///
    /// # Errors
    /// [`FinanceError::Money`] on overflow.
    pub fn debt_service(&self) -> Result<Usd, FinanceError> {
        Ok(Usd::try_sum([self.interest, self.principal, self.fees])?)
    }
}

/// The year a period's payments fall in: that of its last day.
fn year_of(period: &DebtPeriod) -> i32 {
    period
        .end
        .checked_sub_days(Days::new(1))
        .unwrap_or(period.start)
        .year()
}

/// All `schedules` (one per tranche) summed by calendar year, in order.
///
/// # Errors
/// [`FinanceError::Money`] on overflow.
pub fn debt_years(schedules: &[DebtSchedule]) -> Result<Vec<DebtYear>, FinanceError> {
    // Per year: the sums, and each tranche's last closing balance.
    let mut years: BTreeMap<i32, (DebtYear, BTreeMap<usize, Usd>)> = BTreeMap::new();
    for (tranche, schedule) in schedules.iter().enumerate() {
        for p in schedule.periods() {
            let year = year_of(p);
            let (row, closing) = years
                .entry(year)
                .or_insert_with(|| (empty(year), BTreeMap::new()));
            row.drawn = row.drawn.checked_add(p.drawn)?;
            row.interest = row.interest.checked_add(p.interest)?;
            row.principal = row.principal.checked_add(p.principal)?;
            row.fees = row.fees.checked_add(p.fees)?;
            closing.insert(tranche, p.closing_balance);
        }
    }
    // A tranche without a period in a year keeps its last balance.
    let mut last: BTreeMap<usize, Usd> = BTreeMap::new();
    let mut out = Vec::with_capacity(years.len());
    for (_, (mut row, closing)) in years {
        last.extend(closing);
        row.closing_balance = Usd::try_sum(last.values().copied())?;
        out.push(row);
    }
    Ok(out)
}

fn empty(year: i32) -> DebtYear {
    DebtYear {
        year,
        drawn: Usd::ZERO,
        interest: Usd::ZERO,
        principal: Usd::ZERO,
        fees: Usd::ZERO,
        closing_balance: Usd::ZERO,
    }
}

/// The debt service coverage of one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct YearDscr {
    /// The calendar year.
    pub year: i32,
    /// Cash flow available for debt service (CFADS) given for the year.
    pub cash_flow_available: Usd,
    /// Interest + principal + fees due in the year.
    pub debt_service: Usd,
    /// CFADS / debt service; `None` in a year with no debt service.
    pub dscr: Option<Decimal>,
}

/// DSCR per year: the cash flow available for debt service of each year
/// (`(year, CFADS)`) over that year's debt service in `years` (none when a
/// year has no row there).
///
/// # Errors
/// [`FinanceError::Money`] on overflow.
pub fn dscr_by_year(
    years: &[DebtYear],
    cash_flow_available: &[(i32, Usd)],
) -> Result<Vec<YearDscr>, FinanceError> {
    cash_flow_available
        .iter()
        .map(|&(year, cfads)| {
            let service = match years.iter().find(|y| y.year == year) {
                Some(row) => row.debt_service()?,
                None => Usd::ZERO,
            };
            let dscr = if service > Usd::ZERO {
                Some(cfads.ratio(service)?)
            } else {
                None
            };
            Ok(YearDscr {
                year,
                cash_flow_available: cfads,
                debt_service: service,
                dscr,
            })
        })
        .collect()
}

/// The equity each period of `schedule` must contribute: the `uses`
/// (capex and other spending, dated) falling in the period less what the
/// debt draws in it, never below zero (a draw beyond the period's uses is
/// assumed held as cash, not returned). Each contribution is dated at its
/// period's start; periods needing none are left out, and uses outside
/// the schedule's periods are funded by equity on their own dates.
///
/// # Errors
/// [`FinanceError::Money`] on overflow.
pub fn equity_contributions(
    uses: &[Draw],
    schedule: &DebtSchedule,
) -> Result<Vec<Draw>, FinanceError> {
    let mut out = Vec::new();
    let inside = |d: &Draw| {
        schedule
            .periods()
            .iter()
            .any(|p| d.date >= p.start && d.date < p.end)
    };
    for p in schedule.periods() {
        let spent = Usd::try_sum(
            uses.iter()
                .filter(|u| u.date >= p.start && u.date < p.end)
                .map(|u| u.amount),
        )?;
        let equity = spent.checked_sub(p.drawn)?;
        if equity > Usd::ZERO {
            out.push(Draw {
                date: p.start,
                amount: equity,
            });
        }
    }
    out.extend(
        uses.iter()
            .filter(|u| !inside(u) && u.amount > Usd::ZERO)
            .copied(),
    );
    out.sort_by_key(|d| d.date);
    Ok(out)
}
