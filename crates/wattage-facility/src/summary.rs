//! Results: revenue, energy cost, gross margin and EBITDA per workload and
//! per MW-year, cost to mine one bitcoin, and yearly cash flows with NPV,
//! IRR and payback.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::power::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::power::PowerContract;
//! use wattage_facility::price_series::Resolution;
//! use wattage_facility::pue::Pue;
//! use wattage_facility::run::simulate_site;
//! use wattage_facility::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::summary::{CapexPayment, CashFlows, Summary};
//! use wattage_facility::workload::{SelfMining, SelfMiningSpec, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let site = Site::new("S", "20 MW".parse()?)?.with_hall(Hall::new("A", "18 MW".parse()?, Pue::constant(1.05)?)?)?;
//! let mut plan = Deployment::new(site);
//! // 1 EH/s at 16 J/TH, $52/PH/day, FPPS at 2%.
//! plan.assign("fleet", "A", Workload::SelfMining(SelfMining::new(SelfMiningSpec { hashrate: "1 EH/s".parse()?, it_power: "16 MW".parse()?,
//!     pool: Pool::fpps(Decimal::new(2, 2))?, hashprice: HashpricePath::Constant("$52/PH/day".parse()?), btc_price: "$100,000/BTC".parse()? })?))?;
//! let horizon = Horizon::calendar_years(start, Resolution::Hourly, 3)?;
//! let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse()?));
//! let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven)?;
//!
//! let summary = Summary::new(&ledger, &plan, "$50,000".parse()?)?;
//! let fleet = summary.workload("fleet").unwrap();
//! // $52 × 1000 PH/s × 0.98 a day, over a 365.25-day MW-year of 16 MW: about $1.16M.
//! assert_eq!(format!("{:.0}", fleet.revenue_per_mw_year.unwrap()), "$1163321");
//! // Energy cost of a bitcoin: 16.8 MW × 24 h × $45 / 0.5096 BTC a day.
//! assert_eq!(format!("{:.0}", fleet.energy_cost_per_btc.unwrap()), "$35604");
//!
//! // $20M of miners up front: cash flows by year, NPV at 8%, IRR, payback.
//! let capex = [CapexPayment { at: start, amount: "$20M".parse()? }];
//! let flows = CashFlows::new(&ledger, &plan, "$50,000".parse()?, &capex)?;
//! assert_eq!(flows.rows().len(), 3);
//! assert!(flows.npv(Decimal::new(8, 2))?.dollars() > Decimal::ZERO);
//! assert!(flows.rows()[0].cash_flow.is_negative()); // year 0: EBITDA less the capex
//! assert!(flows.payback_years()?.unwrap() < Decimal::TWO);
//! let irr = flows.irr()?;
//! assert!(irr > Decimal::new(5, 1) && irr < Decimal::ONE); // 50-100% a year
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Months, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, Energy, MoneyError, Time, Usd, unit};

use crate::FacilityError;
use crate::deployment::Deployment;
use crate::finance::{irr, npv, payback_period};
use crate::horizon::Horizon;
use crate::ledger::{SiteLedger, WorkloadTotals};
use crate::workload::Workload;

fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

/// A capital payment on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CapexPayment {
    /// When it is paid.
    pub at: DateTime<Utc>,
    /// How much (positive: money out).
    pub amount: Usd,
}

/// The results of one workload over a ledger's horizon.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WorkloadSummary {
    /// The workload's name.
    pub name: String,
    /// Its kind ("self-mining", "colocation", ...).
    pub kind: &'static str,
    /// IT MW-years live: IT MW × live hours / 8,766.
    pub mw_years: Decimal,
    /// Revenue (with power reimbursed by a triple-net tenant).
    pub revenue: Usd,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Sell-back credits.
    pub sell_back_credit: Usd,
    /// Revenue − energy + credits.
    pub gross_margin: Usd,
    /// Operating costs other than energy: opex per IT MW-year × MW-years.
    pub opex: Usd,
    /// Gross margin − opex.
    pub ebitda: Usd,
    /// Straight-line depreciation of the workload's own hardware (GPUs)
    /// over the live time (below EBITDA).
    pub depreciation: Usd,
    /// Revenue per IT MW-year (`None` when never live).
    pub revenue_per_mw_year: Option<Usd>,
    /// EBITDA per IT MW-year.
    pub ebitda_per_mw_year: Option<Usd>,
    /// Bitcoin mined.
    pub btc_mined: Btc,
    /// Direct cost to mine one bitcoin: energy cost less credits, per BTC
    /// (`None` when none was mined).
    pub energy_cost_per_btc: Option<Usd>,
    /// All-in cost per bitcoin: energy less credits, plus opex and
    /// depreciation, per BTC.
    pub all_in_cost_per_btc: Option<Usd>,
    /// Time curtailed.
    pub curtailed_time: Time,
    /// Facility energy not drawn while curtailed.
    pub curtailed_energy: Energy,
    /// What curtailment earned or saved against running.
    pub curtailment_value: Usd,
}

