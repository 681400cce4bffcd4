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
//! Months and years are calendar ones in UTC ([`Grouping::Month`],
//! [`Grouping::Year`]) or on a market's local clock, named by its tz
//! database zone ([`Grouping::LocalMonth`], [`Grouping::LocalYear`]).
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
//! assert_eq!(months.groups[1].site.money.revenue.to_string(), "$940,800");
//! assert_eq!(months.workload_index("client"), Some(0));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

use crate::FacilityError;
use crate::curtailment::{Curtailment, Policy};
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::ledger::{SiteTotals, WorkloadTotals};
use crate::power::PowerContract;
use crate::price_series::{Tz, first_instant_at};
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
    /// Calendar months of a market's local clock, by tz database zone
    /// (`"America/Chicago"` for ERCOT): each month from local midnight on
    /// its first day, whatever the DST offset then (in a zone whose clocks
    /// skip midnight itself, from the first wall time after the jump).
    LocalMonth(Tz),
    /// Calendar years of a market's local clock.
    LocalYear(Tz),
}

/// The exact sums of one group of periods.
#[derive(Debug, Clone, PartialEq)]
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
#[derive(Debug, Clone, PartialEq)]
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

    /// The sums of the workload named `name`, one per group in time order
    /// (empty for a name the deployment does not have).
    pub fn workload<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a WorkloadTotals> + 'a {
        let index = self.workload_index(name);
        self.groups
            .iter()
            .filter_map(move |g| index.and_then(|i| g.workloads.get(i)))
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
    let horizon = crate::power::decision_horizon(contract, horizon)?;
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
        runs.push((range, run.workload_totals, run.decisions));
    }
    let charges = book_site_charges(&schedule, &site, &site_energy)?;
    let start_of = |t: usize| {
        horizon
            .checked_start_of(t)
            .ok_or_else(|| overflow("period start"))
    };
    let groups = runs
        .into_iter()
        .map(|(range, workloads, decisions)| {
            let mut totals = site_totals(&workloads)?;
            charges.add_to(&mut totals, range.clone(), &schedule, &site, &decisions)?;
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
    let (zone, months) = match grouping {
        Grouping::Month => (Tz::UTC, 1),
        Grouping::Year => (Tz::UTC, 12),
        Grouping::LocalMonth(zone) => (zone, 1),
        Grouping::LocalYear(zone) => (zone, 12),
        _ => return Ok(alloc::vec![0..n]),
    };
    let mut out = Vec::new();
    let mut begin = 0;
    while begin < n {
        let at = horizon
            .checked_start_of(begin)
            .ok_or_else(|| overflow("period start"))?;
        let next = next_group_start(at.with_timezone(&zone).date_naive(), zone, months)
            .ok_or_else(|| overflow("group end"))?;
        let end = horizon.index_at_or_after(next).clamp(begin + 1, n);
        out.push(begin..end);
        begin = end;
    }
    Ok(out)
}

/// The UTC instant the group after the one holding local date `day` starts:
/// local midnight on the first of the next month (`months` = 1) or year
/// (12) in `zone`.
fn next_group_start(day: NaiveDate, zone: Tz, months: u32) -> Option<DateTime<Utc>> {
    let first = day.with_day(1)?;
    let first = if months == 12 {
        first.with_month(1)?
    } else {
        first
    };
    let next = first.checked_add_months(Months::new(months))?;
    first_instant_at(zone, next.and_hms_opt(0, 0, 0)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use alloc::string::ToString;
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::workload::{Hosting, Workload};
    use crate::{Hall, PowerSupply, Pue, Resolution, Site};

    fn hosted_megawatt() -> Deployment {
        let site = Site::new("S", "2 MW".parse().unwrap())
            .unwrap()
            .with_hall(
                Hall::new("A", "1 MW".parse().unwrap(), Pue::constant(1.0).unwrap()).unwrap(),
            )
            .unwrap();
        let mut plan = Deployment::new(site);
        let hosting = Hosting::new("1 MW".parse().unwrap(), "$70/MWh".parse().unwrap()).unwrap();
        plan.assign("client", "A", Workload::Hosting(hosting))
            .unwrap();
        plan
    }

    /// 2024 in Central time (local midnight 1 January is 06:00 UTC): March
    /// loses the hour skipped on 10 March (743 hours), November gains the
    /// hour repeated on 3 November (721); the year still has 8,784.
    #[test]
    fn local_months_follow_the_dst_changes() {
        let chicago: Tz = "America/Chicago".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2024, 1, 1, 6, 0, 0).unwrap();
        let horizon = Horizon::new(start, Resolution::Hourly, 8784).unwrap();
        let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
        let by = |grouping| {
            simulate_by(
                &hosted_megawatt(),
                &contract,
                horizon,
                Curtailment::AlwaysOn,
                grouping,
            )
            .unwrap()
        };
        let months = by(Grouping::LocalMonth(chicago));
        let hours: Vec<usize> = months.groups.iter().map(|g| g.periods).collect();
        assert_eq!(
            hours,
            [744, 696, 743, 720, 744, 720, 744, 744, 720, 744, 721, 744]
        );
        assert_eq!(
            months.groups[10].start,
            Utc.with_ymd_and_hms(2024, 11, 1, 5, 0, 0).unwrap()
        );
        assert_eq!(
            months.groups[11].start,
            Utc.with_ymd_and_hms(2024, 12, 1, 6, 0, 0).unwrap()
        );
        assert_eq!(months.groups[2].site.money.revenue.to_string(), "$52,010"); // 743 h × $70
        assert_eq!(by(Grouping::LocalYear(chicago)).groups.len(), 1);
        // In UTC the same horizon ends six hours into 2025.
        assert_eq!(
            by(Grouping::Year)
                .groups
                .iter()
                .map(|g| g.periods)
                .collect::<Vec<_>>(),
            [8778, 6]
        );
    }

    #[test]
    fn a_zone_is_named_as_in_the_tz_database() {
        assert!("America/Chicgo".parse::<Tz>().is_err());
        assert!("US/Central".parse::<Tz>().is_ok());
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_grouping_reads_its_zone_by_name() {
        let g: Grouping = serde_json::from_str(r#"{"local_month":"America/Chicago"}"#).unwrap();
        assert_eq!(g, Grouping::LocalMonth(chrono_tz::America::Chicago));
        let err = serde_json::from_str::<Grouping>(r#"{"local_year":"Mars/Olympus"}"#).unwrap_err();
        assert!(err.to_string().contains("Mars/Olympus"), "{err}");
    }
}
