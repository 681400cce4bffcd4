//! A plan's cash flows financed and taxed: unlevered and levered, before
//! and after tax, with the debt's service and DSCR and the equity that
//! funds the rest, by plan year; the NPV and IRR of each.
//!
//! The plan's years are twelve months from the horizon's start, the
//! years of [`CashFlows::rows`]: a fiscal year starting on the start date
//! (calendar years when the horizon starts on 1 January). Debt service,
//! DSCR, tax depreciation (MACRS's half-year convention applies to a
//! fiscal tax year as to a calendar one), taxes and their estimated
//! installments all follow those years.
//!
//! The four series, per plan year:
//!
//! ```text
//! unlevered pre-tax   = EBITDA − capex + asset sales (+ terminal value in the last year)
//! levered pre-tax     = unlevered pre-tax + debt drawn − interest − principal − fees
//! unlevered after-tax = unlevered pre-tax − property tax − income tax without interest
//! levered after-tax   = levered pre-tax − property tax − income tax with interest deducted
//! ```
//!
//! Taxable income is EBITDA + gains on asset sales − tax depreciation
//! (MACRS or book, [`TaxDepreciationSpec`]) − deductible interest and
//! fees, with losses carried forward: `wattage-finance`'s
//! `Taxes` does the arithmetic. DSCR is cash
//! flow available for debt service (EBITDA − the levered property and
//! income tax) over the year's interest, principal and fees.
//!
//! # What is simplified
//! - Debt outstanding at the horizon's end is repaid in its last year
//!   (month, day). A debt period belongs to the plan year of its last day,
//!   draws included.
//! - A vintage sold takes half of that year's MACRS table amount in the
//!   year of sale (Publication 946's half-year convention for a disposal;
//!   nothing when sold in the year it was placed in service); its gain
//!   (proceeds − remaining tax basis) is taxed as ordinary income
//!   (depreciation recapture), a loss deducted.
//! - Fees are deducted as interest. The terminal value is added after tax
//!   and untaxed, to all four series.
//! - Discounting is the caller's explicit choice ([`Discounting`]):
//!   yearly, with the first year undiscounted (the convention of
//!   [`crate::finance::npv`]) or a year away (a spreadsheet's `NPV()`),
//!   monthly under the same two conventions, or every flow on its day by
//!   XNPV and XIRR. Yearly buckets put a year's capex, draws and first
//!   debt payment at the same instant, which overstates the cost of debt
//!   drawn and first served in one year; monthly buckets shrink that to a
//!   month, dated discounting removes it.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wattage_finance::dated::DatedAmount;
use wattage_finance::debt::{
    Draw, YearDscr, debt_years_from, dscr_by_year, equity_by_period, plan_year,
};
use wattage_finance::tax::{TaxYear, TaxYearInput};
use wattage_finance::timing::{Period, Timing};
use wattage_finance::{
    DebtSchedule, Taxes, Tranche, exit_multiple, irr_with, npv_with, perpetuity_growth, xirr, xnpv,
};
use wattage_units::Usd;

use super::tax_depreciation::{TaxAssetYear, TaxDepreciationSpec, tax_years};
use super::{AssetEventKind, book};
use crate::FacilityError;
use crate::cash_flows::CashFlows;
use crate::finance::npv;

/// The value of the plan at the horizon's end, added to its last year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TerminalValue {
    /// None: the plan ends with the horizon.
    #[default]
    None,
    /// A given amount (a sale price, an appraisal).
    Amount(Usd),
    /// A multiple of the last year's EBITDA (an exit multiple,
    /// `wattage-finance`'s `exit_multiple`).
    EbitdaMultiple(Decimal),
    /// The last year's unlevered pre-tax cash flow growing forever at
    /// `growth` a year, discounted at the financing's rate (Gordon growth,
    /// `wattage-finance`'s `perpetuity_growth`; never below zero).
    PerpetuityGrowth(Decimal),
}

