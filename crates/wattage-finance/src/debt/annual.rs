//! Debt by year (calendar, or plan years from a first day): service,
//! DSCR, and the equity that funds the rest.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::vec::Vec;
use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::Usd;

use super::{DebtPeriod, DebtSchedule, Draw, Tranche};
use crate::FinanceError;

/// One year (calendar, [`debt_years`], or a plan year,
/// [`debt_years_from`]) of one or more tranches. A period belongs to the
/// year of its last day (payments fall at its end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DebtYear {
    /// The calendar year, or for a plan year the calendar year it starts
    /// in.
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

/// The last day of a period (its payments fall at its end).
fn last_day(period: &DebtPeriod) -> NaiveDate {
    period
        .end
        .checked_sub_days(Days::new(1))
        .unwrap_or(period.start)
}

/// The plan year of `date` for plan years of twelve months from
/// `first_day`, labelled by the calendar year each starts in: with a first
/// day of 1 July 2026, 1 July 2026 to 30 June 2027 is 2026. A first day of
/// 1 January makes plan years calendar years. Dates before `first_day`
/// fall in earlier plan years.
#[must_use]
pub fn plan_year(first_day: NaiveDate, date: NaiveDate) -> i32 {
    let start_of = |k: i32| -> Option<NaiveDate> {
        let months = Months::new(k.unsigned_abs().saturating_mul(12));
        if k >= 0 {
            first_day.checked_add_months(months)
        } else {
            first_day.checked_sub_months(months)
        }
    };
    let mut k = date.year() - first_day.year();
    while k > i32::MIN / 2 && start_of(k).is_none_or(|s| s > date) {
        k -= 1;
    }
    while k < i32::MAX / 2 && start_of(k + 1).is_some_and(|s| s <= date) {
        k += 1;
    }
    first_day.year().saturating_add(k)
}

/// All `schedules` (one per tranche) summed by calendar year, in order.
///
/// # Errors
/// [`FinanceError::Money`] on overflow.
pub fn debt_years(schedules: &[DebtSchedule]) -> Result<Vec<DebtYear>, FinanceError> {
    debt_years_by(schedules, |day| day.year())
}

/// All `schedules` summed by plan year of twelve months from `first_day`
/// ([`plan_year`]), in order: a fiscal year starting on a plan's first
/// day.
///
/// # Errors
/// [`FinanceError::Money`] on overflow.
pub fn debt_years_from(
    schedules: &[DebtSchedule],
    first_day: NaiveDate,
) -> Result<Vec<DebtYear>, FinanceError> {
    debt_years_by(schedules, |day| plan_year(first_day, day))
}

fn debt_years_by(
    schedules: &[DebtSchedule],
    year_of: impl Fn(NaiveDate) -> i32,
) -> Result<Vec<DebtYear>, FinanceError> {
    // Per year: the sums, and each tranche's last closing balance.
    let mut years: BTreeMap<i32, (DebtYear, BTreeMap<usize, Usd>)> = BTreeMap::new();
    for (tranche, schedule) in schedules.iter().enumerate() {
        for p in schedule.periods() {
            let year = year_of(last_day(p));
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
    /// The year (calendar or plan year, as the [`DebtYear`]s given).
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

/// One period of the grid [`equity_by_period`] lays over several tranches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EquityPeriod {
    /// First day of the period.
    pub start: NaiveDate,
    /// First day after the period.
    pub end: NaiveDate,
    /// The uses dated in the period.
    pub uses: Usd,
    /// What all tranches draw in the period, by their draws' dates.
    pub drawn: Usd,
    /// The equity contributed: uses − drawn, never below zero (a draw
    /// beyond the period's uses is held as cash, not returned).
    pub equity: Usd,
    /// Whether a period of some tranche covers this one (else the uses
    /// fall outside every tranche's term and equity pays them on their
    /// own dates).
    pub covered: bool,
}

/// The equity of several `tranches` drawing on different dates, on one
/// grid of periods: the boundaries of every tranche's periods (start,
/// each payment date, maturity), merged and sorted. In each period the
/// uses dated in it are paid first by what the tranches draw in it (each
/// draw on its own date), then by equity; so `equity + drawn = uses` in
/// every period where the debt does not over-fund, and the total equity is
/// the total uses less the debt drawn. A use outside every tranche's term
/// is a period of one day of its own, paid by equity.
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_finance::debt::{Draw, Frequency, InterestRate, Repayment, Tranche, TrancheSpec, equity_by_period};
/// use wattage_units::Usd;
///
/// let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let loan = |start, amount: i64| Tranche::new(TrancheSpec {
///     principal: Usd::new(Decimal::from(amount)), draws: vec![], rate: InterestRate::Fixed(Decimal::new(6, 2)),
///     start, term_months: 24, frequency: Frequency::Yearly, repayment: Repayment::Bullet,
///     upfront_fee: Decimal::ZERO, commitment_fee: Decimal::ZERO,
/// });
/// // Two loans, drawn on 1 January and 1 July, against $10M of uses on each day.
/// let tranches = [loan(on(2026, 1, 1), 6_000_000)?, loan(on(2026, 7, 1), 4_000_000)?];
/// let uses = [on(2026, 1, 1), on(2026, 7, 1)].map(|date| Draw { date, amount: Usd::new(Decimal::from(10_000_000)) });
/// let periods = equity_by_period(&uses, &tranches)?;
/// let equity: Vec<_> = periods.iter().filter(|p| p.equity > Usd::ZERO).map(|p| (p.start, p.equity)).collect();
/// assert_eq!(equity, [(on(2026, 1, 1), "$4M".parse()?), (on(2026, 7, 1), "$6M".parse()?)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`FinanceError::DateOutOfRange`] when a schedule cannot be laid out;
/// [`FinanceError::Money`] on overflow.
pub fn equity_by_period(
    uses: &[Draw],
    tranches: &[Tranche],
) -> Result<Vec<EquityPeriod>, FinanceError> {
    let mut terms: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    let mut bounds: BTreeSet<NaiveDate> = BTreeSet::new();
    for tranche in tranches {
        for p in tranche.schedule()?.periods() {
            terms.push((p.start, p.end));
            bounds.extend([p.start, p.end]);
        }
    }
    let bounds: Vec<NaiveDate> = bounds.into_iter().collect();
    let mut grid: Vec<(NaiveDate, NaiveDate, bool)> = bounds
        .windows(2)
        .filter(|w| terms.iter().any(|&(s, e)| s <= w[0] && w[1] <= e))
        .map(|w| (w[0], w[1], true))
        .collect();
    let own_days: BTreeSet<NaiveDate> = uses
        .iter()
        .map(|u| u.date)
        .filter(|d| !grid.iter().any(|&(s, e, _)| s <= *d && *d < e))
        .collect();
    for day in own_days {
        grid.push((day, day.succ_opt().unwrap_or(day), false));
    }
    grid.sort_by_key(|&(s, _, _)| s);
    let draws: Vec<Draw> = tranches
        .iter()
        .flat_map(|t| t.draws().iter().copied())
        .collect();
    grid.into_iter()
        .map(|(start, end, covered)| {
            let within = |d: &&Draw| d.date >= start && (d.date < end || d.date == start);
            let spent = Usd::try_sum(uses.iter().filter(within).map(|u| u.amount))?;
            let drawn = Usd::try_sum(draws.iter().filter(within).map(|d| d.amount))?;
            Ok(EquityPeriod {
                start,
                end,
                uses: spent,
                drawn,
                equity: spent.checked_sub(drawn)?.max(Usd::ZERO),
                covered,
            })
        })
        .collect()
}
