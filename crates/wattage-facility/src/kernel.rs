//! The fast path: an `f64` summary kernel over structure-of-arrays prices.
//!
//! [`simulate_site`](crate::run::simulate_site) writes an exact ledger of
//! every period and workload. For sweeps over thousands of scenarios only
//! the totals matter, so [`SiteKernel`] evaluates the same lowered
//! schedule (the crate's `schedule` step) in `f64`, with the same run-or-curtail
//! rule ([`crate::curtailment`]): the prices of a horizon are converted
//! once ([`PricePath`]), each interruptible load is one branchless pass
//! over them per run of equal revenue, and each firm load is a range sum.
//! Money enters `Decimal` only at the end ([`KernelTotals::to_usd`], by
//! [`wattage_units::money::to_decimal`]); the totals are the same
//! [`MoneyLines`] the ledger keeps, in `f64`, and tests check that they
//! agree with the exact ledger to the cent.
//!
//! The kernel models energy, revenue, curtailment, sell-back, reserve
//! offers ([`crate::power::reserves`]) and financial blocks (settled as
//! the ledger settles them, `(index − fixed) × volume` per period); a
//! contract with demand charges, 4CP or demand-response payments, or an
//! hourly PUE, needs the exact ledger ([`FacilityError::Unsupported`]).
//!
//! ```
//! // Needs wattage-facility, wattage-mining, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::mining, wattage::rust_decimal, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::power::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::kernel::{PricePath, SiteKernel};
//! use wattage_facility::power::PowerContract;
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::pue::Pue;
//! use wattage_facility::run::simulate_site;
//! use wattage_facility::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::workload::{SelfMining, SelfMiningSpec, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let prices = (0..48).map(|h| format!("${}/MWh", 20 + (h * 37) % 180).parse()).collect::<Result<_, _>>()?;
//! let contract = PowerContract::new(PowerSupply::index(PriceSeries::new(start, Resolution::Hourly, prices)?, "$3/MWh".parse()?));
//! let site = Site::new("S", "60 MW".parse()?)?.with_hall(Hall::new("A", "50 MW".parse()?, Pue::constant(1.08)?)?)?;
//! let mut plan = Deployment::new(site);
//! plan.assign("fleet", "A", Workload::SelfMining(SelfMining::new(SelfMiningSpec { hashrate: "3 EH/s".parse()?, it_power: "48 MW".parse()?,
//!     pool: Pool::fpps("2%".parse()?)?, hashprice: HashpricePath::Constant("$48/PH/day".parse()?), btc_price: "$100,000/BTC".parse()?, uptime: Decimal::ONE, degradation_per_year: Decimal::ZERO })?))?;
//! let horizon = Horizon::new(start, Resolution::Hourly, 48)?;
//!
//! let kernel = SiteKernel::new(&plan, &contract, horizon)?;
//! let path = PricePath::new(&contract, horizon)?;
//! let fast = kernel.run(&path, Curtailment::AboveBreakeven).to_usd()?;
//! let exact = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven)?;
//! assert_eq!(fast.revenue.round_to_cents(), exact.totals().money.revenue.round_to_cents());
//! assert_eq!(fast.energy_cost.round_to_cents(), exact.totals().money.energy_cost.round_to_cents());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage_units::{Energy, Usd, unit};

use crate::FacilityError;
use crate::curtailment::{Curtailment, Decision, PeriodFacts, Policy, ReserveFacts, decide};
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::money_lines::MoneyLines;
use crate::power::PowerContract;
use crate::power::path::{decision_horizon, period_price_values, series_over};
use crate::schedule::{EnergyProfile, Load, Payer, Schedule, block_terms, mul};

const KERNEL: &str = "the f64 summary kernel";

/// A horizon's all-in prices (and sell-back market prices) as `f64`
/// $/MWh, converted once and shared by every scenario on that path.
#[derive(Debug, Clone, PartialEq)]
pub struct PricePath {
    prices: Vec<f64>,
    market: Option<Vec<f64>>,
    reserves: Option<ReservePath>,
    blocks: Option<BlockPath>,
}

/// A contract's financial blocks over a horizon in `f64`: the index
/// prices they settle on ($/MWh), and per period their summed volume
/// (MWh) and summed fixed payment (volume × fixed price, $), each summed
/// exactly before conversion.
#[derive(Debug, Clone, PartialEq)]
struct BlockPath {
    index: Vec<f64>,
    mwh: f64,
    fixed: f64,
}

