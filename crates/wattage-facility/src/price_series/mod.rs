//! Timestamped energy prices on a regular 15-minute or hourly grid.
//!
//! A [`PriceSeries`] is a contiguous run of intervals: a start (UTC, on the
//! grid), a [`Resolution`] and one [`EnergyPrice`] per interval. Because it
//! is contiguous by construction, a series that exists has no gaps, no
//! duplicates and no disorder; building one from timestamped rows
//! ([`PriceSeries::from_points`], or the ERCOT readers in
//! [`iso::ercot`]) reports the first row that breaks the grid, by number,
//! and never fills a gap silently: a [`GapPolicy`] fills gaps by a stated
//! rule only when asked, and reports every interval it filled.
//!
//! Times are UTC inside; the ERCOT readers convert Central prevailing time
//! (`America/Chicago`, with its DST changes) on the way in, by
//! [`local_to_utc`] on a zone named in the tz database ([`Tz`]), so another
//! market's clock is one zone name. Every timestamp is the **start** of
//! its interval.
//!
//! ```
//! // Needs wattage-facility, wattage-units, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::chrono).
//! use chrono::{TimeZone, Utc};
//! use wattage_facility::price_series::{PriceSeries, Resolution};
//! use wattage_units::EnergyPrice;
//!
//! let start = Utc.with_ymd_and_hms(2021, 2, 16, 6, 0, 0).unwrap();
//! let prices = ["$9000/MWh", "$9000/MWh", "$8800/MWh", "$9000/MWh"]
//!     .iter()
//!     .map(|p| p.parse::<EnergyPrice>())
//!     .collect::<Result<Vec<_>, _>>()?;
//! let quarter_hours = PriceSeries::new(start, Resolution::FifteenMinutes, prices)?;
//! let hourly = quarter_hours.to_hourly()?;
//! assert_eq!(hourly.len(), 1);
//! assert_eq!(hourly.prices()[0].to_string(), "$8,950/MWh");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub(crate) mod blocks;
mod gaps;
#[cfg(feature = "std")]
#[cfg_attr(docsrs, doc(cfg(feature = "std")))]
pub mod iso;
mod local_time;
mod shared;

pub(crate) use blocks::Extremes;
pub use chrono_tz::Tz;
pub use gaps::{Filled, GapPolicy, GapReport};
pub(crate) use local_time::first_instant_at;
pub use local_time::local_to_utc;
pub(crate) use shared::SharedPrices;

use alloc::vec::Vec;
use core::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, MoneyError};

use crate::FacilityError;

/// The length of each interval of a [`PriceSeries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Resolution {
    /// 15-minute intervals, as ERCOT settles real time.
    FifteenMinutes,
    /// Hourly intervals.
    Hourly,
}

impl Resolution {
    /// The interval length in seconds.
    #[must_use]
    pub const fn seconds(self) -> i64 {
        match self {
            Self::FifteenMinutes => 900,
            Self::Hourly => 3600,
        }
    }

    /// The interval length.
    #[must_use]
    pub const fn step(self) -> TimeDelta {
        match self {
            Self::FifteenMinutes => TimeDelta::minutes(15),
            Self::Hourly => TimeDelta::hours(1),
        }
    }

    /// The interval length in hours (0.25 or 1), exactly, for energy sums.
    #[must_use]
    pub const fn hours(self) -> Decimal {
        match self {
            Self::FifteenMinutes => Decimal::from_parts(25, 0, 0, false, 2),
            Self::Hourly => Decimal::ONE,
        }
    }

    /// The name used in messages ("15-minute", "hourly").
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::FifteenMinutes => "15-minute",
            Self::Hourly => "hourly",
        }
    }

    /// Whether `at` falls on a boundary of this grid (whole seconds, a
    /// multiple of the step since the Unix epoch).
    #[must_use]
    pub fn is_aligned(self, at: DateTime<Utc>) -> bool {
        at.timestamp_subsec_nanos() == 0 && at.timestamp().rem_euclid(self.seconds()) == 0
    }
}

