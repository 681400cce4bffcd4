//! The exact site simulation: every period, every workload, in `Decimal`.
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::contract::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::lease::{ColocationLease, LeaseStructure};
//! use wattage_facility::power_contract::PowerContract;
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::pue::Pue;
//! use wattage_facility::run::simulate_site;
//! use wattage_facility::simulation::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::workload::{Colocation, SelfMining, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
//! let site = Site::new("Site", "100 MW".parse()?)?
//!     .with_hall(Hall::new("mining", "40 MW".parse()?, Pue::constant(1.05)?)?)?
//!     .with_hall(Hall::new("ai", "40 MW".parse()?, Pue::constant(1.3)?)?)?;
//! let mut plan = Deployment::new(site);
//! // 2 EH/s at 18 J/TH = 36 MW, $45/PH/day, FPPS with a 2% fee.
//! let mining = SelfMining::new("2 EH/s".parse()?, "36 MW".parse()?, Pool::fpps(Decimal::new(2, 2))?,
//!     HashpricePath::Constant("$45/PH/day".parse()?), "$100,000/BTC".parse()?)?;
//! plan.assign("fleet", "mining", Workload::SelfMining(mining))?;
//! let lease = ColocationLease::new("40 MW".parse()?, "$130/kW/month".parse()?, Decimal::ZERO, 120,
//!     NaiveDate::from_ymd_opt(2026, 7, 1).unwrap(), LeaseStructure::Gross)?;
//! plan.assign("tenant", "ai", Workload::Colocation(Colocation::new(lease, Decimal::ONE)?))?;
//!
//! // Three hours: cheap, a $900 spike, cheap.
//! let prices = ["$30/MWh", "$900/MWh", "$30/MWh"].iter().map(|p| p.parse()).collect::<Result<_, _>>()?;
//! let supply = PowerSupply::index(PriceSeries::new(start, Resolution::Hourly, prices)?, "$0/MWh".parse()?);
//! let horizon = Horizon::new(start, Resolution::Hourly, 3)?;
//! let ledger = simulate_site(&plan, &PowerContract::new(supply), horizon, Curtailment::AboveBreakeven)?;
//!
//! let fleet = ledger.workload_totals(0).unwrap();
//! assert_eq!(fleet.curtailed_periods, 1); // the miners sat out the spike
//! let tenant = ledger.workload_totals(1).unwrap();
//! assert_eq!(tenant.curtailed_periods, 0); // the lease ran through it
//! assert_eq!(tenant.energy_mwh, Decimal::from(156)); // 40 MW × 1.3 × 3 h
//! // Totals are the exact sums of the periods.
//! let sum: Decimal = ledger.periods()?.iter().map(|p| p.energy_cost.dollars()).sum();
//! assert_eq!(ledger.totals().energy_cost.dollars(), sum);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, BtcPrice, EnergyPrice, Hashprice, MoneyError, Usd, unit};

use crate::FacilityError;
use crate::deployment::{Assignment, Deployment};
use crate::horizon::Horizon;
use crate::lease::ColocationLease;
use crate::ledger::{
    SiteLedger, SiteLines, SiteTotals, WorkloadPeriod, WorkloadTotals, add_nonzero, add_to,
};
use crate::power_contract::PowerContract;
use crate::price_path::{period_price_values, series_over};
use crate::simulation::{Curtailment, HashpricePath};
use crate::workload::Workload;

fn overflow(operation: &'static str) -> FacilityError {
    FacilityError::Money(MoneyError::Overflow { operation })
}

fn mul(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, FacilityError> {
    a.checked_mul(b).ok_or_else(|| overflow(what))
}

fn sub(a: Decimal, b: Decimal, what: &'static str) -> Result<Decimal, FacilityError> {
    a.checked_sub(b).ok_or_else(|| overflow(what))
}

/// Facility (and IT) MWh per period of one workload.
enum Energy {
    Constant {
        facility: Decimal,
        it: Decimal,
    },
    /// Per period of the horizon (hourly PUE): facility MWh; IT is constant.
    PerPeriod {
        facility: Vec<Decimal>,
        it: Decimal,
    },
}

impl Energy {
    fn at(&self, t: usize) -> (Decimal, Decimal) {
        match self {
            Self::Constant { facility, it } => (*facility, *it),
            Self::PerPeriod { facility, it } => {
                (facility.get(t).copied().unwrap_or(Decimal::ZERO), *it)
            }
        }
    }
}

struct MiningRevenue<'a> {
    path: &'a HashpricePath,
    ph_days: Decimal,
    net_share: Decimal,
    btc_price: BtcPrice,
    cache: Option<(Hashprice, Decimal, Btc)>,
}

