//! The fast path: an `f64` summary kernel over structure-of-arrays prices.
//!
//! [`simulate_site`] writes an exact ledger of
//! every period and workload. For sweeps over thousands of scenarios only
//! the totals matter, so [`SiteKernel`] runs the same arithmetic in `f64`:
//! the prices of a horizon are converted once ([`PricePath`]), each
//! interruptible load is one pass over them with a branchless
//! run-or-curtail select, and each firm load is a range sum. Money enters
//! `Decimal` only at the end ([`KernelTotals::to_usd`], by
//! [`wattage_units::money::to_decimal`]); a test checks that the totals
//! agree with the exact ledger to the cent.
//!
//! The kernel models energy, revenue, curtailment and sell-back; a
//! contract with demand charges, 4CP or demand-response payments, or an
//! hourly PUE, needs the exact ledger ([`FacilityError::Unsupported`]).
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use rust_decimal::Decimal;
//! use wattage_facility::contract::PowerSupply;
//! use wattage_facility::deployment::Deployment;
//! use wattage_facility::horizon::Horizon;
//! use wattage_facility::kernel::{PricePath, SiteKernel};
//! use wattage_facility::power_contract::PowerContract;
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_facility::pue::Pue;
//! use wattage_facility::run::simulate_site;
//! use wattage_facility::simulation::{Curtailment, HashpricePath};
//! use wattage_facility::site::{Hall, Site};
//! use wattage_facility::workload::{SelfMining, Workload};
//! use wattage_mining::payout::Pool;
//!
//! let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
//! let prices = (0..48).map(|h| format!("${}/MWh", 20 + (h * 37) % 180).parse()).collect::<Result<_, _>>()?;
//! let contract = PowerContract::new(PowerSupply::index(PriceSeries::new(start, Resolution::Hourly, prices)?, "$3/MWh".parse()?));
//! let site = Site::new("S", "60 MW".parse()?)?.with_hall(Hall::new("A", "50 MW".parse()?, Pue::constant(1.08)?)?)?;
//! let mut plan = Deployment::new(site);
//! plan.assign("fleet", "A", Workload::SelfMining(SelfMining::new("3 EH/s".parse()?, "48 MW".parse()?,
//!     Pool::fpps(Decimal::new(2, 2))?, HashpricePath::Constant("$48/PH/day".parse()?), "$100,000/BTC".parse()?)?))?;
//! let horizon = Horizon::new(start, Resolution::Hourly, 48)?;
//!
//! let kernel = SiteKernel::new(&plan, &contract, horizon)?;
//! let path = PricePath::new(&contract, horizon)?;
//! let fast = kernel.run(&path, Curtailment::AboveBreakeven).to_usd()?;
//! let exact = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven)?;
//! assert_eq!(fast.revenue.round_to_cents(), exact.totals().revenue.round_to_cents());
//! assert_eq!(fast.energy_cost.round_to_cents(), exact.totals().energy_cost.round_to_cents());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use rust_decimal::prelude::ToPrimitive;
use wattage_units::money::to_decimal;
use wattage_units::{Usd, unit};

use crate::FacilityError;
use crate::contract::PowerSupply;
use crate::deployment::Deployment;
use crate::horizon::Horizon;
use crate::power_contract::PowerContract;
use crate::price_path::{period_price_values, series_over};
use crate::run::simulate_site;
use crate::simulation::{Curtailment, HashpricePath};
use crate::workload::Workload;

const KERNEL: &str = "the f64 summary kernel";

/// A horizon's all-in prices (and sell-back market prices) as `f64`
/// $/MWh, converted once and shared by every scenario on that path.
#[derive(Debug, Clone, PartialEq)]
pub struct PricePath {
    prices: Vec<f64>,
    market: Option<Vec<f64>>,
}

impl PricePath {
    /// The prices of `contract` over `horizon`.
    ///
    /// # Errors
    /// As for [`crate::price_path::period_prices`].
    pub fn new(contract: &PowerContract, horizon: Horizon) -> Result<Self, FacilityError> {
        let to_f64 = |v: Vec<rust_decimal::Decimal>| {
            v.iter().map(|d| d.to_f64().unwrap_or(f64::NAN)).collect()
        };
        let market = match contract.sell_back() {
            Some(series) => Some(to_f64(series_over(series, &horizon)?)),
            None => None,
        };
        Ok(Self {
            prices: to_f64(period_price_values(contract.supply(), &horizon)?),
            market,
        })
    }

