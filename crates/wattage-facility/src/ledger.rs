//! The exact per-period, per-workload result of a site simulation.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_units::{Btc, Energy, EnergyPrice, MoneyError, Time, Usd, unit};

use crate::FacilityError;
use crate::curtailment::{CurtailReason, Decision};
use crate::horizon::Horizon;
use crate::money_lines::MoneyLines;
use crate::run::demand_response_at;
use crate::schedule::{Load, Payer, Schedule, SiteTerms, mul};

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

/// An exact MWh figure as an [`Energy`]: the nearest `f64` to the
/// `Decimal` (a `Decimal` is always finite and far inside `f64`'s range,
/// so this never fails).
pub(crate) fn energy_of(mwh: Decimal) -> Energy {
    Energy::new(mwh.to_f64().unwrap_or(0.0), unit::MEGAWATT_HOUR).unwrap_or(Energy::ZERO)
}

/// An exact number of hours as a [`Time`], by the rule of [`energy_of`].
pub(crate) fn time_of(hours: Decimal) -> Time {
    Time::new(hours.to_f64().unwrap_or(0.0), unit::HOUR).unwrap_or(Time::ZERO)
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
///
/// Energies are [`Energy`] quantities (read them in any unit:
/// `energy.get(unit::MEGAWATT_HOUR)`), each the nearest `f64` to the exact
/// `Decimal` the ledger computes; money stays exact, in [`Self::money`]
/// (its site-only lines are zero).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WorkloadPeriod {
    /// Whether the workload is live (inside its window, and for a lease,
    /// inside its term).
    pub live: bool,
    /// Whether it ran (live and not curtailed).
    pub running: bool,
    /// Why it was curtailed (`None` when it ran or was not live).
    pub reason: Option<CurtailReason>,
    /// IT energy drawn.
    pub it_energy: Energy,
    /// Facility energy drawn (IT × PUE).
    pub energy: Energy,
    /// The money lines: energy cost, revenue, pass-through, sell-back
    /// credit, reserve payment, curtailment value.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
    /// Bitcoin mined (self-mining), net of the pool fee.
    pub btc_mined: Btc,
    /// Whether it ran holding reserve capacity for the site's
    /// ancillary-service offer (`running` is then true too).
    pub reserve_offered: bool,
    /// Facility energy shed on the reserve's deployment calls.
    pub deployed_energy: Energy,
}

/// Site-wide lines of one period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SitePeriod {
    /// Start of the period, UTC.
    pub start: DateTime<Utc>,
    /// The all-in energy price (mean over the period).
    pub price: EnergyPrice,
    /// Facility energy drawn by all workloads.
    pub energy: Energy,
    /// The money lines: the sums of the workloads' and the site's own
    /// (demand response, demand and 4CP charges booked in the period,
    /// block settlements, charges passed through to tenants).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
}

/// Sums of one workload's periods: money exact, energy and time as
/// [`Energy`] and [`Time`] quantities (the nearest `f64` to the exact sum).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct WorkloadTotals {
    /// Periods live.
    pub live_periods: usize,
    /// Periods curtailed (live, not running).
    pub curtailed_periods: usize,
    /// Time curtailed (`curtailed_periods` × the period length).
    pub curtailed_time: Time,
    /// Facility energy not drawn while curtailed.
    pub curtailed_energy: Energy,
    /// IT energy.
    pub it_energy: Energy,
    /// Facility energy.
    pub energy: Energy,
    /// The sums of its money lines.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
    /// Bitcoin mined.
    pub btc_mined: Btc,
    /// Periods it ran holding reserve capacity.
    pub reserve_periods: usize,
    /// Facility energy shed on reserve deployment calls.
    pub deployed_energy: Energy,
}

/// Sums of the site's periods (money exact, energy as an [`Energy`]).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SiteTotals {
    /// Facility energy.
    pub energy: Energy,
    /// The sums of the site's money lines.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub money: MoneyLines<Usd>,
}

