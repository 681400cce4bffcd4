//! Hourly site-years (8,760 periods) as users run them: a 150 MW site with
//! a curtailing S21 XP fleet (24,000 machines, 87.5 MW) paid a **daily
//! hashprice path**, and a firm 40 MW triple-net AI lease, on realistic
//! ERCOT-like prices (a daily shape, noise, spikes and negative hours, in
//! full `f64` precision rather than whole cents).
//!
//! - `site_year_daily/kernel`: the `f64` kernel ([`SiteKernel::run`]) and
//!   the summary figures read off it;
//! - `site_year_daily/raw_floor`: the same figures from an independently
//!   written raw-`f64` loop (one pass over days, eight independent lanes,
//!   no bounds checks in the hot loop) — the floor the kernel is held to;
//! - `site_year_daily/ledger_exact`: the exact `Decimal` ledger
//!   ([`simulate_site`]);
//! - `site_year_daily/totals_by_month`: the same exact sums by month,
//!   streamed without a ledger ([`simulate_by`]);
//! - `site_year_daily/build_kernel`: [`SiteKernel::new`];
//! - `site_year_daily/price_path_from_f64`: an `f64` price row to a
//!   [`PricePath`]; `price_series_from_f64`: the same row to an exact
//!   [`PriceSeries`] (one `to_decimal` per price);
//! - `site_year_constant/*`: the same with one constant hashprice, labelled
//!   as such (the case the first release benchmarked);
//! - `ledger_per_year`: the exact ledger over 1, 5, 10 and 30 years;
//! - `sites_sequential` / `sites_rayon`: 10 to 1,000 sites on one path.
//!
//! Before criterion runs, the benchmark checks that kernel and raw floor
//! compute the same figures, prints best-of-many ratios kernel/raw, and
//! prints the resident memory of a 30-year ledger per period and workload.
//!
//! `WATTAGE_LEDGER_LOOP=years,runs` runs only the exact ledger, `runs`
//! times over `years`, for counting page faults (see [`ledger_loop`]).
//!
//! Run with `cargo bench -p wattage-facility --features rayon --bench site_year -- --warm-up-time 1 --measurement-time 3`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    missing_docs
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use criterion::{BenchmarkId, Criterion, criterion_group};
use rust_decimal::Decimal;
use wattage_facility::kernel::KernelTotals;
use wattage_facility::power::PowerSupply;
use wattage_facility::workload::{Colocation, SelfMining, Workload};
use wattage_facility::{
    ColocationLease, Curtailment, Deployment, Grouping, Hall, HashpricePath, Horizon, LeaseSpec,
    LeaseStructure, PowerContract, PricePath, PriceSeries, Pue, Resolution, Site, SiteKernel,
    simulate_by, simulate_site,
};
use wattage_hardware::{Fleet, catalog};
use wattage_mining::payout::Pool;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, Hashprice};

const HOURS: usize = 8760;
const MACHINES: u64 = 24_000;
/// S21 XP: 270 TH/s at 3,645 W.
const FLEET_PH: f64 = MACHINES as f64 * 0.270;
const FLEET_MW: f64 = MACHINES as f64 * 3_645.0 / 1e6;
const MINING_PUE: f64 = 1.05;
const POOL_FEE: f64 = 0.02;
const TENANT_MW: f64 = 40.0;
const TENANT_PUE: f64 = 1.3;
const RATE_PER_KW_MONTH: f64 = 130.0;
const BTC_PRICE: f64 = 95_000.0;

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

/// xorshift64: a small deterministic generator, so every run times the
/// same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// ERCOT-like hourly prices, $/MWh: an afternoon peak, noise, one spike in
/// about a hundred hours and a negative hour in about two hundred.
fn prices(hours: usize) -> Vec<f64> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..hours)
        .map(|h| {
            let noise = 20.0 * rng.unit();
            let shape = if (14..20).contains(&(h % 24)) {
                25.0
            } else {
                0.0
            };
            let roll = rng.unit();
            let spike = if roll < 0.01 {
                400.0 + 3_000.0 * rng.unit()
            } else {
                0.0
            };
            let negative = if roll > 0.995 { -40.0 } else { 0.0 };
            22.0 + noise + shape + spike + negative
        })
        .collect()
}