    /// A path from raw `f64` prices ($/MWh), for sweeps over generated
    /// paths; `market` for sell-back. Prices may be negative.
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
        Ok(Self { prices, market })
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

/// Revenue per period of an interruptible load.
#[derive(Debug, Clone, PartialEq)]
enum Revenue {
    Constant(f64),
    PerPeriod(Vec<f64>),
}

#[derive(Debug, Clone, PartialEq)]
struct Interruptible {
    from: usize,
    until: usize,
    energy: f64,
    revenue: Revenue,
    btc_per_usd: f64,
}

#[derive(Debug, Clone, PartialEq)]
struct Firm {
    from: usize,
    until: usize,
    energy: f64,
    revenue: f64,
    pass_through: bool,
}

/// A site prepared for the `f64` kernel: per load, its live range,
/// facility MWh per period and revenue.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteKernel {
    periods: usize,
    fixed_price: Option<f64>,
    names: Vec<alloc::string::String>,
    /// Index into `interruptible` (`Ok`) or `firm` (`Err`) per workload.
    order: Vec<Result<usize, usize>>,
    interruptible: Vec<Interruptible>,
    firm: Vec<Firm>,
    hours: f64,
}

/// Totals of one workload from the kernel, `f64` dollars and MWh.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct KernelLoadTotals {
    /// Revenue.
    pub revenue: f64,
    /// Energy bill.
    pub energy_cost: f64,
    /// Sell-back credits.
    pub sell_back_credit: f64,
    /// Facility energy drawn, MWh.
    pub energy_mwh: f64,
    /// Periods curtailed.
    pub curtailed_periods: f64,
    /// Bitcoin mined (not rounded per period).
    pub btc: f64,
}

/// What the kernel returns: per workload and site totals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KernelTotals {
    /// Per workload, in deployment order.
    pub workloads: Vec<KernelLoadTotals>,
    /// Revenue of the site.
    pub revenue: f64,
    /// Energy bill of the site.
    pub energy_cost: f64,
    /// Sell-back credits.
    pub sell_back_credit: f64,
}

/// [`KernelTotals`] in exact money, each converted once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelUsd {
    /// Revenue.
    pub revenue: Usd,
    /// Energy bill.
    pub energy_cost: Usd,
    /// Sell-back credits.
    pub sell_back_credit: Usd,
    /// Revenue − energy + credits.
    pub gross_margin: Usd,
}

impl KernelTotals {
    /// Revenue − energy + credits, `f64`.
    #[must_use]
    pub fn gross_margin(&self) -> f64 {
        self.revenue - self.energy_cost + self.sell_back_credit
    }

    /// The site totals as exact money (by [`to_decimal`]).
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a non-finite total.
    pub fn to_usd(&self) -> Result<KernelUsd, FacilityError> {
        let revenue = Usd::new(to_decimal("kernel revenue", self.revenue)?);
        let energy_cost = Usd::new(to_decimal("kernel energy cost", self.energy_cost)?);
        let sell_back_credit = Usd::new(to_decimal(
            "kernel sell-back credit",
            self.sell_back_credit,
        )?);
        Ok(KernelUsd {
            revenue,
            energy_cost,
            sell_back_credit,
            gross_margin: revenue
                .checked_sub(energy_cost)?
                .checked_add(sell_back_credit)?,
        })
    }
}

fn f64_of(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(f64::NAN)
}

