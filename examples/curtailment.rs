//! Curtailment: a West Texas mining site against ERCOT's real-time prices
//! in the August 2023 heat wave.
//!
//! A 45 MW fleet of Antminer S19 XPs buys power at the West hub (HB_WEST)
//! real-time price, resampled from 15 minutes to hourly. Four ways to run
//! it, each simulated hour by hour with the exact ledger
//! (`wattage::facility::run::simulate_site`):
//!
//! 1. index price, always on;
//! 2. index price, off in every hour priced above the fleet's breakeven;
//! 3. a fixed-price contract, always on;
//! 4. the same fixed price with sell-back: in hours when the market pays
//!    more for the power than the miners earn with it, the site sells its
//!    energy back at the real-time price instead of mining.
//!
//! It prints curtailed hours and MWh, energy cost, revenue, margin and
//! what curtailment earned, and draws `curtailment.svg`: the hourly price
//! with the breakeven line, and the cumulative margin of each strategy.
//!
//! The prices are a sample shipped with the examples
//! (`examples/data/ercot_hb_west_2023_sample.csv`, 7-31 August 2023; ERCOT's
//! data, see `examples/data/PROVENANCE.md`). A second argument names a
//! whole ERCOT file to run instead: the quarterly hub LMP layout
//! (`ercot_lmp_rt_15min_hubs_2023Q3.csv`) or ERCOT's settlement point price
//! layout (`RTM-2021-02.csv`). The hashprice stays at its August 2023 value.
//!
//! Run with
//! `cargo run -p wattage-examples --example curtailment [chart-dir] [ercot-file]`,
//! for instance
//! `cargo run -p wattage-examples --example curtailment -- target/wattage-charts ../shared/data/ercot/ercot_lmp_rt_15min_hubs_2023Q3.csv`.

use std::path::Path;

use plotters::prelude::*;
use rust_decimal::Decimal;
use wattage::facility::deployment::Deployment;
use wattage::facility::horizon::Horizon;
use wattage::facility::ledger::{SiteLedger, WorkloadTotals};
use wattage::facility::power::PowerContract;
use wattage::facility::power::PowerSupply;
use wattage::facility::price_series::PriceSeries;
use wattage::facility::price_series::iso::ercot::{
    Hub, read_hub_lmp, read_settlement_point_prices,
};
use wattage::facility::pue::Pue;
use wattage::facility::run::simulate_site;
use wattage::facility::site::{Hall, Site};
use wattage::facility::workload::{SelfMining, Workload};
use wattage::facility::{Curtailment, HashpricePath};
use wattage::hardware::{Fleet, catalog};
use wattage::mining::costs::breakeven_power_price;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::payout::Pool;
use wattage::mining::{BlockHeight, CompactTarget, Difficulty};
use wattage::units::money::to_decimal;
use wattage::units::{Btc, BtcPrice, EnergyPrice, Hashprice, Usd, unit};
use wattage_examples::{
    Chart, Series, WIDTH, XAxis, chart_dir, source_height, source_line, tick_label,
};

/// The shipped sample: ERCOT real-time hub LMPs, 2023-08-07 to 2023-08-31.
const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/ercot_hb_west_2023_sample.csv"
);

// Hashprice on 2023-08-07, the sample's first day, from shared/data/bitcoin/
// (see `hashprice.rs` for the method).

/// `difficulty_per_epoch.csv`, epoch 397 (heights 800,352-802,367, in force
/// from 2023-07-27 to 2023-08-09): its nBits and start height (subsidy 6.25 BTC).
const NBITS: u32 = 0x1705_6102;
const HEIGHT: u32 = 800_352;
/// `daily_fees_btc.csv`, 2023-08-07: 22.68954627 BTC that day, over 144
/// blocks, in satoshis per block.
const FEES_PER_BLOCK_SAT: i64 = 2_268_954_627 / 144;
/// `daily_btc_price.csv`, 2023-08-07.
const BTC_PRICE: &str = "$29,041.01/BTC";