impl fmt::Display for Resolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One interval of a series: its start and its price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PricePoint {
    /// Start of the interval, UTC.
    pub start: DateTime<Utc>,
    /// Price over the interval.
    pub price: EnergyPrice,
}

/// A contiguous run of energy prices on a 15-minute or hourly grid.
///
/// Invariants, checked by every constructor: at least one price, the start
/// on the grid, and the end representable.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "crate::serde_impls::RawSeries"))]
pub struct PriceSeries {
    start: DateTime<Utc>,
    resolution: Resolution,
    prices: SharedPrices,
}

/// `start + index × step`, if representable.
fn offset(start: DateTime<Utc>, resolution: Resolution, index: usize) -> Option<DateTime<Utc>> {
    let index = i64::try_from(index).ok()?;
    let seconds = index.checked_mul(resolution.seconds())?;
    start.checked_add_signed(TimeDelta::try_seconds(seconds)?)
}

impl PriceSeries {
    /// A series of `prices` at `resolution`, the first interval starting at `start`.
    ///
    /// # Errors
    /// [`FacilityError::EmptySeries`] for no prices,
    /// [`FacilityError::Misaligned`] when `start` is not on the grid, and
    /// [`FacilityError::OutsideSeries`] when the end is not representable.
    pub fn new(
        start: DateTime<Utc>,
        resolution: Resolution,
        prices: Vec<EnergyPrice>,
    ) -> Result<Self, FacilityError> {
        if prices.is_empty() {
            return Err(FacilityError::EmptySeries { start });
        }
        if !resolution.is_aligned(start) {
            return Err(FacilityError::Misaligned {
                at: start,
                resolution: resolution.name(),
            });
        }
        if offset(start, resolution, prices.len()).is_none() {
            return Err(FacilityError::OutsideSeries {
                at: start,
                start,
                end: DateTime::<Utc>::MAX_UTC,
            });
        }
        Ok(Self {
            start,
            resolution,
            prices: SharedPrices::new(prices),
        })
    }

    /// A series from timestamped points, which must follow each other on
    /// the grid with no gap, repeat or step back. Errors name the point by
    /// its 1-based position.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::{FacilityError, price_series::{PricePoint, PriceSeries, Resolution}};
    ///
    /// let price = "$30/MWh".parse()?;
    /// let at = |m| Utc.with_ymd_and_hms(2024, 7, 1, 0, m, 0).unwrap();
    /// let points = [0, 15, 45].map(|m| PricePoint { start: at(m), price });
    /// let err = PriceSeries::from_points(Resolution::FifteenMinutes, points).unwrap_err();
    /// assert_eq!(err, FacilityError::Gap { line: 3, expected: at(30), found: at(45) });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::Gap`], [`FacilityError::Duplicate`],
    /// [`FacilityError::OutOfOrder`] or [`FacilityError::MisalignedRow`] for
    /// the first offending point; [`FacilityError::EmptySeries`] (dated at
    /// the Unix epoch) for no points.
    pub fn from_points<I: IntoIterator<Item = PricePoint>>(
        resolution: Resolution,
        points: I,
    ) -> Result<Self, FacilityError> {
        Self::from_points_with(resolution, points, GapPolicy::Refuse).map(|(series, _)| series)
    }