/// Results of a whole site: the workloads and the site-wide lines.
///
/// See [`crate::comparison`] for a worked example.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Summary {
    /// Per workload, in deployment order.
    pub workloads: Vec<WorkloadSummary>,
    /// Revenue of all workloads.
    pub revenue: Usd,
    /// Energy bill of the site.
    pub energy_cost: Usd,
    /// Sell-back credits + demand-response payments − demand and 4CP
    /// charges: the site-wide power lines not attributed to a workload.
    pub site_power_lines: Usd,
    /// Revenue − energy + site power lines.
    pub gross_margin: Usd,
    /// Opex of all workloads.
    pub opex: Usd,
    /// Gross margin − opex.
    pub ebitda: Usd,
    /// EBITDA per MW-year of interconnect capacity.
    pub ebitda_per_interconnect_mw_year: Usd,
    /// Bitcoin mined by all workloads.
    pub btc_mined: Btc,
    /// Energy cost less credits of the mining workloads per bitcoin mined.
    pub energy_cost_per_btc: Option<Usd>,
}

fn per(amount: Usd, denominator: Decimal) -> Result<Option<Usd>, FacilityError> {
    if denominator.is_zero() {
        return Ok(None);
    }
    Ok(Some(amount.checked_div(denominator)?))
}

fn per_btc(amount: Usd, btc: Btc) -> Result<Option<Usd>, FacilityError> {
    if btc.to_sat() <= 0 {
        return Ok(None);
    }
    per(amount, btc.to_btc())
}

impl WorkloadSummary {
    /// The summary of `workload`, named `name`, from its ledger `totals`
    /// over `horizon`, with `opex_per_mw_year` per IT MW-year live.
    fn of(
        name: &str,
        workload: &Workload,
        totals: &WorkloadTotals,
        horizon: Horizon,
        opex_per_mw_year: Usd,
    ) -> Result<Self, FacilityError> {
        let it_mw = to_decimal("IT load in MW", workload.it_power().get(unit::MEGAWATT))?;
        let live_hours = Decimal::from(totals.live_periods)
            .checked_mul(horizon.period_hours())
            .ok_or_else(|| overflow("live hours"))?;
        let live_years = live_hours
            .checked_div(Decimal::from(8766))
            .ok_or_else(|| overflow("live years"))?;
        let mw_years = it_mw
            .checked_mul(live_years)
            .ok_or_else(|| overflow("MW-years"))?;
        let gross_margin = totals.gross_margin()?;
        let opex = opex_per_mw_year.checked_mul(mw_years)?;
        let ebitda = gross_margin.checked_sub(opex)?;
        let depreciation = match workload {
            Workload::GpuCloud(g) => g.annual_depreciation()?.checked_mul(live_years)?,
            _ => Usd::ZERO,
        };
        let net_energy = totals.energy_cost.checked_sub(totals.sell_back_credit)?;
        Ok(Self {
            name: name.into(),
            kind: workload.kind(),
            mw_years,
            revenue: totals.revenue,
            energy_cost: totals.energy_cost,
            sell_back_credit: totals.sell_back_credit,
            gross_margin,
            opex,
            ebitda,
            depreciation,
            revenue_per_mw_year: per(totals.revenue, mw_years)?,
            ebitda_per_mw_year: per(ebitda, mw_years)?,
            btc_mined: totals.btc_mined,
            energy_cost_per_btc: per_btc(net_energy, totals.btc_mined)?,
            all_in_cost_per_btc: per_btc(
                net_energy.checked_add(opex)?.checked_add(depreciation)?,
                totals.btc_mined,
            )?,
            curtailed_time: totals.curtailed_time,
            curtailed_energy: totals.curtailed_energy,
            curtailment_value: totals.curtailment_value,
        })
    }
}

