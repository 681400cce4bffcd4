//! Year-by-year comparison of two plans for one site (say, converting
//! part of it to an AI lease against staying all-mining).

use alloc::string::String;
use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FacilityError;
use crate::capital::{
    Discounting, FinancedYear, Financing, FinancingSpec, PlanFinance, Returns, TaxDepreciationSpec,
    TerminalValue,
};
use crate::curtailment::Curtailment;
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::power::PowerContract;
use crate::run::simulate_site;
use crate::summary::{CapexPayment, CashFlows, Summary, YearRow};
use wattage_finance::dated::DatedAmount;
use wattage_finance::{Taxes, Tranche, irr_with, npv_with, xirr, xnpv};

/// A named plan: a deployment over time and its facility capex.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Plan {
    /// A name for reports.
    pub name: String,
    /// Workloads in halls, with their windows.
    pub deployment: Deployment,
    /// Facility capex paid as cash (assets are in the deployment).
    pub capex: Vec<CapexPayment>,
    /// The plan's debt (none: all equity). In a config, may be left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub debt: Vec<Tranche>,
    /// Its value at the horizon's end. In a config, may be left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub terminal_value: TerminalValue,
}

impl Plan {
    /// An all-equity plan named `name`: `deployment` with the facility
    /// `capex` paid as cash, no debt and no terminal value. Set the public
    /// fields `debt` and `terminal_value` for more.
    ///
    /// ```
    /// // Needs wattage-facility (in the wattage facade: wattage::facility).
    /// use wattage_facility::comparison::Plan;
    /// use wattage_facility::deployment::Deployment;
    /// use wattage_facility::site::Site;
    ///
    /// let plan = Plan::new("all mining", Deployment::new(Site::new("S", "10 MW".parse()?)?), vec![]);
    /// assert!(plan.debt.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn new(name: impl Into<String>, deployment: Deployment, capex: Vec<CapexPayment>) -> Self {
        Self {
            name: name.into(),
            deployment,
            capex,
            debt: Vec::new(),
            terminal_value: TerminalValue::None,
        }
    }
}

/// The results of one plan.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct PlanResult {
    /// The plan's name.
    pub name: String,
    /// Its summary over the horizon.
    pub summary: Summary,
    /// Its yearly cash flows.
    pub cash_flows: CashFlows,
    /// Its cash flows financed and taxed.
    pub finance: PlanFinance,
}

impl PlanResult {
    /// Years until the plan's own yearly cash flows (EBITDA − capex + asset
    /// sales, unlevered and before tax) pay back: the whole years whose
    /// cumulative sum is still negative plus the fraction of the next year
    /// that covers the rest, as [`crate::finance::payback_period`] counts;
    /// `None` if they never do within the horizon.
    ///
    /// # Errors
    /// [`FacilityError::Finance`] when a cumulative sum overflows.
    pub fn payback_years(&self) -> Result<Option<Decimal>, FacilityError> {
        let flows: Vec<Usd> = self.cash_flows.rows().iter().map(|y| y.cash_flow).collect();
        Ok(crate::finance::payback_period(&flows)?)
    }
}

/// NPV and IRR of the alternative's flows less the base's, in each of the
/// four series (see [`crate::capital::financing`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Incremental {
    /// Unlevered, before tax.
    pub unlevered_pre_tax: Returns,
    /// Unlevered, after tax.
    pub unlevered_after_tax: Returns,
    /// Levered (to equity), before tax.
    pub levered_pre_tax: Returns,
    /// Levered (to equity), after tax.
    pub levered_after_tax: Returns,
}

/// One year of two plans side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct YearComparison {
    /// Year index from 0.
    pub year: u32,
    /// The base plan's year.
    pub base: YearRow,
    /// The alternative's year.
    pub alternative: YearRow,
    /// Alternative cash flow − base cash flow.
    pub incremental_cash_flow: Usd,
}

/// Two plans compared year by year.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The base plan.
    pub base: PlanResult,
    /// The alternative.
    pub alternative: PlanResult,
    /// Year by year.
    pub years: Vec<YearComparison>,
    /// NPV of the base plan's unlevered pre-tax cash flows at the
    /// discount rate, under the assumptions' discounting.
    pub base_npv: Usd,
    /// NPV of the alternative's.
    pub alternative_npv: Usd,
    /// IRR of the incremental unlevered pre-tax cash flows (`None` when
    /// they do not change sign).
    pub incremental_irr: Option<Decimal>,
    /// The incremental flows of all four series.
    pub incremental: Incremental,
    /// Years until the incremental cash flows pay back (`None` if never).
    pub incremental_payback_years: Option<Decimal>,
}