/// One summer's 4CP tag as a simulation achieved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FourCpTag {
    /// The summer's year.
    pub summer: i32,
    /// The realised peak intervals (starts, UTC).
    pub intervals: [DateTime<Utc>; 4],
    /// The tag: the site's mean facility MW in the four intervals.
    pub tag_mw: Decimal,
    /// The next year's charge for it, `tag × rate` (billed monthly over
    /// that year, inside the horizon only).
    pub annual_charge: Usd,
    /// Hours of the summer the avoidance policy called for curtailment.
    pub avoidance_hours: Decimal,
}

/// The result of [`crate::run::simulate_site`]: one [`SitePeriod`] per
/// period, one [`WorkloadPeriod`] per period and workload, and totals that
/// are their exact sums.
///
/// The ledger stores the lowered schedule, the prices and one byte per
/// live period of each interruptible workload (whether and why it was
/// curtailed); a period's lines are recomputed exactly from them when
/// asked. Every product it recomputes was checked representable when the
/// ledger was built, so reading it never fails on overflow.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLedger {
    pub(crate) schedule: Schedule,
    pub(crate) site: SiteTerms,
    /// Per workload, one byte per live period (interruptible workloads only).
    pub(crate) decisions: Vec<Vec<u8>>,
    pub(crate) demand_charges: Vec<(usize, Usd)>,
    pub(crate) transmission_charges: Vec<(usize, Usd)>,
    pub(crate) four_cp_tags: Vec<FourCpTag>,
    pub(crate) recovered_charges: Vec<(usize, Usd)>,
    pub(crate) workload_totals: Vec<WorkloadTotals>,
    pub(crate) totals: SiteTotals,
}

/// The byte a decision is stored as.
pub(crate) const fn decision_byte(decision: Decision) -> u8 {
    match decision {
        Decision::Run => 0,
        Decision::Curtail(CurtailReason::Breakeven) => 1,
        Decision::Curtail(CurtailReason::SellBack) => 2,
        Decision::Curtail(CurtailReason::Strike) => 3,
        Decision::Curtail(CurtailReason::FourCp) => 4,
        Decision::Reserve => RESERVE_BYTE,
    }
}

/// The byte of a period run holding reserves.
pub(crate) const RESERVE_BYTE: u8 = 5;

const fn reason_of(byte: u8) -> Option<CurtailReason> {
    match byte {
        1 => Some(CurtailReason::Breakeven),
        2 => Some(CurtailReason::SellBack),
        3 => Some(CurtailReason::Strike),
        4 => Some(CurtailReason::FourCp),
        _ => None,
    }
}

fn sparse(lines: &[(usize, Usd)], t: usize) -> Usd {
    lines
        .iter()
        .filter(|(at, _)| *at == t)
        .fold(Usd::ZERO, |s, (_, v)| add_nonzero(s, *v).unwrap_or(s))
}

/// The line of a live load that ran: energy bought (and passed through to
/// a tenant who pays it), revenue earned; its energies only with
/// `ENERGIES` (else zero).
fn running_entry<const ENERGIES: bool>(
    load: &crate::schedule::Load,
    cost_on: Decimal,
    earning: crate::schedule::Earning,
    energy: Decimal,
) -> WorkloadPeriod {
    let pass = match load.payer {
        Payer::Tenant => cost_on,
        Payer::Operator => Decimal::ZERO,
    };
    WorkloadPeriod {
        live: true,
        running: true,
        reason: None,
        it_energy: if ENERGIES {
            energy_of(load.energy.it())
        } else {
            Energy::ZERO
        },
        energy: if ENERGIES {
            energy_of(energy)
        } else {
            Energy::ZERO
        },
        money: MoneyLines {
            energy_cost: Usd::new(cost_on),
            revenue: Usd::new(if pass.is_zero() {
                earning.usd
            } else {
                earning.usd.saturating_add(pass)
            }),
            pass_through: Usd::new(pass),
            ..MoneyLines::ZERO
        },
        btc_mined: earning.btc,
        ..WorkloadPeriod::default()
    }
}

