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
//! all-mining, how the lease case moves with the BTC price, and the
//! unlevered and levered after-tax IRR of each conversion (its debt,
//! federal tax, MACRS with bonus, the displaced miners sold at the
//! used-miner curve), with the assumptions printed; then the converted
//! site under each business model (asset-light to vertically integrated),
//! each financed and taxed on the lines it carries. It draws
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
use wattage::facility::business_model::{BusinessModel, ModelPrices};
use wattage::facility::capital::{
    Asset, AssetKind, AssetSpec, Discounting, Financing, FinancingSpec, Price, Refresh, Resale,
    ResaleCurve, Serves, TaxDepreciation, TaxDepreciationSpec, TerminalValue,
};
use wattage::facility::comparison::{Assumptions, Comparison, Plan, compare};
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage::facility::power::PowerContract;
use wattage::facility::power::PowerSupply;
use wattage::facility::price_series::Resolution;
use wattage::facility::pue::Pue;
use wattage::facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage::facility::run::simulate_site;
use wattage::facility::site::{Hall, Site};
use wattage::facility::summary::YearRow;
use wattage::facility::workload::{Colocation, GpuCloud, GpuCloudSpec, SelfMining, Workload};
use wattage::facility::{Curtailment, HashpricePath};
use wattage::finance::debt::{Draw, Frequency, InterestRate, Repayment};
use wattage::finance::macrs::MacrsClass;
use wattage::finance::tax::{PropertyTax, TaxSpec};
use wattage::finance::{Taxes, Tranche, TrancheSpec};
use wattage::hardware::{Fleet, catalog};
use wattage::mining::chrono::{DateTime, Datelike, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use wattage::mining::costs::breakeven_power_price;
use wattage::mining::halving::estimate_next_halving;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::payout::Pool;
use wattage::mining::{BlockHeight, Difficulty};
use wattage::units::money::to_decimal;
use wattage::units::{Btc, BtcPrice, Hashprice, Power, Usd, unit};
use wattage_examples::{Chart, Series, XAxis, chart_dir};

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
/// The line under each chart.
const SOURCE: &str = "Source: wattage-facility hourly simulation of this example's inputs (catalogs, shared/data, domain brief section 7).";

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

// ---------------------------------------------------------------------------
// Capital, debt and taxes.

/// The miners were bought on 2025-07-01 at $15 per TH/s, the price of the
/// under-19 J/TH band of Hashrate Index's ASIC Price Index in mid-2025
/// (the default resale curve of `wattage::facility::capital`, which
/// cites it), and are written off over three years (miners are commonly
/// booked over 3-5 years, domain.md §8). Bought before the horizon, they
/// are no capex in it; sold, they fetch the resale curve's price.
const MINERS_BOUGHT: (i32, u32, u32) = (2025, 7, 1);
const MINER_USD_PER_TH: i64 = 15;
const MINER_LIFE_MONTHS: i64 = 36;
/// The rebuilt hall's electrical and cooling: a 20-year book life
/// (domain.md §8: buildings and electrical 15-39 years; assumption).
const HALL_LIFE_MONTHS: i64 = 240;
/// Debt of the conversion: 60% of the hall capex, drawn with it, at 8% a
/// year fixed, repaid by level monthly payments over ten years from the
/// first draw, starting the month of the last (assumptions).
const DEBT_SHARE_PERCENT: i64 = 60;
const DEBT_RATE_PERCENT: i64 = 8;
const DEBT_TERM_MONTHS: u32 = 120;
/// Taxes: the 21% federal corporate rate (domain.md §8) and no state
/// income tax (Texas levies none; its franchise tax on margin is left
/// out); business interest deductible up to 30% of adjusted taxable
/// income (IRC 163(j)); losses carried forward against up to 80% of a
/// year's income (the 2017 act); no property tax (assumption).
const FEDERAL_TAX_PERCENT: i64 = 21;
/// Tax depreciation: MACRS, 5-year property for miners and GPUs, 15-year
/// for the hall (IRS Publication 946), with 100% bonus depreciation: the
/// rate for property acquired and placed in service after 2025-01-19
/// (the 2025 budget act made it permanent).
const BONUS_PERCENT: i64 = 100;

/// Business models of the converted site: an asset-light miner pays an
/// all-in hosting rate of 7 c/kWh on its machines' IT energy (a common
/// all-in rate, the figure of the facility chapter's hosting examples;
/// assumption); a power-integrated owner's own generation costs $35/MWh
/// (assumption: below the $42 contract, as owning the plant is meant to
/// be). Debt finances the hall rebuild, so only the models that pay for
/// the facility borrow.
const HOSTING_RATE: &str = "$70/MWh";
const GENERATION_COST: &str = "$35/MWh";

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
            Pool::fpps(wattage::units::Share::from_percent(
                POOL_FEE_PERCENT.into(),
            )?)?,
            HashpricePath::Daily(path.to_vec()),
            btc_price,
        )?;
        let name = format!("miners-{hall}");
        all_mining.assign(name.clone(), hall, Workload::SelfMining(miners))?;
        all_mining.add_asset(miner_asset(&name, &fleet)?)?;
    }

    // Hall C keeps its power budget: 45 MW × 1.08 at the meter, so
    // 45 × 1.08 / 1.35 = 36 MW of critical IT (rounded down to 0.1 MW).
    let critical_mw = (HALL_IT_MW * MINING_PUE / AI_PUE * 10.0 + 1e-9).floor() / 10.0;
    let critical = Power::new(critical_mw, unit::MEGAWATT)?;
    let (c0, l0) = (CONSTRUCTION_FROM, LIVE_FROM);
    let construction = utc(c0.0, c0.1, c0.2)?;
    let live = utc(l0.0, l0.1, l0.2)?;
    let hall_assets = hall_assets(critical_mw, construction)?;
    let convert = |name: &str, workload: Workload, mut assets: Vec<Asset>| -> Res<Deployment> {
        assets.extend(hall_assets.iter().cloned());
        Ok(RetrofitPlan::new(all_mining.clone())
            .with(Conversion {
                displaced: Displaced::Sell,
                assets,
                hall: "C".into(),
                construction_from: construction,
                live_from: live,
                name: name.into(),
                workload,
                pue: Pue::constant(AI_PUE)?,
                capex: vec![],
            })
            .apply()?
            .0)
    };
    let debt = conversion_debt(&hall_assets)?;

    let lease = ColocationLease::new(LeaseSpec {
        critical_it: critical,
        rate: LEASE_RATE.parse()?,
        escalator: percent(LEASE_ESCALATOR_PERCENT),
        term_months: LEASE_TERM_MONTHS,
        start: NaiveDate::from_ymd_opt(l0.0, l0.1, l0.2).ok_or("bad lease date")?,
        structure: LeaseStructure::TripleNet,
    })?;
    let leased = convert(
        "tenant",
        Workload::Colocation(Colocation::new(lease, Decimal::ONE)?),
        vec![],
    )?;

    // The GPU cloud: as many GPUs as the critical IT holds at the rack's
    // power per GPU; GPU capex is $29M per IT MW, bought when the hall goes
    // live and again at the end of each five-year life (an asset with a
    // refresh; the old GPUs are sold at book value, nothing).
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
    let gpus_asset = Asset::new(AssetSpec {
        name: "GPUs".into(),
        serves: Serves::Workload("gpu-cloud".into()),
        kind: AssetKind::Gpus {
            units: cloud.count(),
        },
        price: Price::PerUnit(cloud.capex_per_gpu()),
        purchased: live.date_naive(),
        life_months: i64::from(GPU_LIFE_YEARS) * 12,
        residual: Usd::ZERO,
        resale: Resale::BookValue,
        refresh: Some(Refresh::EndOfLife {
            price: Price::PerUnit(cloud.capex_per_gpu()),
        }),
        sold_on: None,
    })?;
    let clouded = convert("gpu-cloud", Workload::GpuCloud(cloud), vec![gpus_asset])?;

    Ok(Plans {
        all_mining: Plan {
            name: "all mining".into(),
            deployment: all_mining,
            capex: vec![],
            debt: vec![],
            terminal_value: TerminalValue::None,
        },
        lease: Plan {
            name: "AI lease (hall C)".into(),
            deployment: leased,
            capex: vec![],
            debt: vec![debt.clone()],
            terminal_value: TerminalValue::None,
        },
        gpu: Plan {
            name: "GPU cloud (hall C)".into(),
            deployment: clouded,
            capex: vec![],
            debt: vec![debt],
            terminal_value: TerminalValue::None,
        },
    })
}

