//! Convergence: a 150 MW Bitcoin mining site at today's hashprice, and what
//! it earns over ten years if one of its three halls is rebuilt for AI
//! instead of mining on.
//!
//! Three plans for the same site, simulated hour by hour from 2027-01-01
//! to 2036-12-31 by `wattage::facility::comparison::compare` (an exact
//! ledger per hour and per workload, money to the cent):
//!
//! 1. **all mining**: three halls of Antminer S21 XP at today's hashprice;
//! 2. **AI lease**: hall C stops mining on 2027-01-01, is rebuilt for
//!    liquid-cooled AI during 2027 and leased from 2028-01-01 at
//!    $150/kW/month, 3% a year, triple-net; halls A and B mine on;
//! 3. **GPU cloud**: hall C is rebuilt the same way but filled with the
//!    operator's own GPUs, rented by the hour.
//!
//! The report prints the inputs, the public lease deals the rate is pinned
//! to, each plan year by year (revenue, energy cost, EBITDA, capex, cash
//! flow, revenue per MW of interconnect), revenue per IT MW-year of each
//! workload, NPV, IRR and payback of each conversion against staying
//! all-mining, and how the lease case moves with the BTC price. It draws
//! `convergence_ebitda.svg`, `convergence_cash.svg` and
//! `convergence_revenue_per_mw.svg` into the chart directory.
//!
//! Every input is a constant below with its source: the crates' catalogs,
//! the project's data files (`shared/data/`), the domain brief's facility
//! section (`shared/domain.md` §7) or `wattage-facility`'s own lead
//! example. Where a number is an assumption it says so. Nothing is read at
//! run time; only the charts are written.
//!
//! Run with
//! `cargo run --release -p wattage-examples --example convergence [chart-dir]`
//! (well under a second in release, a few seconds in debug).

use std::error::Error;
use std::time::Instant;

use plotters::prelude::SeriesLabelPosition;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use wattage::facility::comparison::{Assumptions, Comparison, Plan, compare};
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage::facility::power::PowerContract;
use wattage::facility::power::PowerSupply;
use wattage::facility::price_series::Resolution;
use wattage::facility::pue::Pue;
use wattage::facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage::facility::site::{Hall, Site};
use wattage::facility::summary::{CapexPayment, YearRow};
use wattage::facility::workload::{Colocation, GpuCloud, GpuCloudSpec, SelfMining, Workload};
use wattage::facility::{Curtailment, HashpricePath};
use wattage::hardware::{Fleet, catalog};
use wattage::mining::chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use wattage::mining::costs::breakeven_power_price;
use wattage::mining::halving::estimate_next_halving;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::payout::Pool;
use wattage::mining::{BlockHeight, Difficulty};
use wattage::units::money::to_decimal;
use wattage::units::{Btc, BtcPrice, Hashprice, Power, Usd, unit};
use wattage_examples::{Series, chart_dir, scatter_chart};

type Res<T> = Result<T, Box<dyn Error>>;

// ---------------------------------------------------------------------------
// The network today: the same four inputs as `examples/hashprice.rs`, the
// latest rows of shared/data/bitcoin/ (blockchain.com, see
// PROVENANCE-daily.md).

/// `daily_difficulty.csv`, 2026-08-16 (its last row).
const DIFFICULTY: f64 = 127_479_855_693_691.5;
/// `daily_fees_btc.csv`, 2026-08-16: the day's fees over all blocks, in
/// satoshis; divided by 144 blocks a day for fees per block.
const FEES_THAT_DAY_SAT: i64 = 219_260_636;
/// `daily_btc_price.csv`, 2026-07-14 (its last row).
const BTC_PRICE: &str = "$62,242.32/BTC";
/// First height of the retarget epoch in force on 2026-08-16 (derived in
/// `examples/hashprice.rs` from `difficulty_per_epoch.csv`).
const HEIGHT: u32 = 961_632;
/// The first full UTC day at that epoch's difficulty in
/// `daily_difficulty.csv`: when the chain was at about `HEIGHT`.
const HEIGHT_DAY: (i32, u32, u32) = (2026, 8, 9);
/// Block interval for halving dates: the 600 s design value (assumption;
/// `wattage::mining::halving` explains why observed intervals differ).
const BLOCK_INTERVAL_SECONDS: i64 = 600;

// ---------------------------------------------------------------------------
// The site. A 150 MW interconnect as in wattage-facility's lead example,
// cut into three halls so that "part of it" is one hall in three.

const INTERCONNECT: &str = "150 MW";
const HALLS: [&str; 3] = ["A", "B", "C"];
/// Critical IT per hall. 3 × 45 MW × PUE 1.08 = 145.8 MW at the meter.
const HALL_IT_MW: f64 = 45.0;
/// Air-cooled mining PUE, as in wattage-facility's lead example (assumption;
/// domain.md §7 quotes 1.02-1.05 for immersion, 1.09-1.10 for hyperscalers).
const MINING_PUE: f64 = 1.08;
/// Miners from the catalog (270 TH/s, 3,645 W, 13.5 J/TH, Bitmain's spec).
const MINER: &str = "S21 XP";
/// 12,300 × 3,645 W = 44.83 MW: as many as fit a 45 MW hall, in whole
/// hundreds.
const MINERS_PER_HALL: u64 = 12_300;
/// FPPS pool fee, 2% (as in wattage-facility's lead example; assumption).
const POOL_FEE_PERCENT: i64 = 2;

