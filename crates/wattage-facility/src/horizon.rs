//! The span a site simulation covers: a start, a resolution and a number
//! of periods.

use alloc::format;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;

use crate::FacilityError;
use crate::price_series::Resolution;

/// A run of `periods` intervals of `resolution`, the first starting at
/// `start` (UTC, on the grid).
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::horizon::Horizon;
/// use wattage_facility::price_series::Resolution;
///
/// let year = Horizon::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), Resolution::Hourly, 8760)?;
/// assert_eq!(year.end(), Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
/// assert_eq!(year.years(), 8760.0 / 8766.0);
/// assert!(Horizon::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 30, 0).unwrap(), Resolution::Hourly, 1).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawHorizon"))]
pub struct Horizon {
    start: DateTime<Utc>,
    resolution: Resolution,
    periods: usize,
}

/// The longest horizon accepted: 100 years of 15-minute periods.
pub const MAX_PERIODS: usize = 100 * 366 * 96;

/// Hours in the average (Julian) year, 365.25 days: the year of
/// "per MW-year" figures.
pub const HOURS_PER_YEAR: f64 = 8766.0;

impl Horizon {
    /// A horizon of `periods` periods of `resolution` from `start`.
    ///
    /// # Errors
    /// [`FacilityError::Misaligned`] for a start off the grid;
    /// [`FacilityError::InvalidTerm`] for zero or more than
    /// [`MAX_PERIODS`] periods, or an end past chrono's range.
    pub fn new(
        start: DateTime<Utc>,
        resolution: Resolution,
        periods: usize,
    ) -> Result<Self, FacilityError> {
        if !resolution.is_aligned(start) {
            return Err(FacilityError::Misaligned {
                at: start,
                resolution: resolution.name(),
            });
        }
        if periods == 0 || periods > MAX_PERIODS {
            return Err(FacilityError::InvalidTerm {
                what: "number of simulated periods",
                value: format!("{periods} (1 to {MAX_PERIODS})"),
            });
        }
        let horizon = Self {
            start,
            resolution,
            periods,
        };
        if horizon.checked_start_of(periods).is_none() {
            return Err(FacilityError::InvalidTerm {
                what: "horizon end",
                value: format!("{periods} {} periods from {start}", resolution.name()),
            });
        }
        Ok(horizon)
    }

    /// Whole calendar years from `start`: as many periods as fit from
    /// `start` to the same date `years` later (8,760 or 8,784 hours a year).
    ///
    /// # Errors
    /// As for [`Self::new`]; [`FacilityError::InvalidTerm`] for an end past
    /// chrono's range.
    pub fn calendar_years(
        start: DateTime<Utc>,
        resolution: Resolution,
        years: u32,
    ) -> Result<Self, FacilityError> {
        let end = years
            .checked_mul(12)
            .and_then(|months| start.checked_add_months(chrono::Months::new(months)))
            .ok_or_else(|| FacilityError::InvalidTerm {
                what: "horizon in years",
                value: format!("{years} years from {start}"),
            })?;
        let seconds = end.signed_duration_since(start).num_seconds() / resolution.seconds();
        Self::new(start, resolution, usize::try_from(seconds).unwrap_or(0))
    }

    /// The horizon of a price series: its start, resolution and length,
    /// so that a run covers every price it was given.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::horizon::Horizon;
    /// use wattage_facility::price_series::{PriceSeries, Resolution};
    ///
    /// let start = Utc.with_ymd_and_hms(2024, 1, 1, 6, 0, 0).unwrap();
    /// let prices = PriceSeries::new(start, Resolution::Hourly, vec!["$40/MWh".parse()?; 24])?;
    /// assert_eq!(Horizon::covering(&prices)?, Horizon::new(start, Resolution::Hourly, 24)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As for [`Self::new`]: an empty series, or one longer than
    /// [`MAX_PERIODS`].
    pub fn covering(prices: &crate::price_series::PriceSeries) -> Result<Self, FacilityError> {
        Self::new(prices.start(), prices.resolution(), prices.len())
    }

    /// Start of the first period.
    #[must_use]
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// Period length.
    #[must_use]
    pub const fn resolution(&self) -> Resolution {
        self.resolution
    }

    /// Number of periods.
    #[must_use]
    pub const fn periods(&self) -> usize {
        self.periods
    }

    /// End of the last period.
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        self.checked_start_of(self.periods)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// Hours in one period, exactly (0.25 or 1).
    #[must_use]
    pub const fn period_hours(&self) -> Decimal {
        self.resolution.hours()
    }

    /// The horizon's length in 365.25-day years.
    #[must_use]
    pub fn years(&self) -> f64 {
        let hours = match self.resolution {
            Resolution::FifteenMinutes => 0.25,
            Resolution::Hourly => 1.0,
        };
        #[allow(
            clippy::cast_precision_loss,
            reason = "periods are at most MAX_PERIODS, far below 2^52"
        )]
        let periods = self.periods as f64;
        periods * hours / HOURS_PER_YEAR
    }

    /// Start of period `index` (`index == periods()` gives the end).
    #[must_use]
    pub fn checked_start_of(&self, index: usize) -> Option<DateTime<Utc>> {
        let index = i64::try_from(index).ok()?;
        let seconds = index.checked_mul(self.resolution.seconds())?;
        self.start
            .checked_add_signed(TimeDelta::try_seconds(seconds)?)
    }

    /// The index of the first period starting at or after `at`, clamped to
    /// `0..=periods()`.
    #[must_use]
    pub fn index_at_or_after(&self, at: DateTime<Utc>) -> usize {
        let seconds = at.signed_duration_since(self.start).num_seconds();
        if seconds <= 0 {
            return 0;
        }
        let step = self.resolution.seconds();
        let index = seconds.div_euclid(step) + i64::from(seconds.rem_euclid(step) != 0);
        usize::try_from(index).map_or(self.periods, |i| i.min(self.periods))
    }

    /// The index of the period containing `at`, if the horizon covers it.
    #[must_use]
    pub fn index_containing(&self, at: DateTime<Utc>) -> Option<usize> {
        let seconds = at.signed_duration_since(self.start).num_seconds();
        if seconds < 0 {
            return None;
        }
        usize::try_from(seconds.div_euclid(self.resolution.seconds()))
            .ok()
            .filter(|&i| i < self.periods)
    }
}

/// [`Horizon`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHorizon {
    start: DateTime<Utc>,
    resolution: Resolution,
    periods: usize,
}

#[cfg(feature = "serde")]
impl TryFrom<RawHorizon> for Horizon {
    type Error = FacilityError;

    fn try_from(raw: RawHorizon) -> Result<Self, FacilityError> {
        Self::new(raw.start, raw.resolution, raw.periods)
    }
}
