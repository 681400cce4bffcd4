//! Results: revenue, energy cost, gross margin and EBITDA per workload and
//! per MW-year, cost to mine one bitcoin, and yearly cash flows with NPV,
//! IRR and payback.
//!
//! ```
//! // Needs wattage-facility, wattage-mining, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::rust_decimal, wattage::chrono).
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
//!     pool: Pool::fpps("2%".parse()?)?, hashprice: HashpricePath::Constant("$52/PH/day".parse()?), btc_price: "$100,000/BTC".parse()?, uptime: Decimal::ONE, degradation_per_year: Decimal::ZERO })?))?;
//! let horizon = Horizon::calendar_years(start, Resolution::Hourly, 3)?;
//! let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse()?));
//! let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven)?;
//!
//! let summary = Summary::new(&ledger, &plan, "$50,000".parse()?)?;
//! let fleet = summary.workload("fleet").unwrap();
//! // $52 × 1000 PH/s × 0.98 a day, over a 365.25-day MW-year of 16 MW: about $1.16M.
//! assert_eq!(format!("{:.0}", fleet.revenue_per_mw_year.unwrap()), "$1,163,321");
//! // Energy cost of a bitcoin: 16.8 MW × 24 h × $45 / 0.5096 BTC a day.
//! assert_eq!(format!("{:.0}", fleet.energy_cost_per_btc.unwrap()), "$35,604");
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

use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, Energy, MoneyError, Time, Usd, unit};

use crate::FacilityError;
use crate::capital::{self, Asset, plan_assets};
pub use crate::cash_flows::{CapexPayment, CashFlows, MonthFlow, YearRow};
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::ledger::{SiteLedger, WorkloadTotals};
use crate::money_lines::MoneyLines;
use crate::workload::Workload;

fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
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
    /// Its money lines over the horizon (its ledger totals'): revenue
    /// with power reimbursed by a triple-net tenant, energy bill, credits,
    /// reserve payments, what curtailment earned or saved against running.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
    /// Its gross margin ([`MoneyLines::gross_margin`]).
    pub gross_margin: Usd,
    /// Operating costs other than energy: opex per IT MW-year × MW-years.
    pub opex: Usd,
    /// Gross margin − opex.
    pub ebitda: Usd,
    /// Book depreciation (below EBITDA) of the assets serving it (its
    /// miners, its GPUs: see [`crate::capital::plan_assets`]) over the
    /// days it is live in the horizon, each asset straight-line and never
    /// past its end of life or its sale.
    pub depreciation: Usd,
    /// Revenue per IT MW-year (`None` when never live).
    pub revenue_per_mw_year: Option<Usd>,
    /// EBITDA per IT MW-year.
    pub ebitda_per_mw_year: Option<Usd>,
    /// Bitcoin mined.
    pub btc_mined: Btc,
    /// Direct cost to mine one bitcoin: `(energy cost − credits) / BTC
    /// mined` (`None` when none was mined).
    pub energy_cost_per_btc: Option<Usd>,
    /// All-in cost per bitcoin: `(energy cost − credits + opex +
    /// depreciation) / BTC mined`, the depreciation being the miners' own
    /// (the assets serving this workload, [`Self::depreciation`]).
    pub all_in_cost_per_btc: Option<Usd>,
    /// Time curtailed.
    pub curtailed_time: Time,
    /// Facility energy not drawn while curtailed.
    pub curtailed_energy: Energy,
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
    /// The site's money lines over the horizon (its ledger totals'): the
    /// workloads' sums and the site's own charges and payments.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
    /// Gross margin − (revenue − energy cost): credits, demand-response
    /// and reserve payments, block settlements and charges passed through
    /// less demand and 4CP charges, the power lines beyond the energy bill.
    pub site_power_lines: Usd,
    /// The site's gross margin ([`MoneyLines::gross_margin`]).
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
    /// All-in cost of the mining workloads per bitcoin mined: their energy
    /// less credits, opex and depreciation, per BTC.
    pub all_in_cost_per_btc: Option<Usd>,
    /// Book depreciation of all the plan's assets (workloads', halls',
    /// the site's) over the horizon (below EBITDA).
    pub depreciation: Usd,
}

/// The sums over a summary's workloads that are not money lines.
#[derive(Default)]
struct WorkloadSums {
    opex: Usd,
    btc_mined: Btc,
    /// Energy less credits of the mining workloads.
    mining_cost: Usd,
    /// Their energy less credits, opex and depreciation.
    mining_all_in: Usd,
}

impl WorkloadSums {
    fn add(&mut self, summary: &WorkloadSummary, mining: bool) -> Result<(), FacilityError> {
        if mining {
            let net_energy = summary.money.net_energy_cost()?;
            self.mining_cost = self.mining_cost.checked_add(net_energy)?;
            self.mining_all_in = self
                .mining_all_in
                .checked_add(net_energy)?
                .checked_add(summary.opex)?
                .checked_add(summary.depreciation)?;
        }
        self.opex = self.opex.checked_add(summary.opex)?;
        self.btc_mined = self.btc_mined.checked_add(summary.btc_mined)?;
        Ok(())
    }
}

