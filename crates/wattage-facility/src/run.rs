//! The exact site simulation: every period, every workload, in `Decimal`.
//!
//! ```
//! // Needs wattage-facility, wattage-mining, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::rust_decimal, wattage::chrono).
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::power::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
//! use wattage_facility::power::PowerContract;
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::pue::Pue;
//! use wattage_facility::run::simulate_site;
//! use wattage_facility::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::workload::{Colocation, SelfMining, SelfMiningSpec, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
//! let site = Site::new("Site", "100 MW".parse()?)?
//!     .with_hall(Hall::new("mining", "40 MW".parse()?, Pue::constant(1.05)?)?)?
//!     .with_hall(Hall::new("ai", "40 MW".parse()?, Pue::constant(1.3)?)?)?;
//! let mut plan = Deployment::new(site);
//! // 2 EH/s at 18 J/TH = 36 MW, $45/PH/day, FPPS with a 2% fee.
//! let mining = SelfMining::new(SelfMiningSpec { hashrate: "2 EH/s".parse()?, it_power: "36 MW".parse()?, pool: Pool::fpps("2%".parse()?)?,
//!     hashprice: HashpricePath::Constant("$45/PH/day".parse()?), btc_price: "$100,000/BTC".parse()?, uptime: Decimal::ONE, degradation_per_year: Decimal::ZERO })?;
//! plan.assign("fleet", "mining", Workload::SelfMining(mining))?;
//! let lease = ColocationLease::new(LeaseSpec { critical_it: "40 MW".parse()?, rate: "$130/kW/month".parse()?, escalator: Decimal::ZERO, term_months: 120,
//!     start: NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), structure: LeaseStructure::Gross })?;
//! plan.assign("tenant", "ai", Workload::Colocation(Colocation::new(lease, Decimal::ONE)?))?;
//!
//! // Three hours: cheap, a $900 spike, cheap.
//! let prices = ["$30/MWh", "$900/MWh", "$30/MWh"].iter().map(|p| p.parse()).collect::<Result<_, _>>()?;
//! let supply = PowerSupply::index(PriceSeries::new(start, Resolution::Hourly, prices)?, "$0/MWh".parse()?);
//! let horizon = Horizon::new(start, Resolution::Hourly, 3)?;
//! let ledger = simulate_site(&plan, &PowerContract::new(supply), horizon, Curtailment::AboveBreakeven)?;
//!
//! let fleet = ledger.workload("fleet").unwrap();
//! assert_eq!(fleet.curtailed_periods, 1); // the miners sat out the spike
//! let tenant = ledger.workload("tenant").unwrap();
//! assert_eq!(tenant.curtailed_periods, 0); // the lease ran through it
//! assert_eq!(tenant.energy.to_string(), "156 MWh"); // 40 MW × 1.3 × 3 h
//! // Totals are the exact sums of the periods.
//! let sum: Decimal = ledger.periods()?.iter().map(|p| p.money.energy_cost.dollars()).sum();
//! assert_eq!(ledger.totals().money.energy_cost.dollars(), sum);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;
use core::ops::Range;

use chrono::{DateTime, Datelike, Utc};

use rust_decimal::Decimal;
use wattage_units::{Btc, Usd};

use crate::FacilityError;
use crate::curtailment::{Curtailment, Decision, PeriodFacts, Policy, Units, decide};
use crate::deployment::Deployment;
use crate::exact_sum::{Scaled, UnitsView, to_units};
use crate::horizon::Horizon;
use crate::ledger::{
    FourCpTag, RESERVE_BYTE, ReserveLines, SiteLedger, SiteTotals, WorkloadTotals, add_nonzero,
    add_to, decision_byte, energy_of, reserve_period, time_of,
};
use crate::money_lines::MoneyLines;
use crate::period_prices::PeriodPrices;
use crate::power::{FourCp, PowerContract, decision_horizon};
use crate::schedule::{EnergyProfile, Load, Payer, Schedule, SiteTerms, mul, overflow};

