//! The one lowering step: a [`Deployment`] on a [`Horizon`] becomes a
//! schedule of loads, and a [`PowerContract`] becomes the site's terms.
//!
//! Per load the schedule holds the periods it is live, whether it may be
//! curtailed, its facility energy per period (IT power × PUE × hours), its
//! revenue rule and who pays its power. It is computed directly from the
//! workloads' terms, never by simulating; the exact ledger
//! ([`crate::run`]) and the `f64` kernel ([`crate::kernel`]) both evaluate
//! it, period by period, through the same decision
//! ([`crate::curtailment`]).
//!
//! Each workload lowers itself in its own file (its `Model::lower`), so a
//! new workload is one file plus one arm of `Workload::model`; see
//! "Adding a workload" in the book's design note.

use alloc::string::String;
use alloc::vec::Vec;
use core::ops::Range;

use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, MoneyError, unit};

use crate::FacilityError;
use crate::curtailment::ReserveFacts;
use crate::deployment::{Assignment, Deployment};
use crate::exact_sum::Scaled;
use crate::horizon::Horizon;
use crate::period_prices::{HorizonPrices, PeriodPrices};
use crate::power::path::series_over;
use crate::power::reserves::ReserveOffer;
use crate::power::{FourCp, PowerContract, PowerSupply};

pub(crate) fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

pub(crate) fn mul(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, FacilityError> {
    a.checked_mul(b).ok_or_else(|| overflow(what))
}

/// What a load earns in one period while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Earning {
    /// Dollars (before any energy passed through to a tenant).
    pub(crate) usd: Decimal,
    /// Bitcoin (mining only).
    pub(crate) btc: Btc,
}

/// How a load earns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RevenueRule {
    /// The same every live period (hosting, GPU-hours).
    Constant(Earning),
    /// A step function: `values[t / per_step - first_step]` (mining on a
    /// hashprice path; a constant hashprice is one step of every period).
    Stepped {
        values: Vec<Earning>,
        per_step: usize,
        first_step: usize,
    },
    /// Amounts booked in given periods, in period order, nothing in the
    /// others (lease rent as invoiced).
    Bookings(Vec<(usize, Decimal)>),
}

impl RevenueRule {
    /// The earning of period `t` (a live period of the load).
    #[inline]
    pub(crate) fn at(&self, t: usize) -> Earning {
        match self {
            Self::Constant(e) => *e,
            Self::Stepped {
                values,
                per_step,
                first_step,
            } => values
                .get((t / per_step).saturating_sub(*first_step))
                .copied()
                .unwrap_or_default(),
            Self::Bookings(b) => match b.binary_search_by_key(&t, |&(p, _)| p) {
                Ok(i) => Earning {
                    usd: b.get(i).map_or(Decimal::ZERO, |&(_, v)| v),
                    btc: Btc::ZERO,
                },
                Err(_) => Earning::default(),
            },
        }
    }
}

impl RevenueRule {
    /// The live periods `from..until` cut into runs of equal earning, in
    /// order, covering every period once.
    pub(crate) fn segments(&self, from: usize, until: usize) -> Vec<(Range<usize>, Earning)> {
        let mut out = Vec::new();
        match self {
            Self::Constant(e) => out.push((from..until, *e)),
            Self::Stepped { per_step, .. } => {
                let mut t = from;
                while t < until {
                    let end = (t / per_step)
                        .checked_add(1)
                        .and_then(|s| s.checked_mul(*per_step))
                        .map_or(until, |e| e.min(until));
                    out.push((t..end, self.at(t)));
                    t = end;
                }
            }
            Self::Bookings(bookings) => {
                let mut t = from;
                for &(at, usd) in bookings.iter().filter(|(at, _)| (from..until).contains(at)) {
                    if at > t {
                        out.push((t..at, Earning::default()));
                    }
                    out.push((
                        at..at + 1,
                        Earning {
                            usd,
                            btc: Btc::ZERO,
                        },
                    ));
                    t = at + 1;
                }
                if t < until {
                    out.push((t..until, Earning::default()));
                }
            }
        }
        out.retain(|(r, _)| !r.is_empty());
        out
    }
}

/// Who pays a load's energy bill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Payer {
    /// The operator.
    Operator,
    /// The tenant: the bill is passed through and comes back as revenue.
    Tenant,
}

/// Facility MWh per period of one load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnergyProfile {
    /// A constant PUE: the same facility energy every period.
    Constant { facility: Decimal, it: Decimal },
    /// An hourly PUE: facility energy per live period (index `t − from`).
    PerPeriod { facility: Vec<Decimal>, it: Decimal },
}