/// The first and last dates of `horizon`.
fn horizon_dates(horizon: Horizon) -> (NaiveDate, NaiveDate) {
    (horizon.start().date_naive(), horizon.end().date_naive())
}

/// The summary of workload `index`, named `name`, with the depreciation
/// of the `assets` serving it while it is live; and whether it mines.
fn summarize_workload(
    ledger: &SiteLedger,
    deployment: &Deployment,
    assets: &[Asset],
    index: usize,
    name: &str,
    opex_per_mw_year: Usd,
) -> Result<(WorkloadSummary, bool), FacilityError> {
    let assignment = deployment
        .assignment(name)
        .ok_or_else(|| FacilityError::WorkloadName {
            name: name.into(),
            problem: "is in the ledger but not in the deployment",
        })?;
    let totals = ledger.workload_totals(index).copied().unwrap_or_default();
    let horizon = ledger.horizon();
    let (start, end) = horizon_dates(horizon);
    let window = assignment.window();
    let from = window.from.map_or(start, |f| f.date_naive().max(start));
    let until = window.until.map_or(end, |u| u.date_naive().min(end));
    let mut depreciation = Usd::ZERO;
    for asset in assets.iter().filter(|a| a.serves().workload(name)) {
        if from < until {
            depreciation =
                depreciation.checked_add(capital::depreciation_between(asset, from, until)?)?;
        }
    }
    let summary = WorkloadSummary::of(
        name,
        assignment.workload(),
        &totals,
        horizon,
        opex_per_mw_year,
        depreciation,
    )?;
    Ok((
        summary,
        matches!(assignment.workload(), Workload::SelfMining(_)),
    ))
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
    /// over `horizon`, with `opex_per_mw_year` per IT MW-year live and the
    /// `depreciation` of its assets while live.
    fn of(
        name: &str,
        workload: &Workload,
        totals: &WorkloadTotals,
        horizon: Horizon,
        opex_per_mw_year: Usd,
        depreciation: Usd,
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
        let gross_margin = totals.money.gross_margin()?;
        let opex = if workload.operator_pays_opex() {
            opex_per_mw_year.checked_mul(mw_years)?
        } else {
            Usd::ZERO
        };
        let ebitda = gross_margin.checked_sub(opex)?;
        let net_energy = totals.money.net_energy_cost()?;
        Ok(Self {
            name: name.into(),
            kind: workload.kind(),
            mw_years,
            money: totals.money,
            gross_margin,
            opex,
            ebitda,
            depreciation,
            revenue_per_mw_year: per(totals.money.revenue, mw_years)?,
            ebitda_per_mw_year: per(ebitda, mw_years)?,
            btc_mined: totals.btc_mined,
            energy_cost_per_btc: per_btc(net_energy, totals.btc_mined)?,
            all_in_cost_per_btc: per_btc(
                net_energy.checked_add(opex)?.checked_add(depreciation)?,
                totals.btc_mined,
            )?,
            curtailed_time: totals.curtailed_time,
            curtailed_energy: totals.curtailed_energy,
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
        let assets = plan_assets(ledger, deployment)?;
        let mut workloads = Vec::new();
        let mut sums = WorkloadSums::default();
        for (index, name) in ledger.workload_names().iter().enumerate() {
            let (summary, mining) =
                summarize_workload(ledger, deployment, &assets, index, name, opex_per_mw_year)?;
            sums.add(&summary, mining)?;
            workloads.push(summary);
        }
        let money = ledger.totals().money;
        let gross_margin = money.gross_margin()?;
        let site_power_lines = gross_margin
            .checked_sub(money.revenue)?
            .checked_add(money.energy_cost)?;
        let ebitda = gross_margin.checked_sub(sums.opex)?;
        let interconnect_mw = to_decimal(
            "interconnect in MW",
            deployment.site().interconnect().get(unit::MEGAWATT),
        )?;
        let horizon_years = to_decimal("horizon in years", ledger.horizon().years())?;
        let site_mw_years = interconnect_mw
            .checked_mul(horizon_years)
            .ok_or_else(|| overflow("site MW-years"))?;
        let (start, end) = horizon_dates(ledger.horizon());
        Ok(Self {
            workloads,
            money,
            site_power_lines,
            gross_margin,
            opex: sums.opex,
            ebitda,
            ebitda_per_interconnect_mw_year: per(ebitda, site_mw_years)?.unwrap_or(Usd::ZERO),
            btc_mined: sums.btc_mined,
            energy_cost_per_btc: per_btc(sums.mining_cost, sums.btc_mined)?,
            all_in_cost_per_btc: per_btc(sums.mining_all_in, sums.btc_mined)?,
            depreciation: Usd::try_sum(
                assets
                    .iter()
                    .map(|a| capital::depreciation_between(a, start, end))
                    .collect::<Result<Vec<_>, _>>()?,
            )?,
        })
    }

    /// The summary of the workload named `name`.
    #[must_use]
    pub fn workload(&self, name: &str) -> Option<&WorkloadSummary> {
        self.workloads.iter().find(|w| w.name == name)
    }
}
