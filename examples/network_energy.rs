//! How much power does the Bitcoin network draw? The Cambridge (CBECI)
//! method, with the built-in hardware catalog: a machine is profitable when
//! its J/TH times the electricity price is at most the revenue per hash; the
//! network draws its hashrate times the best, mean and worst profitable J/TH,
//! with PUEs 1.01, 1.10 and 1.20. Prints lower, best and upper power and
//! annual energy at $0.05/kWh (CBECI's default), sweeps the electricity
//! price and draws `network_energy.svg`.
//!
//! Run with `cargo run -p wattage-examples --example network_energy [chart-dir]`.

use rust_decimal::Decimal;
use wattage::hardware::{AsicMiner, catalog};
use wattage::mining::cbeci::{CBECI_DEFAULT_PRICE, CbeciEstimate, network_power_from_catalog};
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::{BlockHeight, CompactTarget, Difficulty};
use wattage::units::{Btc, BtcPrice, EnergyPrice, Hashprice, Hashrate, unit};
use wattage_examples::{Chart, Series, XAxis, chart_dir};

// The network state: the same inputs as the `hashprice` example, the latest
// rows of shared/data/bitcoin/ (blockchain.com charts).

/// `daily_difficulty.csv`, 2026-08-16.
const DIFFICULTY: f64 = 127_479_855_693_691.5;
/// `daily_fees_btc.csv`, 2026-08-16: the day's total fees in satoshis, over
/// 144 blocks a day.
const FEES_THAT_DAY_SAT: i64 = 219_260_636;
/// `daily_btc_price.csv`, 2026-07-14 (the file's last row).
const BTC_PRICE: &str = "$62,242.32/BTC";
/// The epoch of 2026-08-16 starts at 961,632 (see the `hashprice` example);
/// the subsidy is 3.125 BTC.
const HEIGHT: u32 = 961_632;

/// The catalog's miners released by `year` (fractional; a model with no
/// release month counts as mid-year): CBECI only counts machines that exist.
fn released_by(year: f64) -> Vec<AsicMiner> {
    catalog::asic_miners()
        .iter()
        .filter(|m| m.release().as_fractional_year() <= year)
        .cloned()
        .collect()
}