/// How the series are discounted: the choice is explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Discounting {
    /// Periodic flows under a `Timing`. With [`Period::Year`], one flow
    /// per plan year: [`Timing::YEARLY`] puts the first year at t = 0,
    /// undiscounted, as [`crate::finance::npv`] does (Excel's
    /// `=A1 + NPV(r, A2:A9)`); [`Timing::EXCEL_NPV`] discounts it a year,
    /// as Excel's `NPV(r, A1:A9)`. Capex counts at its year, whatever its
    /// day.
    ///
    /// With [`Period::Month`], one flow per month of the horizon
    /// ([`Financing::monthly_series`]), discounted at the equivalent
    /// monthly rate `(1 + r)^(1/12) − 1`: with
    /// [`FirstFlow::EndOfFirstPeriod`](wattage_finance::timing::FirstFlow)
    /// the value of Excel's `NPV((1+r)^(1/12)-1, months)`, with
    /// [`FirstFlow::Today`](wattage_finance::timing::FirstFlow) that of
    /// `=M1 + NPV((1+r)^(1/12)-1, M2:Mn)`; the IRR is Excel's
    /// `(1 + IRR(months))^12 − 1`. Each month holds its EBITDA, the capex,
    /// asset purchases and sales dated in it, each debt draw in the month
    /// its period starts and its service in the month of the period's last
    /// day, each plan year's taxes in its last month, the terminal value
    /// and any debt left in the horizon's last month.
    Yearly(Timing),
    /// Every flow on its day, by XNPV and XIRR (actual/365 from the first
    /// flow, as Excel's `XNPV`): each month's EBITDA on its last day,
    /// capex and asset sales on theirs, each debt draw at its period's
    /// start and its service at the period's end, each plan year's taxes
    /// in four estimated installments on the 15th day of its 4th, 6th, 9th
    /// and 12th months (15 April, June, September, December for a
    /// calendar year, as IRS Form 1120-W), the terminal value on the
    /// horizon's last day.
    Dated,
}

/// A [`Financing`] by its fields.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FinancingSpec {
    /// The plan's debt tranches (none: all equity).
    pub debt: Vec<Tranche>,
    /// Taxes (`None`: untaxed, after-tax = pre-tax).
    pub taxes: Option<Taxes>,
    /// How each kind of asset is depreciated for tax.
    pub tax_depreciation: TaxDepreciationSpec,
    /// The value at the horizon's end.
    pub terminal_value: TerminalValue,
    /// Discount rate per year for the NPVs (`0.10` is 10%), above −1.
    pub discount_rate: Decimal,
    /// Yearly or dated discounting.
    pub discounting: Discounting,
}

/// How a plan is paid for and taxed: debt, taxes, tax depreciation, a
/// terminal value and the discount rate. See the [module](self) for the
/// four cash-flow series it computes.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "FinancingSpec", into = "FinancingSpec")
)]
pub struct Financing {
    spec: FinancingSpec,
    schedules: Vec<DebtSchedule>,
}

/// NPV at the financing's discount rate and IRR of one series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Returns {
    /// Net present value at the financing's rate, under its
    /// [`Discounting`].
    pub npv: Usd,
    /// Internal rate of return, annual (`None` when the flows do not
    /// change sign).
    pub irr: Option<Decimal>,
}

impl Returns {
    /// An NPV and an IRR.
    #[must_use]
    pub const fn new(npv: Usd, irr: Option<Decimal>) -> Self {
        Self { npv, irr }
    }
}

/// One plan year of a financed plan (twelve months from the horizon's
/// start, or what is left of the horizon).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FinancedYear {
    /// The plan year: the calendar year it starts in (years run twelve
    /// months from the horizon's start).
    pub year: i32,
    /// EBITDA.
    pub ebitda: Usd,
    /// Capex (asset purchases and payments).
    pub capex: Usd,
    /// Proceeds of asset sales.
    pub asset_sales: Usd,
    /// Terminal value (the last year only).
    pub terminal_value: Usd,
    /// Book depreciation.
    pub book_depreciation: Usd,
    /// Tax depreciation.
    pub tax_depreciation: Usd,
    /// Gains on asset sales for tax (losses negative).
    pub gain_on_sale: Usd,
    /// Debt drawn.
    pub drawn: Usd,
    /// Interest paid.
    pub interest: Usd,
    /// Principal repaid (with any balance left at the horizon's end).
    pub principal: Usd,
    /// Debt fees paid.
    pub fees: Usd,
    /// Property and income tax without interest deducted.
    pub unlevered_tax: Usd,
    /// Property and income tax with interest deducted.
    pub levered_tax: Usd,
    /// EBITDA − capex + asset sales + terminal value.
    pub unlevered_pre_tax: Usd,
    /// Unlevered pre-tax − unlevered tax.
    pub unlevered_after_tax: Usd,
    /// Unlevered pre-tax + drawn − interest − principal − fees.
    pub levered_pre_tax: Usd,
    /// Levered pre-tax − levered tax.
    pub levered_after_tax: Usd,
}