fn sub(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, FacilityError> {
    a.checked_sub(b).ok_or_else(|| overflow(what))
}

/// Simulates `deployment` under `contract` over `horizon`, switching
/// interruptible (mining) workloads off according to `policy`.
///
/// In each period, for each live workload: facility energy = IT power ×
/// PUE × hours (entering money as MWh by
/// [`wattage_units::money::to_decimal`]); energy cost = energy × the
/// period's all-in price; revenue by kind (hashprice × hashrate × hours ×
/// (1 − pool fee) for self-mining, rate × IT energy for hosting, the lease
/// month's rent for colocation, GPUs × utilization × $/GPU-h × hours for a
/// GPU cloud). Rent is booked as invoiced: a lease month's whole rent in
/// its first period (prorated by seconds, to the cent, when the horizon
/// starts or ends inside a month). Then:
///
/// - **Curtailment** (interruptible workloads only; firm ones run
///   through), by the one rule both evaluators share
///   ([`crate::curtailment`]): [`Curtailment::AboveBreakeven`] switches a
///   workload off when its margin if running is below its margin if off:
///   zero, or, under a fixed-price contract with sell-back, (market −
///   fixed) × energy (the energy is still bought at the fixed price and
///   sold back at market); that is, when the price (or the market price)
///   is above the workload's breakeven. [`Curtailment::AbovePrice`]
///   switches off when the price (market price with sell-back) is above
///   the strike. Any policy but [`Curtailment::AlwaysOn`] also switches
///   interruptible loads off in the periods the contract's 4CP avoidance
///   policy flags on its forecast (never at the realised peaks as such:
///   nobody knows them in advance).
/// - **Reserves** (a contract with a
///   [`ReserveOffer`](crate::power::ReserveOffer)): an interruptible load
///   may instead run holding reserve capacity, paid the clearing price ×
///   offered MW × hours and shedding its called share; the same rule
///   takes it when it beats both running and curtailing
///   ([`crate::power::reserves`]).
/// - **Demand response**: rate × min(commitment, interruptible facility
///   load running) × hours, every period: paid on availability, so a load
///   already curtailed earns nothing for the period.
/// - **Demand charge**: rate × the month's peak facility kW, booked in the
///   last period of each calendar month (UTC) in the horizon.
/// - **4CP**: for each summer wholly inside the horizon, its tag (the
///   mean facility kW in the four realised intervals) × rate is the next
///   year's charge, billed one twelfth in each month of that year inside
///   the horizon ([`crate::power::Transmission`]); the tags are
///   [`SiteLedger::four_cp_tags`].
///
/// When the contract's prices are finer than `horizon` (15-minute prices,
/// hourly periods), the simulation runs on the prices' own intervals
/// ([`decision_horizon`]), so a spike inside an hour is seen.
///
/// Totals are exact `Decimal` sums of the periods. The ledger keeps one
/// byte per live period of each interruptible workload (its decision) and
/// recomputes entries from the schedule when asked, so it stays small.
///
/// # Errors
/// [`FacilityError::OutsideSeries`] when prices or a PUE do not cover the
/// horizon; [`FacilityError::InvalidTerm`] when a hashprice path is too
/// short; [`FacilityError::TooLarge`] when the ledger would not fit in
/// memory; [`FacilityError::Money`] on overflow.
pub fn simulate_site(
    deployment: &Deployment,
    contract: &PowerContract,
    horizon: Horizon,
    policy: Curtailment,
) -> Result<SiteLedger, FacilityError> {
    let horizon = decision_horizon(contract, horizon)?;
    let schedule = Schedule::lower(deployment, horizon)?;
    let site = SiteTerms::lower(contract, &horizon)?;
    evaluate(schedule, site, policy)
}

/// Evaluates a lowered schedule exactly: decide, book running, book
/// curtailed, book site charges.
pub(crate) fn evaluate(
    schedule: Schedule,
    site: SiteTerms,
    policy: Curtailment,
) -> Result<SiteLedger, FacilityError> {
    let n = schedule.horizon.periods();
    let policy = Policy::new(policy, |s| s.value());
    let forced_off = four_cp_flags(&site, n, policy)?;
    let mut site_energy = site_energy_slots(&schedule, &site)?;
    let run = evaluate_range(
        &schedule,
        &site,
        policy,
        &forced_off,
        0..n,
        &mut site_energy,
    )?;
    let mut totals = site_totals(&run.workload_totals)?;
    let charges = book_site_charges(&schedule, &site, &site_energy)?;
    charges.add_to(&mut totals, 0..n, &schedule, &site, &run.decisions)?;
    Ok(SiteLedger {
        schedule,
        site,
        decisions: run.decisions,
        demand_charges: charges.demand,
        transmission_charges: charges.transmission,
        recovered_charges: charges.recovered,
        four_cp_tags: charges.tags,
        workload_totals: run.workload_totals,
        totals,
    })
}

/// Per period, the site's facility energy, when a charge needs it.
pub(crate) fn site_energy_slots(
    schedule: &Schedule,
    site: &SiteTerms,
) -> Result<Vec<Decimal>, FacilityError> {
    if site.needs_site_energy() {
        try_vec(
            Decimal::ZERO,
            schedule.horizon.periods(),
            schedule.loads.len(),
        )
    } else {
        Ok(Vec::new())
    }
}

/// The sums of every workload over some periods, and their decisions.
pub(crate) struct RangeRun {
    pub(crate) workload_totals: Vec<WorkloadTotals>,
    pub(crate) decisions: Vec<Vec<u8>>,
}

/// Every load over periods `range`: decided, booked, and its facility
/// energy added to `site_energy` (when that is kept).
pub(crate) fn evaluate_range(
    schedule: &Schedule,
    site: &SiteTerms,
    policy: Policy<Decimal>,
    forced_off: &[bool],
    range: Range<usize>,
    site_energy: &mut [Decimal],
) -> Result<RangeRun, FacilityError> {
    let mut run = RangeRun {
        workload_totals: Vec::with_capacity(schedule.loads.len()),
        decisions: Vec::with_capacity(schedule.loads.len()),
    };
    for load in &schedule.loads {
        check_representable(load, site)?;
        let live =
            load.from.max(range.start)..load.until.min(range.end).max(load.from.max(range.start));
        let mut book = Book::new(load, site, &live, schedule.loads.len())?;
        if load.interruptible {
            run_interruptible(load, site, policy, forced_off, &mut book, &live)?;
        } else {
            run_firm(load, site, &mut book, &live)?;
        }
        if !site_energy.is_empty() {
            add_site_energy(load, site, &book.decisions, &live, site_energy)?;
        }
        run.workload_totals
            .push(book.acc.totals(load, site, schedule.hours)?);
        run.decisions.push(book.decisions);
    }
    Ok(run)
}

/// The site's energy and money lines: the workloads' sums.
pub(crate) fn site_totals(workloads: &[WorkloadTotals]) -> Result<SiteTotals, FacilityError> {
    let mut totals = SiteTotals::default();
    for wt in workloads {
        totals.energy += wt.energy;
    }
    totals.money = workloads.iter().map(|wt| &wt.money).sum::<Result<_, _>>()?;
    Ok(totals)
}

/// A zeroed vector of `n` values, or [`FacilityError::TooLarge`] when it
/// cannot be allocated (instead of aborting the process).
pub(crate) fn try_vec<T: Clone>(
    value: T,
    n: usize,
    workloads: usize,
) -> Result<Vec<T>, FacilityError> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| FacilityError::TooLarge {
            periods: n,
            workloads,
            bytes: n.saturating_mul(core::mem::size_of::<T>()),
        })?;
    v.resize(n, value);
    Ok(v)
}