/// A daily hashprice path, $/PH/day: a random walk around $45.
fn daily_hashprices(days: usize) -> Vec<f64> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut level = 45.0;
    (0..days)
        .map(|_| {
            level = (level * (1.0 + 0.03 * (rng.unit() - 0.5))).clamp(25.0, 80.0);
            level
        })
        .collect()
}

fn series(prices: &[f64]) -> PriceSeries {
    let exact = prices
        .iter()
        .map(|&p| EnergyPrice::new(to_decimal("price", p).unwrap()).unwrap())
        .collect();
    PriceSeries::new(start(), Resolution::Hourly, exact).unwrap()
}

fn contract(prices: &[f64]) -> PowerContract {
    PowerContract::new(PowerSupply::index(
        series(prices),
        "$0/MWh".parse().unwrap(),
    ))
}

fn hashprice_path(daily: Option<&[f64]>) -> HashpricePath {
    let hp = |v: f64| Hashprice::new(to_decimal("hashprice", v).unwrap()).unwrap();
    match daily {
        Some(days) => HashpricePath::Daily(days.iter().map(|&v| hp(v)).collect()),
        None => HashpricePath::Constant(hp(45.0)),
    }
}

/// The benchmark site: the fleet in hall "mining", the lease in hall "ai".
fn deployment(path: HashpricePath, years: u32) -> Deployment {
    let mut fleet = Fleet::new();
    fleet
        .add(catalog::asic("S21 XP").unwrap(), MACHINES)
        .unwrap();
    let site = Site::new("bench", "150 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "mining",
                "90 MW".parse().unwrap(),
                Pue::constant(MINING_PUE).unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
        .with_hall(
            Hall::new(
                "ai",
                "40 MW".parse().unwrap(),
                Pue::constant(TENANT_PUE).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
    let mining = SelfMining::from_fleet(
        &fleet,
        Pool::fpps("2%".parse().unwrap()).unwrap(),
        path,
        "$95,000/BTC".parse().unwrap(),
    )
    .unwrap();
    // No escalator inside the first year, so the raw floor's rent is 12 × the monthly rent.
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "40 MW".parse().unwrap(),
        rate: "$130/kW/month".parse().unwrap(),
        escalator: Decimal::new(3, 2),
        term_months: 12 * years.max(1),
        start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        structure: LeaseStructure::TripleNet,
    })
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

/// The figures a user reads off a site-year: site margin, fleet margin
/// per MW-year, tenant margin per MW-year, energy cost per BTC, hours
/// curtailed.
/// The benchmark site over `years` hourly years on a daily hashprice path:
/// its deployment, contract and horizon.
fn years_case(years: usize) -> (Deployment, PowerContract, Horizon) {
    let hours = years * HOURS;
    let prices = prices(hours);
    let plan = deployment(
        hashprice_path(Some(&daily_hashprices(hours / 24))),
        years as u32,
    );
    let contract = contract(&prices);
    let horizon = Horizon::new(start(), Resolution::Hourly, hours).unwrap();
    (plan, contract, horizon)
}

fn figures(t: &KernelTotals) -> [f64; 5] {
    let fleet = &t.workloads[0];
    let tenant = &t.workloads[1];
    let years = HOURS as f64 / 8766.0;
    [
        t.gross_margin(),
        (fleet.money.revenue - fleet.money.energy_cost) / (FLEET_MW * years),
        (tenant.money.revenue - tenant.money.energy_cost) / (TENANT_MW * years),
        fleet.money.energy_cost / fleet.btc,
        fleet.curtailed_periods as f64,
    ]
}

/// The raw floor's inputs, from the site's own numbers (not from the kernel).
struct RawInputs {
    prices: Vec<f64>,
    /// Fleet revenue per hour, one value per day.
    revenue_per_hour: Vec<f64>,
    fleet_mwh: f64,
    tenant_mwh: f64,
    tenant_rent: f64,
}

fn raw_inputs(prices: &[f64], daily: &[f64]) -> RawInputs {
    RawInputs {
        prices: prices.to_vec(),
        revenue_per_hour: daily
            .iter()
            .map(|hp| hp * FLEET_PH / 24.0 * (1.0 - POOL_FEE))
            .collect(),
        fleet_mwh: FLEET_MW * MINING_PUE,
        tenant_mwh: TENANT_MW * TENANT_PUE,
        tenant_rent: 12.0 * TENANT_MW * 1_000.0 * RATE_PER_KW_MONTH,
    }
}

const LANES: usize = 8;

/// One pass over the year, a day at a time: the fleet runs when its
/// hour's revenue covers its energy; the tenant buys every hour. Eight
/// independent accumulators per sum; `chunks_exact` into fixed arrays, so
/// the hot loop has no bounds checks.
#[inline(never)]
fn raw_floor(raw: &RawInputs) -> [f64; 5] {
    let e = raw.fleet_mwh;
    let mut ran = [0.0; LANES];
    let mut bought = [0.0; LANES];
    let mut earned = [0.0; LANES];
    let mut all = [0.0; LANES];
    for (day, &r) in raw.prices.chunks_exact(24).zip(&raw.revenue_per_hour) {
        for chunk in day.chunks_exact(LANES) {
            let p: &[f64; LANES] = chunk.try_into().unwrap();
            for lane in 0..LANES {
                let on = r - e * p[lane] >= 0.0;
                ran[lane] += if on { 1.0 } else { 0.0 };
                bought[lane] += if on { p[lane] } else { 0.0 };
                earned[lane] += if on { r } else { 0.0 };
                all[lane] += p[lane];
            }
        }
    }
    let ran: f64 = ran.iter().sum();
    let fleet_cost = e * bought.iter().sum::<f64>();
    let fleet_revenue: f64 = earned.iter().sum();
    let tenant_cost = raw.tenant_mwh * all.iter().sum::<f64>();
    let tenant_revenue = raw.tenant_rent + tenant_cost;
    let years = HOURS as f64 / 8766.0;
    [
        fleet_revenue + tenant_revenue - fleet_cost - tenant_cost,
        (fleet_revenue - fleet_cost) / (FLEET_MW * years),
        (tenant_revenue - tenant_cost) / (TENANT_MW * years),
        fleet_cost / (fleet_revenue / BTC_PRICE),
        HOURS as f64 - ran,
    ]
}

/// One case: a site-year prepared for every evaluator.
struct Case {
    plan: Deployment,
    contract: PowerContract,
    horizon: Horizon,
    kernel: SiteKernel,
    path: PricePath,
    raw: RawInputs,
}

fn case(daily: bool) -> Case {
    let prices = prices(HOURS);
    let days = daily_hashprices(HOURS / 24);
    let raw_days = if daily {
        days.clone()
    } else {
        vec![45.0; HOURS / 24]
    };
    let plan = deployment(hashprice_path(daily.then_some(days.as_slice())), 1);
    let contract = contract(&prices);
    let horizon = Horizon::new(start(), Resolution::Hourly, HOURS).unwrap();
    let kernel = SiteKernel::new(&plan, &contract, horizon).unwrap();
    let path = PricePath::from_f64(prices.clone(), None).unwrap();
    Case {
        plan,
        contract,
        horizon,
        kernel,
        path,
        raw: raw_inputs(&prices, &raw_days),
    }
}

fn kernel_figures(c: &Case) -> [f64; 5] {
    figures(
        &c.kernel
            .run(black_box(&c.path), Curtailment::AboveBreakeven),
    )
}

/// Kernel and raw floor compute the same figures (bitcoin to 1e-6: the
/// kernel counts satoshis rounded per period, the floor divides by the
/// price), and the kernel agrees with the exact ledger to the cent.
fn check(c: &Case) {
    let (a, b) = (kernel_figures(c), raw_floor(&c.raw));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        let tolerance = if i == 3 { 1e-6 } else { 1e-9 };
        assert!(
            (x - y).abs() <= tolerance * x.abs().max(1.0),
            "kernel {a:?} and raw floor {b:?} must compute the same figures"
        );
    }
    let exact =
        simulate_site(&c.plan, &c.contract, c.horizon, Curtailment::AboveBreakeven).unwrap();
    let fast = c
        .kernel
        .run(&c.path, Curtailment::AboveBreakeven)
        .to_usd()
        .unwrap();
    assert_eq!(
        fast.gross_margin().unwrap().round_to_cents(),
        exact
            .totals()
            .money
            .gross_margin()
            .unwrap()
            .round_to_cents()
    );
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Resident memory of this process, bytes (Linux), or `None`.
fn resident_bytes() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Best-of-many ratios kernel/raw floor for both cases, and the resident
/// memory of a 30-year ledger per period and workload.
fn report() {
    for (name, daily) in [("daily hashprice", true), ("constant hashprice", false)] {
        let c = case(daily);
        check(&c);
        let mut kernel = Duration::MAX;
        let mut raw = Duration::MAX;
        for _ in 0..50 {
            kernel = kernel.min(best_of(40, || {
                black_box(kernel_figures(black_box(&c)));
            }));
            raw = raw.min(best_of(40, || {
                black_box(raw_floor(black_box(&c.raw)));
            }));
        }
        println!(
            "site_year ({name}): kernel {kernel:?}, raw floor {raw:?}, ratio kernel/raw = {:.3}",
            kernel.as_secs_f64() / raw.as_secs_f64()
        );
    }
    let years = 30;
    let (plan, contract, horizon) = years_case(years);
    // The first ledger over a series also builds the series' cached
    // integer units (16 bytes an interval, once per series); a second
    // ledger is the ledger alone.
    let mut ledgers = Vec::new();
    for what in [
        "first ledger, with the series' cached units",
        "another ledger",
    ] {
        let before = resident_bytes();
        ledgers
            .push(simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap());
        if let (Some(before), Some(after)) = (before, resident_bytes()) {
            let per = after.saturating_sub(before) as f64 / (horizon.periods() as f64 * 2.0);
            println!(
                "ledger memory ({what}): {per:.1} bytes resident per period per workload (30 years, 2 workloads)"
            );
        }
    }
    black_box(ledgers);
}

fn bench(c: &mut Criterion) {
    for (group_name, daily) in [("site_year_daily", true), ("site_year_constant", false)] {
        let s = case(daily);
        let mut group = c.benchmark_group(group_name);
        group.bench_function("kernel", |b| b.iter(|| kernel_figures(black_box(&s))));
        group.bench_function("raw_floor", |b| b.iter(|| raw_floor(black_box(&s.raw))));
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
        if daily {
            group.bench_function("totals_by_month", |b| {
                b.iter(|| {
                    simulate_by(
                        black_box(&s.plan),
                        &s.contract,
                        s.horizon,
                        Curtailment::AboveBreakeven,
                        Grouping::Month,
                    )
                    .unwrap()
                })
            });
            group.bench_function("build_kernel", |b| {
                b.iter(|| SiteKernel::new(black_box(&s.plan), &s.contract, s.horizon).unwrap())
            });
            let row = s.path.prices().to_vec();
            group.bench_function("price_path_from_f64", |b| {
                b.iter(|| PricePath::from_f64(black_box(row.clone()), None).unwrap())
            });
            group.bench_function("price_series_from_f64", |b| {
                b.iter(|| series(black_box(&row)))
            });
        }
        group.finish();
    }

    let mut group = c.benchmark_group("ledger_per_year");
    group.sample_size(10);
    for years in [1usize, 5, 10, 30] {
        let (plan, contract, horizon) = years_case(years);
        group.throughput(criterion::Throughput::Elements(years as u64));
        group.bench_with_input(BenchmarkId::from_parameter(years), &years, |b, _| {
            b.iter(|| {
                simulate_site(
                    black_box(&plan),
                    &contract,
                    horizon,
                    Curtailment::AboveBreakeven,
                )
                .unwrap()
            })
        });
    }
    group.finish();

    let s = case(true);
    for parallel in [false, true] {
        if parallel && !cfg!(feature = "rayon") {
            continue;
        }
        let mut group = c.benchmark_group(if parallel {
            "sites_rayon"
        } else {
            "sites_sequential"
        });
        group.sample_size(10);
        for n in [10usize, 100, 1000] {
            let sites: Vec<SiteKernel> = std::iter::repeat_n(s.kernel.clone(), n).collect();
            group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
                b.iter(|| run_sites(black_box(&sites), &s.path, parallel))
            });
        }
        group.finish();
    }
    #[cfg(feature = "rayon")]
    sites_caller_in_pool(c, &s);
}