impl EnergyProfile {
    /// Facility MWh of live period `t` of a load live from `from`.
    #[inline]
    pub(crate) fn at(&self, t: usize, from: usize) -> Decimal {
        match self {
            Self::Constant { facility, .. } => *facility,
            Self::PerPeriod { facility, .. } => facility
                .get(t.wrapping_sub(from))
                .copied()
                .unwrap_or(Decimal::ZERO),
        }
    }

    /// IT MWh per running period.
    pub(crate) const fn it(&self) -> Decimal {
        match self {
            Self::Constant { it, .. } | Self::PerPeriod { it, .. } => *it,
        }
    }

    /// The largest facility MWh of any period.
    pub(crate) fn peak(&self) -> Decimal {
        match self {
            Self::Constant { facility, .. } => *facility,
            Self::PerPeriod { facility, .. } => {
                facility.iter().copied().fold(Decimal::ZERO, Decimal::max)
            }
        }
    }
}

/// One workload, lowered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Load {
    /// First live period.
    pub(crate) from: usize,
    /// One past the last live period (`until >= from`).
    pub(crate) until: usize,
    /// Whether the load may be curtailed (mining, hosting) or is firm (AI).
    pub(crate) interruptible: bool,
    pub(crate) energy: EnergyProfile,
    pub(crate) revenue: RevenueRule,
    pub(crate) payer: Payer,
    /// Whether the load's tenant repays its share of demand charges.
    pub(crate) recovers_demand: bool,
    /// Whether the load's tenant repays its share of the 4CP charge.
    pub(crate) recovers_transmission: bool,
}

impl Load {
    /// Whether period `t` is live.
    #[inline]
    pub(crate) const fn is_live(&self, t: usize) -> bool {
        t >= self.from && t < self.until
    }
}

/// What a workload's own lowering gives: its revenue rule and terms, and
/// the part of its window it is live in (a lease is live only in its term).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Terms {
    pub(crate) revenue: RevenueRule,
    pub(crate) interruptible: bool,
    pub(crate) payer: Payer,
    /// Whether a tenant repays its share of demand and 4CP charges.
    pub(crate) recovers_demand: bool,
    pub(crate) recovers_transmission: bool,
    /// Live periods, clipped to the workload's own term where it has one.
    pub(crate) from: usize,
    pub(crate) until: usize,
}

/// What a workload's lowering may use: the horizon, the live periods of
/// its window and its IT energy per period.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LoadContext<'a> {
    pub(crate) horizon: &'a Horizon,
    /// Hours per period.
    pub(crate) hours: Decimal,
    /// IT MWh per running period.
    pub(crate) it_mwh: Decimal,
    pub(crate) from: usize,
    pub(crate) until: usize,
}

impl LoadContext<'_> {
    /// Terms with this context's live periods.
    pub(crate) const fn terms(&self, revenue: RevenueRule, interruptible: bool) -> Terms {
        Terms {
            revenue,
            interruptible,
            payer: Payer::Operator,
            recovers_demand: false,
            recovers_transmission: false,
            from: self.from,
            until: self.until,
        }
    }
}

/// A deployment's loads over a horizon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Schedule {
    pub(crate) horizon: Horizon,
    pub(crate) hours: Decimal,
    pub(crate) names: Vec<String>,
    pub(crate) loads: Vec<Load>,
}

impl Schedule {
    /// Lowers every assignment of `deployment` over `horizon`.
    pub(crate) fn lower(deployment: &Deployment, horizon: Horizon) -> Result<Self, FacilityError> {
        let loads = deployment
            .assignments()
            .iter()
            .map(|a| lower_assignment(a, &horizon))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            horizon,
            hours: horizon.period_hours(),
            names: deployment
                .assignments()
                .iter()
                .map(|a| a.name().into())
                .collect(),
            loads,
        })
    }
}

