//! One site-year at hourly resolution (8,760 steps): a 150 MW site with a
//! mining fleet, an AI lease and curtailment, three ways:
//!
//! - `kernel`: the `f64` summary kernel ([`SiteKernel::run`]) producing
//!   the summary results (revenue, energy cost, gross margin per workload
//!   and per MW-year, cost per BTC);
//! - `raw_f64`: a hand-written raw-`f64` loop of the same arithmetic;
//! - `ledger`: the exact per-period ledger ([`simulate_site`]).
//!
//! Then how the kernel scales with horizon length (1-30 years), fleet size
//! (1 to 29 catalog models) and number of sites (1-1,000, sequential and,
//! with `--features rayon`, parallel).
//!
//! Run with `cargo bench -p wattage-facility --features rayon --bench site_year -- --warm-up-time 1 --measurement-time 3`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group};
use rust_decimal::Decimal;
use wattage_facility::contract::PowerSupply;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::kernel::{KernelTotals, PricePath, SiteKernel};
use wattage_facility::lease::{ColocationLease, LeaseStructure};
use wattage_facility::power_contract::PowerContract;
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::workload::{Colocation, SelfMining, Workload};
use wattage_facility::{Curtailment, HashpricePath};
use wattage_hardware::{Fleet, catalog};
use wattage_mining::payout::Pool;
use wattage_units::EnergyPrice;

const HOURS: usize = 8760;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// A deterministic ERCOT-like hourly path: a daily shape, noise and rare
/// spikes, in whole cents.
fn prices(hours: usize) -> Vec<EnergyPrice> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..hours)
        .map(|h| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let noise = (state % 2_000) as i64; // $0-20
            let hour = (h % 24) as i64;
            let shape = if (14..20).contains(&hour) { 2_500 } else { 0 };
            let spike = if state % 97 == 0 {
                40_000 + (state % 300_000) as i64
            } else {
                0
            };
            let negative = if state % 211 == 0 { -4_000 } else { 0 };
            EnergyPrice::new(Decimal::new(2_200 + noise + shape + spike + negative, 2)).unwrap()
        })
        .collect()
}

fn contract(hours: usize) -> PowerContract {
    let series = PriceSeries::new(start(), Resolution::Hourly, prices(hours)).unwrap();
    PowerContract::new(PowerSupply::index(series, "$2/MWh".parse().unwrap()))
}

/// The benchmark site with a fleet of `models` catalog miner models sharing
/// about 80 MW of the mining hall.
fn deployment_with_models(models: usize) -> Deployment {
    let mut fleet = Fleet::new();
    for miner in catalog::asic_miners().iter().take(models) {
        let watts = miner.power().get(wattage_units::unit::WATT);
        let count = (80e6 / models as f64 / watts).floor() as u64;
        fleet.add(miner.clone(), count.max(1)).unwrap();
    }
    with_fleet(&fleet, "$50/PH/day")
}

fn deployment(hashprice: &str) -> Deployment {
    let mut fleet = Fleet::new();
    fleet.add(catalog::asic("S21 XP").unwrap(), 24_000).unwrap();
    with_fleet(&fleet, hashprice)
}

fn with_fleet(fleet: &Fleet, hashprice: &str) -> Deployment {
    let site = Site::new("bench", "150 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "mining",
                "90 MW".parse().unwrap(),
                Pue::constant(1.05).unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
        .with_hall(Hall::new("ai", "40 MW".parse().unwrap(), Pue::constant(1.3).unwrap()).unwrap())
        .unwrap();
    let mining = SelfMining::from_fleet(
        fleet,
        Pool::fpps(Decimal::new(2, 2)).unwrap(),
        HashpricePath::Constant(hashprice.parse().unwrap()),
        "$95,000/BTC".parse().unwrap(),
    )
    .unwrap();
    let lease = ColocationLease::new(
        "40 MW".parse().unwrap(),
        "$130/kW/month".parse().unwrap(),
        Decimal::new(3, 2),
        360,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        LeaseStructure::TripleNet,
    )
    .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign("fleet", "mining", Workload::SelfMining(mining))
        .unwrap();
    plan.assign(
        "tenant",
        "ai",
        Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap()),
    )
    .unwrap();
    plan
}

/// The summary results from the kernel's totals, in `f64`: gross margin
/// per workload and per MW-year and the energy cost of one bitcoin.
fn summary(t: &KernelTotals, mw: [f64; 2], years: f64) -> [f64; 5] {
    let fleet = &t.workloads[0];
    let tenant = &t.workloads[1];
    let fleet_margin = fleet.revenue - fleet.energy_cost + fleet.sell_back_credit;
    let tenant_margin = tenant.revenue - tenant.energy_cost;
    [
        t.gross_margin(),
        fleet_margin / (mw[0] * years),
        tenant_margin / (mw[1] * years),
        fleet.energy_cost / fleet.btc,
        fleet.curtailed_periods,
    ]
}