/// A plan financed and taxed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PlanFinance {
    /// Year by year.
    pub years: Vec<FinancedYear>,
    /// Returns of the unlevered pre-tax flows.
    pub unlevered_pre_tax: Returns,
    /// Returns of the unlevered after-tax flows.
    pub unlevered_after_tax: Returns,
    /// Returns of the levered pre-tax flows (to equity).
    pub levered_pre_tax: Returns,
    /// Returns of the levered after-tax flows (to equity).
    pub levered_after_tax: Returns,
    /// DSCR per plan year with debt service.
    pub dscr: Vec<YearDscr>,
    /// The equity contributed to capex beyond the debt's draws, per period
    /// of one grid over all tranches, dated at each period's start
    /// (`wattage-finance`'s `equity_by_period`); all of it, on its dates,
    /// without debt.
    pub equity_contributions: Vec<Draw>,
    /// The levered taxes, year by year.
    pub taxes: Vec<TaxYear>,
}

impl Financing {
    /// A financing on `spec`'s terms.
    ///
    /// # Errors
    /// [`FacilityError::Finance`] for a discount rate at or below −1 or a
    /// tranche whose schedule fails, or a growth rate of a perpetuity at
    /// or above the discount rate.
    pub fn new(spec: FinancingSpec) -> Result<Self, FacilityError> {
        npv(spec.discount_rate, &[])?;
        match spec.terminal_value {
            TerminalValue::EbitdaMultiple(m) => {
                exit_multiple(Usd::ZERO, m)?;
            }
            TerminalValue::PerpetuityGrowth(g) => {
                perpetuity_growth(Usd::ZERO, spec.discount_rate, g)?;
            }
            TerminalValue::None | TerminalValue::Amount(_) => {}
        }
        let schedules = spec
            .debt
            .iter()
            .map(Tranche::schedule)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { spec, schedules })
    }

    /// All equity, untaxed, no terminal value, discounted `discounting`:
    /// the plan's own flows.
    ///
    /// # Errors
    /// As for [`Self::new`].
    pub fn unlevered(
        discount_rate: Decimal,
        discounting: Discounting,
    ) -> Result<Self, FacilityError> {
        Self::new(FinancingSpec {
            debt: Vec::new(),
            taxes: None,
            tax_depreciation: TaxDepreciationSpec::default(),
            terminal_value: TerminalValue::None,
            discount_rate,
            discounting,
        })
    }

    /// The financing's terms.
    #[must_use]
    pub const fn spec(&self) -> &FinancingSpec {
        &self.spec
    }

    /// The debt schedules, one per tranche.
    #[must_use]
    pub fn schedules(&self) -> &[DebtSchedule] {
        &self.schedules
    }

    /// Finances and taxes `flows`.
    ///
    /// # Errors
    /// [`FacilityError::Finance`] or [`FacilityError::Money`] when an
    /// amount cannot be computed.
    pub fn evaluate(&self, flows: &CashFlows) -> Result<PlanFinance, FacilityError> {
        let mut years = self.pre_tax_years(flows)?;
        let taxes = self.tax_rows(flows, &mut years)?;
        let first_day = flows.horizon().start().date_naive();
        let dscr = dscr_by_year(
            &debt_years_from(&self.schedules, first_day)?,
            &years
                .iter()
                .map(|y| Ok((y.year, y.ebitda.checked_sub(y.levered_tax)?)))
                .collect::<Result<Vec<_>, FacilityError>>()?,
        )?
        .into_iter()
        .filter(|d| d.dscr.is_some())
        .collect();
        let returns = |series: Series| self.returns(flows, &years, series);
        Ok(PlanFinance {
            unlevered_pre_tax: returns(Series {
                levered: false,
                after_tax: false,
            })?,
            unlevered_after_tax: returns(Series {
                levered: false,
                after_tax: true,
            })?,
            levered_pre_tax: returns(Series {
                levered: true,
                after_tax: false,
            })?,
            levered_after_tax: returns(Series {
                levered: true,
                after_tax: true,
            })?,
            dscr,
            equity_contributions: self.equity(flows)?,
            taxes,
            years,
        })
    }
}

/// The debt's lines of one plan year.
#[derive(Debug, Clone, Copy, Default)]
struct DebtLines {
    drawn: Usd,
    interest: Usd,
    principal: Usd,
    fees: Usd,
}