/// 15,000 Antminer S19 XP (catalog: 140 TH/s, 3,010 W, 21.5 J/TH), the
/// workhorse of 2023 fleets: 2.1 EH/s drawing 45.15 MW at the wall.
const MINER: &str = "S19 XP";
const MINERS: u64 = 15_000;
/// Mining pool fee (FPPS), as in the crate's examples.
const POOL_FEE_PERCENT: i64 = 2;
/// PUE 1.10: the Cambridge (CBECI) best-guess PUE for mining (domain.md §6).
const PUE: f64 = 1.10;
/// The fixed price: Riot's 2023 gross power cost per MWh, $135.5M for
/// 3.05 TWh = $44.43/MWh (domain.md §7, derived).
const FIXED_PRICE: &str = "$44.43/MWh";

/// One way to run the site.
struct Strategy {
    label: &'static str,
    contract: PowerContract,
    policy: Curtailment,
}

/// Reads West hub prices from an ERCOT file in either published layout.
fn read_west(path: &Path) -> Result<PriceSeries, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let series = if String::from_utf8_lossy(header).contains("Settlement Point Name") {
        read_settlement_point_prices(bytes.as_slice(), Hub::West.settlement_point(), Some("HU"))?
    } else {
        read_hub_lmp(bytes.as_slice(), Hub::West)?
    };
    Ok(series)
}

