//! Network power and energy by the Cambridge Bitcoin Electricity
//! Consumption Index (CBECI) method.
//!
//! ```text
//! profitable machine : efficiency [J/TH] x electricity price <= revenue per hash
//!                      i.e. efficiency <= breakeven efficiency (crate::costs)
//! lower bound        : network hashrate x most efficient profitable machine  x PUE 1.01
//! best guess         : network hashrate x mean of the profitable machines     x PUE 1.10
//! upper bound        : network hashrate x least efficient profitable machine x PUE 1.20
//! annual energy      : power x 8,766 h (a 365.25-day year)
//! ```
//!
//! CBECI uses $0.05/kWh by default and smooths the revenue over 14 days
//! ([`trailing_mean_hashprice`]). CCAF's 2025 report puts 2024 at about
//! 138 TWh with a fleet average of 28.2 J/TH.
//!
//! **Which CCAF method.** This is CCAF's original CBECI method (the one in
//! use until the revision of 31 August 2023, "Bitcoin electricity
//! consumption: an improved assessment"): every profitable hardware model
//! released in the past five years counts equally. [`network_power_on`]
//! applies that window for a date: only machines released by the date
//! asked, and not more than five years before it. The 2023 revision weights
//! models by their shipments instead, which this crate does not have; it
//! lowered 2021 from 104 TWh to 89.0 TWh and 2022 from 105.3 TWh to
//! 95.5 TWh (CCAF's figures as reported by CoinMarketCap Academy,
//! "Cambridge University's updated Bitcoin electricity consumption index
//! reveals lower energy consumption", and cryptonewday.com, September 2023).
//! [`annual_energy_from_history`] reproduces annual figures from the
//! shipped history; the book's "Forecasting the network" states the error
//! against each.
//!
//! ```
//! // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
//! use wattage_mining::cbeci::{network_power, CBECI_DEFAULT_PRICE};
//! use wattage_units::{HashEfficiency, unit};
//!
//! let fleet: Vec<HashEfficiency> = [15.0, 21.5, 29.5, 34.0, 98.0]
//!     .into_iter()
//!     .map(|j| HashEfficiency::new(j, unit::JOULE_PER_TERAHASH))
//!     .collect::<Result<_, _>>()?;
//! let est = network_power("600 EH/s".parse()?, &fleet, "$50/PH/day".parse()?, CBECI_DEFAULT_PRICE.parse()?)?;
//! // $50/PH/day at $50/MWh breaks even at 41.7 J/TH: the S9 (98 J/TH) is out.
//! assert_eq!(est.profitable, 4);
//! assert_eq!(format!("{:.2}", est.power.lower.display_in(unit::GIGAWATT)), "9.09 GW");
//! assert_eq!(format!("{:.1}", est.annual_energy()?.best.display_in(unit::TERAWATT_HOUR)), "144.6 TWh");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_hardware::AsicMiner;
use wattage_units::{Energy, EnergyPrice, HashEfficiency, Hashprice, Hashrate, Power, Time, unit};

use crate::costs::breakeven_efficiency;
use crate::{Error, Result};

/// CBECI's default electricity price, $0.05/kWh.
pub const CBECI_DEFAULT_PRICE: &str = "$50/MWh";

/// The PUE CBECI applies to the lower bound.
pub const PUE_LOWER: f64 = 1.01;
/// The PUE CBECI applies to the best guess.
pub const PUE_BEST: f64 = 1.10;
/// The PUE CBECI applies to the upper bound.
pub const PUE_UPPER: f64 = 1.20;
/// Hours in CBECI's year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 8_766.0;

/// A lower bound, best guess and upper bound.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Bounds<T> {
    /// The lower bound.
    pub lower: T,
    /// The best guess.
    pub best: T,
    /// The upper bound.
    pub upper: T,
}

/// A CBECI estimate of the network's power draw.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CbeciEstimate {
    /// Network power: lower bound, best guess, upper bound.
    pub power: Bounds<Power>,
    /// The least efficient machine that is still profitable.
    pub threshold: HashEfficiency,
    /// How many of the machines are profitable.
    pub profitable: usize,
}

impl CbeciEstimate {
    /// Annual energy at this power for 8,766 hours.
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] if a value is not a valid energy.
    pub fn annual_energy(&self) -> Result<Bounds<Energy>> {
        let year = Time::new(HOURS_PER_YEAR, unit::HOUR)?;
        Ok(Bounds {
            lower: self.power.lower.checked_mul(year)?,
            best: self.power.best.checked_mul(year)?,
            upper: self.power.upper.checked_mul(year)?,
        })
    }
}