/// The line of a live load curtailed for `reason`: with sell-back its
/// energy is still bought and sold at `market`.
fn curtailed_entry(
    reason: CurtailReason,
    market: Option<Decimal>,
    cost_on: Decimal,
    earning: Decimal,
    energy: Decimal,
) -> WorkloadPeriod {
    let margin_on = earning.saturating_sub(cost_on);
    let (energy_cost, credit) = match market {
        Some(m) => (cost_on, m.saturating_mul(energy)),
        None => (Decimal::ZERO, Decimal::ZERO),
    };
    WorkloadPeriod {
        live: true,
        running: false,
        reason: Some(reason),
        it_energy: Energy::ZERO,
        energy: Energy::ZERO,
        money: MoneyLines {
            energy_cost: Usd::new(energy_cost),
            sell_back_credit: Usd::new(credit),
            curtailment_value: Usd::new(
                credit.saturating_sub(energy_cost).saturating_sub(margin_on),
            ),
            ..MoneyLines::ZERO
        },
        btc_mined: Btc::ZERO,
        ..WorkloadPeriod::default()
    }
}

impl SiteLedger {
    /// The simulated horizon.
    #[must_use]
    pub const fn horizon(&self) -> Horizon {
        self.schedule.horizon
    }

    /// The workloads' names, in deployment order.
    #[must_use]
    pub fn workload_names(&self) -> &[String] {
        &self.schedule.names
    }

    /// The index of the workload named `name`.
    #[must_use]
    pub fn workload_index(&self, name: &str) -> Option<usize> {
        self.schedule.names.iter().position(|n| n == name)
    }

    /// Number of periods.
    #[must_use]
    pub fn len(&self) -> usize {
        self.schedule.horizon.periods()
    }