/// Whole dollars with thousands separators: `-$1,234,567`.
fn dollars(amount: Usd) -> String {
    let rounded = amount.dollars().round();
    let digits = rounded.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}${grouped}")
}

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    let charts = chart_dir()?;
    let source = std::env::args().nth(2);
    let path = source.as_deref().map_or(Path::new(SAMPLE), Path::new);

    // 1. Prices: 15-minute West hub prices, read and checked (a gap, repeat
    //    or step back is an error naming the line), then hourly means.
    let quarter_hours = read_west(path)?;
    let hourly = quarter_hours.to_hourly()?;
    let start = hourly.start();
    println!("ERCOT real-time prices, West hub (HB_WEST); data: ERCOT\n");
    println!("  file            {}", path.display());
    println!(
        "  window          {start} to {} ({} x 15 min, {} hours)",
        hourly.end(),
        quarter_hours.len(),
        hourly.len()
    );
    println!(
        "  15-minute       mean {:.2}, max {:.2}, min {:.2}",
        quarter_hours.mean()?,
        quarter_hours.max(),
        quarter_hours.min()
    );
    println!(
        "  hourly          mean {:.2}, max {:.2}, min {:.2}",
        hourly.mean()?,
        hourly.max(),
        hourly.min()
    );

    // 2. The fleet and what it earns: hashprice from the network state.
    let state = NetworkState::at_height(
        Difficulty::from_compact(CompactTarget::from(NBITS))?,
        BlockHeight::new(HEIGHT),
        Fees::per_block(Btc::from_sat(FEES_PER_BLOCK_SAT))?,
    )?;
    let btc_price: BtcPrice = BTC_PRICE.parse()?;
    let hashprice: Hashprice = state.hashprice(btc_price)?;
    let miner = catalog::asic(MINER)?;
    let mut fleet = Fleet::new();
    fleet.add(miner.clone(), MINERS)?;
    let pool = Pool::fpps(wattage::units::Share::from_percent(
        POOL_FEE_PERCENT.into(),
    )?)?;
    let mining =
        SelfMining::from_fleet(&fleet, pool, HashpricePath::Constant(hashprice), btc_price)?;
    let it_mw = mining.it_power().get(unit::MEGAWATT);
    let site = Site::new("West Texas", "60 MW".parse()?)?.with_hall(Hall::new(
        "A",
        "50 MW".parse()?,
        Pue::constant(PUE)?,
    )?)?;
    let mut plan = Deployment::new(site);
    plan.assign("fleet", "A", Workload::SelfMining(mining))?;

    // 3. Four strategies over the same hours.
    let index = PowerSupply::index(hourly.clone(), EnergyPrice::new(Decimal::ZERO)?);
    let fixed = PowerSupply::fixed(FIXED_PRICE.parse()?);
    let strategies = [
        Strategy {
            label: "index, always on",
            contract: PowerContract::new(index.clone()),
            policy: Curtailment::AlwaysOn,
        },
        Strategy {
            label: "index, curtail",
            contract: PowerContract::new(index),
            policy: Curtailment::AboveBreakeven,
        },
        Strategy {
            label: "fixed, always on",
            contract: PowerContract::new(fixed.clone()),
            policy: Curtailment::AlwaysOn,
        },
        Strategy {
            label: "fixed, sell back",
            contract: PowerContract::new(fixed).with_sell_back(hourly.clone())?,
            policy: Curtailment::AboveBreakeven,
        },
    ];
    let horizon = Horizon::new(start, hourly.resolution(), hourly.len())?;
    let ledgers = strategies
        .iter()
        .map(|s| simulate_site(&plan, &s.contract, horizon, s.policy))
        .collect::<Result<Vec<_>, _>>()?;
    let totals: Vec<WorkloadTotals> = ledgers
        .iter()
        .map(|l| l.workload_totals(0).copied().ok_or("no workload"))
        .collect::<Result<_, _>>()?;

    // Breakeven at the facility meter: an hour's revenue over its MWh.
    let first_hour = ledgers[0].entry(0, 0).ok_or("empty ledger")?;
    let breakeven = EnergyPrice::new(
        first_hour
            .money
            .revenue
            .dollars()
            .checked_div(to_decimal(
                "MWh",
                first_hour.energy.get(unit::MEGAWATT_HOUR),
            )?)
            .ok_or("no energy")?,
    )?;
    let at_wall = breakeven_power_price(hashprice, miner.efficiency())?;
    println!(
        "\nThe fleet: {MINERS} x {} ({:.1} J/TH), {:.2}, {it_mw:.2} MW at the wall, {:.2} MW at PUE {PUE}",
        miner.model(),
        miner.efficiency().get(unit::JOULE_PER_TERAHASH),
        fleet.total_hashrate()?.display_in(unit::EXAHASH_PER_SECOND),
        it_mw * PUE
    );
    println!(
        "  hashprice       {hashprice:.2}, held constant (2023-08-07: difficulty {:.2} T, BTC {btc_price})",
        state.difficulty().get() / 1e12
    );
    println!("  breakeven       {at_wall:.2} at the wall (hashprice x 1000 / (J/TH x 24))");
    println!(
        "                  {breakeven:.2} at the meter, after the {POOL_FEE_PERCENT}% pool fee and PUE {PUE}"
    );
    println!(
        "  hours above it  {} of {}",
        hourly.prices().iter().filter(|&&p| p > breakeven).count(),
        hourly.len()
    );

    // 4. The table.
    println!("\nFixed price: {FIXED_PRICE}; index price: the hourly West price, no adder.\n");
    println!(
        "  {:<18} {:>6} {:>8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>8}",
        "strategy",
        "off h",
        "off MWh",
        "energy cost",
        "credits",
        "revenue",
        "margin",
        "curtail +",
        "BTC"
    );
    for (s, t) in strategies.iter().zip(&totals) {
        println!(
            "  {:<18} {:>6} {:>8} {:>12} {:>12} {:>12} {:>12} {:>12} {:>8.2}",
            s.label,
            t.curtailed_time.get(unit::HOUR).round(),
            t.curtailed_energy.get(unit::MEGAWATT_HOUR).round(),
            dollars(t.money.energy_cost),
            dollars(t.money.sell_back_credit),
            dollars(t.money.revenue),
            dollars(t.money.gross_margin()?),
            dollars(t.money.curtailment_value),
            t.btc_mined.to_btc_f64(),
        );
    }
    println!(
        "\n  off h, off MWh: hours curtailed and facility energy not drawn (or sold back);\n  \
         curtail +: what curtailing earned against running those hours (the ledger's\n  \
         curtailment value)."
    );

    // What curtailment earned: the margin gained over always-on, which is
    // the sum of the ledger's per-hour curtailment values.
    for (on, off, name) in [(0, 1, "index"), (2, 3, "fixed-price")] {
        let gained = totals[off]
            .money
            .gross_margin()?
            .checked_sub(totals[on].money.gross_margin()?)?;
        // Equal to the cent (Decimal keeps 28 significant digits, so the
        // two sums can differ in the last of them).
        if gained.round_to_cents() != totals[off].money.curtailment_value.round_to_cents() {
            return Err(format!(
                "{name}: margin gained {gained} != curtailment value {}",
                totals[off].money.curtailment_value
            )
            .into());
        }
        println!(
            "\n  {name}: curtailing {} hours ({} MWh) raised the margin by {}",
            totals[off].curtailed_time.get(unit::HOUR).round(),
            totals[off]
                .curtailed_energy
                .get(unit::MEGAWATT_HOUR)
                .round(),
            dollars(gained)
        );
    }

    // 5. The chart.
    let path = charts.join("curtailment.svg");
    draw(&path, &hourly, breakeven, &strategies, &ledgers)?;
    println!("\nchart: {}", path.display());
    Ok(())
}