impl MiningRevenue<'_> {
    fn at(&mut self, t: usize, elapsed: i64) -> Result<(Decimal, Btc), FacilityError> {
        let hashprice = self.path.at(t, elapsed)?;
        if let Some((cached, revenue, btc)) = self.cache {
            if cached == hashprice {
                return Ok((revenue, btc));
            }
        }
        let revenue = mul(
            mul(self.ph_days, hashprice.value(), "mining revenue")?,
            self.net_share,
            "mining revenue net of pool fee",
        )?;
        let btc = self.btc_price.btc_for(Usd::new(revenue))?;
        self.cache = Some((hashprice, revenue, btc));
        Ok((revenue, btc))
    }
}

struct LeaseRevenue<'a> {
    lease: &'a ColocationLease,
    start: NaiveDate,
    horizon_start: DateTime<Utc>,
    horizon_end: DateTime<Utc>,
    /// End of the lease month in progress (rent for it already booked).
    booked_until: Option<DateTime<Utc>>,
}

fn midnight(date: NaiveDate) -> Option<DateTime<Utc>> {
    date.and_hms_opt(0, 0, 0).map(|t| t.and_utc())
}

impl LeaseRevenue<'_> {
    /// Rent booked in the period starting `at`: a lease month's whole rent
    /// in the first period of the month, prorated by seconds when the
    /// horizon starts or ends inside the month (rounded to the cent, half
    /// away from zero); zero in the month's other periods.
    fn at(&mut self, at: DateTime<Utc>) -> Result<Decimal, FacilityError> {
        if self.booked_until.is_some_and(|until| at < until) {
            return Ok(Decimal::ZERO);
        }
        let date = at.date_naive();
        let months = (date.year() - self.start.year()) * 12 + date.month0() as i32
            - self.start.month0() as i32;
        let mut month = u32::try_from(months.max(0)).unwrap_or(0);
        let bound = |m: u32| {
            self.start
                .checked_add_months(Months::new(m))
                .and_then(midnight)
                .ok_or_else(|| overflow("lease month date"))
        };
        while month > 0 && bound(month)? > at {
            month -= 1;
        }
        while bound(month + 1)? <= at {
            month += 1;
        }
        let from = bound(month)?;
        let until = bound(month + 1)?;
        self.booked_until = Some(until);
        let rent = self.lease.rent_in_month(month)?.dollars();
        let covered_from = if from >= self.horizon_start {
            from
        } else {
            self.horizon_start.max(at)
        };
        let covered_until = until.min(self.horizon_end);
        if covered_from == from && covered_until == until {
            return Ok(rent);
        }
        // The horizon starts or ends inside this lease month: its share of the rent.
        let covered = Decimal::from(
            covered_until
                .signed_duration_since(covered_from)
                .num_seconds()
                .max(0),
        );
        let seconds = Decimal::from(until.signed_duration_since(from).num_seconds());
        // A part-month is invoiced to the cent, so sums of ledger entries stay
        // exact (an unrounded 28-digit quotient would not add up exactly).
        mul(rent, covered, "prorated rent")?
            .checked_div(seconds)
            .map(|r| {
                r.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            })
            .ok_or_else(|| overflow("prorated rent"))
    }
}

enum Revenue<'a> {
    Mining(MiningRevenue<'a>),
    Constant(Decimal, Btc),
    Lease {
        rent: LeaseRevenue<'a>,
        pass_through: bool,
    },
}

struct Prepared<'a> {
    from: usize,
    until: usize,
    interruptible: bool,
    energy: Energy,
    revenue: Revenue<'a>,
}

