//! Avoiding ERCOT's 4CP tag the way an operator can: on a forecast.
//!
//! The four coincident peaks are known only after the summer. An operator
//! curtails on a forecast of system load, in advance: when the forecast
//! crosses a threshold, or when an interval is among the month's `k`
//! highest forecast intervals, June to September. The realised peaks
//! ([`FourCp`]) then set the tag the policy achieved.

use alloc::vec::Vec;

use chrono::{DateTime, Datelike, TimeDelta, Utc};

use crate::FacilityError;
use crate::horizon::Horizon;
use crate::power::FourCp;
use crate::price_series::Resolution;

/// A series of ERCOT system load (MW), one value per interval from
/// `start`: a forecast an avoidance policy acts on, or the actual load
/// the realised peaks are read from ([`FourCp::from_system_load`]).
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::SystemLoad;
/// use wattage_facility::price_series::Resolution;
///
/// let start = Utc.with_ymd_and_hms(2023, 8, 10, 20, 0, 0).unwrap();
/// let load = SystemLoad::new(start, Resolution::Hourly, vec![83_000.0, 85_464.1, 84_100.0])?;
/// assert_eq!(load.len(), 3);
/// assert!(SystemLoad::new(start, Resolution::Hourly, vec![f64::NAN]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "SystemLoadSpec", deny_unknown_fields)
)]
pub struct SystemLoad {
    start: DateTime<Utc>,
    resolution: Resolution,
    mw: Vec<f64>,
}

/// [`SystemLoad`] as configured, by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SystemLoadSpec {
    /// Start of the first interval, UTC.
    pub start: DateTime<Utc>,
    /// The intervals' length.
    pub resolution: Resolution,
    /// System load of each interval, MW.
    pub mw: Vec<f64>,
}

impl TryFrom<SystemLoadSpec> for SystemLoad {
    type Error = FacilityError;

    fn try_from(spec: SystemLoadSpec) -> Result<Self, FacilityError> {
        Self::new(spec.start, spec.resolution, spec.mw)
    }
}

impl SystemLoad {
    /// A series of `mw` from `start`.
    ///
    /// # Errors
    /// [`FacilityError::EmptySeries`] for no values;
    /// [`FacilityError::Misaligned`] for a start off the grid;
    /// [`FacilityError::InvalidSystemLoad`] for the first negative or
    /// non-finite value.
    pub fn new(
        start: DateTime<Utc>,
        resolution: Resolution,
        mw: Vec<f64>,
    ) -> Result<Self, FacilityError> {
        if mw.is_empty() {
            return Err(FacilityError::EmptySeries { start });
        }
        if !resolution.is_aligned(start) {
            return Err(FacilityError::Misaligned {
                at: start,
                resolution: resolution.name(),
            });
        }
        if let Some((index, &value)) = mw
            .iter()
            .enumerate()
            .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
        {
            return Err(FacilityError::InvalidSystemLoad { index, value });
        }
        Ok(Self {
            start,
            resolution,
            mw,
        })
    }

    /// Number of intervals.
    #[must_use]
    pub fn len(&self) -> usize {
        self.mw.len()
    }

    /// Whether there are none (never: a series has at least one).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.mw.is_empty()
    }

    /// Start of the first interval, UTC.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::power::SystemLoad;
    /// use wattage_facility::price_series::Resolution;
    ///
    /// let start = Utc.with_ymd_and_hms(2023, 8, 10, 22, 0, 0).unwrap();
    /// let load = SystemLoad::new(start, Resolution::Hourly, vec![85_464.1])?;
    /// assert_eq!(load.start(), start);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// The intervals' length.
    #[must_use]
    pub const fn resolution(&self) -> Resolution {
        self.resolution
    }

    /// The loads, MW.
    #[must_use]
    pub fn mw(&self) -> &[f64] {
        &self.mw
    }

    /// Start of interval `i` (`None` past chrono's range).
    fn start_of(&self, i: usize) -> Option<DateTime<Utc>> {
        let seconds = i64::try_from(i)
            .ok()?
            .checked_mul(self.resolution.seconds())?;
        self.start.checked_add_signed(TimeDelta::seconds(seconds))
    }

    /// Indices of the intervals of each summer month (Central daylight
    /// time, UTC−5, as [`FourCp`] reads them), keyed `(year, month)`.
    fn summer_months(&self) -> Vec<((i32, u32), Vec<usize>)> {
        let mut out: Vec<((i32, u32), Vec<usize>)> = Vec::new();
        for i in 0..self.mw.len() {
            let Some(central) = self
                .start_of(i)
                .and_then(|t| t.checked_sub_signed(TimeDelta::hours(5)))
            else {
                continue;
            };
            let key = (central.year(), central.month());
            if !(6..=9).contains(&key.1) {
                continue;
            }
            match out.last_mut() {
                Some((k, v)) if *k == key => v.push(i),
                _ => out.push((key, alloc::vec![i])),
            }
        }
        out
    }

    /// The `k` highest intervals of `indices`, highest first; among equal
    /// loads the earlier first.
    fn top(&self, indices: &[usize], k: usize) -> Vec<usize> {
        let mut ranked = indices.to_vec();
        ranked.sort_by(|&a, &b| {
            let (x, y) = (self.mw.get(a), self.mw.get(b));
            y.partial_cmp(&x)
                .unwrap_or(core::cmp::Ordering::Equal)
                .then(a.cmp(&b))
        });
        ranked.truncate(k);
        ranked
    }
}