    /// [`Self::from_points`], with missing intervals treated by `gaps`
    /// (refused, filled forward, interpolated or given a stated price) and
    /// a report of every interval filled.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::price_series::{GapPolicy, PricePoint, PriceSeries, Resolution};
    ///
    /// let at = |m| Utc.with_ymd_and_hms(2021, 2, 15, 6, m, 0).unwrap();
    /// let points = [(0, "$30/MWh"), (45, "$60/MWh")].map(|(m, p)| PricePoint { start: at(m), price: p.parse().unwrap() });
    /// let (series, report) = PriceSeries::from_points_with(Resolution::FifteenMinutes, points, GapPolicy::Interpolate)?;
    /// assert_eq!(series.len(), 4);
    /// assert_eq!(report.len(), 2); // 06:15 and 06:30, filled
    /// assert_eq!(series.prices()[1].to_string(), "$40/MWh");
    /// assert_eq!(report.filled[1].start, at(30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As for [`Self::from_points`]; a gap only under [`GapPolicy::Refuse`]
    /// (or one whose filling would pass [`crate::horizon::MAX_PERIODS`]).
    pub fn from_points_with<I: IntoIterator<Item = PricePoint>>(
        resolution: Resolution,
        points: I,
        gaps: GapPolicy,
    ) -> Result<(Self, GapReport), FacilityError> {
        let mut builder = SeriesBuilder::with_policy(resolution, gaps);
        for (row, point) in (1_u64..).zip(points) {
            builder.push(row, point.start, point.price)?;
        }
        builder.finish_with_report()
    }

    /// The interval length.
    #[must_use]
    pub const fn resolution(&self) -> Resolution {
        self.resolution
    }

    /// Start of the first interval.
    #[must_use]
    pub const fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// End of the last interval (exclusive).
    #[must_use]
    pub fn end(&self) -> DateTime<Utc> {
        self.start_of(self.prices.len())
    }

    /// Number of intervals.
    #[must_use]
    pub fn len(&self) -> usize {
        self.prices.len()
    }