impl BlockPath {
    /// What the blocks paid the site over the first `n` periods:
    /// `Σ (index × volume − fixed)` = `volume × Σ index − n × fixed`.
    fn settlement(&self, n: usize) -> f64 {
        let index = self.index.get(..n.min(self.index.len())).unwrap_or(&[]);
        #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
        let periods = index.len() as f64;
        self.mwh * lane_sum(index) - periods * self.fixed
    }
}

/// A reserve offer over a horizon in `f64`: clearing prices ($/MW per
/// hour), called share of each period, and the offered share.
#[derive(Debug, Clone, PartialEq)]
struct ReservePath {
    prices: Vec<f64>,
    called: Vec<f64>,
    share: f64,
}

impl PricePath {
    /// The prices of `contract` over `horizon`, period by period of its
    /// [`decision_horizon`] (the prices' own intervals when finer).
    ///
    /// # Errors
    /// As for [`crate::power::path::period_prices`].
    pub fn new(contract: &PowerContract, horizon: Horizon) -> Result<Self, FacilityError> {
        let horizon = decision_horizon(contract, horizon)?;
        let to_f64 = |v: Vec<rust_decimal::Decimal>| {
            v.iter().map(|d| d.to_f64().unwrap_or(f64::NAN)).collect()
        };
        let market = match contract.sell_back() {
            Some(series) => Some(to_f64(series_over(series, &horizon)?)),
            None => None,
        };
        let reserves = match contract.reserves() {
            Some(offer) => Some(ReservePath {
                prices: to_f64(series_over(offer.prices(), &horizon)?),
                called: to_f64(offer.called_over(&horizon)?),
                share: f64_of(offer.share()),
            }),
            None => None,
        };
        let blocks = block_terms(contract, &horizon)?.map(|(index, mwh, fixed)| BlockPath {
            index: to_f64(index),
            mwh: f64_of(mwh),
            fixed: f64_of(fixed),
        });
        Ok(Self {
            prices: to_f64(period_price_values(contract.supply(), &horizon)?),
            market,
            reserves,
            blocks,
        })
    }

    /// A path from raw `f64` prices ($/MWh), for sweeps over generated
    /// paths; `market` for sell-back. Prices may be negative. A raw path
    /// carries no index for financial blocks to settle on: build the path
    /// from the contract ([`Self::new`]) to settle them.
    ///
    /// # Errors
    /// [`FacilityError::NonFinitePrice`] for a NaN or infinite price in
    /// either series.
    pub fn from_f64(prices: Vec<f64>, market: Option<Vec<f64>>) -> Result<Self, FacilityError> {
        let check = |series: &[f64]| match series.iter().enumerate().find(|(_, p)| !p.is_finite()) {
            Some((index, &value)) => Err(FacilityError::NonFinitePrice { index, value }),
            None => Ok(()),
        };
        check(&prices)?;
        if let Some(market) = &market {
            check(market)?;
        }
        Ok(Self {
            prices,
            market,
            reserves: None,
            blocks: None,
        })
    }

    /// The all-in prices, $/MWh.
    #[must_use]
    pub fn prices(&self) -> &[f64] {
        &self.prices
    }

    /// The sell-back market prices, $/MWh.
    #[must_use]
    pub fn market(&self) -> Option<&[f64]> {
        self.market.as_deref()
    }
}

/// A run of periods `from..until` earning `revenue` dollars and `btc`
/// bitcoin in each period it runs.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Segment {
    from: usize,
    until: usize,
    revenue: f64,
    btc: f64,
}

#[derive(Debug, Clone, PartialEq)]
enum KernelLoad {
    Interruptible {
        from: usize,
        until: usize,
        energy: f64,
        segments: Vec<Segment>,
    },
    Firm {
        from: usize,
        until: usize,
        energy: f64,
        revenue: f64,
        pass_through: bool,
    },
}

/// A site prepared for the `f64` kernel: the lowered schedule in `f64`
/// (per load, its live range, facility MWh per period and revenue).
#[derive(Debug, Clone, PartialEq)]
pub struct SiteKernel {
    periods: usize,
    names: Arc<[String]>,
    loads: Vec<KernelLoad>,
}