impl Summary {
    /// Summarizes `ledger`, a simulation of `deployment`, with
    /// `opex_per_mw_year` dollars of non-energy operating cost per IT
    /// MW-year live (staff, maintenance, insurance, pool-independent
    /// fees).
    ///
    /// # Errors
    /// [`FacilityError::WorkloadName`] when the ledger's workloads are not
    /// the deployment's; [`FacilityError::Money`] on overflow.
    pub fn new(
        ledger: &SiteLedger,
        deployment: &Deployment,
        opex_per_mw_year: Usd,
    ) -> Result<Self, FacilityError> {
        let mut workloads = Vec::new();
        let (mut revenue, mut energy_cost, mut opex, mut btc_mined) =
            (Usd::ZERO, Usd::ZERO, Usd::ZERO, Btc::ZERO);
        let mut mining_cost = Usd::ZERO;
        for (index, name) in ledger.workload_names().iter().enumerate() {
            let assignment =
                deployment
                    .assignment(name)
                    .ok_or_else(|| FacilityError::WorkloadName {
                        name: name.clone(),
                        problem: "is in the ledger but not in the deployment",
                    })?;
            let totals = ledger.workload_totals(index).copied().unwrap_or_default();
            let summary = WorkloadSummary::of(
                name,
                assignment.workload(),
                &totals,
                ledger.horizon(),
                opex_per_mw_year,
            )?;
            if matches!(assignment.workload(), Workload::SelfMining(_)) {
                let net_energy = totals.energy_cost.checked_sub(totals.sell_back_credit)?;
                mining_cost = mining_cost.checked_add(net_energy)?;
            }
            revenue = revenue.checked_add(totals.revenue)?;
            energy_cost = energy_cost.checked_add(totals.energy_cost)?;
            opex = opex.checked_add(summary.opex)?;
            btc_mined = btc_mined.checked_add(totals.btc_mined)?;
            workloads.push(summary);
        }
        let site = ledger.totals();
        let site_power_lines = site
            .sell_back_credit
            .checked_add(site.demand_response)?
            .checked_sub(site.demand_charge)?
            .checked_sub(site.transmission_charge)?;
        let gross_margin = revenue
            .checked_sub(energy_cost)?
            .checked_add(site_power_lines)?;
        let ebitda = gross_margin.checked_sub(opex)?;
        let interconnect_mw = to_decimal(
            "interconnect in MW",
            deployment.site().interconnect().get(unit::MEGAWATT),
        )?;
        let horizon_years = to_decimal("horizon in years", ledger.horizon().years())?;
        let site_mw_years = interconnect_mw
            .checked_mul(horizon_years)
            .ok_or_else(|| overflow("site MW-years"))?;
        Ok(Self {
            workloads,
            revenue,
            energy_cost,
            site_power_lines,
            gross_margin,
            opex,
            ebitda,
            ebitda_per_interconnect_mw_year: per(ebitda, site_mw_years)?.unwrap_or(Usd::ZERO),
            btc_mined,
            energy_cost_per_btc: per_btc(mining_cost, btc_mined)?,
        })
    }

    /// The summary of the workload named `name`.
    #[must_use]
    pub fn workload(&self, name: &str) -> Option<&WorkloadSummary> {
        self.workloads.iter().find(|w| w.name == name)
    }
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
    /// Capital spent in the year.
    pub capex: Usd,
    /// EBITDA − capex.
    pub cash_flow: Usd,
}

/// A site's ledger cut into years, with capital spending: the cash flows
/// for NPV, IRR and payback.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CashFlows {
    rows: Vec<YearRow>,
}

/// Each workload's opex per period: opex per IT MW-year × IT MW × hours / 8,766.
fn opex_per_period(
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
            let mw = to_decimal("IT load in MW", a.workload().it_power().get(unit::MEGAWATT))?;
            Ok(opex_per_mw_year
                .checked_mul(mw)?
                .checked_mul(hours)?
                .checked_div(Decimal::from(8766))?)
        })
        .collect()
}

/// The plan's capex and each GPU cloud's purchase in its first live period.
fn capex_payments(
    ledger: &SiteLedger,
    deployment: &Deployment,
    capex: &[CapexPayment],
) -> Result<Vec<CapexPayment>, FacilityError> {
    let mut payments: Vec<CapexPayment> = capex.to_vec();
    for (index, name) in ledger.workload_names().iter().enumerate() {
        if let Some(Workload::GpuCloud(g)) = deployment.assignment(name).map(|a| a.workload()) {
            let first_live = ledger.workload_periods(index).position(|p| p.live);
            if let Some(at) = first_live.and_then(|t| ledger.horizon().checked_start_of(t)) {
                payments.push(CapexPayment {
                    at,
                    amount: g.capex()?,
                });
            }
        }
    }
    Ok(payments)
}