/// Prints one estimate: threshold, power and annual energy, lower/best/upper.
fn report(est: &CbeciEstimate) -> Result<(), Box<dyn std::error::Error>> {
    let energy = est.annual_energy()?;
    println!(
        "  profitable: {} models, up to {:.1}",
        est.profitable,
        est.threshold.display_in(unit::JOULE_PER_TERAHASH)
    );
    println!("  {:<12} {:>10} {:>14}", "", "power", "energy a year");
    for (label, p, e) in [
        ("lower bound", est.power.lower, energy.lower),
        ("best guess", est.power.best, energy.best),
        ("upper bound", est.power.upper, energy.upper),
    ] {
        println!(
            "  {label:<12} {:>10.2} {:>14.1}",
            p.display_in(unit::GIGAWATT),
            e.display_in(unit::TERAWATT_HOUR)
        );
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. The network state, its hashrate (implied by the difficulty: D x 2^32
    //    per 600 s) and its revenue per hash (hashprice).
    let state = NetworkState::at_height(
        Difficulty::new(DIFFICULTY)?,
        BlockHeight::new(HEIGHT),
        Fees::per_block(Btc::from_sat(FEES_THAT_DAY_SAT / 144))?,
    )?;
    let network: Hashrate = state.implied_hashrate()?;
    let hashprice: Hashprice = state.hashprice(BTC_PRICE.parse()?)?;
    // August 2026: machines released by then.
    let miners = released_by(2026.0 + 7.5 / 12.0);
    let electricity: EnergyPrice = CBECI_DEFAULT_PRICE.parse()?;

    println!(
        "Bitcoin network power by the CBECI method (catalog: {} miners)\n",
        miners.len()
    );
    println!(
        "network {:.0} (difficulty {:.2} T, 2026-08-16), hashprice {hashprice:.2}, power {electricity}\n",
        network.display_in(unit::EXAHASH_PER_SECOND),
        DIFFICULTY / 1e12,
    );
    let est = network_power_from_catalog(network, &miners, hashprice, electricity)?;
    report(&est)?;

    // 2. The sweep: cheaper power keeps older machines profitable, so the
    //    upper bound (worst profitable J/TH) and the best guess rise; dearer
    //    power leaves only the newest machines, until none is profitable.
    let (mut lower, mut best, mut upper) = (Vec::new(), Vec::new(), Vec::new());
    let mut none_from = None;
    for dollars in (10..=150).step_by(5) {
        let price = EnergyPrice::new(Decimal::from(dollars))?;
        let x = f64::from(dollars);
        match network_power_from_catalog(network, &miners, hashprice, price) {
            Ok(e) => {
                lower.push((x, e.power.lower.get(unit::GIGAWATT)));
                best.push((x, e.power.best.get(unit::GIGAWATT)));
                upper.push((x, e.power.upper.get(unit::GIGAWATT)));
            }
            // No profitable machine: the method gives no estimate.
            Err(wattage::mining::Error::NotEnoughData { .. }) => {
                none_from.get_or_insert(dollars);
            }
            Err(e) => return Err(e.into()),
        }
    }
    println!("\nSweep over the electricity price (best guess, GW):");
    for (x, gw) in best.iter().step_by(2) {
        println!("  ${x:>5.0}/MWh  {gw:>6.2} GW");
    }
    if let Some(d) = none_from {
        println!("  from ${d}/MWh up no catalog miner is profitable at {hashprice:.2}");
    }

    // 3. For scale, mid-2024. CCAF's 2025 industry report puts 2024 at about
    //    138 TWh with a fleet average of 28.2 J/TH (domain.md). This is not a
    //    reproduction of that figure: it is one day's state (2024-07-01,
    //    from the `hashprice` example's table), our catalog rather than
    //    CCAF's machine list, no 14-day smoothing. We print what we compute
    //    beside theirs and claim nothing more.
    let mid_2024 = NetworkState::at_height(
        Difficulty::from_compact(CompactTarget::from(0x1703_5d25))?,
        BlockHeight::new(848_736),
        Fees::per_block(Btc::from_sat(15_932_896))?,
    )?;
    let price_2024 = BtcPrice::new(Decimal::new(6_267_636, 2))?;
    let network_2024 = mid_2024.implied_hashrate()?;
    let est_2024 = network_power_from_catalog(
        network_2024,
        &released_by(2024.5),
        mid_2024.hashprice(price_2024)?,
        electricity,
    )?;
    println!(
        "\nFor comparison, 2024-07-01: {:.0}, hashprice {:.2}, power {electricity}",
        network_2024.display_in(unit::EXAHASH_PER_SECOND),
        mid_2024.hashprice(price_2024)?,
    );
    report(&est_2024)?;
    // The best guess's mean J/TH of profitable machines (before its PUE of 1.10).
    let mean_jth = (est_2024.power.best / network_2024).get(unit::JOULE_PER_TERAHASH) / 1.10;
    println!(
        "  CCAF (2025 report, for all of 2024): about 138 TWh at a 28.2 J/TH fleet average;\n  \
         here {:.1} TWh a year at a {mean_jth:.1} J/TH mean of profitable catalog models",
        est_2024.annual_energy()?.best.get(unit::TERAWATT_HOUR),
    );

    let path = chart_dir()?.join("network_energy.svg");
    let chart = Chart::new(
        "Bitcoin network power by the CBECI method, August 2026 state",
        "electricity price ($/MWh)",
        "network power (GW)",
        XAxis::Number,
        "Source: network state from blockchain.com charts (shared/data/bitcoin); miners from the wattage-hardware catalog; CBECI method.",
    );
    chart.draw(
        &path,
        500,
        &[
            Series {
                label: "upper bound (worst profitable x 1.20)".into(),
                points: upper,
            },
            Series {
                label: "best guess (mean profitable x 1.10)".into(),
                points: best,
            },
            Series {
                label: "lower bound (best machine x 1.01)".into(),
                points: lower,
            },
        ],
        &[],
    )?;
    println!("\nchart: {}", path.display());
    Ok(())
}