/// A fixed-price power contract at $42/MWh for the whole site (as in
/// wattage-facility's lead example; assumption). A constant price keeps the
/// run cheap and makes every difference between plans the workloads'; the
/// `curtailment` example runs real ERCOT prices.
const POWER_PRICE: &str = "$42/MWh";
/// Non-energy operating cost per IT MW-year live: staff, maintenance,
/// insurance (as in wattage-facility's lead example; assumption, and the
/// same for every workload, which flatters the GPU cloud).
const OPEX_PER_MW_YEAR: &str = "$60,000";
/// Discount rate for NPV, a year (assumption: a 10% hurdle).
const DISCOUNT_PERCENT: i64 = 10;
/// The horizon: ten calendar years from 2027-01-01, hourly.
const START: (i32, u32, u32) = (2027, 1, 1);
const YEARS: u32 = 10;

// ---------------------------------------------------------------------------
// The conversion of hall C.

/// The converted hall's PUE. domain.md §7: gross-to-IT ratios in AI lease
/// deals run 1.25-1.45 (design headroom). The hall keeps its power budget
/// (45 MW × 1.08 = 48.6 MW), so it holds 48.6 / 1.35 = 36 MW of critical IT.
/// (Operating PUE of direct-to-chip cooling is nearer 1.05-1.15; using the
/// design ratio overstates the GPU cloud's power bill a little.)
const AI_PUE: f64 = 1.35;
/// Miners off and construction from 2027-01-01; live from 2028-01-01: a
/// year of downtime (assumption; the lead example of wattage-facility also
/// takes a year).
const CONSTRUCTION_FROM: (i32, u32, u32) = (2027, 1, 1);
const LIVE_FROM: (i32, u32, u32) = (2028, 1, 1);
/// Data-hall capex per critical MW: domain.md §7 quotes $8-11M (Cipher,
/// TeraWulf releases, 2025); $10M, paid in two halves, at the start of
/// construction and six months in.
const CAPEX_PER_CRITICAL_MW: &str = "$10M";
/// The lease: near the TeraWulf -> Fluidstack (~$154) and Cipher ->
/// Fluidstack (~$149) rates of domain.md's deals table; 10 years (their
/// term); 3% a year escalator (assumption); triple-net (the tenant
/// reimburses power at cost).
const LEASE_RATE: &str = "$150/kW/month";
const LEASE_ESCALATOR_PERCENT: i64 = 3;
const LEASE_TERM_MONTHS: u32 = 120;

/// The GPU-cloud variant. The catalog has the GB300 GPU but no GB300 rack,
/// so each GPU draws a GB200 NVL72's system power per GPU (120 kW / 72 =
/// 1.67 kW, catalog; an assumption for GB300 racks).
const GPU: &str = "GB300";
const GPU_RACK: &str = "GB200 NVL72";
/// $2.95/GPU-h: domain.md's median H100 cloud price (May 2026), used for
/// GB300-class hours (assumption: newer GPUs rent for more, but prices
/// fall: H100 hours fell from over $7 in early 2024).
const GPU_PRICE: &str = "$2.95/GPU-h";
/// Share of GPU-hours sold (assumption).
const GPU_UTILIZATION_PERCENT: i64 = 70;
/// GPU capex per IT MW: domain.md §7, about $29M for GB300-class gear
/// (derived there), a five-to-six-year life.
const GPU_CAPEX_PER_IT_MW: i64 = 29_000_000;
const GPU_LIFE_YEARS: u32 = 5;

/// BTC price multiples for the sensitivity table (everything else fixed).
const BTC_MULTIPLES: [(i64, u32); 4] = [(75, 2), (1, 0), (15, 1), (2, 0)];

fn utc(y: i32, m: u32, d: u32) -> Res<DateTime<Utc>> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0)
        .single()
        .ok_or_else(|| format!("no such date {y}-{m}-{d}").into())
}