/// The ledger's periods summed into years from the horizon's start, with
/// each live workload's opex.
fn year_rows(ledger: &SiteLedger, opex_per_period: &[Usd]) -> Result<Vec<YearRow>, FacilityError> {
    let horizon = ledger.horizon();
    let mut rows: Vec<YearRow> = Vec::new();
    let year_start = |year: u32| {
        year.checked_mul(12)
            .and_then(|months| horizon.start().checked_add_months(Months::new(months)))
    };
    let mut year = 0u32;
    let mut next = year_start(1);
    for (t, site) in ledger.periods()?.iter().enumerate() {
        while next.is_some_and(|n| site.start >= n) {
            year += 1;
            next = year_start(year + 1);
        }
        if rows.last().is_none_or(|r| r.year != year) {
            rows.push(YearRow {
                year,
                start: year_start(year).unwrap_or(site.start),
                revenue: Usd::ZERO,
                energy_cost: Usd::ZERO,
                gross_margin: Usd::ZERO,
                opex: Usd::ZERO,
                ebitda: Usd::ZERO,
                capex: Usd::ZERO,
                cash_flow: Usd::ZERO,
            });
        }
        let Some(row) = rows.last_mut() else { continue };
        row.revenue = row.revenue.checked_add(site.revenue)?;
        row.energy_cost = row.energy_cost.checked_add(site.energy_cost)?;
        row.gross_margin = row.gross_margin.checked_add(site.gross_margin()?)?;
        for (w, opex) in opex_per_period.iter().enumerate() {
            if ledger.entry(t, w).is_some_and(|e| e.live) {
                row.opex = row.opex.checked_add(*opex)?;
            }
        }
    }
    Ok(rows)
}

/// Adds each payment inside the horizon to the capex of its year.
fn book_capex(
    rows: &mut [YearRow],
    payments: &[CapexPayment],
    horizon: Horizon,
) -> Result<(), FacilityError> {
    for payment in payments {
        if payment.at < horizon.start() || payment.at >= horizon.end() {
            continue;
        }
        let Some(year) = rows
            .iter()
            .rev()
            .find(|r| payment.at >= r.start)
            .map(|r| r.year)
        else {
            continue;
        };
        if let Some(row) = rows.iter_mut().find(|r| r.year == year) {
            row.capex = row.capex.checked_add(payment.amount)?;
        }
    }
    Ok(())
}

impl CashFlows {
    /// Cuts `ledger` (a simulation of `deployment`) into years from the
    /// horizon's start; `opex_per_mw_year` per IT MW-year live; `capex`
    /// paid on its dates (payments outside the horizon are ignored), plus
    /// each GPU cloud's GPU capex when it goes live.
    ///
    /// # Errors
    /// As for [`Summary::new`].
    pub fn new(
        ledger: &SiteLedger,
        deployment: &Deployment,
        opex_per_mw_year: Usd,
        capex: &[CapexPayment],
    ) -> Result<Self, FacilityError> {
        let opex_per_period = opex_per_period(ledger, deployment, opex_per_mw_year)?;
        let payments = capex_payments(ledger, deployment, capex)?;
        let mut rows = year_rows(ledger, &opex_per_period)?;
        book_capex(&mut rows, &payments, ledger.horizon())?;
        for row in &mut rows {
            row.ebitda = row.gross_margin.checked_sub(row.opex)?;
            row.cash_flow = row.ebitda.checked_sub(row.capex)?;
        }
        Ok(Self { rows })
    }

    /// The years, in order.
    #[must_use]
    pub fn rows(&self) -> &[YearRow] {
        &self.rows
    }

    /// The yearly cash flows (EBITDA − capex), in order.
    #[must_use]
    pub fn flows(&self) -> Vec<Usd> {
        self.rows.iter().map(|r| r.cash_flow).collect()
    }

    /// NPV at `rate` per year, the first year undiscounted (see
    /// [`crate::finance`]).
    ///
    /// # Errors
    /// As for [`crate::finance::npv`].
    pub fn npv(&self, rate: Decimal) -> Result<Usd, FacilityError> {
        npv(rate, &self.flows())
    }

    /// IRR per year.
    ///
    /// # Errors
    /// As for [`crate::finance::irr`].
    pub fn irr(&self) -> Result<Decimal, FacilityError> {
        irr(&self.flows())
    }

    /// Payback in years (`None` if never).
    ///
    /// # Errors
    /// As for [`crate::finance::payback_period`].
    pub fn payback_years(&self) -> Result<Option<Decimal>, FacilityError> {
        payback_period(&self.flows())
    }
}
