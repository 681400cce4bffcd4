//! A plan's cash flows: its ledger cut into months and years, with the
//! capital it spends and recovers (asset purchases and sales, plain capex
//! payments) on their dates, and the book depreciation of its assets.
//!
//! These are the **unlevered, pre-tax** flows: EBITDA − capex + asset
//! sales. [`crate::capital::financing`] adds debt and taxes on top.

use alloc::vec::Vec;

use chrono::{DateTime, Months, NaiveDate, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{MoneyError, Power, Usd, unit};

use crate::FacilityError;
use crate::capital::{self, Asset, AssetEvent, AssetEventKind, plan_assets};
use crate::deployment::Deployment;
use crate::finance::{irr, npv, payback_period};
use crate::horizon::Horizon;
use crate::ledger::SiteLedger;
use crate::money_lines::MoneyLines;

/// A capital payment on a date: cash only, neither depreciated nor
/// deductible. Capital that is written off (and deducted for tax) is an
/// [`Asset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CapexPayment {
    /// When it is paid.
    pub at: DateTime<Utc>,
    /// How much (positive: money out).
    pub amount: Usd,
}

/// One year of a site's cash flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct YearRow {
    /// Year index from 0.
    pub year: u32,
    /// Start of the year (the horizon's start plus whole years).
    pub start: DateTime<Utc>,
    /// Revenue.
    pub revenue: Usd,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Revenue − energy ± the site's other power lines.
    pub gross_margin: Usd,
    /// Opex (per IT MW-year of workloads live in the year).
    pub opex: Usd,
    /// Gross margin − opex.
    pub ebitda: Usd,
    /// Capital spent in the year: asset purchases and capex payments.
    pub capex: Usd,
    /// Proceeds of assets sold in the year (replaced, or displaced by a
    /// retrofit).
    pub asset_sales: Usd,
    /// Book depreciation of the plan's assets in the year (not a cash
    /// flow).
    pub depreciation: Usd,
    /// EBITDA − capex + asset sales.
    pub cash_flow: Usd,
}

/// One calendar month (from the horizon's start) of operating cash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MonthFlow {
    /// Start of the month.
    pub start: DateTime<Utc>,
    /// End of the month (the next month's start, or the horizon's end).
    pub end: DateTime<Utc>,
    /// Gross margin − opex of the month.
    pub ebitda: Usd,
}

/// A site's ledger cut into months and years, with capital spending and
/// recovery: the cash flows for NPV, IRR and payback.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CashFlows {
    rows: Vec<YearRow>,
    months: Vec<MonthFlow>,
    capex: Vec<CapexPayment>,
    events: Vec<AssetEvent>,
    assets: Vec<Asset>,
    horizon: Horizon,
    interconnect: Power,
}

/// Each workload's opex per period: opex per IT MW-year × IT MW × hours /
/// 8,766 (zero for a tenant who pays its own, [`crate::pass_through`]).
pub(crate) fn opex_per_period(
    ledger: &SiteLedger,
    deployment: &Deployment,
    opex_per_mw_year: Usd,
) -> Result<Vec<Usd>, FacilityError> {
    let hours = ledger.horizon().period_hours();
    ledger
        .workload_names()
        .iter()
        .map(|name| {
            let a = deployment
                .assignment(name)
                .ok_or_else(|| FacilityError::WorkloadName {
                    name: name.clone(),
                    problem: "is in the ledger but not in the deployment",
                })?;
            if !a.workload().operator_pays_opex() {
                return Ok(Usd::ZERO);
            }
            let mw = to_decimal("IT load in MW", a.workload().it_power().get(unit::MEGAWATT))?;
            Ok(opex_per_mw_year
                .checked_mul(mw)?
                .checked_mul(hours)?
                .checked_div(Decimal::from(8766))?)
        })
        .collect()
}

/// The start of the `n`th step of `months` months from `start`.
fn step_start(start: DateTime<Utc>, months: u32, n: u32) -> Option<DateTime<Utc>> {
    n.checked_mul(months)
        .and_then(|m| start.checked_add_months(Months::new(m)))
}