/// A hall's miners: bought on `MINERS_BOUGHT` at `MINER_USD_PER_TH`,
/// written off over `MINER_LIFE_MONTHS`, sold at the used-miner curve.
fn miner_asset(workload: &str, fleet: &Fleet) -> Res<Asset> {
    let (y, m, d) = MINERS_BOUGHT;
    Ok(Asset::new(AssetSpec {
        name: format!("{workload} machines"),
        serves: Serves::Workload(workload.into()),
        kind: AssetKind::Miners {
            units: u32::try_from(MINERS_PER_HALL)?,
            hashrate: fleet.total_hashrate()?,
            efficiency: catalog::asic(MINER)?.efficiency(),
        },
        price: Price::PerTerahash(Decimal::from(MINER_USD_PER_TH)),
        purchased: NaiveDate::from_ymd_opt(y, m, d).ok_or("bad date")?,
        life_months: MINER_LIFE_MONTHS,
        residual: Usd::ZERO,
        resale: Resale::Curve(ResaleCurve::default_shape()),
        refresh: None,
        sold_on: None,
    })?)
}

/// Hall C's rebuild: `CAPEX_PER_CRITICAL_MW` × the critical MW, in two
/// halves (at the start of construction and six months in), each an
/// infrastructure asset of the hall.
fn hall_assets(critical_mw: f64, construction: DateTime<Utc>) -> Res<Vec<Asset>> {
    let critical = Power::new(critical_mw / 2.0, unit::MEGAWATT)?;
    [construction, construction + Months::new(6)]
        .into_iter()
        .enumerate()
        .map(|(i, at)| {
            Ok(Asset::new(AssetSpec {
                name: format!("hall C rebuild, part {}", i + 1),
                serves: Serves::Hall("C".into()),
                kind: AssetKind::Infrastructure { capacity: critical },
                price: Price::PerMegawatt(format!("{CAPEX_PER_CRITICAL_MW}/MW").parse()?),
                purchased: at.date_naive(),
                life_months: HALL_LIFE_MONTHS,
                residual: Usd::ZERO,
                resale: Resale::BookValue,
                refresh: None,
                sold_on: None,
            })?)
        })
        .collect()
}