    /// Always `false`: a series has at least one interval.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.prices.is_empty()
    }

    /// The prices, one per interval, in time order.
    #[must_use]
    pub fn prices(&self) -> &[EnergyPrice] {
        &self.prices
    }

    /// The prices, shared (for reading a window in place).
    pub(crate) const fn shared(&self) -> &SharedPrices {
        &self.prices
    }

    /// Start of interval `index` (of `end()` when `index == len()`).
    #[must_use]
    pub fn start_of(&self, index: usize) -> DateTime<Utc> {
        // Every index up to len() is representable: `new` checked the end.
        offset(self.start, self.resolution, index).unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The intervals as points, in time order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = PricePoint> + '_ {
        self.prices
            .iter()
            .enumerate()
            .map(|(index, &price)| PricePoint {
                start: self.start_of(index),
                price,
            })
    }

    /// The index of the interval containing `at`.
    ///
    /// # Errors
    /// [`FacilityError::OutsideSeries`] when `at` is before the start or at
    /// or after the end.
    pub fn index_of(&self, at: DateTime<Utc>) -> Result<usize, FacilityError> {
        let outside = || FacilityError::OutsideSeries {
            at,
            start: self.start,
            end: self.end(),
        };
        let elapsed = at.signed_duration_since(self.start);
        if elapsed < TimeDelta::zero() {
            return Err(outside());
        }
        let index = usize::try_from(elapsed.num_seconds() / self.resolution.seconds())
            .map_err(|_| outside())?;
        if index >= self.prices.len() {
            return Err(outside());
        }
        Ok(index)
    }

    /// The price of the interval containing `at`.
    ///
    /// # Errors
    /// [`FacilityError::OutsideSeries`] as for [`Self::index_of`].
    pub fn price_at(&self, at: DateTime<Utc>) -> Result<EnergyPrice, FacilityError> {
        let index = self.index_of(at)?;
        self.prices
            .get(index)
            .copied()
            .ok_or(FacilityError::OutsideSeries {
                at,
                start: self.start,
                end: self.end(),
            })
    }

    /// The time-weighted mean price (every interval has the same length).
    ///
    /// # Errors
    /// [`FacilityError::Money`] when the sum overflows.
    pub fn mean(&self) -> Result<EnergyPrice, FacilityError> {
        mean_of(&self.prices)
    }

    /// The highest price.
    #[must_use]
    pub fn max(&self) -> EnergyPrice {
        // A series is never empty (checked by every constructor).
        self.prices.iter().copied().fold(self.prices[0], Ord::max)
    }

    /// The lowest price.
    #[must_use]
    pub fn min(&self) -> EnergyPrice {
        // A series is never empty (checked by every constructor).
        self.prices.iter().copied().fold(self.prices[0], Ord::min)
    }

    /// How many intervals are priced at `threshold` or above.
    #[must_use]
    pub fn count_at_or_above(&self, threshold: EnergyPrice) -> usize {
        self.prices.iter().filter(|&&p| p >= threshold).count()
    }

    /// Appends `next`, which must start where this series ends, at the same
    /// resolution (for instance the next quarter's file).
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::price_series::{PriceSeries, Resolution};
    ///
    /// let p = "$25/MWh".parse()?;
    /// let at = |h| Utc.with_ymd_and_hms(2023, 3, 31, h, 0, 0).unwrap();
    /// let mut q1 = PriceSeries::new(at(3), Resolution::Hourly, vec![p, p])?;
    /// q1.append(&PriceSeries::new(at(5), Resolution::Hourly, vec![p])?)?;
    /// assert_eq!(q1.len(), 3);
    /// assert!(q1.append(&PriceSeries::new(at(9), Resolution::Hourly, vec![p])?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::NotContiguous`] unless `next` starts exactly at
    /// [`Self::end`]; [`FacilityError::ResolutionMismatch`] for a
    /// different resolution. On error `self` is unchanged.
    pub fn append(&mut self, next: &Self) -> Result<(), FacilityError> {
        if next.resolution != self.resolution {
            return Err(FacilityError::ResolutionMismatch {
                expected: self.resolution.name(),
                found: next.resolution.name(),
            });
        }
        let expected = self.end();
        if next.start != expected {
            return Err(FacilityError::NotContiguous {
                expected,
                found: next.start,
            });
        }
        if offset(
            self.start,
            self.resolution,
            self.prices.len() + next.prices.len(),
        )
        .is_none()
        {
            return Err(FacilityError::OutsideSeries {
                at: next.end(),
                start: self.start,
                end: DateTime::<Utc>::MAX_UTC,
            });
        }
        self.prices.extend_from_slice(&next.prices);
        Ok(())
    }

    /// Hourly means of a 15-minute series (an hourly series is returned as is).
    ///
    /// # Errors
    /// [`FacilityError::IncompleteHour`] unless the series starts on the
    /// hour and holds whole hours; [`FacilityError::Money`] on overflow.
    pub fn to_hourly(&self) -> Result<Self, FacilityError> {
        match self.resolution {
            Resolution::Hourly => Ok(self.clone()),
            Resolution::FifteenMinutes => {
                let incomplete = FacilityError::IncompleteHour {
                    start: self.start,
                    intervals: self.prices.len(),
                };
                if !Resolution::Hourly.is_aligned(self.start) || self.prices.len() % 4 != 0 {
                    return Err(incomplete);
                }
                let hourly = self
                    .prices
                    .chunks_exact(4)
                    .map(mean_of)
                    .collect::<Result<Vec<_>, _>>()?;
                Self::new(self.start, Resolution::Hourly, hourly)
            }
        }
    }

    /// A 15-minute series from an hourly one, each hour's price holding for
    /// its four quarter hours (a 15-minute series is returned as is).
    #[must_use]
    pub fn to_fifteen_minute(&self) -> Self {
        match self.resolution {
            Resolution::FifteenMinutes => self.clone(),
            Resolution::Hourly => Self {
                start: self.start,
                resolution: Resolution::FifteenMinutes,
                prices: SharedPrices::new(
                    self.prices
                        .iter()
                        .flat_map(|&p| core::iter::repeat_n(p, 4))
                        .collect(),
                ),
            },
        }
    }
}