impl Financing {
    /// The debt by plan year from `first_day`, with the balance left at
    /// the end of `last` repaid in it.
    fn debt_by_year(
        &self,
        first_day: NaiveDate,
        last: i32,
    ) -> Result<BTreeMap<i32, DebtLines>, FacilityError> {
        let mut out: BTreeMap<i32, DebtLines> = BTreeMap::new();
        let mut outstanding = Usd::ZERO;
        for y in debt_years_from(&self.schedules, first_day)?
            .into_iter()
            .filter(|y| y.year <= last)
        {
            let row = out.entry(y.year).or_default();
            row.drawn = row.drawn.checked_add(y.drawn)?;
            row.interest = row.interest.checked_add(y.interest)?;
            row.principal = row.principal.checked_add(y.principal)?;
            row.fees = row.fees.checked_add(y.fees)?;
            outstanding = outstanding.checked_add(y.drawn)?.checked_sub(y.principal)?;
        }
        if outstanding > Usd::ZERO {
            let row = out.entry(last).or_default();
            row.principal = row.principal.checked_add(outstanding)?;
        }
        Ok(out)
    }

    /// The years before tax: the plan's rows with the debt and the
    /// terminal value.
    fn pre_tax_years(&self, flows: &CashFlows) -> Result<Vec<FinancedYear>, FacilityError> {
        let rows = flows.rows();
        let last = rows.last().map_or(i32::MIN, |r| r.start.year());
        let debt = self.debt_by_year(flows.horizon().start().date_naive(), last)?;
        let mut out = Vec::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            let year = r.start.year();
            let d = debt.get(&year).copied().unwrap_or_default();
            let terminal_value = match (self.spec.terminal_value, i + 1 == rows.len()) {
                (TerminalValue::Amount(v), true) => v,
                (TerminalValue::EbitdaMultiple(m), true) => exit_multiple(r.ebitda, m)?,
                (TerminalValue::PerpetuityGrowth(g), true) => {
                    perpetuity_growth(r.cash_flow, self.spec.discount_rate, g)?
                }
                _ => Usd::ZERO,
            }
            .max(Usd::ZERO);
            let unlevered = r.cash_flow.checked_add(terminal_value)?;
            let levered = unlevered
                .checked_add(d.drawn)?
                .checked_sub(d.interest)?
                .checked_sub(d.principal)?
                .checked_sub(d.fees)?;
            out.push(FinancedYear {
                year,
                ebitda: r.ebitda,
                capex: r.capex,
                asset_sales: r.asset_sales,
                terminal_value,
                book_depreciation: r.depreciation,
                tax_depreciation: Usd::ZERO,
                gain_on_sale: Usd::ZERO,
                drawn: d.drawn,
                interest: d.interest,
                principal: d.principal,
                fees: d.fees,
                unlevered_tax: Usd::ZERO,
                levered_tax: Usd::ZERO,
                unlevered_pre_tax: unlevered,
                unlevered_after_tax: unlevered,
                levered_pre_tax: levered,
                levered_after_tax: levered,
            });
        }
        Ok(out)
    }

    /// Book value of the plan's assets on `at`.
    fn asset_value(flows: &CashFlows, at: NaiveDate) -> Result<Usd, FacilityError> {
        let mut total = Usd::ZERO;
        for asset in flows.assets() {
            for v in asset.vintages(at)? {
                if v.sold.is_none_or(|s| s > at) {
                    total = total.checked_add(book::book_value_at(&v, at)?)?;
                }
            }
        }
        Ok(total)
    }

    /// Fills in the taxes of `years` (unchanged when untaxed); the levered
    /// tax years.
    fn tax_rows(
        &self,
        flows: &CashFlows,
        years: &mut [FinancedYear],
    ) -> Result<Vec<TaxYear>, FacilityError> {
        let Some(taxes) = &self.spec.taxes else {
            return Ok(Vec::new());
        };
        let until = flows.horizon().end().date_naive();
        let first_day = flows.horizon().start().date_naive();
        let assets = tax_years(
            flows.assets(),
            &self.spec.tax_depreciation,
            until,
            first_day,
        )?;
        let mut unlevered = Vec::with_capacity(years.len());
        let mut levered = Vec::with_capacity(years.len());
        for (y, row) in years.iter_mut().zip(flows.rows()) {
            let a: TaxAssetYear = assets.get(&y.year).copied().unwrap_or_default();
            y.tax_depreciation = a.depreciation;
            y.gain_on_sale = a.gain;
            let input = |interest: Usd, cash: Usd| -> Result<TaxYearInput, FacilityError> {
                Ok(TaxYearInput {
                    year: y.year,
                    ebitda: y.ebitda.checked_add(a.gain)?,
                    tax_depreciation: a.depreciation,
                    interest,
                    capacity: flows.interconnect(),
                    asset_value: Self::asset_value(flows, row.start.date_naive())?,
                    cash_flow_before_taxes: cash,
                })
            };
            unlevered.push(input(Usd::ZERO, y.unlevered_pre_tax)?);
            levered.push(input(y.interest.checked_add(y.fees)?, y.levered_pre_tax)?);
        }
        let unlevered = taxes.years(&unlevered)?;
        let levered = taxes.years(&levered)?;
        for ((y, u), l) in years.iter_mut().zip(&unlevered).zip(&levered) {
            y.unlevered_tax = u.property_tax.checked_add(u.income_tax)?;
            y.levered_tax = l.property_tax.checked_add(l.income_tax)?;
            y.unlevered_after_tax = y.unlevered_pre_tax.checked_sub(y.unlevered_tax)?;
            y.levered_after_tax = y.levered_pre_tax.checked_sub(y.levered_tax)?;
        }
        Ok(levered)
    }

    /// The equity that funds capex beyond the debt's draws, on one grid
    /// of periods over all tranches (`wattage-finance`'s
    /// `equity_by_period`): in each period the capex and asset purchases
    /// dated in it less what every tranche draws in it; uses outside all
    /// tranches' terms on their own dates.
    fn equity(&self, flows: &CashFlows) -> Result<Vec<Draw>, FacilityError> {
        let uses: Vec<Draw> = flows
            .capex_payments()
            .iter()
            .map(|p| Draw {
                date: p.at.date_naive(),
                amount: p.amount,
            })
            .chain(
                flows
                    .asset_events()
                    .iter()
                    .filter(|e| e.kind == AssetEventKind::Purchase)
                    .map(|e| Draw {
                        date: e.at,
                        amount: e.amount,
                    }),
            )
            .collect();
        Ok(equity_by_period(&uses, &self.spec.debt)?
            .into_iter()
            .filter(|p| p.equity > Usd::ZERO)
            .map(|p| Draw {
                date: p.start,
                amount: p.equity,
            })
            .collect())
    }
}