/// Inputs of the raw loop: plain numbers, read off the same site.
struct Raw {
    prices: Vec<f64>,
    fleet_energy: f64,
    fleet_revenue: f64,
    btc_per_usd: f64,
    tenant_energy: f64,
    tenant_rent: f64,
}

/// The same arithmetic as the kernel, hand-written on raw `f64`: one pass
/// with a branchless curtailment select for the fleet, a sum for the lease.
/// Raw pass 1: how many hours run (price at most `threshold`) and the sum
/// of their prices, branchless, eight lanes.
#[inline(never)]
fn raw_count_and_sum(prices: &[f64], threshold: f64) -> (f64, f64) {
    const L: usize = 8;
    let mut count = [0.0; L];
    let mut spent = [0.0; L];
    let chunks = prices.chunks_exact(L);
    let rest = chunks.remainder();
    for chunk in chunks {
        for lane in 0..L {
            let p = chunk[lane];
            let on = p <= threshold;
            count[lane] += if on { 1.0 } else { 0.0 };
            spent[lane] += if on { p } else { 0.0 };
        }
    }
    let (mut cx, mut cy) = (0.0, 0.0);
    for &p in rest {
        if p <= threshold {
            cx += 1.0;
            cy += p;
        }
    }
    (
        count.iter().sum::<f64>() + cx,
        spent.iter().sum::<f64>() + cy,
    )
}

/// Raw pass 2: the sum of all prices, eight lanes.
#[inline(never)]
fn raw_sum(prices: &[f64]) -> f64 {
    const L: usize = 8;
    let mut all = [0.0; L];
    let chunks = prices.chunks_exact(L);
    let rest = chunks.remainder();
    for chunk in chunks {
        for lane in 0..L {
            all[lane] += chunk[lane];
        }
    }
    all.iter().sum::<f64>() + rest.iter().sum::<f64>()
}

fn raw_site_year(raw: &Raw, mw: [f64; 2], years: f64) -> [f64; 5] {
    let (e, r) = (raw.fleet_energy, raw.fleet_revenue);
    let (n, price_sum) = raw_count_and_sum(&raw.prices, r / e);
    let all_sum = raw_sum(&raw.prices);
    let fleet_revenue = r * n;
    let fleet_cost = e * price_sum;
    let tenant_cost = raw.tenant_energy * all_sum;
    let tenant_revenue = raw.tenant_rent + tenant_cost;
    let btc = fleet_revenue * raw.btc_per_usd;
    let live = raw.prices.len() as f64;
    let margin = (fleet_revenue + tenant_revenue) - (fleet_cost + tenant_cost);
    [
        margin,
        (fleet_revenue - fleet_cost) / (mw[0] * years),
        (tenant_revenue - tenant_cost) / (mw[1] * years),
        fleet_cost / btc,
        live - n,
    ]
}

struct Setup {
    plan: Deployment,
    contract: PowerContract,
    horizon: Horizon,
    kernel: SiteKernel,
    path: PricePath,
    raw: Raw,
    mw: [f64; 2],
    years: f64,
}

fn setup() -> Setup {
    let plan = deployment("$45/PH/day");
    let contract = contract(HOURS);
    let horizon = Horizon::new(start(), Resolution::Hourly, HOURS).unwrap();
    let kernel = SiteKernel::new(&plan, &contract, horizon).unwrap();
    let path = PricePath::new(&contract, horizon).unwrap();
    // Read the raw loop's inputs off a one-hour kernel result so both
    // see the same per-period numbers.
    let exact = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    let fleet0 = exact.entry(0, 0).unwrap();
    let tenant_totals = exact.workload_totals(1).unwrap();
    let raw = Raw {
        prices: path.prices().to_vec(),
        fleet_energy: fleet0.energy_mwh.to_string().parse().unwrap(),
        fleet_revenue: {
            let one = kernel.run(
                &PricePath::from_f64(vec![0.0; HOURS], None).unwrap(),
                Curtailment::AlwaysOn,
            );
            one.workloads[0].revenue / HOURS as f64
        },
        btc_per_usd: 1.0 / 95_000.0,
        tenant_energy: exact
            .entry(0, 1)
            .unwrap()
            .energy_mwh
            .to_string()
            .parse()
            .unwrap(),
        tenant_rent: (tenant_totals.revenue.to_f64() - tenant_totals.pass_through.to_f64()),
    };
    let mw = [
        plan.assignment("fleet")
            .unwrap()
            .workload()
            .it_power()
            .get(wattage_units::unit::MEGAWATT),
        40.0,
    ];
    Setup {
        plan,
        contract,
        horizon,
        kernel,
        path,
        raw,
        mw,
        years: horizon.years(),
    }
}

fn typed(s: &Setup) -> [f64; 5] {
    let totals = s
        .kernel
        .run(black_box(&s.path), Curtailment::AboveBreakeven);
    summary(&totals, s.mw, s.years)
}