/// `DEBT_SHARE_PERCENT` of the hall's rebuild, drawn with it, at
/// `DEBT_RATE_PERCENT`, level monthly payments to ten years from the
/// first draw.
fn conversion_debt(hall: &[Asset]) -> Res<Tranche> {
    let mut draws = Vec::new();
    for asset in hall {
        draws.push(Draw {
            date: asset.spec().purchased,
            amount: asset.cost()?.checked_mul(percent(DEBT_SHARE_PERCENT))?,
        });
    }
    Ok(Tranche::new(TrancheSpec {
        principal: Usd::try_sum(draws.iter().map(|d| d.amount))?,
        start: draws.first().map(|d| d.date).ok_or("no hall capex")?,
        draws,
        rate: InterestRate::Fixed(percent(DEBT_RATE_PERCENT)),
        term_months: DEBT_TERM_MONTHS,
        frequency: Frequency::Monthly,
        repayment: Repayment::LevelPayment,
        upfront_fee: Decimal::ZERO,
        commitment_fee: Decimal::ZERO,
    })?)
}

/// The taxes of every plan (see the constants).
fn taxes() -> Res<Taxes> {
    Ok(Taxes::new(TaxSpec {
        federal_rate: percent(FEDERAL_TAX_PERCENT),
        state_rate: Decimal::ZERO,
        interest_limit: Some(percent(30)),
        loss_limit: Some(percent(80)),
        property_tax: PropertyTax::None,
    })?)
}

fn tax_depreciation() -> TaxDepreciationSpec {
    let macrs = |class| TaxDepreciation::Macrs {
        class,
        bonus: percent(BONUS_PERCENT),
    };
    TaxDepreciationSpec {
        miners: macrs(MacrsClass::FiveYear),
        gpus: macrs(MacrsClass::FiveYear),
        infrastructure: macrs(MacrsClass::FifteenYear),
    }
}

