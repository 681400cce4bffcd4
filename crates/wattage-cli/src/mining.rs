//! `hashprice`, `breakeven` and `revenue`: the mining arithmetic of
//! `wattage::mining`, one row each.

use clap::Args;
use serde::Serialize;
use wattage::chrono::{Datelike, NaiveDate};
use wattage::mining::costs::{breakeven_power_price, revenue_per_mwh};
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::history;
use wattage::mining::subsidy::block_subsidy;
use wattage::prelude::*;
use wattage::rust_decimal::Decimal;

use crate::args;
use crate::error::{CliError, Result};
use crate::output::Section;

/// Fees per block: a share of the total reward ("0.55%") or an amount ("0.03 BTC").
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeeArg(Fees);

/// Parses `--fees`: a percentage is a share of the total reward (subsidy +
/// fees), as Hashrate Index reports it; a BTC amount is fees per block.
fn fees(text: &str) -> Result<FeeArg, String> {
    if text.trim().ends_with('%') {
        let share = Share::new(args::percent(text)?).map_err(|e| e.to_string())?;
        return Fees::share_of_reward(share)
            .map(FeeArg)
            .map_err(|e| e.to_string());
    }
    let amount: Btc = text.parse().map_err(|e| {
        format!("fees {text:?} are neither a percentage (\"0.55%\") nor a BTC amount (\"0.03 BTC\"): {e}")
    })?;
    Fees::per_block(amount)
        .map(FeeArg)
        .map_err(|e| e.to_string())
}

/// Parses `--btc-price`: a price ("$91,132/BTC") or a plain number of dollars ("91132").
fn btc_price(text: &str) -> Result<BtcPrice, String> {
    let trimmed = text.trim();
    // "-5" reads as "-$5/BTC", so that the library says why it is refused.
    let (sign, digits) = trimmed
        .strip_prefix('-')
        .map_or(("", trimmed), |rest| ("-", rest));
    if !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return format!("{sign}${digits}/BTC")
            .parse()
            .map_err(|e: wattage::units::ParseError| e.to_string());
    }
    trimmed.parse().map_err(|e: wattage::units::ParseError| {
        format!("BTC price {text:?}: {e} (write \"$91,132/BTC\" or \"91132\")")
    })
}

/// Arguments of `wattage hashprice`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  wattage hashprice --difficulty 148.26T --fees 0.55% --btc-price 91132
  wattage hashprice --difficulty 148.26T --fees \"0.02 BTC\" --btc-price '$91,132/BTC' --height 930000
  wattage hashprice --difficulty 148.26T --btc-price 91132 --format json
  wattage hashprice --date 2024-04-20
  wattage hashprice --date 2022-11-09 --btc-price 16000")]
pub(crate) struct HashpriceArgs {
    /// Network difficulty, with an optional SI suffix: 148.26T = 148.26 × 10^12
    /// (default with --date: the difficulty in force at 00:00 UTC that day).
    #[arg(long, value_parser = args::difficulty, required_unless_present = "date", allow_negative_numbers = true)]
    difficulty: Option<f64>,
    /// Fees: a share of the total block reward ("0.55%") or BTC per block
    /// ("0.03 BTC") (default: 0%, or with --date the month's mean fees per block).
    #[arg(long, value_parser = fees, allow_hyphen_values = true)]
    fees: Option<FeeArg>,
    /// Bitcoin price: "$91,132/BTC" or plain dollars "91132" (default with
    /// --date: the price on the first day of that month).
    #[arg(long, value_parser = btc_price, required_unless_present = "date", allow_negative_numbers = true)]
    btc_price: Option<BtcPrice>,
    /// Block height whose mainnet subsidy to use (the default is the
    /// current epoch's 3.125 BTC, heights 840,000 to 1,049,999, or with
    /// --date the subsidy in force at 00:00 UTC that day).
    #[arg(long, conflicts_with = "subsidy", allow_negative_numbers = true)]
    height: Option<u32>,
    /// Block subsidy, instead of --height.
    #[arg(long, value_parser = args::unit::<Btc>, allow_hyphen_values = true)]
    subsidy: Option<Btc>,
    /// A date (YYYY-MM-DD) from genesis to the shipped history's end:
    /// difficulty, subsidy, fees and price from the history that ships
    /// with the library (`wattage::mining::history`), each overridden by
    /// its own flag.
    #[arg(long, value_parser = date)]
    date: Option<NaiveDate>,
}

/// Parses `--date`.
fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|e| format!("date {text:?}: {e} (write YYYY-MM-DD)"))
}