fn bench(c: &mut Criterion) {
    let s = setup();
    let mut group = c.benchmark_group("site_year_hourly");
    group.bench_function("kernel", |b| b.iter(|| typed(black_box(&s))));
    group.bench_function("raw_f64", |b| {
        b.iter(|| raw_site_year(black_box(&s.raw), s.mw, s.years))
    });
    group.bench_function("ledger_exact", |b| {
        b.iter(|| {
            simulate_site(
                black_box(&s.plan),
                &s.contract,
                s.horizon,
                Curtailment::AboveBreakeven,
            )
            .unwrap()
        })
    });
    group.bench_function("prepare_price_path", |b| {
        b.iter(|| PricePath::new(black_box(&s.contract), s.horizon).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("kernel_by_horizon_years");
    for years in [1usize, 5, 10, 30] {
        let hours = years * HOURS;
        let contract = contract(hours);
        let horizon = Horizon::new(start(), Resolution::Hourly, hours).unwrap();
        let kernel = SiteKernel::new(&s.plan, &contract, horizon).unwrap();
        let path = PricePath::new(&contract, horizon).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(years), &years, |b, _| {
            b.iter(|| kernel.run(black_box(&path), Curtailment::AboveBreakeven))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("ledger_by_horizon_years");
    group.sample_size(10);
    for years in [1usize, 5, 30] {
        let hours = years * HOURS;
        let contract = contract(hours);
        let horizon = Horizon::new(start(), Resolution::Hourly, hours).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(years), &years, |b, _| {
            b.iter(|| {
                simulate_site(
                    black_box(&s.plan),
                    &contract,
                    horizon,
                    Curtailment::AboveBreakeven,
                )
                .unwrap()
            })
        });
    }
    group.finish();

    let hashprices = [
        "$38/PH/day",
        "$42/PH/day",
        "$45/PH/day",
        "$50/PH/day",
        "$55/PH/day",
    ];
    let kernels: Vec<SiteKernel> = hashprices
        .iter()
        .map(|hp| SiteKernel::new(&deployment(hp), &s.contract, s.horizon).unwrap())
        .collect();
    // Fleet size: a fleet is reduced to its totals when the kernel is built,
    // so the run costs the same for one model or the whole catalog.
    let mut group = c.benchmark_group("kernel_by_fleet_models");
    for models in [1usize, 5, 29] {
        let kernel =
            SiteKernel::new(&deployment_with_models(models), &s.contract, s.horizon).unwrap();
        group.bench_with_input(BenchmarkId::new("run", models), &models, |b, _| {
            b.iter(|| kernel.run(black_box(&s.path), Curtailment::AboveBreakeven))
        });
        let plan = deployment_with_models(models);
        group.bench_with_input(
            BenchmarkId::new("build_and_run", models),
            &models,
            |b, _| {
                b.iter(|| {
                    SiteKernel::new(black_box(&plan), &s.contract, s.horizon)
                        .unwrap()
                        .run(&s.path, Curtailment::AboveBreakeven)
                })
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("sites_sequential");
    group.sample_size(10);
    for n in [1usize, 10, 100, 1000] {
        let sites: Vec<SiteKernel> = kernels.iter().cycle().take(n).cloned().collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| {
                wattage_facility::sweep::over_sites(
                    black_box(&sites),
                    &s.path,
                    Curtailment::AboveBreakeven,
                )
            })
        });
    }
    group.finish();
    #[cfg(feature = "rayon")]
    {
        let mut group = c.benchmark_group("sites_rayon");
        group.sample_size(10);
        for n in [1usize, 10, 100, 1000] {
            let sites: Vec<SiteKernel> = kernels.iter().cycle().take(n).cloned().collect();
            group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
                b.iter(|| {
                    wattage_facility::sweep::par_over_sites(
                        black_box(&sites),
                        &s.path,
                        Curtailment::AboveBreakeven,
                    )
                })
            });
        }
        group.finish();
    }
}

/// Best-of-many timing of the kernel and the raw loop, interleaved; checks
/// they compute the same numbers first, then prints the ratio.
fn report_ratio() {
    let s = setup();
    let a = typed(&s);
    let b = raw_site_year(&s.raw, s.mw, s.years);
    for (x, y) in a.iter().zip(&b) {
        assert!(
            (x - y).abs() <= 1e-9 * x.abs().max(1.0),
            "kernel {a:?} and raw loop {b:?} must compute the same numbers"
        );
    }
    let mut best_typed = Duration::MAX;
    let mut best_raw = Duration::MAX;
    for _ in 0..2_000 {
        let t = Instant::now();
        black_box(typed(black_box(&s)));
        best_typed = best_typed.min(t.elapsed());
        let t = Instant::now();
        black_box(raw_site_year(black_box(&s.raw), s.mw, s.years));
        best_raw = best_raw.min(t.elapsed());
    }
    println!(
        "site_year: kernel {best_typed:?}, raw {best_raw:?}, ratio kernel/raw = {:.3}",
        best_typed.as_secs_f64() / best_raw.as_secs_f64()
    );
}

criterion_group!(benches, bench);

fn main() {
    report_ratio();
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