impl FourCp {
    /// The realised 4CP intervals of `year` in an actual `load` series:
    /// the highest interval of each of June, July, August and September
    /// (Central daylight time; the earliest of equal loads).
    ///
    /// ERCOT reads the 15-minute settlement intervals (report NP9-83-M);
    /// from an hourly series this finds the peak hour, where the 4CP
    /// interval most likely falls.
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] unless `load` covers some of each
    /// of the four months of `year`.
    pub fn from_system_load(load: &SystemLoad, year: i32) -> Result<Self, FacilityError> {
        let mut peaks = Vec::new();
        for ((y, _), indices) in load.summer_months() {
            if y == year {
                if let Some(&i) = load.top(&indices, 1).first() {
                    peaks.extend(load.start_of(i));
                }
            }
        }
        let intervals: [DateTime<Utc>; 4] =
            peaks.try_into().map_err(|_| FacilityError::InvalidTerm {
                what: "system load for 4CP",
                value: alloc::format!("no load in each of June to September {year}"),
            })?;
        Self::new(intervals)
    }
}

/// When a [`FourCpAvoidance`] policy curtails, read on its forecast,
/// June to September only.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
pub enum AvoidanceTrigger {
    /// In every interval whose forecast is at least this many MW.
    AboveMw(f64),
    /// In the `k` highest forecast intervals of each summer month.
    MonthTopK(u32),
}

/// A 4CP avoidance policy decided before the fact: interruptible loads
/// switch off in the periods a forecast of system load flags (see
/// [`AvoidanceTrigger`]), and the realised peaks of
/// [`Transmission`](crate::power::Transmission) set the tag achieved.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::{AvoidanceTrigger, FourCpAvoidance, SystemLoad};
/// use wattage_facility::price_series::Resolution;
///
/// let start = Utc.with_ymd_and_hms(2023, 6, 1, 5, 0, 0).unwrap();
/// let forecast = SystemLoad::new(start, Resolution::Hourly, vec![70_000.0; 24])?;
/// let policy = FourCpAvoidance::new(forecast, AvoidanceTrigger::AboveMw(78_000.0))?;
/// assert!(FourCpAvoidance::new(policy.forecast().clone(), AvoidanceTrigger::MonthTopK(0)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "FourCpAvoidanceSpec", deny_unknown_fields)
)]
pub struct FourCpAvoidance {
    forecast: SystemLoad,
    trigger: AvoidanceTrigger,
}

/// [`FourCpAvoidance`] as configured, by name.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FourCpAvoidanceSpec {
    /// The forecast of system load the policy acts on.
    pub forecast: SystemLoad,
    /// When it curtails.
    pub trigger: AvoidanceTrigger,
}

impl TryFrom<FourCpAvoidanceSpec> for FourCpAvoidance {
    type Error = FacilityError;

    fn try_from(spec: FourCpAvoidanceSpec) -> Result<Self, FacilityError> {
        Self::new(spec.forecast, spec.trigger)
    }
}

impl FourCpAvoidance {
    /// A policy acting on `forecast`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for a threshold that is negative or
    /// not finite, or a top-k of zero.
    pub fn new(forecast: SystemLoad, trigger: AvoidanceTrigger) -> Result<Self, FacilityError> {
        let bad = match trigger {
            AvoidanceTrigger::AboveMw(mw) => !(mw.is_finite() && mw >= 0.0),
            AvoidanceTrigger::MonthTopK(k) => k == 0,
        };
        if bad {
            return Err(FacilityError::InvalidTerm {
                what: "4CP avoidance trigger",
                value: alloc::format!(
                    "{trigger:?} (a finite, non-negative MW or a top-k of 1 or more)"
                ),
            });
        }
        Ok(Self { forecast, trigger })
    }