fn percent(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

/// `1,234,567`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `$1,234,567` (rounded to the dollar).
fn dollars(x: Usd) -> String {
    let whole = x.dollars().round_dp(0).abs().to_u64().unwrap_or(u64::MAX);
    let sign = if x.is_negative() && whole != 0 {
        "-"
    } else {
        ""
    };
    format!("{sign}${}", grouped(whole))
}

/// Millions of dollars with one decimal: `-12.3`.
fn millions(x: Usd) -> String {
    let m = (x.dollars() / Decimal::from(1_000_000)).round_dp(1);
    format!("{m:.1}")
}

fn millions_f64(x: Usd) -> f64 {
    x.to_f64() / 1e6
}

/// A subsidy era: its first height, when it starts, and its hashprice.
type Step = (BlockHeight, DateTime<Utc>, Hashprice);

/// The network today, and its hashprice at `price`.
struct Network {
    fees: Btc,
    now: DateTime<Utc>,
}

impl Network {
    fn state(&self, height: BlockHeight) -> Res<NetworkState> {
        Ok(NetworkState::at_height(
            Difficulty::new(DIFFICULTY)?,
            height,
            Fees::per_block(self.fees)?,
        )?)
    }

    /// The hashprice on each day of the horizon at `price`, and the two
    /// halvings inside it (height, estimated date, hashprice after).
    ///
    /// Assumption: difficulty, fees per block and the BTC price stay where
    /// the data leave them; only the subsidy follows the consensus schedule,
    /// halving on the estimated dates. That is hard on mining (in practice
    /// difficulty falls when miners switch off, and the price moves), which
    /// is why the report ends with a BTC-price sensitivity.
    fn daily_path(
        &self,
        price: BtcPrice,
        start: DateTime<Utc>,
        days: i64,
    ) -> Res<(Vec<Hashprice>, Vec<Step>)> {
        let interval = TimeDelta::seconds(BLOCK_INTERVAL_SECONDS);
        let mut steps = vec![(
            BlockHeight::new(HEIGHT),
            self.now,
            self.state(BlockHeight::new(HEIGHT))?.hashprice(price)?,
        )];
        let first = estimate_next_halving(BlockHeight::new(HEIGHT), self.now, interval)?;
        let second = estimate_next_halving(first.height, first.eta, interval)?;
        for halving in [first, second] {
            let hashprice = self.state(halving.height)?.hashprice(price)?;
            steps.push((halving.height, halving.eta, hashprice));
        }
        let mut path = Vec::new();
        for day in 0..days {
            let at = start + TimeDelta::days(day);
            let in_force = steps.iter().rev().find(|s| s.1 <= at).unwrap_or(&steps[0]);
            path.push(in_force.2);
        }
        Ok((path, steps[1..].to_vec()))
    }
}

/// The three plans (all mining, AI lease, GPU cloud) at one BTC price.
struct Plans {
    all_mining: Plan,
    lease: Plan,
    gpu: Plan,
}

/// The site and plans; `path` is the daily hashprice.
fn build_plans(path: &[Hashprice], btc_price: BtcPrice) -> Res<Plans> {
    let hall_it = Power::new(HALL_IT_MW, unit::MEGAWATT)?;
    let mut site = Site::new("West Texas", INTERCONNECT.parse()?)?;
    for hall in HALLS {
        site.add_hall(Hall::new(hall, hall_it, Pue::constant(MINING_PUE)?)?)?;
    }
    let mut fleet = Fleet::new();
    fleet.add(catalog::asic(MINER)?, MINERS_PER_HALL)?;
    let mut all_mining = Deployment::new(site);
    for hall in HALLS {
        let miners = SelfMining::from_fleet(
            &fleet,
            Pool::fpps(percent(POOL_FEE_PERCENT))?,
            HashpricePath::Daily(path.to_vec()),
            btc_price,
        )?;
        all_mining.assign(format!("miners-{hall}"), hall, Workload::SelfMining(miners))?;
    }

    // Hall C keeps its power budget: 45 MW × 1.08 at the meter, so
    // 45 × 1.08 / 1.35 = 36 MW of critical IT (rounded down to 0.1 MW).
    let critical_mw = (HALL_IT_MW * MINING_PUE / AI_PUE * 10.0 + 1e-9).floor() / 10.0;
    let critical = Power::new(critical_mw, unit::MEGAWATT)?;
    let (c0, l0) = (CONSTRUCTION_FROM, LIVE_FROM);
    let construction = utc(c0.0, c0.1, c0.2)?;
    let live = utc(l0.0, l0.1, l0.2)?;
    let hall_capex = CAPEX_PER_CRITICAL_MW
        .parse::<Usd>()?
        .checked_mul(to_decimal("critical MW", critical_mw)?)?;
    let half = hall_capex.checked_div(Decimal::TWO)?;
    let capex = vec![
        CapexPayment {
            at: construction,
            amount: half,
        },
        CapexPayment {
            at: construction + Months::new(6),
            amount: hall_capex.checked_sub(half)?,
        },
    ];
    let convert = |name: &str, workload: Workload| -> Res<(Deployment, Vec<CapexPayment>)> {
        Ok(RetrofitPlan::new(all_mining.clone())
            .with(Conversion {
                displaced: Displaced::Sell,
                assets: vec![],
                hall: "C".into(),
                construction_from: construction,
                live_from: live,
                name: name.into(),
                workload,
                pue: Pue::constant(AI_PUE)?,
                capex: capex.clone(),
            })
            .apply()?)
    };

    let lease = ColocationLease::new(LeaseSpec {
        critical_it: critical,
        rate: LEASE_RATE.parse()?,
        escalator: percent(LEASE_ESCALATOR_PERCENT),
        term_months: LEASE_TERM_MONTHS,
        start: NaiveDate::from_ymd_opt(l0.0, l0.1, l0.2).ok_or("bad lease date")?,
        structure: LeaseStructure::TripleNet,
    })?;
    let (leased, lease_capex) = convert(
        "tenant",
        Workload::Colocation(Colocation::new(lease, Decimal::ONE)?),
    )?;

    // The GPU cloud: as many GPUs as the critical IT holds at the rack's
    // power per GPU; GPU capex is $29M per IT MW, bought when the hall goes
    // live (CashFlows adds it) and bought again after its five-year life.
    let per_gpu = catalog::system(GPU_RACK)?.power_per_device();
    let gpus = (critical.get(unit::WATT) / per_gpu.get(unit::WATT) + 1e-9).floor();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few tens of thousands of GPUs, non-negative and whole"
    )]
    let gpus = gpus as u32;
    let capex_per_gpu = Usd::new(
        (Decimal::from(GPU_CAPEX_PER_IT_MW)
            * to_decimal("MW per GPU", per_gpu.get(unit::MEGAWATT))?)
        .round_dp(0),
    );
    let cloud = GpuCloud::new(GpuCloudSpec {
        accelerator: catalog::accelerator(GPU)?.name().into(),
        count: gpus,
        power_per_device: per_gpu,
        price: GPU_PRICE.parse()?,
        utilization: percent(GPU_UTILIZATION_PERCENT),
        capex_per_gpu,
        life_years: GPU_LIFE_YEARS,
    })?;
    let refresh = CapexPayment {
        at: live + Months::new(12 * GPU_LIFE_YEARS),
        amount: cloud.capex()?,
    };
    let (clouded, mut gpu_capex) = convert("gpu-cloud", Workload::GpuCloud(cloud))?;
    gpu_capex.push(refresh);

    Ok(Plans {
        all_mining: Plan {
            name: "all mining".into(),
            deployment: all_mining,
            capex: vec![],
        },
        lease: Plan {
            name: "AI lease (hall C)".into(),
            deployment: leased,
            capex: lease_capex,
        },
        gpu: Plan {
            name: "GPU cloud (hall C)".into(),
            deployment: clouded,
            capex: gpu_capex,
        },
    })
}