/// The periods a 4CP avoidance policy switches interruptible loads off in
/// (none under [`Curtailment::AlwaysOn`]).
pub(crate) fn four_cp_flags(
    site: &SiteTerms,
    n: usize,
    policy: Policy<Decimal>,
) -> Result<Vec<bool>, FacilityError> {
    if site.avoid.is_empty() || matches!(policy, Policy::AlwaysOn) {
        return Ok(Vec::new());
    }
    let mut flags = try_vec(false, n, 1)?;
    for &i in &site.avoid {
        if let Some(slot) = flags.get_mut(i) {
            *slot = true;
        }
    }
    Ok(flags)
}

/// Checks once that every entry of `load` the ledger may recompute
/// (energy × price, energy × market price) is representable, so that
/// reading the ledger never overflows.
fn check_representable(load: &Load, site: &SiteTerms) -> Result<(), FacilityError> {
    let peak_energy = load.energy.peak();
    let range = load.from..load.until;
    let peak_price = |scaled: Option<&Scaled>, prices: &PeriodPrices| {
        scaled.map_or_else(
            || {
                if range.end > prices.len() {
                    return Decimal::ZERO;
                }
                range
                    .clone()
                    .filter_map(|t| prices.get(t))
                    .map(|p| p.abs())
                    .fold(Decimal::ZERO, Decimal::max)
            },
            Scaled::max_abs,
        )
    };
    mul(
        peak_energy,
        peak_price(site.scaled_prices.as_ref(), &site.prices),
        "energy cost",
    )?;
    if let Some(market) = &site.market {
        mul(
            peak_energy,
            peak_price(site.scaled_market.as_ref(), market),
            "sell-back credit",
        )?;
    }
    Ok(())
}

/// Running sums of one workload, kept in factored form so that each
/// period costs one addition: with constant energy `e`, the energy bill of
/// the running periods is `e × Σ price`, exactly the sum of the periods'
/// `e × price` (`Decimal` products and sums of this size are exact).
#[derive(Default)]
struct Acc {
    running: usize,
    /// Σ price over periods whose energy was bought (constant energy), in
    /// the scaled units of the horizon's prices, or as `Decimal` when the
    /// prices could not be scaled.
    bought_units: i128,
    bought_price_sum: Decimal,
    /// Σ energy × price over periods whose energy was bought (varying energy).
    bought_cost_direct: Decimal,
    /// Σ market price over curtailed periods with sell-back (constant energy).
    market_units: i128,
    market_sum: Decimal,
    /// Σ market × energy over curtailed periods (varying energy).
    credit_direct: Decimal,
    /// Σ facility MWh of running periods (varying energy).
    energy_direct: Decimal,
    /// Σ facility MWh of curtailed periods.
    curtailed_mwh: Decimal,
    revenue: Decimal,
    btc_sats: i64,
    curtailment_value: Decimal,
    live: usize,
    /// Sums of the periods run holding reserves.
    reserve: ReserveAcc,
}

/// Sums of the periods a load ran holding reserves, each booked from its
/// [`reserve_period`] lines.
#[derive(Default)]
struct ReserveAcc {
    periods: usize,
    it_mwh: Decimal,
    energy_mwh: Decimal,
    energy_cost: Decimal,
    revenue: Decimal,
    credit: Decimal,
    payment: Decimal,
    deployed_mwh: Decimal,
    btc_sats: i64,
}

impl ReserveAcc {
    fn add(&mut self, lines: &ReserveLines) -> Result<(), FacilityError> {
        let p = &lines.period;
        self.periods += 1;
        add_to(&mut self.it_mwh, lines.it_mwh, "IT energy")?;
        add_to(&mut self.energy_mwh, lines.energy_mwh, "facility energy")?;
        add_to(
            &mut self.energy_cost,
            p.money.energy_cost.dollars(),
            "energy cost",
        )?;
        add_to(&mut self.revenue, p.money.revenue.dollars(), "revenue")?;
        add_to(
            &mut self.credit,
            p.money.sell_back_credit.dollars(),
            "sell-back credit",
        )?;
        add_to(
            &mut self.payment,
            p.money.reserve_payment.dollars(),
            "reserve payment",
        )?;
        add_to(
            &mut self.deployed_mwh,
            lines.deployed_mwh,
            "deployed energy",
        )?;
        self.btc_sats = self
            .btc_sats
            .checked_add(p.btc_mined.to_sat())
            .ok_or_else(|| overflow("bitcoin mined"))?;
        Ok(())
    }
}