    /// Whether the ledger has no periods (never: a horizon has at least one).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Site-wide lines of period `t`: the site's own lines and the sums of
    /// its workloads' lines (`None` past the end).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn period(&self, t: usize) -> Result<Option<SitePeriod>, FacilityError> {
        if t >= self.len() {
            return Ok(None);
        }
        let start = self
            .schedule
            .horizon
            .checked_start_of(t)
            .ok_or(FacilityError::Money(MoneyError::Overflow {
                operation: "period start",
            }))?;
        let (money, energy) = self.site_lines::<true>(t)?;
        Ok(Some(SitePeriod {
            start,
            price: EnergyPrice::new(self.site.prices.get(t).unwrap_or(Decimal::ZERO))?,
            energy: energy_of(energy),
            money,
        }))
    }

    /// The money lines of period `t < self.len()`, as [`Self::period`]
    /// gives them (the same sums in the same order), without its start,
    /// price and energy: what the cash flows read of each period.
    pub(crate) fn period_money(&self, t: usize) -> Result<MoneyLines<Usd>, FacilityError> {
        Ok(self.site_lines::<false>(t)?.0)
    }

    /// The site's money lines of period `t` (its own, then each
    /// workload's added in deployment order) and, with `ENERGIES`, its
    /// exact facility MWh (else zero).
    fn site_lines<const ENERGIES: bool>(
        &self,
        t: usize,
    ) -> Result<(MoneyLines<Usd>, Decimal), FacilityError> {
        let mut money = MoneyLines {
            demand_response: demand_response_at(&self.schedule, &self.site, &self.decisions, 0, t)?,
            demand_charge: sparse(&self.demand_charges, t),
            transmission_charge: sparse(&self.transmission_charges, t),
            block_settlement: Usd::new(
                self.site
                    .block_settlement
                    .get(t)
                    .copied()
                    .unwrap_or(Decimal::ZERO),
            ),
            charges_passed_through: sparse(&self.recovered_charges, t),
            ..MoneyLines::ZERO
        };
        let mut energy = Decimal::ZERO;
        for w in 0..self.schedule.loads.len() {
            let Some((entry, mwh)) = self.entry_lines::<ENERGIES>(t, w) else {
                continue;
            };
            if ENERGIES {
                add_to(&mut energy, mwh, "facility energy")?;
            }
            money = money.checked_add(&entry.money)?;
        }
        Ok((money, energy))
    }

    /// Site-wide lines of every period, in order.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn periods(&self) -> Result<Vec<SitePeriod>, FacilityError> {
        (0..self.len())
            .filter_map(|t| self.period(t).transpose())
            .collect()
    }

    /// The lines of workload `index`, one per period (empty for an index
    /// out of range).
    pub fn workload_periods(&self, index: usize) -> impl Iterator<Item = WorkloadPeriod> + '_ {
        let take = if index < self.schedule.loads.len() {
            self.len()
        } else {
            0
        };
        (0..take).filter_map(move |t| self.entry(t, index))
    }

    /// The line of workload `index` in period `period` (`None` for either
    /// out of range).
    #[must_use]
    pub fn entry(&self, period: usize, index: usize) -> Option<WorkloadPeriod> {
        self.entry_exact(period, index).map(|(entry, _)| entry)
    }

    /// Whether workload `index` is live in `period` (inside its window
    /// and term), without computing the rest of its entry.
    pub(crate) fn is_live(&self, period: usize, index: usize) -> bool {
        period < self.len()
            && self
                .schedule
                .loads
                .get(index)
                .is_some_and(|load| load.is_live(period))
    }

    /// [`Self::entry`], with its exact facility MWh.
    fn entry_exact(&self, period: usize, index: usize) -> Option<(WorkloadPeriod, Decimal)> {
        self.entry_lines::<true>(period, index)
    }

    /// [`Self::entry_exact`]; without `ENERGIES`, a running period's IT
    /// and facility energies are left zero (not converted to `f64`), for
    /// readers of its money lines only.
    fn entry_lines<const ENERGIES: bool>(
        &self,
        period: usize,
        index: usize,
    ) -> Option<(WorkloadPeriod, Decimal)> {
        let load = self.schedule.loads.get(index)?;
        if period >= self.len() {
            return None;
        }
        if !load.is_live(period) {
            return Some((WorkloadPeriod::default(), Decimal::ZERO));
        }
        let byte = if load.interruptible {
            self.decisions
                .get(index)
                .and_then(|d| d.get(period - load.from))
                .copied()
                .unwrap_or(0)
        } else {
            0
        };
        let reason = reason_of(byte);
        let energy = load.energy.at(period, load.from);
        let price = self.site.prices.get(period).unwrap_or(Decimal::ZERO);
        let market = self.site.market.as_ref().and_then(|m| m.get(period));
        if byte == RESERVE_BYTE {
            // Each product was computed, checked, when the ledger was built.
            return reserve_period(load, &self.site, period, price, market)
                .ok()
                .map(|lines| (lines.period, lines.energy_mwh));
        }
        // Checked representable when the ledger was built.
        let cost_on = energy.saturating_mul(price);
        let earning = load.revenue.at(period);
        Some(match reason {
            None => (
                running_entry::<ENERGIES>(load, cost_on, earning, energy),
                energy,
            ),
            Some(reason) => {
                let entry = curtailed_entry(reason, market, cost_on, earning.usd, energy);
                (entry, Decimal::ZERO)
            }
        })
    }

    /// Each summer's 4CP tag, for the summers wholly inside the horizon
    /// (empty without a transmission charge).
    #[must_use]
    pub fn four_cp_tags(&self) -> &[FourCpTag] {
        &self.four_cp_tags
    }

    /// Sums of workload `index` (in deployment order).
    #[must_use]
    pub fn workload_totals(&self, index: usize) -> Option<&WorkloadTotals> {
        self.workload_totals.get(index)
    }

    /// Sums of the workload named `name`.
    #[must_use]
    pub fn workload(&self, name: &str) -> Option<&WorkloadTotals> {
        self.workload_index(name)
            .and_then(|index| self.workload_totals.get(index))
    }

    /// The lines of the workload named `name`, one per period (empty for a
    /// name the deployment does not have).
    pub fn periods_of<'a>(&'a self, name: &str) -> impl Iterator<Item = WorkloadPeriod> + 'a {
        self.workload_periods(self.workload_index(name).unwrap_or(usize::MAX))
    }

    /// Exact sums of the site.
    #[must_use]
    pub const fn totals(&self) -> SiteTotals {
        self.totals
    }
}