fn run(base: &Plan, alternative: &Plan, horizon: Horizon) -> Res<Comparison> {
    let assumptions = Assumptions {
        contract: PowerContract::new(PowerSupply::fixed(POWER_PRICE.parse()?)),
        horizon,
        curtailment: Curtailment::AboveBreakeven,
        opex_per_mw_year: OPEX_PER_MW_YEAR.parse()?,
        discount_rate: percent(DISCOUNT_PERCENT),
    };
    Ok(compare(base, alternative, &assumptions)?)
}

fn print_year_table(name: &str, rows: &[YearRow], interconnect_mw: Decimal) {
    println!("\n  {name} ($M; revenue per MW of the 150 MW interconnect in $k)\n");
    println!(
        "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>10} {:>11}",
        "year", "revenue", "energy", "opex", "EBITDA", "capex", "cash flow", "rev/MW $k"
    );
    for r in rows {
        let per_mw = (r.revenue.dollars() / interconnect_mw / Decimal::from(1000)).round_dp(0);
        println!(
            "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>10} {:>11}",
            r.start.year(),
            millions(r.revenue),
            millions(r.energy_cost),
            millions(r.opex),
            millions(r.ebitda),
            millions(r.capex),
            millions(r.cash_flow),
            per_mw,
        );
    }
    let total = |f: fn(&YearRow) -> Usd| Usd::try_sum(rows.iter().map(f)).unwrap_or(Usd::ZERO);
    println!(
        "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>10}",
        "total",
        millions(total(|r| r.revenue)),
        millions(total(|r| r.energy_cost)),
        millions(total(|r| r.opex)),
        millions(total(|r| r.ebitda)),
        millions(total(|r| r.capex)),
        millions(total(|r| r.cash_flow)),
    );
}

fn irr_text(irr: Option<Decimal>) -> String {
    irr.map_or_else(
        || "n/a".into(),
        |r| format!("{:.1}%", (r * Decimal::ONE_HUNDRED).round_dp(1)),
    )
}

/// The library's payback (years after the first year's flow, which
/// `wattage::facility::finance` puts at time 0) and the calendar year in
/// which the cumulative incremental cash flow turns non-negative.
fn payback_text(cmp: &Comparison) -> String {
    let mut cumulative = Usd::ZERO;
    let turns = cmp.years.iter().find(|y| {
        cumulative = cumulative
            .checked_add(y.incremental_cash_flow)
            .unwrap_or(cumulative);
        !cumulative.is_negative()
    });
    match (cmp.incremental_payback_years, turns) {
        (Some(p), Some(y)) => format!("{:.1} y ({})", p.round_dp(1), y.base.start.year()),
        _ => "never".into(),
    }
}