/// Totals of one workload from the kernel: its money lines in `f64`
/// dollars (the same lines as the exact ledger's
/// [`WorkloadTotals`](crate::ledger::WorkloadTotals)), and energy and
/// periods in the types that uses.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KernelLoadTotals {
    /// Its money lines: energy cost, revenue, pass-through, sell-back
    /// credits, reserve payments, curtailment value.
    pub money: MoneyLines<f64>,
    /// Facility energy drawn.
    pub energy: Energy,
    /// Periods curtailed (live, not running).
    pub curtailed_periods: usize,
    /// Bitcoin mined (not rounded per period).
    pub btc: f64,
}

/// What the kernel returns: per workload and site totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KernelTotals {
    /// The workloads' names, in deployment order (shared with the
    /// [`SiteKernel`], not copied per run).
    pub names: Arc<[String]>,
    /// Per workload, in deployment order.
    pub workloads: Vec<KernelLoadTotals>,
    /// The site's money lines: the workloads' sums and the financial
    /// blocks' settlement (the site-only lines the kernel refuses are
    /// zero).
    pub money: MoneyLines<f64>,
}

impl KernelTotals {
    /// The totals of the workload named `name`.
    #[must_use]
    pub fn workload(&self, name: &str) -> Option<&KernelLoadTotals> {
        let index = self.names.iter().position(|n| n == name)?;
        self.workloads.get(index)
    }

    /// The site's gross margin, `f64` ([`MoneyLines::gross_margin`]).
    #[must_use]
    pub fn gross_margin(&self) -> f64 {
        self.money.gross_margin()
    }

    /// The site's money lines as exact money, each converted once (by
    /// [`wattage_units::money::to_decimal`], [`MoneyLines::to_usd`]).
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a non-finite total.
    pub fn to_usd(&self) -> Result<MoneyLines<Usd>, FacilityError> {
        self.money.to_usd()
    }
}

/// `value` MWh as an [`Energy`] (zero for a value that is not one, which
/// finite prices and energies never give).
fn mwh(value: f64) -> Energy {
    Energy::new(value, unit::MEGAWATT_HOUR).unwrap_or(Energy::ZERO)
}

/// A count of periods summed as `f64` ones: exact below 2^53.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a sum of whole periods, non-negative and far below 2^53"
)]
fn periods_of(count: f64) -> usize {
    // `as` saturates: a negative count (never produced) would be 0.
    (count + 0.5) as usize
}

fn f64_of(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

#[allow(
    clippy::cast_precision_loss,
    reason = "satoshi amounts are far below 2^53"
)]
fn btc_of(sats: i64) -> f64 {
    sats as f64 / 1e8
}

fn unsupported(what: &'static str) -> FacilityError {
    FacilityError::Unsupported {
        computation: KERNEL,
        what,
    }
}

impl SiteKernel {
    /// Prepares `deployment` under `contract` over `horizon`: lowers it to
    /// the schedule the exact ledger evaluates, and converts that to `f64`.
    /// Firm revenue (rent, GPU-hours) does not depend on prices or
    /// curtailment and is summed exactly here, then held as `f64`.
    ///
    /// # Errors
    /// [`FacilityError::Unsupported`] for demand charges, 4CP,
    /// demand response or an hourly PUE; as for
    /// [`simulate_site`](crate::run::simulate_site) otherwise.
    pub fn new(
        deployment: &Deployment,
        contract: &PowerContract,
        horizon: Horizon,
    ) -> Result<Self, FacilityError> {
        if contract.demand_charge().is_some() {
            return Err(unsupported("demand charges"));
        }
        if contract.transmission().is_some() {
            return Err(unsupported("a 4CP transmission charge"));
        }
        if contract.demand_response().is_some() {
            return Err(unsupported("demand-response payments"));
        }
        let horizon = decision_horizon(contract, horizon)?;
        let schedule = Schedule::lower(deployment, horizon)?;
        let loads = schedule
            .loads
            .iter()
            .map(kernel_load)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            periods: horizon.periods(),
            names: schedule.names.into(),
            loads,
        })
    }

    /// Number of periods.
    #[must_use]
    pub const fn periods(&self) -> usize {
        self.periods
    }

    /// The workloads' names.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Runs the kernel on `path` with `policy`. A path shorter than the
    /// horizon covers only its own periods: interruptible (mining) loads
    /// earn and spend nothing in the periods beyond it, firm loads keep
    /// their rent there but buy no energy, and financial blocks settle only
    /// the path's periods. Give a path as long as the
    /// horizon for full-horizon totals.
    #[must_use]
    pub fn run(&self, path: &PricePath, policy: Curtailment) -> KernelTotals {
        let policy = Policy::new(policy, |s| s.to_f64());
        let mut out = KernelTotals {
            names: Arc::clone(&self.names),
            workloads: Vec::with_capacity(self.loads.len()),
            ..KernelTotals::default()
        };
        for load in &self.loads {
            let t = match load {
                KernelLoad::Interruptible {
                    energy, segments, ..
                } => match &path.reserves {
                    None => run_interruptible(*energy, segments, path, policy),
                    Some(reserves) => run_with_reserves(*energy, segments, path, reserves, policy),
                },
                KernelLoad::Firm {
                    from,
                    until,
                    energy,
                    revenue,
                    pass_through,
                } => run_firm(*from, *until, *energy, *revenue, *pass_through, path),
            };
            out.money += t.money;
            out.workloads.push(t);
        }
        out.money.block_settlement = path
            .blocks
            .as_ref()
            .map_or(0.0, |b| b.settlement(self.periods));
        out
    }
}