fn plus(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, FacilityError> {
    let mut total = a;
    add_to(&mut total, b, what)?;
    Ok(total)
}

struct Book<'a> {
    acc: Acc,
    prices: Option<UnitsView<'a>>,
    market: Option<UnitsView<'a>>,
    /// One byte per live period (interruptible loads only).
    decisions: Vec<u8>,
    constant_energy: bool,
}

impl<'a> Book<'a> {
    fn new(
        load: &Load,
        site: &'a SiteTerms,
        live: &Range<usize>,
        workloads: usize,
    ) -> Result<Self, FacilityError> {
        let decisions = if load.interruptible {
            let mut d = Vec::new();
            d.try_reserve_exact(live.len())
                .map_err(|_| FacilityError::TooLarge {
                    periods: site.prices.len(),
                    workloads,
                    bytes: live.len(),
                })?;
            d
        } else {
            Vec::new()
        };
        Ok(Self {
            acc: Acc {
                live: live.len(),
                ..Acc::default()
            },
            decisions,
            prices: site.scaled_prices.as_ref().map(Scaled::view),
            market: site.scaled_market.as_ref().map(Scaled::view),
            constant_energy: matches!(load.energy, EnergyProfile::Constant { .. }),
        })
    }

    /// Books the energy of period `t` as bought at `price` (read only
    /// where the sum is not kept in units).
    #[inline]
    fn buy(
        &mut self,
        t: usize,
        energy: Decimal,
        price: impl FnOnce() -> Decimal,
    ) -> Result<(), FacilityError> {
        if self.constant_energy {
            match self.prices {
                Some(scaled) => {
                    self.acc.bought_units = self
                        .acc
                        .bought_units
                        .checked_add(scaled.units(t))
                        .ok_or_else(|| overflow("price sum"))?;
                    Ok(())
                }
                None => add_to(&mut self.acc.bought_price_sum, price(), "price sum"),
            }
        } else {
            add_to(
                &mut self.acc.bought_cost_direct,
                mul(energy, price(), "energy cost")?,
                "energy cost",
            )
        }
    }

    /// Books a running period: the energy bought and drawn.
    #[inline]
    fn book_running(
        &mut self,
        t: usize,
        energy: Decimal,
        price: impl FnOnce() -> Decimal,
    ) -> Result<(), FacilityError> {
        self.acc.running += 1;
        self.buy(t, energy, price)?;
        if !self.constant_energy {
            add_to(&mut self.acc.energy_direct, energy, "facility energy")?;
        }
        Ok(())
    }

    /// Books a curtailed period: with sell-back the energy is still bought
    /// and sold at market; the value of curtailing is the margin off less
    /// the margin on.
    fn book_curtailed(
        &mut self,
        t: usize,
        facts: PeriodFacts<Decimal>,
        decision: Decision,
    ) -> Result<(), FacilityError> {
        let PeriodFacts {
            revenue,
            energy,
            price,
            market,
            ..
        } = facts;
        add_to(&mut self.acc.curtailed_mwh, energy, "curtailed energy")?;
        let cost_on = mul(energy, price, "energy cost")?;
        let margin_on = sub(revenue, cost_on, "margin")?;
        let margin_off = match market {
            Some(m) => {
                self.buy(t, energy, || price)?;
                let credit = mul(m, energy, "sell-back credit")?;
                if self.constant_energy {
                    match self.market {
                        Some(scaled) => {
                            self.acc.market_units = self
                                .acc
                                .market_units
                                .checked_add(scaled.units(t))
                                .ok_or_else(|| overflow("market price sum"))?;
                        }
                        None => add_to(&mut self.acc.market_sum, m, "market price sum")?,
                    }
                } else {
                    add_to(&mut self.acc.credit_direct, credit, "sell-back credit")?;
                }
                sub(credit, cost_on, "margin off")?
            }
            None => Decimal::ZERO,
        };
        let value = sub(margin_off, margin_on, "curtailment value")?;
        add_to(&mut self.acc.curtailment_value, value, "curtailment value")?;
        self.decisions.push(decision_byte(decision));
        Ok(())
    }
}