fn prepare<'a>(a: &'a Assignment, horizon: &Horizon) -> Result<Prepared<'a>, FacilityError> {
    let hours = horizon.period_hours();
    let it_mw = a.workload().it_power().get(unit::MEGAWATT);
    let it_mwh = mul(to_decimal("IT load in MW", it_mw)?, hours, "IT energy")?;
    let window = a.window();
    let mut from = window.from.map_or(0, |t| horizon.index_at_or_after(t));
    let mut until = window
        .until
        .map_or(horizon.periods(), |t| horizon.index_at_or_after(t));
    let pue = a.pue();
    let energy = if let Some(constant) = pue.constant_value() {
        Energy::Constant {
            facility: mul(
                to_decimal("facility load in MW", it_mw * constant)?,
                hours,
                "facility energy",
            )?,
            it: it_mwh,
        }
    } else {
        let mut facility = alloc::vec![Decimal::ZERO; horizon.periods()];
        for (t, slot) in facility.iter_mut().enumerate().take(until).skip(from) {
            let at = horizon
                .checked_start_of(t)
                .ok_or_else(|| overflow("period start"))?;
            *slot = mul(
                to_decimal("facility load in MW", it_mw * pue.at(at)?)?,
                hours,
                "facility energy",
            )?;
        }
        Energy::PerPeriod {
            facility,
            it: it_mwh,
        }
    };
    let revenue = match a.workload() {
        Workload::SelfMining(m) => {
            let ph = m.hashrate().get(unit::PETAHASH_PER_SECOND);
            #[allow(clippy::cast_precision_loss, reason = "900 or 3600 seconds")]
            let days = horizon.resolution().seconds() as f64 / 86_400.0;
            let mut mining = MiningRevenue {
                path: m.hashprice(),
                ph_days: to_decimal("work in PH/s-days", ph * days)?,
                net_share: m.net_share(),
                btc_price: m.btc_price(),
                cache: None,
            };
            if let HashpricePath::Constant(_) = m.hashprice() {
                let (revenue, btc) = mining.at(0, 0)?;
                Revenue::Constant(revenue, btc)
            } else {
                Revenue::Mining(mining)
            }
        }
        Workload::Hosting(h) => {
            Revenue::Constant(mul(h.rate().value(), it_mwh, "hosting revenue")?, Btc::ZERO)
        }
        Workload::GpuCloud(g) => Revenue::Constant(
            mul(g.revenue_per_hour()?.dollars(), hours, "GPU revenue")?,
            Btc::ZERO,
        ),
        Workload::Colocation(c) => {
            let lease = c.lease();
            let start = midnight(lease.start()).ok_or_else(|| overflow("lease start"))?;
            let end = lease
                .start()
                .checked_add_months(Months::new(lease.term_months()))
                .and_then(midnight)
                .ok_or_else(|| overflow("lease end"))?;
            from = from.max(horizon.index_at_or_after(start));
            until = until.min(horizon.index_at_or_after(end));
            Revenue::Lease {
                rent: LeaseRevenue {
                    lease,
                    start: lease.start(),
                    horizon_start: horizon.start(),
                    horizon_end: horizon.end(),
                    booked_until: None,
                },
                pass_through: c.tenant_pays_power(),
            }
        }
    };
    Ok(Prepared {
        from,
        until: until.max(from),
        interruptible: a.workload().is_interruptible(),
        energy,
        revenue,
    })
}

