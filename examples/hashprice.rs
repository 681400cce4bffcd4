//! Hashprice: what one PH/s of hashrate earns in a day. Today's value from
//! four inputs (difficulty, height, fees, BTC price), the breakeven power
//! price of a few catalog miners, and the history since 2016 computed from
//! a small embedded table, drawn as `hashprice_history.svg`.
//!
//! Nothing is read at run time: the inputs below are constants copied from
//! the project's data files, each with its file and date.
//!
//! Run with `cargo run -p wattage-examples --example hashprice [chart-dir]`.

use rust_decimal::Decimal;
use wattage::hardware::catalog;
use wattage::mining::costs::breakeven_power_price;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::{BlockHeight, CompactTarget, Difficulty};
use wattage::units::{Btc, BtcPrice, unit};
use wattage_examples::{Chart, Series, XAxis, YScale, chart_dir};

// Today's inputs: the latest row of each daily file in shared/data/bitcoin/
// (blockchain.com charts, see PROVENANCE-daily.md).

/// `daily_difficulty.csv`, 2026-08-16 (its last row).
const DIFFICULTY: f64 = 127_479_855_693_691.5;
/// `daily_fees_btc.csv`, 2026-08-16 (its last row): 2.19260636 BTC of fees
/// paid that UTC day over all blocks, in satoshis. Divided by 144 blocks a
/// day below, as Hashrate Index averages fees over the last 144 blocks.
const FEES_THAT_DAY_SAT: i64 = 219_260_636;
/// `daily_btc_price.csv`, 2026-07-14 (its last row: the price file ends a
/// month before the other two).
const BTC_PRICE: &str = "$62,242.32/BTC";
/// The daily files carry no heights. Epoch 473 of `difficulty_per_epoch.csv`
/// starts at height 953,568; `daily_difficulty.csv` shows four retargets
/// after it (2026-06-27, 07-11, 07-25, 08-08), so 2026-08-16 is in the epoch
/// starting at 953,568 + 4 x 2,016 = 961,632. Every height from 840,000 to
/// 1,049,999 has the same 3.125 BTC subsidy, so a few blocks either way do
/// not matter.
const HEIGHT: u32 = 961_632;

/// Miners from the catalog to price power for, oldest first.
const MINERS: [&str; 6] = ["S9", "S19 Pro", "S19 XP", "S21", "S21 XP", "S23 Hyd"];