/// The network on `a`'s flags, or from the shipped history on its date.
fn network_inputs(a: &HashpriceArgs) -> Result<(Difficulty, Btc, Fees, BtcPrice)> {
    let month = match a.date {
        Some(day) => {
            let first = day.with_day(1).unwrap_or(day);
            let months = history::months().map_err(|e| mining_error("history", e))?;
            months.into_iter().find(|m| m.month == first)
        }
        None => None,
    };
    let difficulty = match (a.difficulty, a.date) {
        (Some(d), _) => Difficulty::new(d).map_err(|e| mining_error("difficulty", e))?,
        (None, Some(day)) => history::difficulty_on(day).map_err(|e| mining_error("history", e))?,
        (None, None) => return Err(mining_error("difficulty", "give --difficulty or --date")),
    };
    let subsidy = match (a.height, a.subsidy, a.date) {
        (Some(h), _, _) => block_subsidy(BlockHeight::new(h)),
        (None, Some(s), _) => s,
        (None, None, Some(day)) => {
            history::subsidy_on(day).map_err(|e| mining_error("history", e))?
        }
        (None, None, None) => Btc::from_sat(312_500_000),
    };
    let fees = match (&a.fees, &month) {
        (Some(f), _) => f.0,
        (None, Some(m)) => {
            Fees::per_block(m.fees_per_block).map_err(|e| mining_error("fees", e))?
        }
        (None, None) => Fees::share_of_reward(Share::ZERO).map_err(|e| mining_error("fees", e))?,
    };
    let price = match (a.btc_price, &month) {
        (Some(p), _) => p,
        (None, Some(m)) => m.price,
        (None, None) => {
            return Err(mining_error(
                "BTC price",
                "no shipped price for that month; give --btc-price",
            ));
        }
    };
    Ok((difficulty, subsidy, fees, price))
}

/// One hashprice.
#[derive(Debug, Serialize)]
struct HashpriceRow {
    difficulty: f64,
    implied_hashrate_ehs: Decimal,
    subsidy_btc: Decimal,
    fees_btc_per_block: Decimal,
    reward_btc_per_block: Decimal,
    btc_price_usd: Decimal,
    usd_per_ph_day: Decimal,
    usd_per_th_day: Decimal,
    btc_per_ph_day: Decimal,
    btc_per_th_day: Decimal,
}

fn mining_error(what: &str, e: impl std::fmt::Display) -> CliError {
    CliError::input(
        format!("{what}: {e}"),
        "check the values of the flags against `wattage <command> --help`",
    )
}

fn dec(what: &str, value: f64) -> Result<Decimal> {
    wattage::units::money::to_decimal("value", value).map_err(|e| mining_error(what, e))
}

/// Runs `wattage hashprice`.
///
/// # Errors
///
/// Bad input when the network state or hashprice cannot be formed.
pub(crate) fn hashprice(a: &HashpriceArgs) -> Result<Vec<Section>> {
    let (difficulty, subsidy, fees, btc_price) = network_inputs(a)?;
    let state =
        NetworkState::new(difficulty, subsidy, fees).map_err(|e| mining_error("network", e))?;
    let usd = state
        .hashprice(btc_price)
        .map_err(|e| mining_error("hashprice", e))?;
    let btc = state
        .btc_hashprice()
        .map_err(|e| mining_error("hashprice", e))?;
    let reward = state
        .reward_per_block_btc()
        .map_err(|e| mining_error("block reward", e))?;
    let hashrate = state
        .implied_hashrate()
        .map_err(|e| mining_error("hashrate", e))?;
    let row = HashpriceRow {
        difficulty: difficulty.get(),
        implied_hashrate_ehs: dec("hashrate", hashrate.get(unit::EXAHASH_PER_SECOND))?.round_dp(2),
        subsidy_btc: subsidy.to_btc(),
        // normalize: no fees read "0", not "0.000" (the scale of the subtraction).
        fees_btc_per_block: (reward - subsidy.to_btc()).round_dp(8).normalize(),
        reward_btc_per_block: reward.round_dp(8),
        btc_price_usd: btc_price.value(),
        usd_per_ph_day: usd.value().round_dp(2),
        usd_per_th_day: usd.per_terahash_day().round_dp(5),
        btc_per_ph_day: btc.value().round_dp(8),
        btc_per_th_day: btc.per_terahash_day().round_dp(11),
    };
    Ok(vec![Section::new("hashprice", &[row])?])
}

/// Arguments of `wattage breakeven` and `wattage revenue`.
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  wattage breakeven --efficiency \"17.5 J/TH\" --hashprice '$54.3/PH/day'
  wattage breakeven --efficiency \"17.5 J/TH\" --hashprice '$54.3/PH/day' --pue 1.1 --pool-fee 2%
  wattage revenue --efficiency \"13.5 J/TH\" --hashprice '$45/PH/day' --format csv")]