fn empty_row(year: u32, start: DateTime<Utc>) -> YearRow {
    YearRow {
        year,
        start,
        revenue: Usd::ZERO,
        energy_cost: Usd::ZERO,
        gross_margin: Usd::ZERO,
        opex: Usd::ZERO,
        ebitda: Usd::ZERO,
        capex: Usd::ZERO,
        asset_sales: Usd::ZERO,
        depreciation: Usd::ZERO,
        cash_flow: Usd::ZERO,
    }
}

/// The opex of the workloads live in period `t`, from each workload's opex
/// per period.
pub(crate) fn live_opex(
    ledger: &SiteLedger,
    opex_per_period: &[Usd],
    t: usize,
) -> Result<Usd, FacilityError> {
    let mut opex = Usd::ZERO;
    for (w, cost) in opex_per_period.iter().enumerate() {
        if ledger.is_live(t, w) {
            opex = opex.checked_add(*cost)?;
        }
    }
    Ok(opex)
}

/// The operating lines of one period, as a year row sums them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PeriodLines {
    /// Revenue.
    pub revenue: Usd,
    /// What is paid for energy.
    pub energy_cost: Usd,
    /// Revenue − energy ± the other power lines.
    pub gross_margin: Usd,
    /// Opex.
    pub opex: Usd,
}

/// The index of the first period at or after the `n`th step of `months`
/// months from the horizon's start (`usize::MAX` when that date does not
/// exist).
fn step_index(horizon: Horizon, months: u32, n: u32) -> usize {
    step_start(horizon.start(), months, n).map_or(usize::MAX, |at| horizon.index_at_or_after(at))
}

/// The start of the `n`th step of `months` months, or of period `t` when
/// that date does not exist.
fn step_or_period(
    horizon: Horizon,
    months: u32,
    n: u32,
    t: usize,
) -> Result<DateTime<Utc>, FacilityError> {
    step_start(horizon.start(), months, n)
        .or_else(|| horizon.checked_start_of(t))
        .ok_or(FacilityError::Money(MoneyError::Overflow {
            operation: "period start",
        }))
}

/// The ledger's periods summed into years and months from the horizon's
/// start, each period's lines given by `lines` (its index and the site's
/// money lines). The year and month boundaries are found as period
/// indices once, not by the date of every period.
fn operating_rows(
    ledger: &SiteLedger,
    mut lines: impl FnMut(usize, &MoneyLines<Usd>) -> Result<PeriodLines, FacilityError>,
) -> Result<(Vec<YearRow>, Vec<MonthFlow>), FacilityError> {
    let horizon = ledger.horizon();
    let (mut rows, mut months): (Vec<YearRow>, Vec<MonthFlow>) = (Vec::new(), Vec::new());
    let (mut year, mut month) = (0u32, 0u32);
    let (mut next_year, mut next_month) = (step_index(horizon, 12, 1), step_index(horizon, 1, 1));
    let mut booked_month = None;
    for t in 0..ledger.len() {
        while t >= next_year {
            year += 1;
            next_year = step_index(horizon, 12, year + 1);
        }
        while t >= next_month {
            month += 1;
            next_month = step_index(horizon, 1, month + 1);
        }
        if rows.last().is_none_or(|r| r.year != year) {
            rows.push(empty_row(year, step_or_period(horizon, 12, year, t)?));
        }
        if booked_month != Some(month) {
            booked_month = Some(month);
            let end = step_start(horizon.start(), 1, month + 1);
            months.push(MonthFlow {
                start: step_or_period(horizon, 1, month, t)?,
                end: end.map_or(horizon.end(), |n| n.min(horizon.end())),
                ebitda: Usd::ZERO,
            });
        }
        let l = lines(t, &ledger.period_money(t)?)?;
        if let Some(row) = rows.last_mut() {
            row.revenue = row.revenue.checked_add(l.revenue)?;
            row.energy_cost = row.energy_cost.checked_add(l.energy_cost)?;
            row.gross_margin = row.gross_margin.checked_add(l.gross_margin)?;
            row.opex = row.opex.checked_add(l.opex)?;
        }
        if let Some(m) = months.last_mut() {
            m.ebitda = m.ebitda.checked_add(l.gross_margin.checked_sub(l.opex)?)?;
        }
    }
    Ok((rows, months))
}