/// Estimates network power from its hashrate, the efficiencies of a
/// hardware catalog (one entry per model), the revenue per hash and the
/// electricity price.
///
/// # Errors
///
/// - [`Error::NotEnoughData`] if no machine is profitable (or the list is empty);
/// - [`Error::NotPositive`] for a zero or negative electricity price (every
///   machine is profitable; the method needs a positive price);
/// - [`Error::InvalidHashrate`] for a network hashrate that is not finite
///   and positive, or so large that the power it draws is not finite
///   (`1e308 H/s` of machines at 10 J/H);
/// - [`Error::Quantity`] or [`Error::Money`] on invalid values.
pub fn network_power(
    network: Hashrate,
    efficiencies: &[HashEfficiency],
    revenue: Hashprice,
    electricity: EnergyPrice,
) -> Result<CbeciEstimate> {
    let threshold = breakeven_efficiency(revenue, electricity)?;
    let limit = threshold.get(unit::JOULE_PER_TERAHASH);
    let profitable = efficiencies
        .iter()
        .map(|e| e.get(unit::JOULE_PER_TERAHASH))
        .filter(|j| *j > 0.0 && *j <= limit);
    let (mut count, mut sum, mut min, mut max) = (0usize, 0.0f64, f64::INFINITY, 0.0f64);
    for j in profitable {
        count += 1;
        sum += j;
        min = min.min(j);
        max = max.max(j);
    }
    if count == 0 {
        return Err(Error::NotEnoughData {
            what: "a CBECI estimate (profitable machines)",
            needed: 1,
            got: 0,
        });
    }
    let mean = sum / count as f64;
    let hs = network.get(unit::HASH_PER_SECOND);
    if !(hs.is_finite() && hs > 0.0) {
        return Err(Error::InvalidHashrate { value: hs });
    }
    let power = |j_th: f64, pue: f64| -> Result<Power> {
        let efficiency = HashEfficiency::new(j_th * pue, unit::JOULE_PER_TERAHASH)?;
        network
            .checked_mul(efficiency)
            .map_err(|_| Error::InvalidHashrate { value: hs })
    };
    Ok(CbeciEstimate {
        power: Bounds {
            lower: power(min, PUE_LOWER)?,
            best: power(mean, PUE_BEST)?,
            upper: power(max, PUE_UPPER)?,
        },
        threshold,
        profitable: count,
    })
}

/// [`network_power`] for every machine of a hardware catalog, such as
/// [`wattage_hardware::catalog::asic_miners`], whatever its release date:
/// for a past date use [`network_power_on`], which counts only the
/// machines released by then (with the whole 2026 catalog, 2022-07-01 at
/// 210 EH/s and $95/PH/day comes out 68% low in the lower bound and 44%
/// low in the best guess).
///
/// # Errors
///
/// As [`network_power`].
///
/// ```
/// // Needs wattage-mining, wattage-hardware (in the wattage facade: wattage::mining, wattage::hardware).
/// use wattage_hardware::catalog;
/// use wattage_mining::cbeci::network_power_from_catalog;
///
/// let est = network_power_from_catalog(
///     "650 EH/s".parse()?,
///     catalog::asic_miners(),
///     "$50/PH/day".parse()?,
///     "$50/MWh".parse()?,
/// )?;
/// assert!(est.power.lower < est.power.best && est.power.best < est.power.upper);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn network_power_from_catalog(
    network: Hashrate,
    miners: &[AsicMiner],
    revenue: Hashprice,
    electricity: EnergyPrice,
) -> Result<CbeciEstimate> {
    let efficiencies: Vec<HashEfficiency> = miners.iter().map(AsicMiner::efficiency).collect();
    network_power(network, &efficiencies, revenue, electricity)
}

/// [`network_power`] for the machines of `miners` on offer on `date` by
/// CCAF's original rule: released by `date` and at most five years before
/// it (a release known only by year counts from mid-year, one known by
/// month from mid-month).
///
/// # Errors
///
/// [`Error::NoMachineOnOffer`] with the date if no machine qualifies; as
/// [`network_power`].
///
/// ```
/// // Needs wattage-mining, wattage-hardware, chrono (in the wattage facade: wattage::mining, wattage::hardware, wattage::chrono).
/// use chrono::NaiveDate;
/// use wattage_hardware::catalog;
/// use wattage_mining::cbeci::{network_power_on, network_power_from_catalog};
///
/// let date = NaiveDate::from_ymd_opt(2022, 7, 1).unwrap();
/// let (network, revenue, power) = ("200 EH/s".parse()?, "$90/PH/day".parse()?, "$50/MWh".parse()?);
/// let dated = network_power_on(date, network, catalog::asic_miners(), revenue, power)?;
/// let undated = network_power_from_catalog(network, catalog::asic_miners(), revenue, power)?;
/// // 2025-26 machines are not counted for 2022: the bounds rise.
/// assert!(dated.power.lower > undated.power.lower && dated.power.best > undated.power.best);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn network_power_on(
    date: chrono::NaiveDate,
    network: Hashrate,
    miners: &[AsicMiner],
    revenue: Hashprice,
    electricity: EnergyPrice,
) -> Result<CbeciEstimate> {
    let year = crate::network_response::fractional_year(date);
    let efficiencies: Vec<HashEfficiency> = miners
        .iter()
        .filter(|m| {
            let released = m.release().as_fractional_year();
            released <= year && released >= year - 5.0
        })
        .map(AsicMiner::efficiency)
        .collect();
    if efficiencies.is_empty() {
        return Err(Error::NoMachineOnOffer { date });
    }
    network_power(network, &efficiencies, revenue, electricity)
}