fn run(base: &Plan, alternative: &Plan, horizon: Horizon) -> Res<Comparison> {
    let assumptions = Assumptions {
        discounting: Discounting::Dated,
        taxes: Some(taxes()?),
        tax_depreciation: tax_depreciation(),
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
        "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7} {:>10} {:>11}",
        "year", "revenue", "energy", "opex", "EBITDA", "capex", "sales", "cash flow", "rev/MW $k"
    );
    for r in rows {
        let per_mw = (r.revenue.dollars() / interconnect_mw / Decimal::from(1000)).round_dp(0);
        println!(
            "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7} {:>10} {:>11}",
            r.start.year(),
            millions(r.revenue),
            millions(r.energy_cost),
            millions(r.opex),
            millions(r.ebitda),
            millions(r.capex),
            millions(r.asset_sales),
            millions(r.cash_flow),
            per_mw,
        );
    }
    let total = |f: fn(&YearRow) -> Usd| Usd::try_sum(rows.iter().map(f)).unwrap_or(Usd::ZERO);
    println!(
        "  {:<6} {:>9} {:>9} {:>8} {:>9} {:>9} {:>7} {:>10}",
        "total",
        millions(total(|r| r.revenue)),
        millions(total(|r| r.energy_cost)),
        millions(total(|r| r.opex)),
        millions(total(|r| r.ebitda)),
        millions(total(|r| r.capex)),
        millions(total(|r| r.asset_sales)),
        millions(total(|r| r.cash_flow)),
    );
}

/// The day hall C's construction starts (its miners' sale).
fn construction_day(plans: &Plans) -> Res<NaiveDate> {
    plans
        .lease
        .deployment
        .assets()
        .iter()
        .find_map(|a| a.spec().sold_on)
        .ok_or_else(|| "no miners sold".into())
}

/// Section 7: each conversion financed and taxed, against all mining.
fn print_financing(plans: &Plans, lease: &Comparison, gpu: &Comparison) -> Res<()> {
    println!("\n7. Financing and taxes: converting hall C, against all mining\n");
    let debt = plans.lease.debt.first().ok_or("no debt")?;
    println!(
        "  Assumptions: debt {}% of the hall rebuild ({}), drawn with it, {DEBT_RATE_PERCENT}% fixed, level monthly payments over {} years;",
        DEBT_SHARE_PERCENT,
        dollars(debt.spec().principal),
        DEBT_TERM_MONTHS / 12,
    );
    println!(
        "  {FEDERAL_TAX_PERCENT}% federal income tax, no state income tax (Texas), interest deductible to 30% of ATI (IRC 163(j)),"
    );
    println!(
        "  losses carried forward against 80% of income; MACRS 5-year (miners, GPUs) and 15-year (hall), {BONUS_PERCENT}% bonus;"
    );
    println!(
        "  miners bought {:?}-{:02}-{:02} at ${MINER_USD_PER_TH}/TH, sold {} at the used-miner curve; no property tax, no terminal value;",
        MINERS_BOUGHT.0,
        MINERS_BOUGHT.1,
        MINERS_BOUGHT.2,
        construction_day(plans)?,
    );
    println!("  XNPV and XIRR, every flow on its day, at {DISCOUNT_PERCENT}%.\n");
    println!(
        "  {:<20} {:>16} {:>16} {:>16} {:>16} {:>10}",
        "conversion",
        "unlevered pre-tax",
        "unlevered after",
        "levered pre-tax",
        "levered after",
        "min DSCR"
    );
    for cmp in [lease, gpu] {
        let i = &cmp.incremental;
        let min_dscr = cmp
            .alternative
            .finance
            .dscr
            .iter()
            .filter_map(|d| d.dscr)
            .min()
            .map_or_else(|| "-".into(), |d| format!("{:.2}", d.round_dp(2)));
        println!(
            "  {:<20} {:>16} {:>16} {:>16} {:>16} {:>10}",
            cmp.alternative.name,
            irr_text(i.unlevered_pre_tax.irr),
            irr_text(i.unlevered_after_tax.irr),
            irr_text(i.levered_pre_tax.irr),
            irr_text(i.levered_after_tax.irr),
            min_dscr,
        );
    }
    println!("  (IRR of the incremental flows; NPV after tax and debt, $M:");
    for cmp in [lease, gpu] {
        println!(
            "   {}: unlevered {}, levered {})",
            cmp.alternative.name,
            millions(cmp.incremental.unlevered_after_tax.npv),
            millions(cmp.incremental.levered_after_tax.npv),
        );
    }
    Ok(())
}