/// What the two plans of a comparison share: the power contract, the
/// horizon (hourly or 15-minute), the curtailment policy of their mining
/// loads, opex per IT MW-year, the discount rate of the NPVs and how it
/// discounts (an explicit choice), the taxes (`None`: untaxed) and the tax
/// depreciation of the assets.
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use rust_decimal::Decimal;
/// use wattage_facility::capital::{Discounting, TaxDepreciationSpec};
/// use wattage_facility::comparison::Assumptions;
/// use wattage_finance::Timing;
/// use wattage_facility::{Curtailment, Horizon, PowerContract, PowerSupply, Resolution};
/// use chrono::{TimeZone, Utc};
///
/// let assumptions = Assumptions {
///     contract: PowerContract::new(PowerSupply::fixed("$42/MWh".parse()?)),
///     horizon: Horizon::calendar_years(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Resolution::Hourly, 10)?,
///     curtailment: Curtailment::AboveBreakeven,
///     opex_per_mw_year: "$60,000".parse()?,
///     discount_rate: Decimal::new(10, 2),
///     discounting: Discounting::Yearly(Timing::YEARLY), // the first year undiscounted
///     taxes: None,
///     tax_depreciation: TaxDepreciationSpec::default(),
/// };
/// assert_eq!(assumptions.horizon.periods(), 87_648);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Assumptions {
    /// The power contract both plans buy under.
    pub contract: PowerContract,
    /// The simulated horizon.
    pub horizon: Horizon,
    /// When the plans' mining loads switch off.
    pub curtailment: Curtailment,
    /// Operating cost per IT MW-year.
    pub opex_per_mw_year: Usd,
    /// Discount rate per year, a fraction (`0.10` is 10%).
    pub discount_rate: Decimal,
    /// Yearly (which first-year convention) or dated discounting.
    pub discounting: Discounting,
    /// Taxes of both plans (`None`: untaxed). In a config, may be left out.
    #[cfg_attr(feature = "serde", serde(default))]
    pub taxes: Option<Taxes>,
    /// Tax depreciation of both plans' assets. In a config, may be left
    /// out (MACRS, no bonus).
    #[cfg_attr(feature = "serde", serde(default))]
    pub tax_depreciation: TaxDepreciationSpec,
}

/// Simulates `base` and `alternative` under the same `assumptions` and
/// compares their yearly cash flows.
///
/// # Errors
/// As for [`simulate_site`], [`Summary::new`] and [`CashFlows::new`].
pub fn compare(
    base: &Plan,
    alternative: &Plan,
    assumptions: &Assumptions,
) -> Result<Comparison, FacilityError> {
    let evaluate = |plan: &Plan| -> Result<(PlanResult, Financing), FacilityError> {
        let a = assumptions;
        let ledger = simulate_site(&plan.deployment, &a.contract, a.horizon, a.curtailment)?;
        let cash_flows =
            CashFlows::new(&ledger, &plan.deployment, a.opex_per_mw_year, &plan.capex)?;
        let financing = Financing::new(FinancingSpec {
            debt: plan.debt.clone(),
            taxes: a.taxes,
            tax_depreciation: a.tax_depreciation,
            terminal_value: plan.terminal_value,
            discount_rate: a.discount_rate,
            discounting: a.discounting,
        })?;
        let finance = financing.evaluate(&cash_flows)?;
        let result = PlanResult {
            name: plan.name.clone(),
            summary: Summary::new(&ledger, &plan.deployment, a.opex_per_mw_year)?,
            cash_flows,
            finance,
        };
        Ok((result, financing))
    };
    let (base, base_financing) = evaluate(base)?;
    let (alternative, alternative_financing) = evaluate(alternative)?;
    let years = base
        .cash_flows
        .rows()
        .iter()
        .zip(alternative.cash_flows.rows())
        .map(|(b, a)| {
            Ok(YearComparison {
                year: b.year,
                base: *b,
                alternative: *a,
                incremental_cash_flow: a.cash_flow.checked_sub(b.cash_flow)?,
            })
        })
        .collect::<Result<Vec<_>, FacilityError>>()?;
    let incremental = incremental_returns(
        assumptions,
        (&base, &base_financing),
        (&alternative, &alternative_financing),
    )?;
    let flows: Vec<Usd> = years.iter().map(|y| y.incremental_cash_flow).collect();
    Ok(Comparison {
        base_npv: base.finance.unlevered_pre_tax.npv,
        alternative_npv: alternative.finance.unlevered_pre_tax.npv,
        incremental_irr: incremental.unlevered_pre_tax.irr,
        incremental,
        incremental_payback_years: crate::finance::payback_period(&flows)?,
        base,
        alternative,
        years,
    })
}

/// The four series of `alternative` less those of `base`, discounted as
/// the assumptions say.
fn incremental_returns(
    assumptions: &Assumptions,
    base: (&PlanResult, &Financing),
    alternative: (&PlanResult, &Financing),
) -> Result<Incremental, FacilityError> {
    let rate = assumptions.discount_rate;
    let one = |levered: bool, after_tax: bool| -> Result<Returns, FacilityError> {
        match assumptions.discounting {
            Discounting::Yearly(timing) => {
                let pick = |y: &FinancedYear| match (levered, after_tax) {
                    (false, false) => y.unlevered_pre_tax,
                    (false, true) => y.unlevered_after_tax,
                    (true, false) => y.levered_pre_tax,
                    (true, true) => y.levered_after_tax,
                };
                let flows = base
                    .0
                    .finance
                    .years
                    .iter()
                    .zip(&alternative.0.finance.years)
                    .map(|(b, a)| Ok(pick(a).checked_sub(pick(b))?))
                    .collect::<Result<Vec<Usd>, FacilityError>>()?;
                Ok(Returns::new(
                    npv_with(timing, rate, &flows)?,
                    irr_with(timing, &flows).ok(),
                ))
            }
            _ => {
                let mut flows = alternative.1.dated_series(
                    &alternative.0.cash_flows,
                    &alternative.0.finance,
                    levered,
                    after_tax,
                )?;
                for d in
                    base.1
                        .dated_series(&base.0.cash_flows, &base.0.finance, levered, after_tax)?
                {
                    flows.push(DatedAmount {
                        date: d.date,
                        amount: Usd::new(-d.amount.dollars()),
                    });
                }
                flows.sort_by_key(|d| d.date);
                Ok(Returns::new(xnpv(rate, &flows)?, xirr(&flows).ok()))
            }
        }
    };
    Ok(Incremental {
        unlevered_pre_tax: one(false, false)?,
        unlevered_after_tax: one(false, true)?,
        levered_pre_tax: one(true, false)?,
        levered_after_tax: one(true, true)?,
    })
}