#[allow(clippy::too_many_lines, reason = "a report, top to bottom")]
fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Res<()> {
    let timer = Instant::now();
    let start = utc(START.0, START.1, START.2)?;
    let end = start + Months::new(12 * YEARS);
    let horizon = Horizon::calendar_years(start, Resolution::Hourly, YEARS)?;
    let network = Network {
        fees: Btc::from_sat(FEES_THAT_DAY_SAT / 144),
        now: utc(HEIGHT_DAY.0, HEIGHT_DAY.1, HEIGHT_DAY.2)?,
    };
    let btc_price: BtcPrice = BTC_PRICE.parse()?;
    let days = (end - start).num_days();
    let (path, halvings) = network.daily_path(btc_price, start, days)?;
    let today = network.state(BlockHeight::new(HEIGHT))?;
    let hashprice_today = today.hashprice(btc_price)?;

    let plans = build_plans(&path, btc_price)?;
    let lease_cmp = run(&plans.all_mining, &plans.lease, horizon)?;
    let gpu_cmp = run(&plans.all_mining, &plans.gpu, horizon)?;
    let base = &lease_cmp.base;

    // ---- 1. Inputs ------------------------------------------------------
    println!(
        "Convergence: a {INTERCONNECT} mining site, or part of it leased for AI, {}-{}",
        start.year(),
        end.year() - 1
    );
    println!("{}", "=".repeat(78));
    println!("\n1. Inputs\n");
    println!("  Network today (shared/data/bitcoin/, latest rows, as in examples/hashprice.rs)");
    println!(
        "    difficulty {:.2} T, fees {} per block, BTC {btc_price}, subsidy {}",
        DIFFICULTY / 1e12,
        network.fees,
        today.subsidy()
    );
    println!("    hashprice today            {hashprice_today:.2}");
    for (height, eta, hashprice) in &halvings {
        println!(
            "    halving at {:>9}, ~{}  {hashprice:.2}",
            grouped(height.get().into()),
            eta.date_naive(),
        );
    }
    println!(
        "    (halving dates: 600 s blocks from height {} on {})",
        grouped(HEIGHT.into()),
        network.now.date_naive()
    );
    println!("    (assumption: difficulty, fees and BTC price held; only the subsidy moves)");

    let miner = catalog::asic(MINER)?;
    let efficiency = miner.efficiency();
    let pool_share = Decimal::ONE - percent(POOL_FEE_PERCENT);
    let facility_breakeven = |hashprice: Hashprice| -> Res<f64> {
        Ok(
            breakeven_power_price(hashprice.checked_scale(pool_share)?, efficiency)?.to_f64()
                / MINING_PUE,
        )
    };
    let hall_fleet = &plans.all_mining.deployment.assignments()[0];
    println!(
        "\n  Site: {INTERCONNECT} interconnect, halls A, B, C of {HALL_IT_MW} MW IT at PUE {MINING_PUE}"
    );
    let hall_hashrate = match hall_fleet.workload() {
        Workload::SelfMining(m) => m.hashrate().get(unit::EXAHASH_PER_SECOND),
        _ => 0.0,
    };
    let hall_it_mw = hall_fleet.workload().it_power().get(unit::MEGAWATT);
    println!(
        "    each hall: {} x {} ({:.1} J/TH) = {hall_hashrate:.2} EH/s drawing {hall_it_mw:.2} MW",
        grouped(MINERS_PER_HALL),
        miner.model(),
        efficiency.get(unit::JOULE_PER_TERAHASH),
    );
    println!(
        "    FPPS pool, {POOL_FEE_PERCENT}% fee; miners curtail whenever power costs more than they earn"
    );
    let breakevens = [
        facility_breakeven(hashprice_today)?,
        facility_breakeven(halvings[0].2)?,
        facility_breakeven(halvings[1].2)?,
    ];
    println!(
        "    breakeven power price at the meter: ${:.2}/MWh today, ${:.2} after 2028, ${:.2} after 2032",
        breakevens[0], breakevens[1], breakevens[2],
    );
    println!(
        "  Power: fixed {POWER_PRICE}; opex {OPEX_PER_MW_YEAR} per IT MW-year; NPV at {DISCOUNT_PERCENT}%, no terminal value"
    );

    let tenant = match plans
        .lease
        .deployment
        .assignment("tenant")
        .map(|a| a.workload())
    {
        Some(Workload::Colocation(c)) => c.lease().clone(),
        _ => return Err("no tenant".into()),
    };
    let cloud = match plans
        .gpu
        .deployment
        .assignment("gpu-cloud")
        .map(|a| a.workload())
    {
        Some(Workload::GpuCloud(g)) => g.clone(),
        _ => return Err("no GPU cloud".into()),
    };
    let hall_capex = Usd::try_sum(plans.lease.capex.iter().map(|p| p.amount))?;
    println!(
        "\n  Hall C, converted: miners off {}, live {}",
        plans.lease.capex[0].at.date_naive(),
        tenant.start()
    );
    println!(
        "    PUE {AI_PUE}: the hall's {:.1} MW at the meter holds {} of critical IT",
        HALL_IT_MW * MINING_PUE,
        tenant.critical_it().display_in(unit::MEGAWATT)
    );
    println!(
        "    capex {CAPEX_PER_CRITICAL_MW} per critical MW = {} (two halves, {} and {})",
        dollars(hall_capex),
        plans.lease.capex[0].at.date_naive(),
        plans.lease.capex[1].at.date_naive()
    );
    println!(
        "    lease: {} escalating {LEASE_ESCALATOR_PERCENT}% a year, {} years, triple-net: {} in year one, {} over the term",
        tenant.starting_rate(),
        tenant.term_months() / 12,
        dollars(
            tenant
                .first_year_rent_per_mw()?
                .checked_mul(to_decimal("MW", tenant.critical_it().get(unit::MEGAWATT))?)?
        ),
        dollars(tenant.total_value()?),
    );
    println!(
        "    or GPU cloud: {} x {} at {:.2} kW each ({GPU_RACK} per GPU), {} at {GPU_UTILIZATION_PERCENT}% sold,",
        grouped(cloud.count().into()),
        cloud.accelerator(),
        cloud.power_per_device().get(unit::KILOWATT),
        cloud.price(),
    );
    println!(
        "      {} a GPU ({} in all, again in {}), {GPU_LIFE_YEARS}-year life",
        dollars(cloud.capex_per_gpu()),
        dollars(cloud.capex()?),
        plans.gpu.capex.last().map_or(0, |p| p.at.year()),
    );

    // ---- 2. The public deals --------------------------------------------
    println!("\n2. Public AI/HPC lease deals (domain.md §7): the rate each implies\n");
    println!(
        "  {:<8} {:<38} {:>6} {:>5} {:>9} {:>12} {:>13}",
        "date", "deal", "IT MW", "term", "value", "$/kW/month", "$M/MW-year"
    );
    for (date, deal, mw, years, value) in [
        (
            "2024-06",
            "Core Scientific -> CoreWeave",
            200.0,
            12,
            "$3.5B",
        ),
        ("2025-08", "TeraWulf -> Fluidstack", 200.0, 10, "$3.7B"),
        ("2025-08", "Galaxy Helios -> CoreWeave", 800.0, 15, "$15B"),
        (
            "2025-09",
            "Cipher -> Fluidstack (Barber Lake)",
            168.0,
            10,
            "$3.0B",
        ),
        (
            "2025-11",
            "IREN -> Microsoft (GPU cloud, GB300)",
            200.0,
            5,
            "$9.7B",
        ),
    ] {
        let rate = ColocationLease::implied_rate(
            value.parse()?,
            Power::new(mw, unit::MEGAWATT)?,
            years * 12,
        )?;
        let per_mw_year = Usd::new(rate.value()).checked_mul(Decimal::from(12_000))?;
        println!(
            "  {date:<8} {deal:<38} {mw:>6.0} {:>4}y {value:>9} {:>12} {:>13}",
            years,
            format!("{:.0}", rate.value().round_dp(0)),
            format!(
                "{:.2}",
                (per_mw_year.dollars() / Decimal::from(1_000_000)).round_dp(2)
            ),
        );
    }
    println!("  (value / (kW x months); IT MW and values as published, rounded)");

    // ---- 3. Year by year ------------------------------------------------
    let interconnect_mw = to_decimal(
        "interconnect MW",
        plans
            .all_mining
            .deployment
            .site()
            .interconnect()
            .get(unit::MEGAWATT),
    )?;
    println!("\n3. Year by year (hourly simulation, exact ledger)");
    print_year_table(&base.name, base.cash_flows.rows(), interconnect_mw);
    println!(
        "  (after the 2032 halving mining breaks even only below ${:.2}/MWh: the miners stand idle, the halls cost opex)",
        breakevens[2]
    );
    print_year_table(
        &lease_cmp.alternative.name,
        lease_cmp.alternative.cash_flows.rows(),
        interconnect_mw,
    );
    print_year_table(
        &gpu_cmp.alternative.name,
        gpu_cmp.alternative.cash_flows.rows(),
        interconnect_mw,
    );

    println!("\n  EBITDA side by side, and each conversion's cash flow less all-mining's ($M)\n");
    println!(
        "  {:<6} {:>11} {:>10} {:>10} {:>13} {:>13}",
        "year", "all mining", "AI lease", "GPU cloud", "lease - mine", "GPU - mine"
    );
    for (l, g) in lease_cmp.years.iter().zip(&gpu_cmp.years) {
        println!(
            "  {:<6} {:>11} {:>10} {:>10} {:>13} {:>13}",
            l.base.start.year(),
            millions(l.base.ebitda),
            millions(l.alternative.ebitda),
            millions(g.alternative.ebitda),
            millions(l.incremental_cash_flow),
            millions(g.incremental_cash_flow),
        );
    }

    // ---- 4. Per MW-year -------------------------------------------------
    println!("\n4. Revenue per IT MW-year, by workload, over the years each was live\n");
    println!(
        "  {:<11} {:<12} {:>7} {:>9} {:>12} {:>16} {:>15}",
        "workload", "kind", "IT MW", "MW-years", "revenue $M", "revenue / MW-yr", "EBITDA / MW-yr"
    );
    let mut rows: Vec<_> = base.summary.workloads.iter().collect();
    rows.extend(lease_cmp.alternative.summary.workload("tenant"));
    rows.extend(gpu_cmp.alternative.summary.workload("gpu-cloud"));
    for w in rows {
        println!(
            "  {:<11} {:<12} {:>7} {:>9} {:>12} {:>16} {:>15}",
            w.name,
            w.kind,
            match w.kind {
                "colocation" => format!("{:.1}", tenant.critical_it().get(unit::MEGAWATT)),
                "GPU cloud" => format!("{:.1}", cloud.it_power().get(unit::MEGAWATT)),
                _ => format!(
                    "{:.2}",
                    hall_fleet.workload().it_power().get(unit::MEGAWATT)
                ),
            },
            format!("{:.1}", w.mw_years.round_dp(1)),
            millions(w.revenue),
            w.revenue_per_mw_year.map_or_else(|| "-".into(), dollars),
            w.ebitda_per_mw_year.map_or_else(|| "-".into(), dollars),
        );
    }
    let tenant_summary = lease_cmp
        .alternative
        .summary
        .workload("tenant")
        .ok_or("no tenant")?;
    let rent_per_mw_year = tenant_summary
        .revenue
        .checked_sub(tenant_summary.energy_cost)?
        .checked_div(tenant_summary.mw_years)?;
    println!(
        "  The tenant's revenue includes its power, reimbursed at cost (triple-net). Rent alone: {} per MW-year",
        dollars(rent_per_mw_year)
    );
    println!(
        "  on average, {} in year one ({} x 12,000 kW-months).",
        dollars(tenant.first_year_rent_per_mw()?),
        tenant.starting_rate()
    );
    let mining_it_mw = to_decimal("mining IT MW", 3.0 * hall_it_mw)?;
    let rows = base.cash_flows.rows();
    println!(
        "  Mining earned {} per MW-year in {} at today's hashprice, {} in {} after one halving, nothing after two.",
        dollars(rows[0].revenue.checked_div(mining_it_mw)?),
        rows[0].start.year(),
        dollars(rows[3].revenue.checked_div(mining_it_mw)?),
        rows[3].start.year(),
    );
    println!(
        "  GPU-cloud EBITDA is before {} a year of GPU depreciation.",
        dollars(cloud.annual_depreciation()?)
    );

    // ---- 5. The verdict -------------------------------------------------
    println!(
        "\n5. Ten years at {DISCOUNT_PERCENT}%: NPV of each plan, and of each conversion against all mining\n"
    );
    println!(
        "  {:<20} {:>10} {:>10} {:>11} {:>13} {:>9} {:>16}",
        "plan", "EBITDA $M", "capex $M", "NPV $M", "vs mining $M", "IRR", "payback"
    );
    let total = |rows: &[YearRow], f: fn(&YearRow) -> Usd| Usd::try_sum(rows.iter().map(f));
    println!(
        "  {:<20} {:>10} {:>10} {:>11} {:>13} {:>9} {:>16}",
        base.name,
        millions(total(base.cash_flows.rows(), |r| r.ebitda)?),
        millions(total(base.cash_flows.rows(), |r| r.capex)?),
        millions(lease_cmp.base_npv),
        "-",
        "-",
        "-"
    );
    for cmp in [&lease_cmp, &gpu_cmp] {
        let rows = cmp.alternative.cash_flows.rows();
        println!(
            "  {:<20} {:>10} {:>10} {:>11} {:>13} {:>9} {:>16}",
            cmp.alternative.name,
            millions(total(rows, |r| r.ebitda)?),
            millions(total(rows, |r| r.capex)?),
            millions(cmp.alternative_npv),
            millions(cmp.alternative_npv.checked_sub(cmp.base_npv)?),
            irr_text(cmp.incremental_irr),
            payback_text(cmp),
        );
    }
    println!(
        "  (NPV discounts each year's flow from the first, {}, undiscounted. IRR and payback are of the",
        start.year()
    );
    println!(
        "  incremental flows, conversion less all mining; payback in years, and the year the cumulative turns positive)"
    );

    // ---- 6. Sensitivity -------------------------------------------------
    println!("\n6. The lease case against the BTC price (difficulty and fees held)\n");
    println!(
        "  {:>10} {:>14} {:>12} {:>14} {:>14} {:>9} {:>16}",
        "BTC price", "hashprice", "after 2028", "mining NPV $M", "lease - mine", "IRR", "payback"
    );
    for (mantissa, scale) in BTC_MULTIPLES {
        let multiple = Decimal::new(mantissa, scale);
        let price = btc_price.checked_scale(multiple)?;
        let cmp = if multiple == Decimal::ONE {
            None
        } else {
            let (path, _) = network.daily_path(price, start, days)?;
            let plans = build_plans(&path, price)?;
            Some(run(&plans.all_mining, &plans.lease, horizon)?)
        };
        let cmp = cmp.as_ref().unwrap_or(&lease_cmp);
        println!(
            "  {:>10} {:>14} {:>12} {:>14} {:>14} {:>9} {:>16}",
            format!("${:.0}", price.value().round_dp(0)),
            format!(
                "{:.2}",
                network.state(BlockHeight::new(HEIGHT))?.hashprice(price)?
            ),
            format!("{:.2}", network.state(halvings[0].0)?.hashprice(price)?),
            millions(cmp.base_npv),
            millions(cmp.alternative_npv.checked_sub(cmp.base_npv)?),
            irr_text(cmp.incremental_irr),
            payback_text(cmp),
        );
    }

    // ---- 7. Reserves (see `report_reserves` below) ---------------------
    report_reserves(&plans.all_mining.deployment, start)?;

    // ---- 8. 4CP on a forecast (see `report_four_cp` below) --------------
    report_four_cp(&plans.all_mining.deployment)?;

    // ---- Charts ---------------------------------------------------------
    let dir = chart_dir()?;
    let year_x = |r: &YearRow| f64::from(r.start.year());
    let plan_rows = [
        (&base.name, base.cash_flows.rows()),
        (
            &lease_cmp.alternative.name,
            lease_cmp.alternative.cash_flows.rows(),
        ),
        (
            &gpu_cmp.alternative.name,
            gpu_cmp.alternative.cash_flows.rows(),
        ),
    ];
    let series = |f: &dyn Fn(&YearRow) -> f64| -> Vec<Series> {
        plan_rows
            .iter()
            .map(|(name, rows)| Series {
                label: (*name).clone(),
                points: rows.iter().map(|r| (year_x(r), f(r))).collect(),
            })
            .collect()
    };
    let ebitda_path = dir.join("convergence_ebitda.svg");
    scatter_chart(
        &ebitda_path,
        "Annual EBITDA of a 150 MW site: all mining, or hall C converted",
        "year",
        "EBITDA, $M",
        &series(&|r| millions_f64(r.ebitda)),
        &[],
        SeriesLabelPosition::MiddleRight,
    )?;
    let revenue_path = dir.join("convergence_revenue_per_mw.svg");
    let mw = interconnect_mw.try_into().unwrap_or(150.0_f64);
    scatter_chart(
        &revenue_path,
        "Revenue per MW of interconnect (tenant power included)",
        "year",
        "revenue per MW-year, $M",
        &series(&|r| millions_f64(r.revenue) / mw),
        &[],
        SeriesLabelPosition::MiddleRight,
    )?;
    let cash_path = dir.join("convergence_cash.svg");
    let cumulative = |rows: &[YearRow]| -> Vec<(f64, f64)> {
        let mut sum = 0.0;
        rows.iter()
            .map(|r| {
                sum += millions_f64(r.cash_flow);
                (year_x(r), sum)
            })
            .collect()
    };
    let cash: Vec<Series> = plan_rows
        .iter()
        .map(|(name, rows)| Series {
            label: (*name).clone(),
            points: cumulative(rows),
        })
        .collect();
    scatter_chart(
        &cash_path,
        "Cumulative cash flow (EBITDA - capex) to the end of each year",
        "year",
        "$M",
        &cash,
        &[],
        SeriesLabelPosition::UpperLeft,
    )?;
    println!("\ncharts: {}", ebitda_path.display());
    println!("        {}", revenue_path.display());
    println!("        {}", cash_path.display());
    println!("({:.1} s)", timer.elapsed().as_secs_f64());
    Ok(())
}