/// Section 7b: the AI-lease site under each business model, financed and
/// taxed on the lines that model carries.
fn print_business_models(plans: &Plans, horizon: Horizon) -> Res<()> {
    println!("\n7b. The AI-lease site under each business model, financed and taxed\n");
    println!(
        "  Assumptions: hosting at {HOSTING_RATE} of IT energy for the asset-light miner, own generation at {GENERATION_COST};"
    );
    println!(
        "  the hall-C debt above only for the models that pay the facility capex; the taxes, MACRS and XNPV/XIRR at"
    );
    println!(
        "  {DISCOUNT_PERCENT}% of section 7; opex {OPEX_PER_MW_YEAR} per IT MW-year for the models that run the facility.\n"
    );
    let plan = &plans.lease;
    let contract = PowerContract::new(PowerSupply::fixed(POWER_PRICE.parse()?));
    let ledger = simulate_site(
        &plan.deployment,
        &contract,
        horizon,
        Curtailment::AboveBreakeven,
    )?;
    println!(
        "  {:<22} {:>10} {:>9} {:>16} {:>16} {:>16}",
        "model", "EBITDA $M", "capex $M", "unlevered IRR", "levered IRR", "levered NPV $M"
    );
    for model in BusinessModel::ALL {
        let flows = model.cash_flows(
            &ledger,
            &plan.deployment,
            ModelPrices {
                hosting_rate: HOSTING_RATE.parse()?,
                generation_cost: GENERATION_COST.parse()?,
            },
            OPEX_PER_MW_YEAR.parse()?,
            &plan.capex,
        )?;
        let debt = if model.lines().facility_capex {
            plan.debt.clone()
        } else {
            Vec::new()
        };
        let finance = Financing::new(FinancingSpec {
            debt,
            taxes: Some(taxes()?),
            tax_depreciation: tax_depreciation(),
            terminal_value: plan.terminal_value,
            discount_rate: percent(DISCOUNT_PERCENT),
            discounting: Discounting::Dated,
        })?
        .evaluate(&flows)?;
        let total = |f: fn(&YearRow) -> Usd| Usd::try_sum(flows.rows().iter().map(f));
        // An IRR is a return only for flows that start with money put in.
        let invests = |first: Option<Usd>| first.is_some_and(Usd::is_negative);
        let returns = |irr, first| {
            if invests(first) {
                irr_text(irr)
            } else {
                "n/a".into()
            }
        };
        let first = finance.years.first();
        println!(
            "  {:<22} {:>10} {:>9} {:>16} {:>16} {:>16}",
            model_name(model),
            millions(total(|r| r.ebitda)?),
            millions(total(|r| r.capex)?),
            returns(
                finance.unlevered_after_tax.irr,
                first.map(|y| y.unlevered_after_tax)
            ),
            returns(
                finance.levered_after_tax.irr,
                first.map(|y| y.levered_after_tax)
            ),
            millions(finance.levered_after_tax.npv),
        );
    }
    println!(
        "  (after-tax IRR of each model's own flows, not against all mining; n/a where the first year puts no money in:"
    );
    println!(
        "   colocation builds nothing, and the asset-light miner's machines were bought before the horizon and"
    );
    println!("   hall C's are sold in its first year, so its flows start with cash coming in)");
    Ok(())
}