/// `sites_rayon_caller_in_pool`: the same sweep on a two-thread pool of
/// which the calling thread is one worker (rayon's `use_current_thread`),
/// so one half of the sites starts at once and only one thread wakes.
#[cfg(feature = "rayon")]
fn sites_caller_in_pool(c: &mut Criterion, s: &Case) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .use_current_thread()
        .build()
        .expect("a two-thread pool");
    let mut group = c.benchmark_group("sites_rayon_caller_in_pool");
    group.sample_size(10);
    for n in [10usize, 100, 1000] {
        let sites: Vec<SiteKernel> = std::iter::repeat_n(s.kernel.clone(), n).collect();
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| pool.install(|| run_sites(black_box(&sites), &s.path, true)))
        });
    }
    group.finish();
}

fn run_sites(sites: &[SiteKernel], path: &PricePath, parallel: bool) -> Vec<KernelTotals> {
    #[cfg(feature = "rayon")]
    if parallel {
        return wattage_facility::sweep::par_over_sites(sites, path, Curtailment::AboveBreakeven);
    }
    let _ = parallel;
    wattage_facility::sweep::over_sites(sites, path, Curtailment::AboveBreakeven)
}

criterion_group!(benches, bench);

/// `WATTAGE_LEDGER_LOOP=years,runs`: builds the `ledger_per_year` case
/// for `years` and runs the exact ledger `runs` times, nothing else, so
/// that `perf stat -e page-faults` (or `/usr/bin/time -v`) counts the page
/// faults of a run: the difference between `runs` and `0` runs, divided by
/// `runs`, is a figure independent of the machine's load.
fn ledger_loop(spec: &str) {
    let (years, runs) = spec
        .split_once(',')
        .expect("WATTAGE_LEDGER_LOOP=years,runs");
    let (years, runs): (usize, usize) = (years.parse().unwrap(), runs.parse().unwrap());
    let (plan, contract, horizon) = years_case(years);
    for _ in 0..runs {
        black_box(
            simulate_site(
                black_box(&plan),
                &contract,
                horizon,
                Curtailment::AboveBreakeven,
            )
            .unwrap(),
        );
    }
}

/// `WATTAGE_SITES_LOOP=sites,runs`: runs the sequential sweep over
/// `sites` kernels `runs` times, nothing else. Two such processes started
/// together show how much of a second core this machine gives the sweep
/// (the ceiling for any parallel speed-up), whatever rayon does.
fn sites_loop(spec: &str) {
    let (sites, runs) = spec.split_once(',').expect("WATTAGE_SITES_LOOP=sites,runs");
    let (sites, runs): (usize, usize) = (sites.parse().unwrap(), runs.parse().unwrap());
    let s = case(true);
    let kernels: Vec<SiteKernel> = std::iter::repeat_n(s.kernel.clone(), sites).collect();
    for _ in 0..runs {
        black_box(run_sites(black_box(&kernels), &s.path, false));
    }
}

fn main() {
    if let Ok(spec) = std::env::var("WATTAGE_LEDGER_LOOP") {
        ledger_loop(&spec);
        return;
    }
    if let Ok(spec) = std::env::var("WATTAGE_SITES_LOOP") {
        sites_loop(&spec);
        return;
    }
    // Profiling runs (`--profile-time`) time one benchmark alone.
    if !std::env::args().any(|a| a == "--profile-time") {
        report();
    }
    benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