/// An interruptible load, segment by segment of equal earnings: decide
/// each period, then book it running or curtailed.
fn run_interruptible(
    load: &Load,
    site: &SiteTerms,
    policy: Policy<Decimal>,
    forced_off: &[bool],
    book: &mut Book<'_>,
    live: &Range<usize>,
) -> Result<(), FacilityError> {
    let fast = IntegerTerms::of(load, site, policy);
    for (range, earning) in load.revenue.segments(live.start, live.end) {
        let mut ran: u64 = 0;
        let revenue = fast.as_ref().and_then(|f| f.revenue(earning.usd));
        for t in range {
            let four_cp = forced_off.get(t).copied().unwrap_or(false);
            // The same rule in integer units where the inputs allow it
            // (the same answer, without rescaling), else in `Decimal`; the
            // `Decimal` facts are built only where they are read.
            let (decision, facts) = match (&fast, revenue) {
                (Some(f), Some(r)) => (decide(f.policy, f.facts(r, t, four_cp)), None),
                _ => {
                    let facts = decimal_facts(load, site, t, earning.usd, four_cp)?;
                    (decide(policy, facts), Some(facts))
                }
            };
            let decision = decision.ok_or_else(|| overflow("margin"))?;
            let facts = || match facts {
                Some(facts) => Ok(facts),
                None => decimal_facts(load, site, t, earning.usd, four_cp),
            };
            if decision.runs() {
                let price = || site.prices.get(t).unwrap_or(Decimal::ZERO);
                book.book_running(t, load.energy.at(t, load.from), price)?;
                book.decisions.push(decision_byte(decision));
                ran += 1;
            } else if decision == Decision::Reserve {
                let facts = facts()?;
                let lines = reserve_period(load, site, t, facts.price, facts.market)?;
                book.acc.reserve.add(&lines)?;
                book.decisions.push(decision_byte(decision));
            } else {
                book.book_curtailed(t, facts()?, decision)?;
            }
        }
        book_earnings(&mut book.acc, earning.usd, earning.btc, ran)?;
    }
    Ok(())
}

/// The decision inputs of period `t` in `Decimal`.
fn decimal_facts(
    load: &Load,
    site: &SiteTerms,
    t: usize,
    revenue: Decimal,
    four_cp: bool,
) -> Result<PeriodFacts<Decimal>, FacilityError> {
    let energy = load.energy.at(t, load.from);
    Ok(PeriodFacts {
        revenue,
        energy,
        price: site.prices.get(t).unwrap_or(Decimal::ZERO),
        market: site.market.as_ref().and_then(|m| m.get(t)),
        four_cp,
        reserve: site
            .reserves
            .as_ref()
            .map(|r| r.facts(t, energy))
            .transpose()?,
    })
}

/// A load's decision inputs as integer units: energy at its own scale,
/// prices at the horizon's common scale, revenue at their product's scale.
struct IntegerTerms<'a> {
    energy: Units,
    revenue_scale: u32,
    prices: UnitsView<'a>,
    market: Option<UnitsView<'a>>,
    policy: Policy<Units>,
}

impl<'a> IntegerTerms<'a> {
    /// The integer form of `load`'s decision, when its energy is constant
    /// and the horizon's prices (and strike) have an integer form.
    fn of(load: &Load, site: &'a SiteTerms, policy: Policy<Decimal>) -> Option<Self> {
        let EnergyProfile::Constant { facility, .. } = load.energy else {
            return None;
        };
        if site.reserves.is_some() {
            return None;
        }
        let scaled = site.scaled_prices.as_ref()?;
        let market = match &site.market {
            Some(_) => Some(site.scaled_market.as_ref()?.view()),
            None => None,
        };
        let (scale, prices) = (scaled.scale(), scaled.view());
        let policy = match policy {
            Policy::AlwaysOn => Policy::AlwaysOn,
            Policy::AboveBreakeven => Policy::AboveBreakeven,
            Policy::AbovePrice(s) => Policy::AbovePrice(Units(to_units(s, scale)?)),
        };
        Some(Self {
            energy: Units(facility.mantissa()),
            revenue_scale: facility.scale().checked_add(scale)?,
            prices,
            market,
            policy,
        })
    }

    /// A segment's revenue in units of energy × price.
    fn revenue(&self, usd: Decimal) -> Option<Units> {
        to_units(usd, self.revenue_scale).map(Units)
    }

    #[inline]
    fn facts(&self, revenue: Units, t: usize, four_cp: bool) -> PeriodFacts<Units> {
        PeriodFacts {
            revenue,
            energy: self.energy,
            price: Units(self.prices.units(t)),
            market: self.market.map(|m| Units(m.units(t))),
            four_cp,
            reserve: None,
        }
    }
}

/// A firm load: every live period runs.
fn run_firm(
    load: &Load,
    site: &SiteTerms,
    book: &mut Book<'_>,
    live: &Range<usize>,
) -> Result<(), FacilityError> {
    let constant = matches!(load.energy, EnergyProfile::Constant { .. });
    match &site.scaled_prices {
        // Constant energy: the bill is energy × Σ price, an integer sum.
        Some(scaled) if constant => {
            let view = scaled.view();
            let periods = if live.end <= view.len() {
                live.len()
            } else {
                0
            };
            book.acc.bought_units = view
                .sum(live.start..live.start + periods)
                .and_then(|units| book.acc.bought_units.checked_add(units))
                .ok_or_else(|| overflow("price sum"))?;
            book.acc.running += periods;
        }
        _ => book_firm_periods(load, site, book, live)?,
    }
    for (range, earning) in load.revenue.segments(live.start, live.end) {
        book_earnings(&mut book.acc, earning.usd, earning.btc, range.len() as u64)?;
    }
    Ok(())
}

fn book_firm_periods(
    load: &Load,
    site: &SiteTerms,
    book: &mut Book<'_>,
    live: &Range<usize>,
) -> Result<(), FacilityError> {
    for t in live.clone() {
        let price = || site.prices.get(t).unwrap_or(Decimal::ZERO);
        book.book_running(t, load.energy.at(t, load.from), price)?;
    }
    Ok(())
}

