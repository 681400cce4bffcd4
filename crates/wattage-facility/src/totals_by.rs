//! Totals by calendar month or year (or for the whole horizon), streamed:
//! the exact evaluator run period group by period group, keeping no
//! per-period lines.
//!
//! [`simulate_site`](crate::run::simulate_site) keeps a ledger that can
//! show any period; for long horizons and sweeps where only sums matter,
//! [`simulate_by`] returns the same exact sums per month or year (they add
//! up to the ledger's totals, to the last of `Decimal`'s 28 significant
//! digits, where a product rounds once per group) while holding only the horizon's prices and,
//! when a demand charge or 4CP needs it, the site's energy per period.
//! Months and years are calendar ones in UTC.
//!
//! ```
//! // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::totals_by::{Grouping, simulate_by};
//! use wattage_facility::workload::{Hosting, Workload};
//! use wattage_facility::{Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, Pue, Resolution, Site};
//!
//! let site = Site::new("S", "30 MW".parse()?)?.with_hall(Hall::new("A", "20 MW".parse()?, Pue::constant(1.1)?)?)?;
//! let mut plan = Deployment::new(site);
//! plan.assign("client", "A", Workload::Hosting(Hosting::new("20 MW".parse()?, "$70/MWh".parse()?)?))?;
//! let horizon = Horizon::calendar_years(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Resolution::Hourly, 1)?;
//! let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse()?));
//! let months = simulate_by(&plan, &contract, horizon, Curtailment::AboveBreakeven, Grouping::Month)?;
//! assert_eq!(months.groups.len(), 12);
//! // February: 28 days × 24 h × 20 MW × $70.
//! assert_eq!(months.groups[1].site.revenue.to_string(), "$940,800");
//! assert_eq!(months.workload_index("client"), Some(0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use chrono::{DateTime, Datelike, Months, Utc};

use crate::FacilityError;
use crate::curtailment::{Curtailment, Policy};
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::ledger::{SiteTotals, WorkloadTotals};
use crate::power::PowerContract;
use crate::run::{
    book_site_charges, evaluate_range, four_cp_flags, site_energy_slots, site_totals,
};
use crate::schedule::{Schedule, SiteTerms, overflow};

/// How [`simulate_by`] groups periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Grouping {
    /// One group: the whole horizon (totals only).
    Whole,
    /// Calendar months, UTC.
    Month,
    /// Calendar years, UTC.
    Year,
}

/// The exact sums of one group of periods.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupTotals {
    /// Start of the group's first period.
    pub start: DateTime<Utc>,
    /// End of its last period.
    pub end: DateTime<Utc>,
    /// Number of periods.
    pub periods: usize,
    /// Per workload, in deployment order.
    pub workloads: Vec<WorkloadTotals>,
    /// The site's, with its charges and payments booked in the group.
    pub site: SiteTotals,
}

/// What [`simulate_by`] returns: the workloads' names and the groups.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TotalsBy {
    /// The workloads' names, in deployment order.
    pub names: Vec<String>,
    /// The groups, in time order.
    pub groups: Vec<GroupTotals>,
}

impl TotalsBy {
    /// The index of the workload named `name`.
    #[must_use]
    pub fn workload_index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// Simulates exactly as [`simulate_site`](crate::run::simulate_site) does
/// and returns the sums of each month, year or the whole horizon, without
/// keeping a ledger. Demand charges and 4CP charges fall in the group of
/// the period they are booked in.
///
/// # Errors
/// As for [`simulate_site`](crate::run::simulate_site).
pub fn simulate_by(
    deployment: &Deployment,
    contract: &PowerContract,
    horizon: Horizon,
    policy: Curtailment,
    grouping: Grouping,
) -> Result<TotalsBy, FacilityError> {
    let schedule = Schedule::lower(deployment, horizon)?;
    let site = SiteTerms::lower(contract, &horizon)?;
    let policy = Policy::new(policy, |s| s.value());
    let forced_off = four_cp_flags(&site, horizon.periods(), policy)?;
    let mut site_energy = site_energy_slots(&schedule, &site)?;
    let mut runs = Vec::new();
    for range in group_ranges(&horizon, grouping)? {
        let run = evaluate_range(
            &schedule,
            &site,
            policy,
            &forced_off,
            range.clone(),
            &mut site_energy,
        )?;
        runs.push((range, run.workload_totals));
    }
    let charges = book_site_charges(&schedule, &site, &site_energy)?;
    let start_of = |t: usize| {
        horizon
            .checked_start_of(t)
            .ok_or_else(|| overflow("period start"))
    };
    let groups = runs
        .into_iter()
        .map(|(range, workloads)| {
            let mut totals = site_totals(&workloads)?;
            charges.add_to(&mut totals, range.clone(), &schedule, &site)?;
            Ok(GroupTotals {
                start: start_of(range.start)?,
                end: start_of(range.end)?,
                periods: range.len(),
                workloads,
                site: totals,
            })
        })
        .collect::<Result<Vec<_>, FacilityError>>()?;
    Ok(TotalsBy {
        names: schedule.names,
        groups,
    })
}

/// The periods of each group, in order, covering the horizon once.
fn group_ranges(horizon: &Horizon, grouping: Grouping) -> Result<Vec<Range<usize>>, FacilityError> {
    let n = horizon.periods();
    let step = match grouping {
        Grouping::Whole => return Ok(alloc::vec![0..n]),
        Grouping::Month => 1,
        Grouping::Year => 12,
    };
    let mut out = Vec::new();
    let mut begin = 0;
    while begin < n {
        let at = horizon
            .checked_start_of(begin)
            .ok_or_else(|| overflow("period start"))?;
        let first = at.date_naive().with_day(1).and_then(|d| match grouping {
            Grouping::Year => d.with_month(1),
            _ => Some(d),
        });
        let next = first
            .and_then(|d| d.checked_add_months(Months::new(step)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
            .ok_or_else(|| overflow("group end"))?;
        let end = horizon.index_at_or_after(next).clamp(begin + 1, n);
        out.push(begin..end);
        begin = end;
    }
    Ok(out)
}