fn model_name(model: BusinessModel) -> &'static str {
    match model {
        BusinessModel::AssetLight => "asset-light",
        BusinessModel::Colocation => "colocation",
        BusinessModel::InfrastructureOwner => "infrastructure owner",
        BusinessModel::PowerIntegrated => "power-integrated",
        BusinessModel::VerticallyIntegrated => "vertically integrated",
        _ => "other",
    }
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
    let hall_parts: Vec<&Asset> = plans
        .lease
        .deployment
        .assets()
        .iter()
        .filter(|a| matches!(a.serves(), Serves::Hall(h) if h == "C"))
        .collect();
    let hall_capex = Usd::try_sum(
        hall_parts
            .iter()
            .map(|a| a.cost())
            .collect::<Result<Vec<_>, _>>()?,
    )?;
    let part_date = |i: usize| hall_parts.get(i).map(|a| a.spec().purchased);
    println!(
        "\n  Hall C, converted: miners off and sold {}, live {}",
        construction_day(&plans)?,
        tenant.start()
    );
    println!(
        "    PUE {AI_PUE}: the hall's {:.1} MW at the meter holds {} of critical IT",
        HALL_IT_MW * MINING_PUE,
        tenant.critical_it().display_in(unit::MEGAWATT)
    );
    println!(
        "    capex {CAPEX_PER_CRITICAL_MW} per critical MW = {} (two halves, {:?} and {:?}), {}-year book life",
        dollars(hall_capex),
        part_date(0),
        part_date(1),
        HALL_LIFE_MONTHS / 12,
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
        "      {} a GPU ({} in all, bought again after each {GPU_LIFE_YEARS}-year life)",
        dollars(cloud.capex_per_gpu()),
        dollars(cloud.capex()?),
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
            millions(w.money.revenue),
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
        .money
        .revenue
        .checked_sub(tenant_summary.money.energy_cost)?
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
    let fleet_summary = base.summary.workload("miners-A").ok_or("no fleet")?;
    println!(
        "  Cost per BTC mined by hall A over the horizon: {} direct (energy), {} all-in (with opex and the machines' depreciation).",
        fleet_summary
            .energy_cost_per_btc
            .map_or_else(|| "-".into(), dollars),
        fleet_summary
            .all_in_cost_per_btc
            .map_or_else(|| "-".into(), dollars),
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
        "  (unlevered, before tax. NPV is XNPV from {}: each month's EBITDA on its last day, capex and sales on",
        start.date_naive()
    );
    println!(
        "  their days. IRR (XIRR) and payback are of the incremental flows, conversion less all mining; payback in"
    );
    println!("  years of the yearly flows, and the year the cumulative turns positive)");

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

    print_financing(&plans, &lease_cmp, &gpu_cmp)?;
    print_business_models(&plans, horizon)?;

    // ---- 8. Reserves (see `report_reserves` below) ---------------------
    report_reserves(&plans.all_mining.deployment, start)?;

    // ---- 9. 4CP on a forecast (see `report_four_cp` below) --------------
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
    let chart = |title, y_label, legend| Chart {
        legend,
        ..Chart::new(title, "year", y_label, XAxis::Years, SOURCE)
    };
    chart(
        "Annual EBITDA of a 150 MW site: all mining, or hall C converted",
        "EBITDA, $M",
        SeriesLabelPosition::MiddleRight,
    )
    .draw(&ebitda_path, 500, &series(&|r| millions_f64(r.ebitda)), &[])?;
    let revenue_path = dir.join("convergence_revenue_per_mw.svg");
    let mw = interconnect_mw.try_into().unwrap_or(150.0_f64);
    chart(
        "Revenue per MW of interconnect (tenant power included)",
        "revenue per MW-year, $M",
        SeriesLabelPosition::MiddleRight,
    )
    .draw(
        &revenue_path,
        500,
        &series(&|r| millions_f64(r.revenue) / mw),
        &[],
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
    chart(
        "Cumulative cash flow (EBITDA - capex + asset sales) by year end",
        "$M",
        SeriesLabelPosition::UpperLeft,
    )
    .draw(&cash_path, 500, &cash, &[])?;
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
        "\n8. Mining with and without reserves ({}, all-mining site, miners offered as ERCOT RRS)\n",
        start.year()
    );
    println!(
        "  {:<34} {:>13} {:>12} {:>12} {:>9}",
        "", "margin ($M)", "RRS ($M)", "hall-hours", "MWh shed"
    );
    println!(
        "  {:<34} {:>13} {:>12} {:>12} {:>9}",
        "without reserves",
        millions(without.totals().money.gross_margin()?),
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
            millions(with.totals().money.gross_margin()?),
            millions(with.totals().money.reserve_payment),
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
        "\n9. 4CP on a forecast (all-mining site, ERCOT summer 2021, {FOUR_CP_RATE}/kW-year)\n"
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
            millions(ledger.totals().money.gross_margin()?),
        );
    }
    println!(
        "  (tag: the site's mean MW in the four realised peaks; the bill falls in 2022, after this horizon)"
    );
    Ok(())
}