/// A period run holding reserves: its lines, and its energies exact in
/// MWh for the ledger's sums.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReserveLines {
    pub(crate) period: WorkloadPeriod,
    pub(crate) it_mwh: Decimal,
    pub(crate) energy_mwh: Decimal,
    pub(crate) deployed_mwh: Decimal,
}

/// The lines of a period in which `load` runs holding reserves: the
/// deployed share `d` of its energy is shed (no revenue, no energy drawn;
/// with sell-back bought and sold at market), the rest runs, and the
/// capacity payment is earned. Bitcoin mined is rounded toward zero to the
/// satoshi.
pub(crate) fn reserve_period(
    load: &Load,
    site: &SiteTerms,
    t: usize,
    price: Decimal,
    market: Option<Decimal>,
) -> Result<ReserveLines, FacilityError> {
    let Some(reserves) = &site.reserves else {
        return Err(overflow("reserve terms"));
    };
    let energy = load.energy.at(t, load.from);
    let facts = reserves.facts(t, energy)?;
    let kept = Decimal::ONE
        .checked_sub(facts.deployed)
        .ok_or_else(|| overflow("kept share"))?;
    let earning = load.revenue.at(t);
    let drawn = mul(energy, kept, "facility energy")?;
    let deployed_mwh = mul(energy, facts.deployed, "deployed energy")?;
    let (cost, credit) = match market {
        Some(m) => (
            mul(energy, price, "energy cost")?,
            mul(deployed_mwh, m, "sell-back credit")?,
        ),
        None => (mul(drawn, price, "energy cost")?, Decimal::ZERO),
    };
    let sats = mul(Decimal::from(earning.btc.to_sat()), kept, "bitcoin mined")?
        .trunc()
        .to_i64()
        .ok_or_else(|| overflow("bitcoin mined"))?;
    let it_mwh = mul(load.energy.it(), kept, "IT energy")?;
    let period = WorkloadPeriod {
        live: true,
        running: true,
        reason: None,
        it_energy: energy_of(it_mwh),
        energy: energy_of(drawn),
        money: MoneyLines {
            energy_cost: Usd::new(cost),
            revenue: Usd::new(mul(earning.usd, kept, "revenue")?),
            sell_back_credit: Usd::new(credit),
            reserve_payment: Usd::new(facts.payment),
            ..MoneyLines::ZERO
        },
        btc_mined: Btc::from_sat(sats),
        reserve_offered: true,
        deployed_energy: energy_of(deployed_mwh),
    };
    Ok(ReserveLines {
        period,
        it_mwh,
        energy_mwh: drawn,
        deployed_mwh,
    })
}

#[cfg(feature = "serde")]
impl serde::Serialize for SiteLedger {
    /// The horizon, the workloads' names, every site period, every
    /// workload period (period-major), and the totals.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeStruct};
        let periods = self.periods().map_err(S::Error::custom)?;
        let workloads: Vec<WorkloadPeriod> = (0..self.len())
            .flat_map(|t| (0..self.schedule.loads.len()).filter_map(move |w| self.entry(t, w)))
            .collect();
        let mut s = serializer.serialize_struct("SiteLedger", 6)?;
        s.serialize_field("horizon", &self.schedule.horizon)?;
        s.serialize_field("names", &self.schedule.names)?;
        s.serialize_field("periods", &periods)?;
        s.serialize_field("workloads", &workloads)?;
        s.serialize_field("workload_totals", &self.workload_totals)?;
        s.serialize_field("totals", &self.totals)?;
        s.end()
    }
}