    /// The forecast.
    #[must_use]
    pub const fn forecast(&self) -> &SystemLoad {
        &self.forecast
    }

    /// The trigger.
    #[must_use]
    pub const fn trigger(&self) -> AvoidanceTrigger {
        self.trigger
    }

    /// The forecast intervals the policy flags, in order.
    fn flagged_intervals(&self) -> Vec<usize> {
        let load = &self.forecast;
        let mut flagged: Vec<usize> = match self.trigger {
            AvoidanceTrigger::AboveMw(mw) => load
                .summer_months()
                .into_iter()
                .flat_map(|(_, v)| v)
                .filter(|&i| load.mw.get(i).is_some_and(|&v| v >= mw))
                .collect(),
            AvoidanceTrigger::MonthTopK(k) => load
                .summer_months()
                .into_iter()
                .flat_map(|(_, v)| load.top(&v, usize::try_from(k).unwrap_or(usize::MAX)))
                .collect(),
        };
        flagged.sort_unstable();
        flagged
    }

    /// The periods of `horizon` that overlap a flagged forecast interval.
    pub(crate) fn flagged_periods(&self, horizon: &Horizon) -> Vec<usize> {
        let step = self.forecast.resolution.seconds();
        let mut out = Vec::new();
        for i in self.flagged_intervals() {
            let Some(begin) = self.forecast.start_of(i) else {
                continue;
            };
            let last = begin.checked_add_signed(TimeDelta::seconds(step - 1));
            let first = horizon.index_containing(begin).or_else(|| {
                (begin < horizon.start() && last.is_some_and(|l| l >= horizon.start())).then_some(0)
            });
            let (Some(first), Some(last)) = (first, last) else {
                continue;
            };
            let end = horizon
                .index_containing(last)
                .unwrap_or(horizon.periods().saturating_sub(1));
            out.extend(first..=end);
        }
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn series(start: DateTime<Utc>, mw: &[f64]) -> SystemLoad {
        SystemLoad::new(start, Resolution::Hourly, mw.to_vec()).unwrap()
    }

    #[test]
    fn only_summer_intervals_are_flagged() {
        // 2026-05-31 23:00 to 2026-06-01 02:00 CDT: the first hour is May.
        let start = Utc.with_ymd_and_hms(2026, 6, 1, 4, 0, 0).unwrap();
        let load = series(start, &[90_000.0, 90_000.0, 10.0, 90_000.0]);
        let above =
            FourCpAvoidance::new(load.clone(), AvoidanceTrigger::AboveMw(80_000.0)).unwrap();
        assert_eq!(above.flagged_intervals(), [1, 3]);
        let top = FourCpAvoidance::new(load, AvoidanceTrigger::MonthTopK(2)).unwrap();
        assert_eq!(top.flagged_intervals(), [1, 3]);
    }

    #[test]
    fn an_hourly_flag_covers_the_four_quarters_it_overlaps() {
        let start = Utc.with_ymd_and_hms(2026, 7, 1, 5, 0, 0).unwrap();
        let policy = FourCpAvoidance::new(
            series(start, &[1.0, 5.0, 2.0]),
            AvoidanceTrigger::MonthTopK(1),
        )
        .unwrap();
        let quarters = Horizon::new(start, Resolution::FifteenMinutes, 12).unwrap();
        assert_eq!(policy.flagged_periods(&quarters), [4, 5, 6, 7]);
        // A horizon starting inside the flagged hour, and one after it.
        let late = Horizon::new(
            start + TimeDelta::minutes(90),
            Resolution::FifteenMinutes,
            4,
        )
        .unwrap();
        assert_eq!(policy.flagged_periods(&late), [0, 1]);
        let after = Horizon::new(start + TimeDelta::hours(2), Resolution::Hourly, 1).unwrap();
        assert!(policy.flagged_periods(&after).is_empty());
    }

    #[test]
    fn ties_go_to_the_earlier_interval_for_peaks_and_policy_alike() {
        let start = Utc.with_ymd_and_hms(2026, 6, 1, 5, 0, 0).unwrap();
        let load = series(start, &[3.0, 7.0, 7.0]);
        assert_eq!(load.top(&[0, 1, 2], 1), [1]);
        assert!(FourCp::from_system_load(&load, 2026).is_err()); // June only
        assert!(SystemLoad::new(start, Resolution::Hourly, alloc::vec![-1.0]).is_err());
        assert!(FourCpAvoidance::new(load, AvoidanceTrigger::AboveMw(f64::INFINITY)).is_err());
    }
}