/// The row of the year containing `at`, if inside the rows.
fn row_at(rows: &mut [YearRow], at: DateTime<Utc>) -> Option<&mut YearRow> {
    rows.iter_mut().rev().find(|r| at >= r.start)
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_time(chrono::NaiveTime::MIN).and_utc()
}

impl CashFlows {
    /// Cuts `ledger` (a simulation of `deployment`) into years and months
    /// from the horizon's start; `opex_per_mw_year` per IT MW-year live;
    /// `capex` paid on its dates; the plan's assets
    /// ([`capital::plan_assets`]: the deployment's, and each GPU cloud's
    /// GPUs when it goes live) bought, sold and depreciated on theirs.
    /// Payments and asset events outside the horizon are left out.
    ///
    /// # Errors
    /// As for [`crate::Summary::new`].
    pub fn new(
        ledger: &SiteLedger,
        deployment: &Deployment,
        opex_per_mw_year: Usd,
        capex: &[CapexPayment],
    ) -> Result<Self, FacilityError> {
        let opex_per_period = opex_per_period(ledger, deployment, opex_per_mw_year)?;
        let (rows, months) = operating_rows(ledger, |t, site| {
            Ok(PeriodLines {
                revenue: site.revenue,
                energy_cost: site.energy_cost,
                gross_margin: site.gross_margin()?,
                opex: live_opex(ledger, &opex_per_period, t)?,
            })
        })?;
        let assets = plan_assets(ledger, deployment)?;
        let interconnect = deployment.site().interconnect();
        Self::assemble(ledger, (rows, months), capex, assets, interconnect)
    }

    /// Flows whose operating lines per period are `lines`' (its index and
    /// site row), with `capex` and `assets`' purchases, sales and
    /// depreciation: what [`Self::new`] does for the whole site and
    /// [`crate::business_model::BusinessModel::cash_flows`] for the lines
    /// of one model.
    pub(crate) fn with_lines(
        ledger: &SiteLedger,
        lines: impl FnMut(usize, &MoneyLines<Usd>) -> Result<PeriodLines, FacilityError>,
        capex: &[CapexPayment],
        assets: Vec<Asset>,
        interconnect: Power,
    ) -> Result<Self, FacilityError> {
        let operating = operating_rows(ledger, lines)?;
        Self::assemble(ledger, operating, capex, assets, interconnect)
    }

    fn assemble(
        ledger: &SiteLedger,
        (mut rows, months): (Vec<YearRow>, Vec<MonthFlow>),
        capex: &[CapexPayment],
        assets: Vec<Asset>,
        interconnect: Power,
    ) -> Result<Self, FacilityError> {
        let horizon = ledger.horizon();
        let inside = |at: DateTime<Utc>| at >= horizon.start() && at < horizon.end();
        let capex: Vec<CapexPayment> = capex.iter().copied().filter(|p| inside(p.at)).collect();
        let events: Vec<AssetEvent> = capital::events(&assets, horizon.end().date_naive())?
            .into_iter()
            .filter(|e| inside(midnight(e.at)))
            .collect();
        for p in &capex {
            if let Some(row) = row_at(&mut rows, p.at) {
                row.capex = row.capex.checked_add(p.amount)?;
            }
        }
        for e in &events {
            if let Some(row) = row_at(&mut rows, midnight(e.at)) {
                match e.kind {
                    AssetEventKind::Purchase => row.capex = row.capex.checked_add(e.amount)?,
                    AssetEventKind::Sale => {
                        row.asset_sales = row.asset_sales.checked_add(e.amount)?
                    }
                }
            }
        }
        let ends: Vec<DateTime<Utc>> = rows
            .iter()
            .skip(1)
            .map(|r| r.start)
            .chain([horizon.end()])
            .collect();
        for (row, end) in rows.iter_mut().zip(ends) {
            for asset in &assets {
                let (from, to) = (row.start.date_naive(), end.date_naive());
                row.depreciation = row
                    .depreciation
                    .checked_add(capital::depreciation_between(asset, from, to)?)?;
            }
            row.ebitda = row.gross_margin.checked_sub(row.opex)?;
            row.cash_flow = row
                .ebitda
                .checked_sub(row.capex)?
                .checked_add(row.asset_sales)?;
        }
        Ok(Self {
            rows,
            months,
            capex,
            events,
            assets,
            horizon,
            interconnect,
        })
    }

