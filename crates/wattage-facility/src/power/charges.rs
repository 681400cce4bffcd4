//! What a site pays beyond energy, and what it is paid for flexibility:
//! demand charges, ERCOT's 4CP transmission tag, and demand response.
//!
//! - [`DemandCharge`]: dollars per kW of the month's peak demand.
//! - [`FourCp`]: ERCOT's four-coincident-peak transmission tag, the mean of
//!   a load's demand in the four summer system-peak 15-minute intervals;
//!   [`Transmission`] bills it.
//! - [`DemandResponse`]: a payment per MW committed to curtail, paid on
//!   availability (the load must be running to be available).

use alloc::vec::Vec;

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, MoneyError, Power, Usd, unit};

use crate::FacilityError;
use crate::price_series::Resolution;

/// A demand charge: dollars per kilowatt of the billing month's peak demand.
///
/// ```
/// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
/// use wattage_facility::power::DemandCharge;
/// use wattage_units::{Power, Usd, unit};
///
/// let charge = DemandCharge::per_kw_month("$8.50".parse()?)?;
/// let loads = [40.0, 49.5, 45.0].map(|mw| Power::new(mw, unit::MEGAWATT).unwrap());
/// assert_eq!(charge.for_loads(&loads)?.to_string(), "$420,750");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "crate::serde_impls::RawDemandCharge")
)]
pub struct DemandCharge {
    per_kw_month: Usd,
}

impl DemandCharge {
    /// A charge of `rate` dollars per kW of monthly peak.
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a negative rate.
    pub fn per_kw_month(rate: Usd) -> Result<Self, FacilityError> {
        if rate.is_negative() {
            return Err(MoneyError::Negative {
                what: "a demand charge per kW-month",
                value: rate.dollars(),
            }
            .into());
        }
        Ok(Self { per_kw_month: rate })
    }

    /// The rate in dollars per kW-month.
    #[must_use]
    pub const fn rate(self) -> Usd {
        self.per_kw_month
    }

    /// The month's charge for a peak demand of `peak`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite peak;
    /// [`FacilityError::Money`] when the charge overflows.
    pub fn charge(self, peak: Power) -> Result<Usd, FacilityError> {
        let peak = demand("peak demand", peak)?;
        let kilowatts = to_decimal("peak demand in kW", peak.get(unit::KILOWATT))?;
        Ok(self.per_kw_month.checked_mul(kilowatts)?)
    }

    /// The month's charge for the highest of `loads` (zero for none).
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for the first load that is negative
    /// or not finite (every load is checked, not only the highest); as for
    /// [`Self::charge`] otherwise.
    pub fn for_loads(self, loads: &[Power]) -> Result<Usd, FacilityError> {
        let mut peak = Power::ZERO;
        for &load in loads {
            peak = peak.max(demand("demand in the billing month", load)?);
        }
        self.charge(peak)
    }
}

/// `value` if it is a usable demand: finite and not negative (a negative
/// zero counts as zero).
fn demand(what: &'static str, value: Power) -> Result<Power, FacilityError> {
    let base = value.base_value();
    if base == 0.0 {
        Ok(Power::ZERO)
    } else if base.is_finite() && base > 0.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidPower {
            what,
            requirement: "finite and non-negative",
            value,
        })
    }
}

/// ERCOT's four-coincident-peak (4CP) transmission tag.
///
/// A load's transmission charge for the next year follows its demand in
/// the four 15-minute intervals of system peak demand, one in each of June,
/// July, August and September, averaged. Loads that curtail in those
/// intervals shrink their tag.
///
/// ```
/// // Needs wattage-facility, wattage-units, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::FourCp;
/// use wattage_units::{Power, unit};
///
/// // Interval starts, UTC (the peaks fall around 17:00 CDT = 22:00 UTC).
/// let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
///     .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap());
/// let four_cp = FourCp::new(peaks)?;
/// let mw = |v| Power::new(v, unit::MEGAWATT).unwrap();
/// // A 100 MW miner that curtailed in two of the four peaks.
/// let tag = four_cp.tag_from_loads([mw(0.0), mw(100.0), mw(0.0), mw(100.0)])?;
/// assert_eq!(tag.get(unit::MEGAWATT), 50.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::serde_impls::RawFourCp"))]
pub struct FourCp {
    intervals: [DateTime<Utc>; 4],
}