/// 4CP intervals inside the horizon: their period indices, in time order.
fn four_cp_periods(contract: &PowerContract, horizon: &Horizon) -> Vec<[usize; 4]> {
    contract
        .transmission()
        .map(|t| {
            t.peaks
                .iter()
                .filter_map(|peaks| {
                    let [a, b, c, d] = peaks.intervals().map(|at| horizon.index_containing(at));
                    Some([a?, b?, c?, d?])
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Running sums of one workload, kept in factored form so that each
/// period costs one addition: with constant energy `e`, the energy bill of
/// the running periods is `e × Σ price`, exactly the sum of the periods'
/// `e × price` (`Decimal` products and sums of this size are exact).
#[derive(Default)]
struct Acc {
    live: usize,
    running: usize,
    /// Σ price over periods whose energy was bought (and Σ cost when the
    /// energy varies by period).
    bought_price_sum: Decimal,
    bought_periods: usize,
    bought_cost_direct: Decimal,
    /// Σ market price over curtailed periods with sell-back.
    market_sum: Decimal,
    /// Σ facility MWh of curtailed periods.
    curtailed_mwh: Decimal,
    /// Σ facility MWh of running periods when it varies.
    energy_direct: Decimal,
    /// Σ sell-back credit when the energy varies.
    credit_direct: Decimal,
    /// Revenue before pass-through, summed in runs of equal values.
    revenue_value: Decimal,
    revenue_count: u64,
    revenue_total: Decimal,
    btc_sats: i64,
    curtailment_value: Decimal,
}

impl Acc {
    fn revenue(&mut self, value: Decimal) -> Result<(), FacilityError> {
        if value == self.revenue_value {
            self.revenue_count += 1;
            return Ok(());
        }
        self.flush_revenue()?;
        self.revenue_value = value;
        self.revenue_count = 1;
        Ok(())
    }

    fn flush_revenue(&mut self) -> Result<(), FacilityError> {
        if self.revenue_count > 0 && !self.revenue_value.is_zero() {
            let run = mul(
                self.revenue_value,
                Decimal::from(self.revenue_count),
                "revenue",
            )?;
            add_to(&mut self.revenue_total, run, "revenue")?;
        }
        self.revenue_count = 0;
        Ok(())
    }

    fn totals(
        mut self,
        energy: &Energy,
        hours: Decimal,
        pass_through: bool,
    ) -> Result<WorkloadTotals, FacilityError> {
        self.flush_revenue()?;
        let (energy_cost, energy_mwh, it_mwh) = match energy {
            Energy::Constant { facility, it } => (
                mul(*facility, self.bought_price_sum, "energy cost")?,
                mul(*facility, Decimal::from(self.running), "facility energy")?,
                mul(*it, Decimal::from(self.running), "IT energy")?,
            ),
            Energy::PerPeriod { it, .. } => (
                self.bought_cost_direct,
                self.energy_direct,
                mul(*it, Decimal::from(self.running), "IT energy")?,
            ),
        };
        let credit = match energy {
            Energy::Constant { facility, .. } => {
                mul(*facility, self.market_sum, "sell-back credit")?
            }
            Energy::PerPeriod { .. } => self.credit_direct,
        };
        let pass = if pass_through {
            energy_cost
        } else {
            Decimal::ZERO
        };
        let curtailed = self.live - self.running;
        Ok(WorkloadTotals {
            live_periods: self.live,
            curtailed_periods: curtailed,
            curtailed_hours: mul(hours, Decimal::from(curtailed), "curtailed hours")?,
            curtailed_mwh: self.curtailed_mwh,
            it_mwh,
            energy_mwh,
            energy_cost: Usd::new(energy_cost),
            revenue: Usd::new(
                self.revenue_total
                    .checked_add(pass)
                    .ok_or_else(|| overflow("revenue"))?,
            ),
            pass_through: Usd::new(pass),
            sell_back_credit: Usd::new(credit),
            btc_mined: Btc::from_sat(self.btc_sats),
            curtailment_value: Usd::new(self.curtailment_value),
        })
    }
}

/// Simulates `deployment` under `contract` over `horizon`, switching
/// interruptible (mining) workloads off according to `policy`.
///
/// In each period, for each live workload: facility energy = IT power ×
/// PUE × hours (entering money as MWh by
/// [`wattage_units::money::to_decimal`]); energy cost = energy × the
/// period's all-in price; revenue by kind (hashprice × hashrate × hours ×
/// (1 − pool fee) for self-mining, rate × IT energy for hosting, the lease
/// month's rent spread over its seconds for colocation, GPUs × utilization
/// × $/GPU-h × hours for a GPU cloud). Rent is booked as invoiced: a
/// lease month's whole rent in its first period (prorated by seconds
/// when the horizon starts or ends inside a month), so no rent is ever rounded.
/// Then:
///
/// - **Curtailment** (interruptible workloads only; firm ones run
///   through): [`Curtailment::AboveBreakeven`] switches a workload off
///   when its margin if running is below its margin if off: zero, or,
///   under a fixed-price contract with sell-back, (market − fixed) ×
///   energy (the energy is still bought at the fixed price and sold back
///   at market); that is, when the price (or the market price) is above
///   the workload's breakeven. [`Curtailment::AbovePrice`] switches off
///   when the price (market price with sell-back) is above the strike.
///   Any policy but [`Curtailment::AlwaysOn`] also switches interruptible
///   loads off in the periods of the contract's 4CP intervals.
/// - **Demand response**: rate × min(commitment, interruptible facility
///   load live) × hours, every period.
/// - **Demand charge**: rate × the month's peak facility kW, booked in the
///   last period of each calendar month (UTC) in the horizon.
/// - **4CP**: rate × the mean facility kW in the four intervals, booked in
///   the period of the last one, for each summer wholly inside the horizon.
///
/// Totals are exact `Decimal` sums of the periods.
///
/// # Errors
/// [`FacilityError::OutsideSeries`] when prices or a PUE do not cover the
/// horizon; [`FacilityError::InvalidTerm`] when a hashprice path is too
/// short; [`FacilityError::Money`] on overflow.
pub fn simulate_site(
    deployment: &Deployment,
    contract: &PowerContract,
    horizon: Horizon,
    policy: Curtailment,
) -> Result<SiteLedger, FacilityError> {
    let n = horizon.periods();
    let hours = horizon.period_hours();
    let prices = period_price_values(contract.supply(), &horizon)?;
    let market = match contract.sell_back() {
        Some(series) => Some(series_over(series, &horizon)?),
        None => None,
    };
    let assignments = deployment.assignments();
    let mut prepared = assignments
        .iter()
        .map(|a| prepare(a, &horizon))
        .collect::<Result<Vec<_>, _>>()?;
    let w = prepared.len();
    let mut off_for_4cp = alloc::vec![false; if contract.transmission().is_some() { n } else { 0 }];
    let four_cp = four_cp_periods(contract, &horizon);
    for quad in &four_cp {
        for &i in quad {
            if let Some(slot) = off_for_4cp.get_mut(i) {
                *slot = policy != Curtailment::AlwaysOn;
            }
        }
    }
    let demand_response = match contract.demand_response() {
        Some(dr) => Some((
            mul(
                to_decimal(
                    "demand-response commitment in MW",
                    dr.committed.get(unit::MEGAWATT),
                )?,
                hours,
                "committed MWh",
            )?,
            dr.rate.value(),
        )),
        None => None,
    };
    let mut sites = Vec::with_capacity(n);
    let need_site_energy = contract.demand_charge().is_some() || contract.transmission().is_some();
    let mut energies: Vec<Decimal> = Vec::with_capacity(if need_site_energy { n } else { 0 });
    let mut workloads = Vec::with_capacity(n.saturating_mul(w));
    let mut accs: Vec<Acc> = (0..w).map(|_| Acc::default()).collect();
    let mut totals = SiteTotals::default();
    let step = horizon.resolution().step();
    let step_seconds = horizon.resolution().seconds();
    let mut at = horizon.start();
    for t in 0..n {
        let price = prices.get(t).copied().unwrap_or(Decimal::ZERO);
        let market_price = market.as_ref().and_then(|m| m.get(t).copied());
        let elapsed = i64::try_from(t)
            .unwrap_or(i64::MAX)
            .saturating_mul(step_seconds);
        let mut site = SiteLines {
            start: at,
            price: EnergyPrice::new(price)?,
            demand_response: Usd::ZERO,
            demand_charge: Usd::ZERO,
            transmission_charge: Usd::ZERO,
        };
        let mut site_energy = Decimal::ZERO;
        let forced_off = off_for_4cp.get(t).copied().unwrap_or(false);
        let mut interruptible_mwh = Decimal::ZERO;
        for (prep, acc) in prepared.iter_mut().zip(accs.iter_mut()) {
            if t < prep.from || t >= prep.until {
                workloads.push(WorkloadPeriod::default());
                continue;
            }
            acc.live += 1;
            let (energy, it) = prep.energy.at(t);
            let varying = matches!(prep.energy, Energy::PerPeriod { .. });
            let cost_on = mul(energy, price, "energy cost")?;
            let (revenue, btc, pass_through) = match &mut prep.revenue {
                Revenue::Mining(m) => {
                    let (r, b) = m.at(t, elapsed)?;
                    (r, b, false)
                }
                Revenue::Constant(r, b) => (*r, *b, false),
                Revenue::Lease { rent, pass_through } => (rent.at(at)?, Btc::ZERO, *pass_through),
            };
            let running = if prep.interruptible {
                if demand_response.is_some() {
                    add_to(&mut interruptible_mwh, energy, "interruptible energy")?;
                }
                match policy {
                    Curtailment::AlwaysOn => true,
                    _ if forced_off => false,
                    Curtailment::AboveBreakeven => {
                        let margin_on = sub(revenue, cost_on, "margin")?;
                        match market_price {
                            Some(m) => {
                                margin_on
                                    >= mul(
                                        sub(m, price, "sell-back spread")?,
                                        energy,
                                        "sell-back margin",
                                    )?
                            }
                            None => !margin_on.is_sign_negative() || margin_on.is_zero(),
                        }
                    }
                    Curtailment::AbovePrice(strike) => {
                        market_price.unwrap_or(price) <= strike.value()
                    }
                }
            } else {
                true
            };
            let entry = if running {
                acc.running += 1;
                acc.bought_periods += 1;
                if varying {
                    add_to(&mut acc.bought_cost_direct, cost_on, "energy cost")?;
                    add_to(&mut acc.energy_direct, energy, "facility energy")?;
                } else {
                    add_to(&mut acc.bought_price_sum, price, "price sum")?;
                }
                acc.revenue(revenue)?;
                acc.btc_sats = acc
                    .btc_sats
                    .checked_add(btc.to_sat())
                    .ok_or_else(|| overflow("bitcoin mined"))?;
                let pass = if pass_through { cost_on } else { Decimal::ZERO };
                WorkloadPeriod {
                    live: true,
                    running,
                    it_mwh: it,
                    energy_mwh: energy,
                    energy_cost: Usd::new(cost_on),
                    revenue: Usd::new(if pass_through {
                        add_nonzero(Usd::new(revenue), Usd::new(pass))?.dollars()
                    } else {
                        revenue
                    }),
                    pass_through: Usd::new(pass),
                    sell_back_credit: Usd::ZERO,
                    btc_mined: btc,
                    curtailment_value: Usd::ZERO,
                }
            } else {
                acc.revenue(Decimal::ZERO)?;
                add_to(&mut acc.curtailed_mwh, energy, "curtailed energy")?;
                let margin_on = sub(revenue, cost_on, "margin")?;
                let (energy_cost, credit) = match market_price {
                    Some(m) => {
                        if varying {
                            add_to(&mut acc.bought_cost_direct, cost_on, "energy cost")?;
                        } else {
                            add_to(&mut acc.bought_price_sum, price, "price sum")?;
                        }
                        let credit = mul(m, energy, "sell-back credit")?;
                        if varying {
                            add_to(&mut acc.credit_direct, credit, "sell-back credit")?;
                        } else {
                            add_to(&mut acc.market_sum, m, "market price sum")?;
                        }
                        (cost_on, credit)
                    }
                    None => (Decimal::ZERO, Decimal::ZERO),
                };
                let value = sub(
                    sub(credit, energy_cost, "margin off")?,
                    margin_on,
                    "curtailment value",
                )?;
                add_to(&mut acc.curtailment_value, value, "curtailment value")?;
                WorkloadPeriod {
                    live: true,
                    running,
                    it_mwh: Decimal::ZERO,
                    energy_mwh: Decimal::ZERO,
                    energy_cost: Usd::new(energy_cost),
                    revenue: Usd::ZERO,
                    pass_through: Usd::ZERO,
                    sell_back_credit: Usd::new(credit),
                    btc_mined: Btc::ZERO,
                    curtailment_value: Usd::new(value),
                }
            };
            if need_site_energy {
                add_to(&mut site_energy, entry.energy_mwh, "facility energy")?;
            }
            workloads.push(entry);
        }
        if let Some((committed, rate)) = demand_response {
            let paid_on = committed.min(interruptible_mwh);
            site.demand_response = Usd::new(mul(paid_on, rate, "demand-response payment")?);
            totals.demand_response = add_nonzero(totals.demand_response, site.demand_response)?;
        }
        sites.push(site);
        if need_site_energy {
            energies.push(site_energy);
        }
        at = at
            .checked_add_signed(step)
            .ok_or_else(|| overflow("period start"))?;
    }
    let mut workload_totals = Vec::with_capacity(w);
    for (acc, prep) in accs.into_iter().zip(&prepared) {
        let pass_through = matches!(
            prep.revenue,
            Revenue::Lease {
                pass_through: true,
                ..
            }
        );
        let wt = acc.totals(&prep.energy, hours, pass_through)?;
        add_to(&mut totals.energy_mwh, wt.energy_mwh, "facility energy")?;
        totals.energy_cost = add_nonzero(totals.energy_cost, wt.energy_cost)?;
        totals.revenue = add_nonzero(totals.revenue, wt.revenue)?;
        totals.sell_back_credit = add_nonzero(totals.sell_back_credit, wt.sell_back_credit)?;
        workload_totals.push(wt);
    }
    if let Some(charge) = contract.demand_charge() {
        book_demand_charges(
            &mut sites,
            &energies,
            &mut totals,
            charge.rate().dollars(),
            hours,
        )?;
    }
    if let Some(transmission) = contract.transmission() {
        let rate = transmission.rate_per_kw_year.dollars();
        for quad in &four_cp {
            let mut sum = Decimal::ZERO;
            for &i in quad {
                add_to(
                    &mut sum,
                    energies.get(i).copied().unwrap_or(Decimal::ZERO),
                    "4CP demand",
                )?;
            }
            // Mean MW over the four = sum of MWh / hours / 4; × 1000 kW/MW.
            let tag_kw = mul(sum, Decimal::from(250), "4CP tag")?
                .checked_div(hours)
                .ok_or_else(|| overflow("4CP tag"))?;
            let charge = Usd::new(mul(tag_kw, rate, "4CP charge")?);
            if let Some(site) = sites.get_mut(quad[3]) {
                site.transmission_charge = site.transmission_charge.checked_add(charge)?;
                totals.transmission_charge = totals.transmission_charge.checked_add(charge)?;
            }
        }
    }
    Ok(SiteLedger {
        horizon,
        names: assignments.iter().map(|a| a.name().into()).collect(),
        sites,
        workloads,
        workload_totals,
        totals,
    })
}

fn book_demand_charges(
    sites: &mut [SiteLines],
    energies: &[Decimal],
    totals: &mut SiteTotals,
    rate_per_kw: Decimal,
    hours: Decimal,
) -> Result<(), FacilityError> {
    let month_of = |at: DateTime<Utc>| (at.year(), at.month());
    let mut begin = 0;
    while begin < sites.len() {
        let month = month_of(sites[begin].start);
        let mut end = begin;
        let mut peak = Decimal::ZERO;
        while end < sites.len() && month_of(sites[end].start) == month {
            peak = peak.max(energies.get(end).copied().unwrap_or(Decimal::ZERO));
            end += 1;
        }
        let peak_kw = mul(peak, Decimal::ONE_THOUSAND, "peak demand")?
            .checked_div(hours)
            .ok_or_else(|| overflow("peak demand"))?;
        let charge = Usd::new(mul(peak_kw, rate_per_kw, "demand charge")?);
        if let Some(last) = sites.get_mut(end - 1) {
            last.demand_charge = charge;
        }
        totals.demand_charge = totals.demand_charge.checked_add(charge)?;
        begin = end;
    }
    Ok(())
}