/// One load of the schedule in `f64`.
fn kernel_load(load: &Load) -> Result<KernelLoad, FacilityError> {
    let EnergyProfile::Constant { facility, .. } = load.energy else {
        return Err(unsupported("an hourly PUE"));
    };
    let energy = f64_of(facility);
    let segments = load.revenue.segments(load.from, load.until);
    if load.interruptible {
        return Ok(KernelLoad::Interruptible {
            from: load.from,
            until: load.until,
            energy,
            segments: segments
                .into_iter()
                .map(|(range, e)| Segment {
                    from: range.start,
                    until: range.end,
                    revenue: f64_of(e.usd),
                    btc: btc_of(e.btc.to_sat()),
                })
                .collect(),
        });
    }
    let mut revenue = Decimal::ZERO;
    for (range, e) in segments {
        let run = mul(e.usd, Decimal::from(range.len() as u64), "firm revenue")?;
        revenue = revenue
            .checked_add(run)
            .ok_or_else(|| crate::schedule::overflow("firm revenue"))?;
    }
    Ok(KernelLoad::Firm {
        from: load.from,
        until: load.until,
        energy,
        revenue: f64_of(revenue),
        pass_through: load.payer == Payer::Tenant,
    })
}

fn run_firm(
    from: usize,
    until: usize,
    energy: f64,
    revenue: f64,
    pass_through: bool,
    path: &PricePath,
) -> KernelLoadTotals {
    let until = until.min(path.prices.len());
    let sum = path
        .prices
        .get(from.min(until)..until)
        .map_or(0.0, lane_sum);
    let cost = energy * sum;
    #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
    let live = until.saturating_sub(from) as f64;
    let pass = if pass_through { cost } else { 0.0 };
    KernelLoadTotals {
        money: MoneyLines {
            revenue: revenue + pass,
            energy_cost: cost,
            pass_through: pass,
            ..MoneyLines::default()
        },
        energy: mwh(energy * live),
        curtailed_periods: 0,
        btc: 0.0,
    }
}

/// An interruptible load, run by run of equal revenue: each period is
/// decided by the shared rule, branchless, eight lanes wide.
fn run_interruptible(
    e: f64,
    segments: &[Segment],
    path: &PricePath,
    policy: Policy<f64>,
) -> KernelLoadTotals {
    let n = path.prices.len();
    let mut out = KernelLoadTotals::default();
    let (mut energy, mut curtailed) = (0.0, 0.0);
    for seg in segments {
        let until = seg.until.min(n);
        let from = seg.from.min(until);
        let prices = path.prices.get(from..until).unwrap_or(&[]);
        #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
        let live = prices.len() as f64;
        let r = seg.revenue;
        let market = path.market.as_ref().and_then(|m| m.get(from..until));
        // `off` sums the price (the market price with sell-back) of the
        // curtailed periods.
        let (ran, bought, off) = match market {
            None => select_sums(prices, |_, p| {
                let facts = PeriodFacts {
                    revenue: r,
                    energy: e,
                    price: p,
                    market: None,
                    four_cp: false,
                    reserve: None,
                };
                // Curtailed: the price of the energy not bought.
                let on = decide(policy, facts).is_some_and(|d| d.runs());
                if on { (1.0, p, 0.0) } else { (0.0, 0.0, p) }
            }),
            Some(market) => select_sums(prices, |i, p| {
                let mk = market.get(i).copied().unwrap_or(0.0);
                let facts = PeriodFacts {
                    revenue: r,
                    energy: e,
                    price: p,
                    market: Some(mk),
                    four_cp: false,
                    reserve: None,
                };
                // Bought either way; curtailed energy is sold at market.
                let on = decide(policy, facts).is_some_and(|d| d.runs());
                if on { (1.0, p, 0.0) } else { (0.0, p, mk) }
            }),
        };
        out.money.revenue += r * ran;
        out.money.energy_cost += e * bought;
        if market.is_some() {
            out.money.sell_back_credit += e * off;
        }
        // Curtailing earned the energy's value off (bought and sold, or
        // not bought) less the revenue forgone: `e × off − r` a period.
        out.money.curtailment_value += e * off - r * (live - ran);
        energy += e * ran;
        curtailed += live - ran;
        out.btc += seg.btc * ran;
    }
    out.energy = mwh(energy);
    out.curtailed_periods = periods_of(curtailed);
    out
}