impl TryFrom<FinancingSpec> for Financing {
    type Error = FacilityError;

    fn try_from(spec: FinancingSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<Financing> for FinancingSpec {
    fn from(f: Financing) -> Self {
        f.spec
    }
}

/// Which of the four series.
#[derive(Debug, Clone, Copy)]
struct Series {
    levered: bool,
    after_tax: bool,
}

impl Series {
    fn of(self, y: &FinancedYear) -> Usd {
        match (self.levered, self.after_tax) {
            (false, false) => y.unlevered_pre_tax,
            (false, true) => y.unlevered_after_tax,
            (true, false) => y.levered_pre_tax,
            (true, true) => y.levered_after_tax,
        }
    }
}

fn minus(amount: Usd) -> Usd {
    Usd::new(-amount.dollars())
}

/// A year's tax paid in four equal estimated installments (the last
/// taking the cents rounding left), due on the 15th day of the 4th, 6th,
/// 9th and 12th months of the tax year starting on `year_start` (the
/// months of a calendar or a fiscal year), as US corporations pay
/// estimated tax (IRS Form 1120-W, "Estimated Tax for Corporations");
/// none later than `last_day`.
fn installments(
    year_start: NaiveDate,
    tax: Usd,
    last_day: NaiveDate,
) -> Result<Vec<DatedAmount>, FacilityError> {
    let quarter = tax.checked_div(Decimal::from(4))?.round_to_cents();
    let mut out = Vec::with_capacity(4);
    let mut paid = Usd::ZERO;
    for (k, month) in [3u32, 5, 8, 11].into_iter().enumerate() {
        let amount = if k == 3 {
            tax.checked_sub(paid)?
        } else {
            quarter
        };
        paid = paid.checked_add(amount)?;
        let due = year_start
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(month)))
            .and_then(|d| d.with_day(15))
            .unwrap_or(last_day);
        out.push(DatedAmount {
            date: due.min(last_day),
            amount: minus(amount),
        });
    }
    Ok(out)
}