    /// The years, in order.
    #[must_use]
    pub fn rows(&self) -> &[YearRow] {
        &self.rows
    }

    /// The months, in order: operating cash (EBITDA) only.
    #[must_use]
    pub fn months(&self) -> &[MonthFlow] {
        &self.months
    }

    /// The capex payments inside the horizon.
    #[must_use]
    pub fn capex_payments(&self) -> &[CapexPayment] {
        &self.capex
    }

    /// The asset purchases and sales inside the horizon, in date order.
    #[must_use]
    pub fn asset_events(&self) -> &[AssetEvent] {
        &self.events
    }

    /// The plan's assets.
    #[must_use]
    pub fn assets(&self) -> &[Asset] {
        &self.assets
    }

    /// The horizon.
    #[must_use]
    pub const fn horizon(&self) -> Horizon {
        self.horizon
    }

    /// The site's interconnect capacity (for a property tax per MW).
    #[must_use]
    pub const fn interconnect(&self) -> Power {
        self.interconnect
    }

    /// The yearly cash flows (EBITDA − capex + asset sales), in order.
    #[must_use]
    pub fn flows(&self) -> Vec<Usd> {
        self.rows.iter().map(|r| r.cash_flow).collect()
    }

    /// The cash flows on their dates: each month's EBITDA on the month's
    /// last day (its end, exclusive, less one day), each capex payment,
    /// asset purchase (negative) and sale (positive) on its own day.
    /// These are the flows for XNPV and XIRR, or monthly discounting.
    #[must_use]
    pub fn dated_flows(&self) -> Vec<(NaiveDate, Usd)> {
        let mut out: Vec<(NaiveDate, Usd)> = Vec::new();
        for m in &self.months {
            let last = m.end.date_naive().pred_opt().unwrap_or(m.end.date_naive());
            out.push((last.max(m.start.date_naive()), m.ebitda));
        }
        for p in &self.capex {
            out.push((p.at.date_naive(), Usd::new(-p.amount.dollars())));
        }
        for e in &self.events {
            let amount = match e.kind {
                AssetEventKind::Purchase => Usd::new(-e.amount.dollars()),
                AssetEventKind::Sale => e.amount,
            };
            out.push((e.at, amount));
        }
        out.sort_by_key(|(at, _)| *at);
        out
    }

    /// NPV of the yearly flows at `rate` per year, the first year
    /// undiscounted (see [`crate::finance`]).
    ///
    /// # Errors
    /// As for [`crate::finance::npv`].
    pub fn npv(&self, rate: Decimal) -> Result<Usd, FacilityError> {
        Ok(npv(rate, &self.flows())?)
    }

    /// IRR of the yearly flows, per year.
    ///
    /// # Errors
    /// As for [`crate::finance::irr`].
    pub fn irr(&self) -> Result<Decimal, FacilityError> {
        Ok(irr(&self.flows())?)
    }

    /// Payback in years (`None` if never).
    ///
    /// # Errors
    /// As for [`crate::finance::payback_period`].
    pub fn payback_years(&self) -> Result<Option<Decimal>, FacilityError> {
        Ok(payback_period(&self.flows())?)
    }
}