/// An interruptible load on a path with a reserve offer: each period
/// decided by the shared rule with its reserve facts, then booked as the
/// exact ledger books it (run, curtailed, or run holding reserves with the
/// deployed share shed).
fn run_with_reserves(
    e: f64,
    segments: &[Segment],
    path: &PricePath,
    reserves: &ReservePath,
    policy: Policy<f64>,
) -> KernelLoadTotals {
    let mut out = KernelLoadTotals::default();
    let mut energy = 0.0;
    let n = path.prices.len();
    for seg in segments {
        for t in seg.from.min(n)..seg.until.min(n) {
            let p = path.prices.get(t).copied().unwrap_or(0.0);
            let market = path.market.as_ref().and_then(|m| m.get(t).copied());
            let deployed = reserves.share * reserves.called.get(t).copied().unwrap_or(0.0);
            let reserve = ReserveFacts {
                payment: reserves.prices.get(t).copied().unwrap_or(0.0) * reserves.share * e,
                deployed,
            };
            let facts = PeriodFacts {
                revenue: seg.revenue,
                energy: e,
                price: p,
                market,
                four_cp: false,
                reserve: Some(reserve),
            };
            let (ran, drawn) = match decide(policy, facts) {
                Some(Decision::Run) => (1.0, 1.0),
                Some(Decision::Reserve) => {
                    out.money.reserve_payment += reserve.payment;
                    (1.0 - deployed, 1.0 - deployed)
                }
                _ => {
                    out.curtailed_periods += 1;
                    // The energy's value off, less the revenue forgone.
                    out.money.curtailment_value += e * market.unwrap_or(p) - seg.revenue;
                    (0.0, 0.0)
                }
            };
            out.money.revenue += seg.revenue * ran;
            out.btc += seg.btc * ran;
            energy += e * drawn;
            match market {
                // Bought either way; what is not drawn is sold at market.
                Some(m) => {
                    out.money.energy_cost += e * p;
                    out.money.sell_back_credit += e * (1.0 - drawn) * m;
                }
                None => out.money.energy_cost += e * drawn * p,
            }
        }
    }
    out.energy = mwh(energy);
    out
}

const LANES: usize = 8;

/// Sum with eight independent accumulators, so the loop vectorizes.
fn lane_sum(values: &[f64]) -> f64 {
    let mut acc = [0.0; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (a, v) in acc.iter_mut().zip(chunk) {
            *a += v;
        }
    }
    let tail: f64 = rest.iter().sum();
    acc.iter().sum::<f64>() + tail
}

/// Three sums of a branchless select over `prices`, eight lanes wide.
#[inline(always)]
fn select_sums(prices: &[f64], f: impl Fn(usize, f64) -> (f64, f64, f64)) -> (f64, f64, f64) {
    let mut a = [0.0; LANES];
    let mut b = [0.0; LANES];
    let mut c = [0.0; LANES];
    let chunks = prices.chunks_exact(LANES);
    let rest = chunks.remainder();
    for (k, chunk) in chunks.enumerate() {
        for lane in 0..LANES {
            let (x, y, z) = f(k * LANES + lane, chunk[lane]);
            a[lane] += x;
            b[lane] += y;
            c[lane] += z;
        }
    }
    let base = prices.len() - rest.len();
    let (mut x, mut y, mut z) = (0.0, 0.0, 0.0);
    for (i, &p) in rest.iter().enumerate() {
        let (dx, dy, dz) = f(base + i, p);
        x += dx;
        y += dy;
        z += dz;
    }
    (
        a.iter().sum::<f64>() + x,
        b.iter().sum::<f64>() + y,
        c.iter().sum::<f64>() + z,
    )
}