fn lower_assignment(a: &Assignment, horizon: &Horizon) -> Result<Load, FacilityError> {
    let hours = horizon.period_hours();
    let model = a.workload().model();
    // What the load draws while running: its IT power × its uptime.
    let it_mw = a.workload().it_power().get(unit::MEGAWATT) * model.drawn_share();
    let it_mwh = mul(to_decimal("IT load in MW", it_mw)?, hours, "IT energy")?;
    let window = a.window();
    let from = window.from.map_or(0, |t| horizon.index_at_or_after(t));
    let until = window
        .until
        .map_or(horizon.periods(), |t| horizon.index_at_or_after(t))
        .max(from);
    let context = LoadContext {
        horizon,
        hours,
        it_mwh,
        from,
        until,
    };
    let terms = model.lower(&context)?;
    let (from, until) = (terms.from, terms.until.max(terms.from));
    Ok(Load {
        from,
        until,
        interruptible: terms.interruptible,
        energy: energy_profile(a, horizon, it_mw, it_mwh, from, until)?,
        revenue: terms.revenue,
        payer: terms.payer,
        recovers_demand: terms.recovers_demand,
        recovers_transmission: terms.recovers_transmission,
    })
}

fn energy_profile(
    a: &Assignment,
    horizon: &Horizon,
    it_mw: f64,
    it_mwh: Decimal,
    from: usize,
    until: usize,
) -> Result<EnergyProfile, FacilityError> {
    let hours = horizon.period_hours();
    let pue = a.pue();
    if let Some(constant) = pue.constant_value() {
        return Ok(EnergyProfile::Constant {
            facility: mul(
                to_decimal("facility load in MW", it_mw * constant)?,
                hours,
                "facility energy",
            )?,
            it: it_mwh,
        });
    }
    // Reserved before it is filled: a size error rather than an abort
    // when a long horizon's per-period energies cannot be allocated.
    let mut facility: Vec<Decimal> = Vec::new();
    facility
        .try_reserve_exact(until.saturating_sub(from))
        .map_err(|_| FacilityError::TooLarge {
            periods: horizon.periods(),
            workloads: 1,
            bytes: until
                .saturating_sub(from)
                .saturating_mul(core::mem::size_of::<Decimal>()),
        })?;
    for t in from..until {
        let at = horizon
            .checked_start_of(t)
            .ok_or_else(|| overflow("period start"))?;
        facility.push(mul(
            to_decimal("facility load in MW", it_mw * pue.at(at)?)?,
            hours,
            "facility energy",
        )?);
    }
    Ok(EnergyProfile::PerPeriod {
        facility,
        it: it_mwh,
    })
}

/// The site's terms from its power contract over a horizon: the all-in
/// price and sell-back market price of every period, the 4CP intervals,
/// and the charges and payments booked at site level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SiteTerms {
    /// Read in place from the contract's series where the horizon is a
    /// window of it ([`crate::period_prices`]).
    pub(crate) prices: PeriodPrices,
    pub(crate) market: Option<PeriodPrices>,
    /// `prices` and `market` as integers at one scale, for exact fast sums.
    pub(crate) scaled_prices: Option<Scaled>,
    pub(crate) scaled_market: Option<Scaled>,
    /// Each summer's realised 4CP intervals wholly inside the horizon, and
    /// the periods containing them.
    pub(crate) four_cp: Vec<(FourCp, [usize; 4])>,
    /// The periods a 4CP avoidance policy flags, in order (empty without
    /// one).
    pub(crate) avoid: Vec<usize>,
    /// $/kW-year of the 4CP tag.
    pub(crate) transmission_rate: Option<Decimal>,
    /// $/kW of the month's peak.
    pub(crate) demand_charge_rate: Option<Decimal>,
    /// Committed MWh per period and $/MWh.
    pub(crate) demand_response: Option<(Decimal, Decimal)>,
    /// What the financial blocks pay the site in each period (empty when
    /// there are none).
    pub(crate) block_settlement: Vec<Decimal>,
    /// The ancillary-service offer over the horizon.
    pub(crate) reserves: Option<ReserveTerms>,
}

/// A reserve offer over a horizon: per period the clearing price ($/MW
/// per hour) and the called share of the period, and the offered share of
/// each interruptible load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReserveTerms {
    pub(crate) prices: Vec<Decimal>,
    pub(crate) called: Vec<Decimal>,
    pub(crate) share: Decimal,
}

impl ReserveTerms {
    fn lower(offer: &ReserveOffer, horizon: &Horizon) -> Result<Self, FacilityError> {
        Ok(Self {
            prices: series_over(offer.prices(), horizon)?,
            called: offer.called_over(horizon)?,
            share: offer.share(),
        })
    }