/// Mean of a non-empty slice of prices, exact up to `Decimal` division.
fn mean_of(prices: &[EnergyPrice]) -> Result<EnergyPrice, FacilityError> {
    let mut sum = Decimal::ZERO;
    for price in prices {
        sum = sum.checked_add(price.value()).ok_or(MoneyError::Overflow {
            operation: "sum of prices",
        })?;
    }
    let count = Decimal::from(prices.len());
    if count.is_zero() {
        return Err(MoneyError::DivisionByZero {
            operation: "mean of no prices",
        }
        .into());
    }
    let mean = sum.checked_div(count).ok_or(MoneyError::Overflow {
        operation: "mean price",
    })?;
    Ok(EnergyPrice::new(mean.normalize())?)
}

/// Builds a series row by row, rejecting the first row that breaks the grid.
#[derive(Debug)]
pub(crate) struct SeriesBuilder {
    resolution: Resolution,
    start: Option<DateTime<Utc>>,
    previous: Option<DateTime<Utc>>,
    prices: Vec<EnergyPrice>,
    policy: GapPolicy,
    report: GapReport,
}

impl SeriesBuilder {
    pub(crate) const fn with_policy(resolution: Resolution, policy: GapPolicy) -> Self {
        Self {
            resolution,
            start: None,
            previous: None,
            prices: Vec::new(),
            policy,
            report: GapReport { filled: Vec::new() },
        }
    }

    /// Fills the intervals from `expected` to before `at` by the policy,
    /// or returns the gap error.
    fn fill_gap(
        &mut self,
        line: u64,
        expected: DateTime<Utc>,
        at: DateTime<Utc>,
        price: EnergyPrice,
    ) -> Result<(), FacilityError> {
        let gap = FacilityError::Gap {
            line,
            expected,
            found: at,
        };
        let step = self.resolution.seconds();
        let missing = u64::try_from(at.signed_duration_since(expected).num_seconds() / step)
            .map_err(|_| gap.clone())?;
        let before = *self.prices.last().ok_or_else(|| gap.clone())?;
        if self.policy == GapPolicy::Refuse
            || missing > crate::horizon::MAX_PERIODS as u64
            || self.prices.len() as u64 + missing > crate::horizon::MAX_PERIODS as u64
        {
            return Err(gap);
        }
        let mut start = expected;
        for k in 1..=missing {
            let Some(filled) = self.policy.fill(before, price, k, missing)? else {
                return Err(gap);
            };
            self.prices.push(filled);
            self.report.filled.push(Filled {
                start,
                price: filled,
                before_row: line,
            });
            start = start
                .checked_add_signed(self.resolution.step())
                .ok_or_else(|| gap.clone())?;
        }
        Ok(())
    }

    /// Appends the interval starting `at`, read from row `line`.
    pub(crate) fn push(
        &mut self,
        line: u64,
        at: DateTime<Utc>,
        price: EnergyPrice,
    ) -> Result<(), FacilityError> {
        if !self.resolution.is_aligned(at) {
            return Err(FacilityError::MisalignedRow {
                line,
                at,
                resolution: self.resolution.name(),
            });
        }
        if let Some(previous) = self.previous {
            let expected =
                previous
                    .checked_add_signed(self.resolution.step())
                    .ok_or(FacilityError::Gap {
                        line,
                        expected: DateTime::<Utc>::MAX_UTC,
                        found: at,
                    })?;
            if at == previous {
                return Err(FacilityError::Duplicate { line, at });
            }
            if at < previous {
                return Err(FacilityError::OutOfOrder {
                    line,
                    found: at,
                    previous,
                });
            }
            if at != expected {
                self.fill_gap(line, expected, at, price)?;
            }
        } else {
            self.start = Some(at);
        }
        self.previous = Some(at);
        self.prices.push(price);
        Ok(())
    }

    /// Whether no row has been pushed.
    #[cfg_attr(not(feature = "std"), allow(dead_code))]
    pub(crate) const fn is_empty(&self) -> bool {
        self.start.is_none()
    }

    pub(crate) fn finish_with_report(self) -> Result<(PriceSeries, GapReport), FacilityError> {
        let start = self.start.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        let series = PriceSeries::new(start, self.resolution, self.prices)?;
        Ok((series, self.report))
    }
}