impl FourCp {
    /// The four system-peak intervals (starts, UTC), one in each of June,
    /// July, August and September (Central time) of one year, in any order.
    ///
    /// # Errors
    /// [`FacilityError::Misaligned`] for a start off the 15-minute grid;
    /// [`FacilityError::InvalidTerm`] unless the four fall one in each
    /// summer month of one year.
    pub fn new(mut intervals: [DateTime<Utc>; 4]) -> Result<Self, FacilityError> {
        intervals.sort();
        for at in intervals {
            if !Resolution::FifteenMinutes.is_aligned(at) {
                return Err(FacilityError::Misaligned {
                    at,
                    resolution: Resolution::FifteenMinutes.name(),
                });
            }
        }
        // Summer in Texas is daylight time, UTC-5.
        let central: Vec<(i32, u32)> = intervals
            .iter()
            .filter_map(|at| at.checked_sub_signed(TimeDelta::hours(5)))
            .map(|t| (t.year(), t.month()))
            .collect();
        let year = central.first().map_or(0, |&(year, _)| year);
        let one_each = central == [(year, 6), (year, 7), (year, 8), (year, 9)];
        if !one_each {
            return Err(FacilityError::InvalidTerm {
                what: "4CP intervals",
                value: alloc::format!(
                    "{:?} (need one in each of June, July, August and September of one year, Central time)",
                    intervals.map(|t| t.to_rfc3339())
                ),
            });
        }
        Ok(Self { intervals })
    }

    /// The four interval starts, in time order.
    #[must_use]
    pub const fn intervals(&self) -> [DateTime<Utc>; 4] {
        self.intervals
    }

    /// The tag from a load's demand in the four intervals, in time order:
    /// their mean.
    ///
    /// The mean is taken of quarters (`a/4 + b/4 + c/4 + d/4`), so it is
    /// finite for every four finite loads, however large.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite demand.
    pub fn tag_from_loads(&self, loads: [Power; 4]) -> Result<Power, FacilityError> {
        let mut tag = Power::ZERO;
        for load in loads {
            let quarter = demand("demand at a 4CP interval", load)? / 4.0;
            tag = tag.checked_add(quarter)?;
        }
        Ok(tag)
    }

    /// The tag of a load given as a function of time (for instance a
    /// simulation's demand), read at the four intervals.
    ///
    /// # Errors
    /// Whatever `demand_at` returns, and as for [`Self::tag_from_loads`].
    pub fn tag<F>(&self, mut demand_at: F) -> Result<Power, FacilityError>
    where
        F: FnMut(DateTime<Utc>) -> Result<Power, FacilityError>,
    {
        let [a, b, c, d] = self.intervals;
        self.tag_from_loads([demand_at(a)?, demand_at(b)?, demand_at(c)?, demand_at(d)?])
    }

    /// The next year's transmission charge for `tag` at `rate` dollars per
    /// kW-year.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite tag;
    /// [`FacilityError::Money`] for a negative rate, or when the charge
    /// overflows.
    pub fn annual_charge(tag: Power, rate_per_kw_year: Usd) -> Result<Usd, FacilityError> {
        let tag = demand("4CP tag", tag)?;
        if rate_per_kw_year.is_negative() {
            return Err(MoneyError::Negative {
                what: "a 4CP transmission rate per kW-year",
                value: rate_per_kw_year.dollars(),
            }
            .into());
        }
        let kilowatts = to_decimal("4CP tag in kW", tag.get(unit::KILOWATT))?;
        Ok(rate_per_kw_year.checked_mul(kilowatts)?)
    }
}

/// Payment for standing ready to curtail: `rate` per MW of committed
/// interruptible capacity per hour, paid on **availability**: on the
/// smaller of the commitment and the interruptible facility load that is
/// running in the period (and so could be called off). A load already
/// curtailed for price is not available and earns nothing for that period.
///
/// This follows ERCOT's Emergency Response Service (ERS): a resource is
/// paid for being available during its contracted ERS Time Periods, and
/// its payment is scaled by an availability factor measured from its
/// metered load in each interval (ERCOT Nodal Protocols §8.1.3.1, "ERS
/// Performance Criteria"; ERCOT, *Emergency Response Service Technical
/// Requirements & Scope of Work*; PUCT Substantive Rule §25.507). The
/// model simplifies: every period is a contracted period, availability is
/// measured per period against the commitment, and there are no
/// deployments, baselines or penalties.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct DemandResponse {
    /// Facility MW committed.
    pub committed: Power,
    /// Dollars per MW of commitment per hour, written as a $/MWh price.
    pub rate: EnergyPrice,
}

/// ERCOT's 4CP transmission charge, as its transmission tariffs apply it.
///
/// For each summer whose four [`FourCp`] intervals all lie inside the
/// horizon, the site's tag is its mean facility demand in them; the tag
/// sets the next calendar year's charge, `tag × rate_per_kw_year`, billed
/// one twelfth a month (to the cent, December taking the remainder) in
/// the first period of each month of that year inside the horizon. A
/// summer before the horizon, whose tag the model does not know, bills
/// nothing; so does a summer whose next year lies past the horizon.
///
/// Nobody knows the peaks in advance, so loads are not switched off at
/// them; `avoidance`, if any, is the policy decided before the fact (on a
/// forecast) that switches interruptible loads off.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Transmission {
    /// The realised system-peak intervals, one [`FourCp`] per summer.
    pub peaks: Vec<FourCp>,
    /// Dollars per kW of tag per year.
    pub rate_per_kw_year: Usd,
    /// The avoidance policy interruptible loads follow, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub avoidance: Option<crate::power::FourCpAvoidance>,
}