/// Hashprice history: one row per calendar quarter, 2016 Q1 to 2026 Q2, for
/// the first day of the quarter. Derived (by a one-off script, not at run
/// time) from shared/data/bitcoin/:
/// - the retarget epoch in force that day, from `difficulty_per_epoch.csv`
///   (the last epoch whose `first_full_utc_day...` is on or before it): its
///   start height (for the subsidy) and its `nBits` (for the difficulty);
/// - the BTC price that day from `daily_btc_price.csv`, in cents;
/// - fees per block: the mean of the 14 days before it in
///   `daily_fees_btc.csv`, divided by 144 blocks a day, in satoshis.
///
/// Columns: (year, quarter, epoch start height, nBits, price in cents,
/// fees per block in sat).
const HISTORY: [(u16, u8, u32, u32, i64, i64); 42] = [
    (2016, 1, 391_104, 0x180a9591, 43_089, 23_301_174),
    (2016, 2, 405_216, 0x180696f4, 41_483, 28_142_736),
    (2016, 3, 417_312, 0x18053fd6, 66_795, 47_302_116),
    (2016, 4, 431_424, 0x18048ed4, 60_838, 42_990_687),
    (2017, 1, 445_536, 0x180375ff, 96_484, 66_247_573),
    (2017, 2, 459_648, 0x1802335a, 107_309, 151_300_407),
    (2017, 3, 471_744, 0x18018b7e, 247_663, 248_347_754),
    (2017, 4, 485_856, 0x1800ff18, 435_416, 90_123_672),
    (2018, 1, 499_968, 0x18009645, 1_379_600, 586_703_262),
    (2018, 2, 514_080, 0x17514a49, 693_756, 18_160_978),
    (2018, 3, 528_192, 0x17376f56, 640_891, 35_063_915),
    (2018, 4, 542_304, 0x17275a1f, 661_102, 13_573_355),
    (2019, 1, 556_416, 0x173218a5, 373_791, 14_378_512),
    (2019, 2, 568_512, 0x172c1f6c, 411_416, 24_425_066),
    (2019, 3, 582_624, 0x1723792c, 1_073_773, 88_550_446),
    (2019, 4, 596_736, 0x17160f24, 830_774, 22_164_905),
    (2020, 1, 608_832, 0x1715bcd0, 716_831, 12_593_617),
    (2020, 2, 622_944, 0x17143b41, 642_828, 31_301_164),
    (2020, 3, 637_056, 0x1711d519, 913_397, 25_548_750),
    (2020, 4, 649_152, 0x170e92aa, 1_077_792, 45_935_610),
    (2021, 1, 663_264, 0x170f2217, 2_898_256, 78_782_091),
    (2021, 2, 675_360, 0x170cdf6f, 5_873_525, 60_359_957),
    (2021, 3, 687_456, 0x170e1ef9, 3_504_736, 28_313_117),
    (2021, 4, 701_568, 0x170ed0eb, 4_375_781, 8_771_215),
    (2022, 1, 715_680, 0x170b98ab, 4_624_956, 8_521_443),
    (2022, 2, 729_792, 0x1709d897, 4_553_922, 7_178_447),
    (2022, 3, 741_888, 0x170984cc, 1_986_570, 10_895_642),
    (2022, 4, 756_000, 0x1708f9ae, 1_942_720, 9_823_003),
    (2023, 1, 768_096, 0x1707f590, 1_652_678, 12_238_079),
    (2023, 2, 782_208, 0x1706023e, 2_847_975, 21_431_526),
    (2023, 3, 796_320, 0x17058ebe, 3_047_150, 24_616_172),
    (2023, 4, 808_416, 0x1704ed7f, 2_697_043, 25_998_230),
    (2024, 1, 822_528, 0x1703e8b3, 4_224_969, 200_033_070),
    (2024, 2, 836_640, 0x170362d3, 7_133_184, 22_314_922),
    (2024, 3, 848_736, 0x17035d25, 6_267_636, 15_932_896),
    (2024, 4, 862_848, 0x17032f14, 6_332_353, 5_553_954),
    (2025, 1, 876_960, 0x1702905c, 9_340_674, 6_845_074),
    (2025, 2, 889_056, 0x1702796c, 8_253_115, 4_400_653),
    (2025, 3, 903_168, 0x17026816, 10_713_031, 3_406_713),
    (2025, 4, 915_264, 0x1701fa38, 11_403_476, 2_271_730),
    (2026, 1, 929_376, 0x1701e605, 8_749_387, 1_761_473),
    (2026, 2, 941_472, 0x17021a91, 6_821_653, 1_694_613),
];

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Today. The network state is difficulty, subsidy (from the height)
    //    and fees per block; the BTC price turns BTC into dollars.
    let fees = Btc::from_sat(FEES_THAT_DAY_SAT / 144);
    let state = NetworkState::at_height(
        Difficulty::new(DIFFICULTY)?,
        BlockHeight::new(HEIGHT),
        Fees::per_block(fees)?,
    )?;
    let price: BtcPrice = BTC_PRICE.parse()?;
    let btc = state.btc_hashprice()?;
    let usd = state.hashprice(price)?;

    println!("Hashprice from the latest data (shared/data/bitcoin/, blockchain.com)\n");
    println!("  difficulty      {:.2} T (2026-08-16)", DIFFICULTY / 1e12);
    println!(
        "  hashrate        {:.0} (implied: D x 2^32 / 600 s)",
        state
            .implied_hashrate()?
            .display_in(unit::EXAHASH_PER_SECOND)
    );
    println!("  height          {HEIGHT} -> subsidy {}", state.subsidy());
    println!("  fees per block  {fees} (2026-08-16 day total / 144)");
    println!("  reward / block  {} BTC", state.reward_per_block_btc()?);
    println!("  BTC price       {price} (2026-07-14)\n");
    // Per TH/s is a thousandth of per PH/s. (Decimal's `{:.n}` truncates,
    // so round explicitly; the price types' own `{:.n}` rounds.)
    println!(
        "  hashprice       {btc:.8} = {} BTC/TH/day",
        btc.per_terahash_day().round_dp(11)
    );
    println!(
        "                  {usd:.2} = ${}/TH/day",
        usd.per_terahash_day().round_dp(4)
    );

    // 2. Breakeven: the most a machine can pay for power and still cover its
    //    power bill, hashprice x 1000 / (J/TH x 24). Pool and hosting fees,
    //    uptime and capital are left out here (see `wattage::mining::operation`).
    println!("\nBreakeven power price at {usd:.2} (power cost only)\n");
    println!(
        "  {:<22} {:>4} {:>7} {:>12} {:>8}",
        "miner", "year", "J/TH", "$/MWh", "c/kWh"
    );
    for name in MINERS {
        let miner = catalog::asic(name)?;
        let breakeven = breakeven_power_price(usd, miner.efficiency())?;
        println!(
            "  {:<22} {:>4} {:>7.1} {:>12.2} {:>8.2}",
            miner.model(),
            miner.release().year_number(),
            miner.efficiency().get(unit::JOULE_PER_TERAHASH),
            breakeven.to_f64(),
            breakeven.to_f64() / 10.0,
        );
    }

    // 3. History: the same formula, once a quarter since 2016. The subsidy
    //    comes from the height (halvings in 2016, 2020 and 2024), the
    //    difficulty from the epoch's consensus nBits, exactly.
    println!("\nHashprice on the first day of each quarter (embedded table)\n");
    println!("  (difficulty in T; subsidy and fees in BTC per block; price in $/BTC)\n");
    println!(
        "  {:<7} {:>10} {:>8} {:>9} {:>10} {:>12} {:>10}",
        "quarter", "difficulty", "subsidy", "fees", "BTC price", "BTC/PH/day", "$/PH/day"
    );
    let mut points = Vec::with_capacity(HISTORY.len());
    for (year, quarter, height, bits, cents, fee_sat) in HISTORY {
        let difficulty = Difficulty::from_compact(CompactTarget::from(bits))?;
        let state = NetworkState::at_height(
            difficulty,
            BlockHeight::new(height),
            Fees::per_block(Btc::from_sat(fee_sat))?,
        )?;
        let price = BtcPrice::new(Decimal::new(cents, 2))?;
        let usd = state.hashprice(price)?;
        println!(
            "  {year} Q{quarter} {:>10.3} {:>8} {:>9.4} {:>10.0} {:>12.6} {:>10.2}",
            difficulty.get() / 1e12,
            state.subsidy().to_btc().to_string(),
            Btc::from_sat(fee_sat).to_btc_f64(),
            price.to_f64(),
            state.btc_hashprice()?.to_f64(),
            usd.to_f64(),
        );
        let x = f64::from(year) + f64::from(quarter - 1) / 4.0;
        points.push((x, usd.to_f64()));
    }

    let path = chart_dir()?.join("hashprice_history.svg");
    let chart = Chart {
        y_scale: YScale::Log,
        ..Chart::new(
            "Hashprice on the first day of each quarter, 2016-2026",
            "year",
            "USD per PH/s per day (log scale)",
            XAxis::Years,
            "Source: difficulty, fees and BTC price from blockchain.com charts and block headers (shared/data/bitcoin); wattage-mining hashprice.",
        )
    };
    let line = Series {
        label: "hashprice (subsidy + fees)".into(),
        points,
    };
    chart.draw(&path, 500, &[line], &[])?;
    println!("\nchart: {}", path.display());
    Ok(())
}