    /// The facts of period `t` for a load drawing `energy` facility MWh:
    /// payment = price × share × energy (MW × hours), deployed = share ×
    /// called share.
    pub(crate) fn facts(
        &self,
        t: usize,
        energy: Decimal,
    ) -> Result<ReserveFacts<Decimal>, FacilityError> {
        let price = self.prices.get(t).copied().unwrap_or(Decimal::ZERO);
        let called = self.called.get(t).copied().unwrap_or(Decimal::ZERO);
        Ok(ReserveFacts {
            payment: mul(
                mul(price, self.share, "reserve payment")?,
                energy,
                "reserve payment",
            )?,
            deployed: mul(self.share, called, "deployed share")?,
        })
    }
}

impl SiteTerms {
    /// Lowers `contract` over `horizon`.
    pub(crate) fn lower(
        contract: &PowerContract,
        horizon: &Horizon,
    ) -> Result<Self, FacilityError> {
        let HorizonPrices {
            prices,
            market,
            scaled_prices,
            scaled_market,
        } = HorizonPrices::lower(contract, horizon)?;
        let demand_response = match contract.demand_response() {
            Some(dr) => Some((
                mul(
                    to_decimal(
                        "demand-response commitment in MW",
                        dr.committed.get(unit::MEGAWATT),
                    )?,
                    horizon.period_hours(),
                    "committed MWh",
                )?,
                dr.rate.value(),
            )),
            None => None,
        };
        Ok(Self {
            scaled_prices,
            scaled_market,
            prices,
            market,
            four_cp: four_cp_periods(contract, horizon),
            avoid: contract
                .transmission()
                .and_then(|t| t.avoidance.as_ref())
                .map(|a| a.flagged_periods(horizon))
                .unwrap_or_default(),
            transmission_rate: contract
                .transmission()
                .map(|t| t.rate_per_kw_year.dollars()),
            demand_charge_rate: contract.demand_charge().map(|c| c.rate().dollars()),
            demand_response,
            block_settlement: block_settlement(contract, horizon)?,
            reserves: contract
                .reserves()
                .map(|offer| ReserveTerms::lower(offer, horizon))
                .transpose()?,
        })
    }

    /// Whether any charge needs the site's energy per period.
    pub(crate) const fn needs_site_energy(&self) -> bool {
        self.transmission_rate.is_some() || self.demand_charge_rate.is_some()
    }
}

/// The terms financial blocks settle on over `horizon`: the index price of
/// each period, the blocks' summed volume per period (MWh) and their summed
/// fixed payment per period (Σ volume × fixed price, $), exact; `None`
/// without blocks.
pub(crate) fn block_terms(
    contract: &PowerContract,
    horizon: &Horizon,
) -> Result<Option<(Vec<Decimal>, Decimal, Decimal)>, FacilityError> {
    let (blocks, PowerSupply::Index { prices, .. }) = (contract.blocks(), contract.supply()) else {
        return Ok(None);
    };
    if blocks.is_empty() {
        return Ok(None);
    }
    let hours = horizon.period_hours();
    let (mut mwh, mut fixed) = (Decimal::ZERO, Decimal::ZERO);
    for block in blocks {
        let v = block.mwh(hours)?;
        mwh = mwh.checked_add(v).ok_or_else(|| overflow("block volume"))?;
        fixed = fixed
            .checked_add(mul(v, block.price().value(), "block fixed payment")?)
            .ok_or_else(|| overflow("block fixed payment"))?;
    }
    Ok(Some((series_over(prices, horizon)?, mwh, fixed)))
}

/// Per period, Σ over the blocks of `(index − fixed) × volume × hours`:
/// `index × Σ volume − Σ fixed × volume`, exact.
fn block_settlement(
    contract: &PowerContract,
    horizon: &Horizon,
) -> Result<Vec<Decimal>, FacilityError> {
    let Some((index, mwh, fixed)) = block_terms(contract, horizon)? else {
        return Ok(Vec::new());
    };
    index
        .into_iter()
        .map(|index| {
            mul(index, mwh, "block floating leg")?
                .checked_sub(fixed)
                .ok_or_else(|| overflow("block settlement"))
        })
        .collect()
}

/// 4CP intervals inside the horizon: each summer's, with the periods
/// containing them, in time order.
fn four_cp_periods(contract: &PowerContract, horizon: &Horizon) -> Vec<(FourCp, [usize; 4])> {
    contract
        .transmission()
        .map(|t| {
            t.peaks
                .iter()
                .filter_map(|peaks| {
                    let [a, b, c, d] = peaks.intervals().map(|at| horizon.index_containing(at));
                    Some((*peaks, [a?, b?, c?, d?]))
                })
                .collect()
        })
        .unwrap_or_default()
}
