//! The exact per-period, per-workload result of a site simulation.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use wattage_units::{Btc, EnergyPrice, MoneyError, Usd};

use crate::FacilityError;
use crate::horizon::Horizon;

fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

/// `total + value`, skipping the (rescaling) addition of a zero.
pub(crate) fn add_nonzero(total: Usd, value: Usd) -> Result<Usd, FacilityError> {
    if value.dollars().is_zero() {
        Ok(total)
    } else if total.dollars().is_zero() {
        Ok(value)
    } else {
        Ok(total.checked_add(value)?)
    }
}

pub(crate) fn add_to(
    total: &mut Decimal,
    value: Decimal,
    what: &'static str,
) -> Result<(), FacilityError> {
    if total.is_zero() {
        *total = value;
    } else if !value.is_zero() {
        *total = total.checked_add(value).ok_or_else(|| overflow(what))?;
    }
    Ok(())
}

/// One workload in one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WorkloadPeriod {
    /// Whether the workload is live (inside its window, and for a lease,
    /// inside its term).
    pub live: bool,
    /// Whether it ran (live and not curtailed).
    pub running: bool,
    /// IT energy drawn, MWh.
    pub it_mwh: Decimal,
    /// Facility energy drawn (IT × PUE), MWh.
    pub energy_mwh: Decimal,
    /// Energy bill for the period (with sell-back, includes energy bought
    /// at the fixed price and sold back).
    pub energy_cost: Usd,
    /// Revenue, including any power reimbursed by a triple-net tenant.
    pub revenue: Usd,
    /// The part of `revenue` that reimburses power (triple-net leases).
    pub pass_through: Usd,
    /// Market value of energy sold back while curtailed.
    pub sell_back_credit: Usd,
    /// Bitcoin mined (self-mining), net of the pool fee.
    pub btc_mined: Btc,
    /// What curtailing earned or saved: the margin of this period less the
    /// margin had the workload run (zero when it ran).
    pub curtailment_value: Usd,
}

impl WorkloadPeriod {
    /// Revenue − energy cost + sell-back credit.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn margin(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .revenue
            .checked_sub(self.energy_cost)?
            .checked_add(self.sell_back_credit)?)
    }
}

/// Site-wide lines of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SitePeriod {
    /// Start of the period, UTC.
    pub start: DateTime<Utc>,
    /// The all-in energy price (mean over the period).
    pub price: EnergyPrice,
    /// Facility energy drawn by all workloads, MWh.
    pub energy_mwh: Decimal,
    /// Energy bill of all workloads.
    pub energy_cost: Usd,
    /// Revenue of all workloads.
    pub revenue: Usd,
    /// Sell-back credits of all workloads.
    pub sell_back_credit: Usd,
    /// Demand-response payment.
    pub demand_response: Usd,
    /// Demand charge (booked in the last period of each month).
    pub demand_charge: Usd,
    /// 4CP transmission charge (booked in the period of the last interval).
    pub transmission_charge: Usd,
}

impl SitePeriod {
    /// Revenue − energy − demand and transmission charges + credits and
    /// demand-response payments.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn gross_margin(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .revenue
            .checked_sub(self.energy_cost)?
            .checked_add(self.sell_back_credit)?
            .checked_add(self.demand_response)?
            .checked_sub(self.demand_charge)?
            .checked_sub(self.transmission_charge)?)
    }
}

/// The site-only lines of a period, stored; [`SitePeriod`] adds the
/// workloads' sums on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct SiteLines {
    pub(crate) start: DateTime<Utc>,
    pub(crate) price: EnergyPrice,
    pub(crate) demand_response: Usd,
    pub(crate) demand_charge: Usd,
    pub(crate) transmission_charge: Usd,
}

/// Exact sums of one workload's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WorkloadTotals {
    /// Periods live.
    pub live_periods: usize,
    /// Periods curtailed (live, not running).
    pub curtailed_periods: usize,
    /// Hours curtailed.
    pub curtailed_hours: Decimal,
    /// Facility energy not drawn while curtailed, MWh.
    pub curtailed_mwh: Decimal,
    /// IT energy, MWh.
    pub it_mwh: Decimal,
    /// Facility energy, MWh.
    pub energy_mwh: Decimal,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Revenue (with pass-through).
    pub revenue: Usd,
    /// Power reimbursed by the tenant.
    pub pass_through: Usd,
    /// Sell-back credits.
    pub sell_back_credit: Usd,
    /// Bitcoin mined.
    pub btc_mined: Btc,
    /// What curtailment earned or saved.
    pub curtailment_value: Usd,
}