fn book_earnings(acc: &mut Acc, usd: Decimal, btc: Btc, periods: u64) -> Result<(), FacilityError> {
    if periods == 0 {
        return Ok(());
    }
    if !usd.is_zero() {
        add_to(
            &mut acc.revenue,
            mul(usd, Decimal::from(periods), "revenue")?,
            "revenue",
        )?;
    }
    let sats = i64::try_from(periods)
        .ok()
        .and_then(|p| btc.to_sat().checked_mul(p))
        .and_then(|s| acc.btc_sats.checked_add(s))
        .ok_or_else(|| overflow("bitcoin mined"))?;
    acc.btc_sats = sats;
    Ok(())
}

impl Acc {
    fn totals(
        self,
        load: &Load,
        site: &SiteTerms,
        hours: Decimal,
    ) -> Result<WorkloadTotals, FacilityError> {
        let running = Decimal::from(self.running);
        let sum = |scaled: Option<&Scaled>, units: i128, plain: Decimal| match scaled {
            Some(s) => s.to_decimal(units).ok_or_else(|| overflow("price sum")),
            None => Ok(plain),
        };
        let bought = sum(
            site.scaled_prices.as_ref(),
            self.bought_units,
            self.bought_price_sum,
        )?;
        let market = sum(
            site.scaled_market.as_ref(),
            self.market_units,
            self.market_sum,
        )?;
        let (energy_cost, energy_mwh, credit) = match &load.energy {
            EnergyProfile::Constant { facility, .. } => (
                mul(*facility, bought, "energy cost")?,
                mul(*facility, running, "facility energy")?,
                mul(*facility, market, "sell-back credit")?,
            ),
            EnergyProfile::PerPeriod { .. } => (
                self.bought_cost_direct,
                self.energy_direct,
                self.credit_direct,
            ),
        };
        let it_mwh = mul(load.energy.it(), running, "IT energy")?;
        let pass = match load.payer {
            Payer::Tenant => energy_cost,
            Payer::Operator => Decimal::ZERO,
        };
        let r = &self.reserve;
        let curtailed = self.live - self.running - r.periods;
        let revenue = plus(self.revenue, pass, "revenue")?;
        Ok(WorkloadTotals {
            live_periods: self.live,
            curtailed_periods: curtailed,
            curtailed_time: time_of(mul(hours, Decimal::from(curtailed), "curtailed hours")?),
            curtailed_energy: energy_of(self.curtailed_mwh),
            it_energy: energy_of(plus(it_mwh, r.it_mwh, "IT energy")?),
            energy: energy_of(plus(energy_mwh, r.energy_mwh, "facility energy")?),
            money: MoneyLines {
                energy_cost: Usd::new(plus(energy_cost, r.energy_cost, "energy cost")?),
                revenue: Usd::new(plus(revenue, r.revenue, "revenue")?),
                pass_through: Usd::new(pass),
                sell_back_credit: Usd::new(plus(credit, r.credit, "sell-back credit")?),
                curtailment_value: Usd::new(self.curtailment_value),
                reserve_payment: Usd::new(r.payment),
                ..MoneyLines::ZERO
            },
            btc_mined: Btc::from_sat(
                self.btc_sats
                    .checked_add(r.btc_sats)
                    .ok_or_else(|| overflow("bitcoin mined"))?,
            ),
            reserve_periods: r.periods,
            deployed_energy: energy_of(r.deployed_mwh),
        })
    }
}

/// Adds the facility energy `load` drew in each period of `live` to
/// `site_energy` (`decisions` are those of `live`).
fn add_site_energy(
    load: &Load,
    site: &SiteTerms,
    decisions: &[u8],
    live: &Range<usize>,
    site_energy: &mut [Decimal],
) -> Result<(), FacilityError> {
    for t in live.clone() {
        let byte = decisions.get(t - live.start).copied();
        let drawn = if !load.interruptible || byte == Some(0) {
            load.energy.at(t, load.from)
        } else if byte == Some(RESERVE_BYTE) {
            let price = site.prices.get(t).unwrap_or(Decimal::ZERO);
            reserve_period(load, site, t, price, None)?.energy_mwh
        } else {
            continue;
        };
        if let Some(slot) = site_energy.get_mut(t) {
            add_to(slot, drawn, "facility energy")?;
        }
    }
    Ok(())
}

/// Site-level charges, each booked in one period.
pub(crate) struct SiteCharges {
    pub(crate) demand: Vec<(usize, Usd)>,
    pub(crate) transmission: Vec<(usize, Usd)>,
    pub(crate) tags: Vec<FourCpTag>,
    /// Tenants' repayments of their shares of demand and 4CP charges.
    pub(crate) recovered: Vec<(usize, Usd)>,
}

impl SiteCharges {
    /// Adds the charges booked in `range`, and its demand-response
    /// payments (on the loads' `decisions` over `range`), to `totals`.
    pub(crate) fn add_to(
        &self,
        totals: &mut SiteTotals,
        range: Range<usize>,
        schedule: &Schedule,
        site: &SiteTerms,
        decisions: &[Vec<u8>],
    ) -> Result<(), FacilityError> {
        let first = range.start;
        for &(_, c) in self.demand.iter().filter(|(t, _)| range.contains(t)) {
            totals.money.demand_charge = totals.money.demand_charge.checked_add(c)?;
        }
        for &(_, c) in self.transmission.iter().filter(|(t, _)| range.contains(t)) {
            totals.money.transmission_charge = totals.money.transmission_charge.checked_add(c)?;
        }
        for &(_, c) in self.recovered.iter().filter(|(t, _)| range.contains(t)) {
            totals.money.charges_passed_through =
                totals.money.charges_passed_through.checked_add(c)?;
        }
        for &paid in site.block_settlement.get(range.clone()).unwrap_or(&[]) {
            totals.money.block_settlement =
                add_nonzero(totals.money.block_settlement, Usd::new(paid))?;
        }
        if site.demand_response.is_some() {
            for t in range {
                let paid = demand_response_at(schedule, site, decisions, first, t)?;
                totals.money.demand_response = add_nonzero(totals.money.demand_response, paid)?;
            }
        }
        Ok(())
    }
}