// ---------------------------------------------------------------------------
// Mining with and without reserves: the all-mining site's first year with
// its miners offered as ERCOT Responsive Reserve (a Load Resource), at the
// simple hourly mean RRS clearing price of 2023 and of 2024 (ERCOT
// DAMASMCPC, shared/data/ercot/PROVENANCE-DAMASMCPC.md).

/// RRS: the 2023 and 2024 simple hourly means, $ per MW per hour.
const RRS_MEANS: [(&str, &str); 2] = [("2023", "21.26"), ("2024", "5.67")];
/// Assumption: the share of offered hours deployed (ERCOT calls Load
/// Resources rarely; the figure is illustrative, not measured).
const RRS_CALLED_PERMILLE: i64 = 5;

fn report_reserves(plan: &Deployment, start: DateTime<Utc>) -> Res<()> {
    use wattage::facility::power::{ReserveCalls, ReserveOffer, ReserveOfferSpec, ReserveService};
    use wattage::facility::price_series::PriceSeries;
    use wattage::facility::run::simulate_site;

    let year = Horizon::calendar_years(start, Resolution::Hourly, 1)?;
    let contract = PowerContract::new(PowerSupply::fixed(POWER_PRICE.parse()?));
    let without = simulate_site(plan, &contract, year, Curtailment::AboveBreakeven)?;
    println!(
        "\n7. Mining with and without reserves ({}, all-mining site, miners offered as ERCOT RRS)\n",
        start.year()
    );
    println!(
        "  {:<34} {:>13} {:>12} {:>12} {:>9}",
        "", "margin ($M)", "RRS ($M)", "hall-hours", "MWh shed"
    );
    println!(
        "  {:<34} {:>13} {:>12} {:>12} {:>9}",
        "without reserves",
        millions(without.totals().gross_margin()?),
        "-",
        "-",
        "-"
    );
    for (label, price) in RRS_MEANS {
        let prices = PriceSeries::new(
            year.start(),
            Resolution::Hourly,
            vec![format!("${price}/MWh").parse()?; year.periods()],
        )?;
        let offer = ReserveOffer::new(ReserveOfferSpec {
            service: ReserveService::Responsive,
            prices,
            share: Decimal::ONE,
            calls: ReserveCalls::Expected(Decimal::new(RRS_CALLED_PERMILLE, 3)),
            controllable: false,
        })?;
        let with = simulate_site(
            plan,
            &contract.clone().with_reserves(offer),
            year,
            Curtailment::AboveBreakeven,
        )?;
        let loads = (0..plan.assignments().len()).filter_map(|i| with.workload_totals(i));
        let (hours, shed) = loads.fold((0, 0.0), |(h, s), t| {
            (
                h + t.reserve_periods,
                s + t.deployed_energy.get(unit::MEGAWATT_HOUR),
            )
        });
        println!(
            "  {:<34} {:>13} {:>12} {:>12} {:>9}",
            format!("RRS at {label}'s mean, ${price}/MW-h"),
            millions(with.totals().gross_margin()?),
            millions(with.totals().reserve_payment),
            grouped(hours as u64),
            grouped(
                Decimal::from_f64_retain(shed.round())
                    .and_then(|d| d.to_u64())
                    .unwrap_or(0)
            ),
        );
    }
    println!(
        "  (all of each hall offered; {RRS_CALLED_PERMILLE}\u{2030} of offered hours called, an assumption; award assumed for every hour offered)"
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// 4CP under a forecast policy: the all-mining site through ERCOT's summer
// of 2021 (hourly Native Load, shipped with wattage-facility's tests, see
// its PROVENANCE file), the realised monthly peaks setting the tag and
// each policy deciding on a forecast made before the fact.

/// Assumption: the transmission rate the tag is billed at, $ per kW-year
/// (ERCOT's TDSPs bill 4CP per kW a month; this is a round figure).
const FOUR_CP_RATE: &str = "$50";

fn report_four_cp(plan: &Deployment) -> Res<()> {
    use wattage::facility::power::{AvoidanceTrigger, FourCp, FourCpAvoidance, SystemLoad};
    use wattage::facility::price_series::iso::ercot_load::{Zone, read_native_load};
    use wattage::facility::run::simulate_site;

    let csv =
        include_str!("../crates/wattage-facility/tests/data/ercot_native_load_2021_summer.csv");
    let actual = read_native_load(csv.as_bytes(), Zone::System)?;
    let peaks = FourCp::from_system_load(&actual, 2021)?;
    // A day-ahead persistence forecast: each hour as it was the day before.
    let mut shifted = vec![actual.mw()[0]; 24];
    shifted.extend_from_slice(&actual.mw()[..actual.len() - 24]);
    let persistence = SystemLoad::new(actual.start(), Resolution::Hourly, shifted)?;
    let horizon = Horizon::new(actual.start(), Resolution::Hourly, actual.len())?;
    let base = PowerContract::new(PowerSupply::fixed(POWER_PRICE.parse()?))
        .with_transmission(vec![peaks], FOUR_CP_RATE.parse()?)?;
    let policies: [(&str, Option<(SystemLoad, AvoidanceTrigger)>); 4] = [
        ("no avoidance", None),
        (
            "persistence, top 5 h a month",
            Some((persistence.clone(), AvoidanceTrigger::MonthTopK(5))),
        ),
        (
            "persistence, above 70,000 MW",
            Some((persistence, AvoidanceTrigger::AboveMw(70_000.0))),
        ),
        (
            "perfect foresight, top 1 h",
            Some((actual.clone(), AvoidanceTrigger::MonthTopK(1))),
        ),
    ];
    println!(
        "\n8. 4CP on a forecast (all-mining site, ERCOT summer 2021, {FOUR_CP_RATE}/kW-year)\n"
    );
    println!(
        "  {:<32} {:>9} {:>14} {:>10} {:>14}",
        "policy", "tag (MW)", "2022 bill ($M)", "hours off", "margin ($M)"
    );
    for (label, policy) in policies {
        let contract = match policy {
            Some((forecast, trigger)) => base
                .clone()
                .with_four_cp_avoidance(FourCpAvoidance::new(forecast, trigger)?)?,
            None => base.clone(),
        };
        let ledger = simulate_site(plan, &contract, horizon, Curtailment::AboveBreakeven)?;
        let tag = ledger.four_cp_tags().first().copied().ok_or("no 4CP tag")?;
        println!(
            "  {:<32} {:>9} {:>14} {:>10} {:>14}",
            label,
            format!("{:.1}", tag.tag_mw),
            millions(tag.annual_charge),
            tag.avoidance_hours,
            millions(ledger.totals().gross_margin()?),
        );
    }
    println!(
        "  (tag: the site's mean MW in the four realised peaks; the bill falls in 2022, after this horizon)"
    );
    Ok(())
}