impl WorkloadTotals {
    /// Revenue − energy cost + sell-back credits.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn gross_margin(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .revenue
            .checked_sub(self.energy_cost)?
            .checked_add(self.sell_back_credit)?)
    }
}

/// Exact sums of the site's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SiteTotals {
    /// Facility energy, MWh.
    pub energy_mwh: Decimal,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Revenue.
    pub revenue: Usd,
    /// Sell-back credits.
    pub sell_back_credit: Usd,
    /// Demand-response payments.
    pub demand_response: Usd,
    /// Demand charges.
    pub demand_charge: Usd,
    /// 4CP transmission charges.
    pub transmission_charge: Usd,
}

impl SiteTotals {
    /// Revenue − energy − charges + credits and payments.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn gross_margin(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .revenue
            .checked_sub(self.energy_cost)?
            .checked_add(self.sell_back_credit)?
            .checked_add(self.demand_response)?
            .checked_sub(self.demand_charge)?
            .checked_sub(self.transmission_charge)?)
    }
}

/// The result of [`crate::run::simulate_site`]: one [`SitePeriod`] per
/// period, one [`WorkloadPeriod`] per period and workload, and totals that
/// are their exact sums.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SiteLedger {
    pub(crate) horizon: Horizon,
    pub(crate) names: Vec<String>,
    pub(crate) sites: Vec<SiteLines>,
    /// Period-major: period `t`, workload `w` at `t × workloads + w`.
    pub(crate) workloads: Vec<WorkloadPeriod>,
    pub(crate) workload_totals: Vec<WorkloadTotals>,
    pub(crate) totals: SiteTotals,
}

impl SiteLedger {
    /// The simulated horizon.
    #[must_use]
    pub const fn horizon(&self) -> Horizon {
        self.horizon
    }

    /// The workloads' names, in deployment order.
    #[must_use]
    pub fn workload_names(&self) -> &[String] {
        &self.names
    }

    /// The index of the workload named `name`.
    #[must_use]
    pub fn workload_index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Number of periods.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sites.len()
    }

    /// Whether the ledger has no periods (never: a horizon has at least one).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// Site-wide lines of period `t`: the site's own lines and the sums of
    /// its workloads' lines (`None` past the end).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn period(&self, t: usize) -> Result<Option<SitePeriod>, FacilityError> {
        let Some(lines) = self.sites.get(t) else {
            return Ok(None);
        };
        let mut site = SitePeriod {
            start: lines.start,
            price: lines.price,
            energy_mwh: Decimal::ZERO,
            energy_cost: Usd::ZERO,
            revenue: Usd::ZERO,
            sell_back_credit: Usd::ZERO,
            demand_response: lines.demand_response,
            demand_charge: lines.demand_charge,
            transmission_charge: lines.transmission_charge,
        };
        let w = self.names.len();
        let from = t.saturating_mul(w);
        for entry in self
            .workloads
            .get(from..from.saturating_add(w))
            .unwrap_or(&[])
        {
            add_to(&mut site.energy_mwh, entry.energy_mwh, "facility energy")?;
            site.energy_cost = add_nonzero(site.energy_cost, entry.energy_cost)?;
            site.revenue = add_nonzero(site.revenue, entry.revenue)?;
            site.sell_back_credit = add_nonzero(site.sell_back_credit, entry.sell_back_credit)?;
        }
        Ok(Some(site))
    }

    /// Site-wide lines of every period, in order.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn periods(&self) -> Result<Vec<SitePeriod>, FacilityError> {
        (0..self.sites.len())
            .filter_map(|t| self.period(t).transpose())
            .collect()
    }

    /// The lines of workload `index`, one per period (empty for an index
    /// out of range).
    pub fn workload_periods(&self, index: usize) -> impl Iterator<Item = &WorkloadPeriod> + '_ {
        let n = self.names.len();
        let take = if index < n { self.sites.len() } else { 0 };
        self.workloads
            .iter()
            .skip(index)
            .step_by(n.max(1))
            .take(take)
    }

    /// The line of workload `index` in period `period`.
    #[must_use]
    pub fn entry(&self, period: usize, index: usize) -> Option<&WorkloadPeriod> {
        if index >= self.names.len() {
            return None;
        }
        self.workloads
            .get(period.checked_mul(self.names.len())?.checked_add(index)?)
    }

    /// Exact totals of workload `index`.
    #[must_use]
    pub fn workload_totals(&self, index: usize) -> Option<&WorkloadTotals> {
        self.workload_totals.get(index)
    }

    /// Exact totals of the site.
    #[must_use]
    pub const fn totals(&self) -> SiteTotals {
        self.totals
    }
}