/// Annual energy of `year` from the shipped [`crate::history`]: the mean
/// of [`network_power_on`] at the 12 month starts (hashrate implied by the
/// difficulty in force, hashprice from the month-start price and the
/// month's mean fees per block), times 8,766 h. Months in which no machine
/// is profitable count as zero power.
///
/// # Errors
///
/// [`Error::PastHistory`] or [`Error::BeforeGenesis`] for a year outside
/// the history (2011 to 2025); [`Error::NoMachineOnOffer`] if `miners` has
/// none for a month; as [`network_power`].
///
/// ```
/// // Needs wattage-mining, wattage-hardware, wattage-units (in the wattage facade: wattage::mining, wattage::hardware, wattage::units).
/// use wattage_mining::cbeci::{annual_energy_from_history, CBECI_DEFAULT_PRICE};
/// use wattage_units::unit;
///
/// let e = annual_energy_from_history(2022, wattage_hardware::catalog::asic_miners(), CBECI_DEFAULT_PRICE.parse()?)?;
/// let twh = e.best.get(unit::TERAWATT_HOUR);
/// assert!(twh > 60.0 && twh < 160.0, "{twh}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn annual_energy_from_history(
    year: i32,
    miners: &[AsicMiner],
    electricity: EnergyPrice,
) -> Result<Bounds<Energy>> {
    use crate::hashprice::{Fees, NetworkState};
    let months = crate::history::months()?;
    let (mut lower, mut best, mut upper) = (0.0f64, 0.0f64, 0.0f64);
    for m in 1..=12u32 {
        let date = chrono::NaiveDate::from_ymd_opt(year, m, 1).ok_or(Error::DateOutOfRange {
            what: "a month of the year",
        })?;
        let record = months
            .iter()
            .find(|r| r.month == date)
            .ok_or(Error::PastHistory {
                date,
                last: crate::history::last_date(),
            })?;
        let difficulty = crate::history::difficulty_on(date)?;
        let state = NetworkState::new(
            difficulty,
            crate::history::subsidy_on(date)?,
            Fees::per_block(record.fees_per_block)?,
        )?;
        let revenue = state.hashprice(record.price)?;
        match network_power_on(
            date,
            state.implied_hashrate()?,
            miners,
            revenue,
            electricity,
        ) {
            Ok(est) => {
                lower += est.power.lower.get(unit::WATT);
                best += est.power.best.get(unit::WATT);
                upper += est.power.upper.get(unit::WATT);
            }
            Err(Error::NotEnoughData { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    let energy = |watts: f64| -> Result<Energy> {
        Ok(Energy::new(watts / 12.0 * HOURS_PER_YEAR, unit::WATT_HOUR)?)
    };
    Ok(Bounds {
        lower: energy(lower)?,
        best: energy(best)?,
        upper: energy(upper)?,
    })
}

/// The mean of the last `window` daily hashprices (CBECI smooths over 14 days).
///
/// # Errors
///
/// [`Error::NotEnoughData`] if `window` is 0 or longer than the series;
/// [`Error::Money`] on overflow.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// use wattage_mining::cbeci::trailing_mean_hashprice;
/// use wattage_units::Hashprice;
///
/// let days: Vec<Hashprice> = ["$40/PH/day", "$50/PH/day", "$60/PH/day"]
///     .iter().map(|s| s.parse()).collect::<Result<_, _>>()?;
/// assert_eq!(trailing_mean_hashprice(&days, 2)?.to_string(), "$55/PH/day");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn trailing_mean_hashprice(series: &[Hashprice], window: usize) -> Result<Hashprice> {
    if window == 0 || window > series.len() {
        return Err(Error::NotEnoughData {
            what: "a trailing mean hashprice",
            needed: window.max(1),
            got: series.len(),
        });
    }
    let tail = series.get(series.len() - window..).unwrap_or(&[]);
    let sum = tail
        .iter()
        .try_fold(Decimal::ZERO, |s, h| s.checked_add(h.value()));
    let sum = sum.ok_or(Error::Overflow {
        what: "hashprice sum",
    })?;
    let n = Decimal::from(u64::try_from(window).map_err(|_| Error::Overflow { what: "window" })?);
    let mean = sum.checked_div(n).ok_or(Error::Overflow {
        what: "mean hashprice",
    })?;
    Ok(Hashprice::new(mean)?)
}