pub(crate) struct BreakevenArgs {
    /// Miner efficiency at the wall (the machine's own draw), e.g. "17.5 J/TH".
    #[arg(long, value_parser = args::unit::<HashEfficiency>, allow_hyphen_values = true)]
    efficiency: HashEfficiency,
    /// Hashprice before pool fees, e.g. "$54.3/PH/day".
    #[arg(long, value_parser = args::unit::<Hashprice>, allow_hyphen_values = true)]
    hashprice: Hashprice,
    /// Power usage effectiveness of the site: meter energy / miner energy.
    #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
    pue: f64,
    /// Pool fee, taken from the hashprice: "2%".
    #[arg(long, default_value = "0%", value_parser = args::percent, allow_hyphen_values = true)]
    pool_fee: Decimal,
}

/// Breakeven power prices.
#[derive(Debug, Serialize)]
struct BreakevenRow {
    efficiency_j_per_th: f64,
    hashprice_usd_per_ph_day: Decimal,
    pool_fee: Decimal,
    pue: f64,
    net_hashprice_usd_per_ph_day: Decimal,
    breakeven_usd_per_mwh_at_wall: Decimal,
    breakeven_usd_per_mwh_at_meter: Decimal,
}

/// Revenue per MWh.
#[derive(Debug, Serialize)]
struct RevenueRow {
    efficiency_j_per_th: f64,
    hashprice_usd_per_ph_day: Decimal,
    pool_fee: Decimal,
    pue: f64,
    net_hashprice_usd_per_ph_day: Decimal,
    revenue_usd_per_mwh_at_wall: Decimal,
    revenue_usd_per_mwh_at_meter: Decimal,
}

/// The figures both commands share: net hashprice, and the `$/MWh` at
/// the wall and at the meter.
fn per_mwh(a: &BreakevenArgs) -> Result<(Decimal, Decimal, Decimal)> {
    if !(a.pue.is_finite() && a.pue >= 1.0) {
        return Err(CliError::input(
            format!("--pue {} must be a finite number of at least 1", a.pue),
            "PUE is facility energy over IT energy: 1.0 for none, 1.1 for 10% overhead",
        ));
    }
    if a.pool_fee.is_sign_negative() || a.pool_fee >= Decimal::ONE {
        return Err(CliError::input(
            format!(
                "--pool-fee {}% must be at least 0% and below 100%",
                a.pool_fee * Decimal::ONE_HUNDRED
            ),
            "write the pool fee as a percentage, e.g. 2%",
        ));
    }
    let net = a
        .hashprice
        .checked_scale(Decimal::ONE - a.pool_fee)
        .map_err(|e| mining_error("net hashprice", e))?;
    let wall = revenue_per_mwh(net, a.efficiency).map_err(|e| mining_error("at the wall", e))?;
    let meter = breakeven_power_price(net, a.efficiency * a.pue)
        .map_err(|e| mining_error("at the meter", e))?;
    Ok((
        net.value().round_dp(4),
        wall.dollars().round_dp(2),
        meter.value().round_dp(2),
    ))
}

/// Runs `wattage breakeven`.
///
/// # Errors
///
/// Bad input for a PUE below 1, a pool fee outside [0, 100%), a zero efficiency.
pub(crate) fn breakeven(a: &BreakevenArgs) -> Result<Vec<Section>> {
    let (net, wall, meter) = per_mwh(a)?;
    let row = BreakevenRow {
        efficiency_j_per_th: a.efficiency.get(unit::JOULE_PER_TERAHASH),
        hashprice_usd_per_ph_day: a.hashprice.value(),
        pool_fee: a.pool_fee,
        pue: a.pue,
        net_hashprice_usd_per_ph_day: net,
        breakeven_usd_per_mwh_at_wall: wall,
        breakeven_usd_per_mwh_at_meter: meter,
    };
    Ok(vec![Section::new("breakeven", &[row])?])
}

/// Runs `wattage revenue`.
///
/// # Errors
///
/// As [`breakeven`].
pub(crate) fn revenue(a: &BreakevenArgs) -> Result<Vec<Section>> {
    let (net, wall, meter) = per_mwh(a)?;
    let row = RevenueRow {
        efficiency_j_per_th: a.efficiency.get(unit::JOULE_PER_TERAHASH),
        hashprice_usd_per_ph_day: a.hashprice.value(),
        pool_fee: a.pool_fee,
        pue: a.pue,
        net_hashprice_usd_per_ph_day: net,
        revenue_usd_per_mwh_at_wall: wall,
        revenue_usd_per_mwh_at_meter: meter,
    };
    Ok(vec![Section::new("revenue", &[row])?])
}