impl SiteKernel {
    /// Prepares `deployment` under `contract` over `horizon`. Firm revenue
    /// (rent, GPU-hours) does not depend on prices or curtailment and is
    /// computed here exactly, then held as `f64`.
    ///
    /// # Errors
    /// [`FacilityError::Unsupported`] for demand charges, 4CP,
    /// demand response or an hourly PUE; as for
    /// [`simulate_site`] otherwise.
    pub fn new(
        deployment: &Deployment,
        contract: &PowerContract,
        horizon: Horizon,
    ) -> Result<Self, FacilityError> {
        if contract.demand_charge().is_some() {
            return Err(FacilityError::Unsupported {
                computation: KERNEL,
                what: "demand charges",
            });
        }
        if contract.transmission().is_some() {
            return Err(FacilityError::Unsupported {
                computation: KERNEL,
                what: "a 4CP transmission charge",
            });
        }
        if contract.demand_response().is_some() {
            return Err(FacilityError::Unsupported {
                computation: KERNEL,
                what: "demand-response payments",
            });
        }
        let hours = f64_of(horizon.period_hours());
        let fixed_price = match contract.supply() {
            PowerSupply::Fixed(p) if contract.sell_back().is_some() => Some(p.to_f64()),
            _ => None,
        };
        // Live ranges and firm revenue come from a one-period-per-load
        // dry run of the exact engine on a fixed zero price: cheap, and the
        // same rules (windows, lease terms) by construction.
        let zero = PowerContract::new(PowerSupply::fixed(wattage_units::EnergyPrice::new(
            rust_decimal::Decimal::ZERO,
        )?));
        let dry = simulate_site(deployment, &zero, horizon, Curtailment::AlwaysOn)?;
        let mut kernel = Self {
            periods: horizon.periods(),
            fixed_price,
            names: dry.workload_names().to_vec(),
            order: Vec::new(),
            interruptible: Vec::new(),
            firm: Vec::new(),
            hours,
        };
        for (index, a) in deployment.assignments().iter().enumerate() {
            let Some(pue) = a.pue().constant_value() else {
                return Err(FacilityError::Unsupported {
                    computation: KERNEL,
                    what: "an hourly PUE",
                });
            };
            let live: Vec<bool> = dry.workload_periods(index).map(|p| p.live).collect();
            let from = live.iter().position(|&l| l).unwrap_or(0);
            let until = live.iter().rposition(|&l| l).map_or(0, |i| i + 1);
            let it_mw = a.workload().it_power().get(unit::MEGAWATT);
            let energy = f64_of(to_decimal("facility load in MW", it_mw * pue)?) * hours;
            let totals = dry.workload_totals(index).copied().unwrap_or_default();
            match a.workload() {
                Workload::SelfMining(m) => {
                    let ph_days = f64_of(to_decimal(
                        "work in PH/s-days",
                        m.hashrate().get(unit::PETAHASH_PER_SECOND) * hours / 24.0,
                    )?);
                    let share = f64_of(m.net_share());
                    let per = |hp: wattage_units::Hashprice| hp.to_f64() * ph_days * share;
                    let revenue = match m.hashprice() {
                        HashpricePath::Constant(hp) => Revenue::Constant(per(*hp)),
                        path => {
                            let mut values = alloc::vec![0.0; horizon.periods()];
                            for (t, slot) in values.iter_mut().enumerate().take(until).skip(from) {
                                let elapsed = horizon.resolution().seconds()
                                    * i64::try_from(t).unwrap_or(i64::MAX);
                                *slot = per(path.at(t, elapsed)?);
                            }
                            Revenue::PerPeriod(values)
                        }
                    };
                    kernel.order.push(Ok(kernel.interruptible.len()));
                    kernel.interruptible.push(Interruptible {
                        from,
                        until,
                        energy,
                        revenue,
                        btc_per_usd: 1.0 / m.btc_price().to_f64(),
                    });
                }
                Workload::Hosting(h) => {
                    let it = f64_of(to_decimal("IT load in MW", it_mw)?) * hours;
                    kernel.order.push(Ok(kernel.interruptible.len()));
                    kernel.interruptible.push(Interruptible {
                        from,
                        until,
                        energy,
                        revenue: Revenue::Constant(h.rate().to_f64() * it),
                        btc_per_usd: 0.0,
                    });
                }
                Workload::Colocation(c) => {
                    kernel.order.push(Err(kernel.firm.len()));
                    kernel.firm.push(Firm {
                        from,
                        until,
                        energy,
                        revenue: totals.revenue.to_f64(),
                        pass_through: c.tenant_pays_power(),
                    });
                }
                Workload::GpuCloud(_) => {
                    kernel.order.push(Err(kernel.firm.len()));
                    kernel.firm.push(Firm {
                        from,
                        until,
                        energy,
                        revenue: totals.revenue.to_f64(),
                        pass_through: false,
                    });
                }
            }
        }
        Ok(kernel)
    }

    /// Number of periods.
    #[must_use]
    pub const fn periods(&self) -> usize {
        self.periods
    }

    /// The workloads' names.
    #[must_use]
    pub fn names(&self) -> &[alloc::string::String] {
        &self.names
    }

    /// Runs the kernel on `path` with `policy`. A path shorter than the
    /// horizon covers only its own periods: interruptible (mining) loads
    /// earn and spend nothing in the periods beyond it, and firm loads keep
    /// their rent there but buy no energy. Give a path as long as the
    /// horizon for full-horizon totals.
    #[must_use]
    pub fn run(&self, path: &PricePath, policy: Curtailment) -> KernelTotals {
        let prices = &path.prices;
        let mut out = KernelTotals {
            workloads: Vec::with_capacity(self.order.len()),
            ..KernelTotals::default()
        };
        for slot in &self.order {
            let t = match slot {
                Ok(i) => self
                    .interruptible
                    .get(*i)
                    .map(|load| self.run_interruptible(load, path, policy)),
                Err(i) => self.firm.get(*i).map(|load| {
                    let until = load.until.min(prices.len());
                    let sum = prices
                        .get(load.from.min(until)..until)
                        .map_or(0.0, lane_sum);
                    let cost = load.energy * sum;
                    #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
                    let live = until.saturating_sub(load.from) as f64;
                    KernelLoadTotals {
                        revenue: load.revenue + if load.pass_through { cost } else { 0.0 },
                        energy_cost: cost,
                        sell_back_credit: 0.0,
                        energy_mwh: load.energy * live,
                        curtailed_periods: 0.0,
                        btc: 0.0,
                    }
                }),
            }
            .unwrap_or_default();
            out.revenue += t.revenue;
            out.energy_cost += t.energy_cost;
            out.sell_back_credit += t.sell_back_credit;
            out.workloads.push(t);
        }
        out
    }

