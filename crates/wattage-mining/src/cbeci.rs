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
//! ```
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

/// [`network_power`] for the machines of a hardware catalog, such as
/// [`wattage_hardware::catalog::asic_miners`].
///
/// # Errors
///
/// As [`network_power`].
///
/// ```
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

/// The mean of the last `window` daily hashprices (CBECI smooths over 14 days).
///
/// # Errors
///
/// [`Error::NotEnoughData`] if `window` is 0 or longer than the series;
/// [`Error::Money`] on overflow.
///
/// ```
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