/// Demand charges and 4CP charges, each booked in its period.
pub(crate) fn book_site_charges(
    schedule: &Schedule,
    site: &SiteTerms,
    site_energy: &[Decimal],
) -> Result<SiteCharges, FacilityError> {
    let hours = schedule.hours;
    let mut charges = SiteCharges {
        demand: Vec::new(),
        transmission: Vec::new(),
        tags: Vec::new(),
        recovered: Vec::new(),
    };
    if let Some(rate) = site.demand_charge_rate {
        let months = demand_charges(&schedule.horizon, site_energy, rate, hours)?;
        charges.recovered = recovered_demand(schedule, &months, rate)?;
        charges.demand = months.into_iter().map(|(t, _, c)| (t, c)).collect();
    }
    if let Some(rate) = site.transmission_rate {
        for &(peaks, quad) in &site.four_cp {
            let (tag, bills) = four_cp_bills(schedule, site, site_energy, rate, peaks, quad)?;
            charges.transmission.extend(bills);
            charges.tags.push(tag);
            let tenants = |t| tenant_energy(schedule, t, |l| l.recovers_transmission);
            let repaid = tag_and_bills(schedule, rate, peaks, quad, tenants)?.bills;
            charges
                .recovered
                .extend(repaid.into_iter().filter(|(_, c)| *c != Usd::ZERO));
        }
    }
    charges.recovered.sort_by_key(|&(t, _)| t);
    Ok(charges)
}

/// One summer's 4CP tag (the mean facility MW in its four intervals) and
/// its bills: the next calendar year's charge, one twelfth (to the cent;
/// December takes the remainder) in the first period of each of its
/// months (UTC) inside the horizon.
fn four_cp_bills(
    schedule: &Schedule,
    site: &SiteTerms,
    site_energy: &[Decimal],
    rate: Decimal,
    peaks: FourCp,
    quad: [usize; 4],
) -> Result<(FourCpTag, Vec<(usize, Usd)>), FacilityError> {
    let at = |i: usize| Ok(site_energy.get(i).copied().unwrap_or(Decimal::ZERO));
    let TagBills {
        tag_mw,
        annual,
        bills,
    } = tag_and_bills(schedule, rate, peaks, quad, at)?;
    let summer = summer_of(peaks);
    let avoided = site
        .avoid
        .iter()
        .filter(|&&t| {
            schedule
                .horizon
                .checked_start_of(t)
                .is_some_and(|at| summer_year(at) == summer)
        })
        .count();
    let tag = FourCpTag {
        summer,
        intervals: peaks.intervals(),
        tag_mw,
        annual_charge: Usd::new(annual),
        avoidance_hours: mul(schedule.hours, Decimal::from(avoided), "avoidance hours")?,
    };
    Ok((tag, bills))
}

/// The tag of the load drawing `energy_at(t)` MWh in period `t` (its mean
/// MW in the four intervals), its annual charge, and the monthly bills of
/// the next year inside the horizon.
pub(crate) fn tag_and_bills(
    schedule: &Schedule,
    rate: Decimal,
    peaks: FourCp,
    quad: [usize; 4],
    energy_at: impl Fn(usize) -> Result<Decimal, FacilityError>,
) -> Result<TagBills, FacilityError> {
    let mut sum = Decimal::ZERO;
    for &i in &quad {
        add_to(&mut sum, energy_at(i)?, "4CP demand")?;
    }
    // Mean MW over the four = sum of MWh / hours / 4.
    let tag_mw = sum
        .checked_div(schedule.hours * Decimal::from(4))
        .ok_or_else(|| overflow("4CP tag"))?;
    let annual = mul(
        mul(tag_mw, Decimal::ONE_THOUSAND, "4CP tag")?,
        rate,
        "4CP charge",
    )?;
    let monthly = (annual / Decimal::from(12)).round_dp(2);
    let summer = summer_of(peaks);
    let mut bills = Vec::new();
    for month in 1..=12 {
        let amount = if month == 12 {
            sub(
                annual,
                mul(monthly, Decimal::from(11), "4CP bills")?,
                "4CP bills",
            )?
        } else {
            monthly
        };
        let start = summer
            .checked_add(1)
            .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, month, 1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc());
        if let Some(t) = start.and_then(|at| schedule.horizon.index_containing(at)) {
            bills.push((t, Usd::new(amount)));
        }
    }
    Ok(TagBills {
        tag_mw,
        annual,
        bills,
    })
}

/// A load's 4CP tag (MW), its annual charge and its monthly bills.
pub(crate) struct TagBills {
    tag_mw: Decimal,
    annual: Decimal,
    bills: Vec<(usize, Usd)>,
}