impl Financing {
    /// NPV and IRR of one series under the financing's discounting.
    fn returns(
        &self,
        flows: &CashFlows,
        years: &[FinancedYear],
        series: Series,
    ) -> Result<Returns, FacilityError> {
        let rate = self.spec.discount_rate;
        match self.spec.discounting {
            Discounting::Yearly(timing) => {
                let values: Vec<Usd> = match timing.period {
                    Period::Year => years.iter().map(|y| series.of(y)).collect(),
                    Period::Month => self.monthly(flows, years, series)?,
                };
                Ok(Returns {
                    npv: npv_with(timing, rate, &values)?,
                    irr: irr_with(timing, &values).ok(),
                })
            }
            Discounting::Dated => {
                let dated = self.dated(flows, years, series)?;
                Ok(Returns {
                    npv: xnpv(rate, &dated)?,
                    irr: xirr(&dated).ok(),
                })
            }
        }
    }

    /// One series of a financed plan on its dates (see
    /// [`Discounting::Dated`]), in date order: `levered` or not, after tax
    /// or before. `finance` is [`Self::evaluate`]'s result for `flows`.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn dated_series(
        &self,
        flows: &CashFlows,
        finance: &PlanFinance,
        levered: bool,
        after_tax: bool,
    ) -> Result<Vec<DatedAmount>, FacilityError> {
        self.dated(flows, &finance.years, Series { levered, after_tax })
    }

    /// One series on its dates (see [`Discounting::Dated`]), in date order.
    fn dated(
        &self,
        flows: &CashFlows,
        years: &[FinancedYear],
        series: Series,
    ) -> Result<Vec<DatedAmount>, FacilityError> {
        let horizon = flows.horizon();
        let (start, end) = (horizon.start().date_naive(), horizon.end().date_naive());
        let last_day = end.pred_opt().unwrap_or(end);
        let mut out: Vec<DatedAmount> = flows
            .dated_flows()
            .into_iter()
            .map(|(date, amount)| DatedAmount { date, amount })
            .collect();
        if let Some(last) = years.last() {
            out.push(DatedAmount {
                date: last_day,
                amount: last.terminal_value,
            });
        }
        if series.after_tax {
            for (y, row) in years.iter().zip(flows.rows()) {
                let tax = if series.levered {
                    y.levered_tax
                } else {
                    y.unlevered_tax
                };
                out.extend(installments(row.start.date_naive(), tax, last_day)?);
            }
        }
        if series.levered {
            let mut outstanding = Usd::ZERO;
            for p in self.schedules.iter().flat_map(DebtSchedule::periods) {
                if p.start >= start && p.start < end {
                    out.push(DatedAmount {
                        date: p.start,
                        amount: p.drawn,
                    });
                    outstanding = outstanding.checked_add(p.drawn)?;
                }
                if p.end > start && p.end <= end {
                    let service = p.interest.checked_add(p.principal)?.checked_add(p.fees)?;
                    out.push(DatedAmount {
                        date: p.end.min(last_day),
                        amount: minus(service),
                    });
                    outstanding = outstanding.checked_sub(p.principal)?;
                }
            }
            if outstanding > Usd::ZERO {
                out.push(DatedAmount {
                    date: last_day,
                    amount: minus(outstanding),
                });
            }
        }
        out.retain(|d| !d.amount.dollars().is_zero());
        out.sort_by_key(|d| d.date);
        Ok(out)
    }
}