/// Price with the breakeven line above, cumulative margins below.
fn draw(
    path: &Path,
    hourly: &PriceSeries,
    breakeven: EnergyPrice,
    strategies: &[Strategy],
    ledgers: &[SiteLedger],
) -> Result<(), Box<dyn std::error::Error>> {
    /// The price axis stops here so that the hours around breakeven show;
    /// higher prices are drawn at the cap.
    const CAP: f64 = 1_000.0;
    #[allow(clippy::cast_precision_loss, reason = "hours of a quarter at most")]
    let day = |i: usize| i as f64 / 24.0;
    let days = day(hourly.len());
    let prices: Vec<(f64, f64)> = hourly
        .prices()
        .iter()
        .enumerate()
        .map(|(i, p)| (day(i), p.to_f64().min(CAP)))
        .collect();
    let mut margins = Vec::with_capacity(ledgers.len());
    for (s, ledger) in strategies.iter().zip(ledgers) {
        let mut sum = 0.0;
        let mut points = Vec::with_capacity(ledger.len());
        for (i, entry) in ledger.workload_periods(0).enumerate() {
            sum += entry.money.gross_margin()?.to_f64() / 1e6;
            points.push((day(i + 1), sum));
        }
        margins.push(Series {
            label: s.label.into(),
            points,
        });
    }
    const SOURCE: &str = "Source: ERCOT real-time hub LMP, 7-31 August 2023 (examples/data/PROVENANCE.md); wattage-facility simulation.";
    let root = SVGBackend::new(path, (WIDTH, 760 + source_height(SOURCE))).into_drawing_area();
    root.fill(&WHITE)?;
    let (top, rest) = root.split_vertically(370);
    let (bottom, foot) = rest.split_vertically(390);
    let x_desc = format!(
        "days from {} (UTC)",
        hourly.start().format("%Y-%m-%d %H:%M")
    );
    let title = format!(
        "ERCOT West hub, hourly real-time price (cut at ${}; peak {:.0})",
        tick_label(CAP, 1.0),
        hourly.max()
    );
    let price_panel = Chart {
        legend: SeriesLabelPosition::UpperLeft,
        thin_lines: 1,
        ..Chart::new(&title, &x_desc, "$/MWh", XAxis::Count, "")
    };
    let line = breakeven.to_f64();
    price_panel.draw_on(
        &top,
        &[
            Series {
                label: "hourly price".into(),
                points: prices,
            },
            Series {
                label: format!("fleet breakeven {breakeven:.2}"),
                points: vec![(0.0, line), (days, line)],
            },
        ],
        &[],
    )?;
    let margin_panel = Chart {
        legend: SeriesLabelPosition::UpperLeft,
        ..Chart::new(
            "Cumulative gross margin of a 45 MW S19 XP fleet",
            &x_desc,
            "USD million",
            XAxis::Count,
            "",
        )
    };
    margin_panel.draw_on(&bottom, &margins, &[])?;
    source_line(&foot, SOURCE)?;
    root.present()?;
    Ok(())
}
