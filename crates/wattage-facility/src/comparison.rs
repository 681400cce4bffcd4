//! Year-by-year comparison of two plans for one site (say, converting
//! part of it to an AI lease against staying all-mining).

use alloc::string::String;
use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FacilityError;
use crate::curtailment::Curtailment;
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::power::PowerContract;
use crate::run::simulate_site;
use crate::summary::{CapexPayment, CashFlows, Summary, YearRow};

/// A named plan: a deployment over time and its facility capex.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Plan {
    /// A name for reports.
    pub name: String,
    /// Workloads in halls, with their windows.
    pub deployment: Deployment,
    /// Facility capex.
    pub capex: Vec<CapexPayment>,
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
    /// NPV of the base plan's cash flows at the discount rate.
    pub base_npv: Usd,
    /// NPV of the alternative's.
    pub alternative_npv: Usd,
    /// IRR of the incremental cash flows (`None` when they do not change sign).
    pub incremental_irr: Option<Decimal>,
    /// Years until the incremental cash flows pay back (`None` if never).
    pub incremental_payback_years: Option<Decimal>,
}

/// What the two plans of a comparison share: the power contract, the
/// horizon (hourly or 15-minute), the curtailment policy of their mining
/// loads, opex per IT MW-year, and the discount rate of the NPVs.
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use rust_decimal::Decimal;
/// use wattage_facility::comparison::Assumptions;
/// use wattage_facility::{Curtailment, Horizon, PowerContract, PowerSupply, Resolution};
/// use chrono::{TimeZone, Utc};
///
/// let assumptions = Assumptions {
///     contract: PowerContract::new(PowerSupply::fixed("$42/MWh".parse()?)),
///     horizon: Horizon::calendar_years(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Resolution::Hourly, 10)?,
///     curtailment: Curtailment::AboveBreakeven,
///     opex_per_mw_year: "$60,000".parse()?,
///     discount_rate: Decimal::new(10, 2),
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
    let Assumptions {
        contract,
        horizon,
        curtailment: policy,
        opex_per_mw_year,
        discount_rate,
    } = assumptions;
    let (horizon, policy, opex_per_mw_year, discount_rate) =
        (*horizon, *policy, *opex_per_mw_year, *discount_rate);
    let evaluate = |plan: &Plan| -> Result<PlanResult, FacilityError> {
        let ledger = simulate_site(&plan.deployment, contract, horizon, policy)?;
        Ok(PlanResult {
            name: plan.name.clone(),
            summary: Summary::new(&ledger, &plan.deployment, opex_per_mw_year)?,
            cash_flows: CashFlows::new(&ledger, &plan.deployment, opex_per_mw_year, &plan.capex)?,
        })
    };
    let base = evaluate(base)?;
    let alternative = evaluate(alternative)?;
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
    let incremental: Vec<Usd> = years.iter().map(|y| y.incremental_cash_flow).collect();
    Ok(Comparison {
        base_npv: base.cash_flows.npv(discount_rate)?,
        alternative_npv: alternative.cash_flows.npv(discount_rate)?,
        incremental_irr: crate::finance::irr(&incremental).ok(),
        incremental_payback_years: crate::finance::payback_period(&incremental)?,
        base,
        alternative,
        years,
    })
}