/// The year of a time in Central daylight time (UTC−5, as [`FourCp`]).
fn summer_year(at: DateTime<Utc>) -> i32 {
    at.checked_sub_signed(chrono::TimeDelta::hours(5))
        .map_or(at.year(), |t| t.year())
}

/// The summer of four 4CP intervals.
fn summer_of(peaks: FourCp) -> i32 {
    summer_year(peaks.intervals()[0])
}

/// Facility MWh in period `t` of the live loads whose tenants repay a
/// charge (`repays`).
fn tenant_energy(
    schedule: &Schedule,
    t: usize,
    repays: impl Fn(&Load) -> bool,
) -> Result<Decimal, FacilityError> {
    let mut sum = Decimal::ZERO;
    for load in schedule.loads.iter().filter(|l| repays(l) && l.is_live(t)) {
        add_to(&mut sum, load.energy.at(t, load.from), "tenant energy")?;
    }
    Ok(sum)
}

/// Each month's repayment by the tenants that repay demand charges: rate ×
/// their kW in the period of the site's peak, booked with the charge.
fn recovered_demand(
    schedule: &Schedule,
    months: &[(usize, usize, Usd)],
    rate_per_kw: Decimal,
) -> Result<Vec<(usize, Usd)>, FacilityError> {
    let mut out = Vec::new();
    for &(booked, peak, _) in months {
        let mwh = tenant_energy(schedule, peak, |l| l.recovers_demand)?;
        if mwh.is_zero() {
            continue;
        }
        let kw = mul(mwh, Decimal::ONE_THOUSAND, "tenant peak demand")?
            .checked_div(schedule.hours)
            .ok_or_else(|| overflow("tenant peak demand"))?;
        out.push((
            booked,
            Usd::new(mul(kw, rate_per_kw, "demand charge repaid")?),
        ));
    }
    Ok(out)
}

/// The demand-response payment of period `t`: rate × min(commitment,
/// facility energy of the interruptible loads running in `t`), paid on
/// availability: a load already switched off cannot be called on to
/// curtail, so it earns nothing for the period (as ERCOT's Emergency
/// Response Service scales its payment by an availability factor).
///
/// `decisions[w]` holds load `w`'s decisions from period
/// `max(load.from, first)` on (the evaluated range's first period).
pub(crate) fn demand_response_at(
    schedule: &Schedule,
    site: &SiteTerms,
    decisions: &[Vec<u8>],
    first: usize,
    t: usize,
) -> Result<Usd, FacilityError> {
    let Some((committed, rate)) = site.demand_response else {
        return Ok(Usd::ZERO);
    };
    let mut available = Decimal::ZERO;
    for (w, load) in schedule.loads.iter().enumerate() {
        if !(load.interruptible && load.is_live(t)) {
            continue;
        }
        let offset = t - load.from.max(first);
        let runs = decisions.get(w).and_then(|d| d.get(offset)) == Some(&0);
        if runs {
            add_to(
                &mut available,
                load.energy.at(t, load.from),
                "interruptible energy",
            )?;
        }
    }
    Ok(Usd::new(mul(
        committed.min(available),
        rate,
        "demand-response payment",
    )?))
}

/// Rate × each calendar month's (UTC) peak facility kW, booked in the
/// month's last period in the horizon: `(booked in, peak period, charge)`.
fn demand_charges(
    horizon: &Horizon,
    site_energy: &[Decimal],
    rate_per_kw: Decimal,
    hours: Decimal,
) -> Result<Vec<(usize, usize, Usd)>, FacilityError> {
    let mut out = Vec::new();
    let n = horizon.periods();
    let mut begin = 0;
    while begin < n {
        let at: DateTime<Utc> = horizon
            .checked_start_of(begin)
            .ok_or_else(|| overflow("period start"))?;
        let next_month = at
            .date_naive()
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
            .ok_or_else(|| overflow("month end"))?;
        let end = horizon.index_at_or_after(next_month).clamp(begin + 1, n);
        // The first period of the month's peak.
        let (at_peak, peak) = site_energy
            .get(begin..end)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .fold(
                (0, Decimal::ZERO),
                |(i, m), (j, &v)| if v > m { (j, v) } else { (i, m) },
            );
        let peak_kw = mul(peak, Decimal::ONE_THOUSAND, "peak demand")?
            .checked_div(hours)
            .ok_or_else(|| overflow("peak demand"))?;
        out.push((
            end - 1,
            begin + at_peak,
            Usd::new(mul(peak_kw, rate_per_kw, "demand charge")?),
        ));
        begin = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use alloc::string::ToString;

    use super::*;

    /// The ledger's per-period storage is refused with a size error, not
    /// allocated until the process aborts.
    #[test]
    fn storage_that_cannot_be_allocated_is_a_size_error() {
        let periods = usize::MAX / 4;
        let err = try_vec(Decimal::ZERO, periods, 24).unwrap_err();
        assert!(
            matches!(
                err,
                FacilityError::TooLarge { periods: p, workloads: 24, bytes: usize::MAX } if p == periods
            ),
            "{err}"
        );
        assert!(
            err.to_string()
                .contains("use the f64 kernel or a shorter horizon")
        );
        assert_eq!(try_vec(false, 3, 1).unwrap(), [false; 3]);
    }
}