    fn run_interruptible(
        &self,
        load: &Interruptible,
        path: &PricePath,
        policy: Curtailment,
    ) -> KernelLoadTotals {
        let until = load.until.min(path.prices.len());
        let from = load.from.min(until);
        let prices = path.prices.get(from..until).unwrap_or(&[]);
        let e = load.energy;
        let market = match (self.fixed_price, path.market.as_ref()) {
            (Some(fixed), Some(m)) => m.get(from..until).map(|m| (fixed, m)),
            _ => None,
        };
        let (always, strike) = match policy {
            Curtailment::AboveBreakeven => (false, None),
            Curtailment::AbovePrice(s) => (false, Some(s.to_f64())),
            _ => (true, None),
        };
        #[allow(clippy::cast_precision_loss, reason = "periods are far below 2^52")]
        let live = prices.len() as f64;
        let sums = match (&load.revenue, market) {
            (Revenue::Constant(r), None) => {
                let r = *r;
                match (always, strike) {
                    (true, _) => (live, lane_sum(prices), 0.0),
                    // Running pays when r − e·p ≥ 0, that is p ≤ r / e:
                    // one compare per period.
                    (false, None) => count_and_sum_at_most(prices, breakeven(r, e)),
                    (false, Some(s)) => count_and_sum_at_most(prices, s),
                }
            }
            (Revenue::PerPeriod(rs), None) => {
                let rs = rs.get(from..until).unwrap_or(&[]);
                let run = |r: f64, p: f64| always || strike.map_or(r - e * p >= 0.0, |s| p <= s);
                select_sums(prices, |i, p| {
                    let r = rs.get(i).copied().unwrap_or(0.0);
                    if run(r, p) {
                        (1.0, p, r)
                    } else {
                        (0.0, 0.0, 0.0)
                    }
                })
            }
            (revenue, Some((fixed, m))) => {
                // Bought at the fixed price either way; curtailed energy is
                // sold at market. The third sum collects market prices of
                // curtailed periods.
                let r_at = |i: usize| match revenue {
                    Revenue::Constant(r) => *r,
                    Revenue::PerPeriod(rs) => rs.get(from + i).copied().unwrap_or(0.0),
                };
                let sums = select_sums(prices, |i, p| {
                    let r = r_at(i);
                    let mk = m.get(i).copied().unwrap_or(0.0);
                    let run = always || strike.map_or(r - e * p >= (mk - fixed) * e, |s| mk <= s);
                    if run { (1.0, r, 0.0) } else { (0.0, 0.0, mk) }
                });
                return KernelLoadTotals {
                    revenue: sums.1,
                    energy_cost: e * fixed * live,
                    sell_back_credit: e * sums.2,
                    energy_mwh: e * sums.0,
                    curtailed_periods: live - sums.0,
                    btc: sums.1 * load.btc_per_usd,
                };
            }
        };
        let (count, price_sum, revenue_sum) = sums;
        let revenue = match load.revenue {
            Revenue::Constant(r) => r * count,
            Revenue::PerPeriod(_) => revenue_sum,
        };
        KernelLoadTotals {
            revenue,
            energy_cost: e * price_sum,
            sell_back_credit: 0.0,
            energy_mwh: e * count,
            curtailed_periods: live - count,
            btc: revenue * load.btc_per_usd,
        }
    }
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

/// The price at which a load earning `r` a period for `e` MWh breaks even.
#[must_use]
pub fn breakeven(r: f64, e: f64) -> f64 {
    if e > 0.0 { r / e } else { f64::INFINITY }
}

/// How many prices are at most `threshold`, and their sum: the running
/// periods of an interruptible load and what their energy cost per MWh,
/// in one branchless pass, eight lanes wide.
#[must_use]
pub fn count_and_sum_at_most(prices: &[f64], threshold: f64) -> (f64, f64, f64) {
    let mut count = [0.0; LANES];
    let mut sum = [0.0; LANES];
    let chunks = prices.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for lane in 0..LANES {
            let p = chunk[lane];
            let on = p <= threshold;
            count[lane] += if on { 1.0 } else { 0.0 };
            sum[lane] += if on { p } else { 0.0 };
        }
    }
    let (mut n, mut s) = (0.0, 0.0);
    for &p in rest {
        if p <= threshold {
            n += 1.0;
            s += p;
        }
    }
    (
        count.iter().sum::<f64>() + n,
        sum.iter().sum::<f64>() + s,
        0.0,
    )
}

/// Sum of `values`, eight lanes wide (the kernel's summation order).
#[must_use]
pub fn sum(values: &[f64]) -> f64 {
    lane_sum(values)
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