impl Financing {
    /// One series of a financed plan month by month (see
    /// [`Discounting::Yearly`] with [`Period::Month`]): one amount per
    /// month of [`CashFlows::months`], `levered` or not, after tax or
    /// before. `finance` is [`Self::evaluate`]'s result for `flows`. When
    /// the horizon is whole plan years and the debt's periods start on
    /// its months, each plan year's months sum to its row of
    /// `finance.years`.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn monthly_series(
        &self,
        flows: &CashFlows,
        finance: &PlanFinance,
        levered: bool,
        after_tax: bool,
    ) -> Result<Vec<Usd>, FacilityError> {
        self.monthly(flows, &finance.years, Series { levered, after_tax })
    }

    /// One series by month, in order.
    fn monthly(
        &self,
        flows: &CashFlows,
        years: &[FinancedYear],
        series: Series,
    ) -> Result<Vec<Usd>, FacilityError> {
        let months = flows.months();
        let mut out: Vec<Usd> = months.iter().map(|m| m.ebitda).collect();
        let Some(last) = out.len().checked_sub(1) else {
            return Ok(out);
        };
        let month_of = |day: NaiveDate| {
            months
                .iter()
                .rposition(|m| m.start.date_naive() <= day)
                .unwrap_or(0)
        };
        let mut add = |slot: usize, amount: Usd| -> Result<(), FacilityError> {
            if let Some(value) = out.get_mut(slot.min(last)) {
                *value = value.checked_add(amount)?;
            }
            Ok(())
        };
        for p in flows.capex_payments() {
            add(month_of(p.at.date_naive()), minus(p.amount))?;
        }
        for e in flows.asset_events() {
            let amount = match e.kind {
                AssetEventKind::Purchase => minus(e.amount),
                AssetEventKind::Sale => e.amount,
            };
            add(month_of(e.at), amount)?;
        }
        let first_day = flows.horizon().start().date_naive();
        for y in years {
            add(last, y.terminal_value)?;
            if series.after_tax {
                let tax = if series.levered {
                    y.levered_tax
                } else {
                    y.unlevered_tax
                };
                let year_end = months
                    .iter()
                    .rposition(|m| plan_year(first_day, m.start.date_naive()) == y.year);
                add(year_end.unwrap_or(last), minus(tax))?;
            }
        }
        if series.levered {
            for (slot, amount) in self.monthly_debt(flows, &month_of)? {
                add(slot, amount)?;
            }
        }
        Ok(out)
    }

    /// The debt's cash by month (draws in the month their period starts,
    /// service in the month of its last day), as in the yearly rows: a
    /// period whose last day falls outside the horizon's plan years is
    /// left out, and what is outstanding after the last one is repaid in
    /// the last month.
    fn monthly_debt(
        &self,
        flows: &CashFlows,
        month_of: &dyn Fn(NaiveDate) -> usize,
    ) -> Result<Vec<(usize, Usd)>, FacilityError> {
        let first_day = flows.horizon().start().date_naive();
        let last_year = flows
            .rows()
            .last()
            .map_or(i32::MIN, |r| plan_year(first_day, r.start.date_naive()));
        let first_year = first_day.year();
        let last_month = flows.months().len().saturating_sub(1);
        let mut out = Vec::new();
        let mut outstanding = Usd::ZERO;
        for p in self.schedules.iter().flat_map(DebtSchedule::periods) {
            let last_day = p.end.pred_opt().unwrap_or(p.start);
            let year = plan_year(first_day, last_day);
            if year > last_year {
                continue;
            }
            outstanding = outstanding.checked_add(p.drawn)?.checked_sub(p.principal)?;
            if year < first_year {
                continue;
            }
            let service = p.interest.checked_add(p.principal)?.checked_add(p.fees)?;
            out.push((month_of(p.start), p.drawn));
            out.push((month_of(last_day), minus(service)));
        }
        if outstanding > Usd::ZERO {
            out.push((last_month, minus(outstanding)));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Form 1120-W: the 15th day of the 4th, 6th, 9th and 12th months of
    /// the tax year, a calendar one or a fiscal one from 1 July.
    #[test]
    fn installments_fall_in_the_4th_6th_9th_and_12th_months_of_the_tax_year() {
        let tax = Usd::new(Decimal::from(1_000));
        let days = |start, last| -> Vec<NaiveDate> {
            installments(start, tax, last)
                .unwrap()
                .iter()
                .map(|d| d.date)
                .collect()
        };
        assert_eq!(
            days(date(2026, 1, 1), date(2030, 1, 1)),
            [
                date(2026, 4, 15),
                date(2026, 6, 15),
                date(2026, 9, 15),
                date(2026, 12, 15)
            ]
        );
        assert_eq!(
            days(date(2026, 7, 1), date(2030, 1, 1)),
            [
                date(2026, 10, 15),
                date(2026, 12, 15),
                date(2027, 3, 15),
                date(2027, 6, 15)
            ]
        );
        // None after the horizon's last day; the four sum to the tax.
        let late = installments(date(2026, 1, 1), tax, date(2026, 8, 31)).unwrap();
        assert_eq!(late[3].date, date(2026, 8, 31));
        let paid = Usd::try_sum(late.iter().map(|d| d.amount)).unwrap();
        assert_eq!(paid, minus(tax));
    }
}
