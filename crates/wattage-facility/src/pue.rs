//! Power usage effectiveness: facility power over IT power.

use alloc::vec::Vec;

use chrono::{DateTime, TimeDelta, Utc};
use wattage_units::Power;

use crate::FacilityError;
use crate::price_series::Resolution;

/// Power usage effectiveness (PUE) = facility power / IT power, at least 1.
///
/// Either one figure for all hours or an hourly series (cooling load
/// follows the weather). Typical values (domain brief, section 7): Uptime
/// Institute's global average about 1.55-1.58, hyperscalers about
/// 1.09-1.10, direct-to-chip liquid about 1.05-1.15, immersion 1.02-1.05.
///
/// ```
/// // Needs wattage-facility, wattage-units, chrono (in the wattage facade: wattage::facility, wattage::units, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::pue::Pue;
/// use wattage_units::{Power, unit};
///
/// let start = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
/// let it = Power::new(100.0, unit::MEGAWATT)?;
/// let air = Pue::constant(1.25)?;
/// assert_eq!(air.facility_power(it, start)?.get(unit::MEGAWATT), 125.0);
///
/// let summer = Pue::hourly(start, vec![1.10, 1.20, 1.30])?;
/// assert_eq!(summer.at(start + chrono::TimeDelta::minutes(90))?, 1.20);
/// assert_eq!(summer.peak(), 1.30);
/// assert!(Pue::constant(0.95).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(transparent))]
pub struct Pue(Kind);

#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", try_from = "crate::serde_impls::RawPue")
)]
pub(crate) enum Kind {
    Constant(f64),
    Hourly {
        start: DateTime<Utc>,
        values: Vec<f64>,
    },
}

fn check(value: f64) -> Result<f64, FacilityError> {
    if value.is_finite() && value >= 1.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidPue { value })
    }
}

impl Pue {
    /// One PUE for every hour.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPue`] unless `value` is finite and at least 1.
    pub fn constant(value: f64) -> Result<Self, FacilityError> {
        Ok(Self(Kind::Constant(check(value)?)))
    }

    /// An hourly PUE series, the first hour starting at `start`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPue`] for the first value below 1 or not
    /// finite; [`FacilityError::EmptySeries`] for no values;
    /// [`FacilityError::Misaligned`] unless `start` is on the hour.
    pub fn hourly(start: DateTime<Utc>, values: Vec<f64>) -> Result<Self, FacilityError> {
        if values.is_empty() {
            return Err(FacilityError::EmptySeries { start });
        }
        if !Resolution::Hourly.is_aligned(start) {
            return Err(FacilityError::Misaligned {
                at: start,
                resolution: Resolution::Hourly.name(),
            });
        }
        for &value in &values {
            check(value)?;
        }
        Ok(Self(Kind::Hourly { start, values }))
    }

    /// The PUE in force at `at`.
    ///
    /// # Errors
    /// [`FacilityError::OutsideSeries`] when an hourly PUE does not cover `at`.
    pub fn at(&self, at: DateTime<Utc>) -> Result<f64, FacilityError> {
        match &self.0 {
            Kind::Constant(value) => Ok(*value),
            Kind::Hourly { start, values } => {
                let hours = at
                    .signed_duration_since(*start)
                    .num_seconds()
                    .div_euclid(3600);
                usize::try_from(hours)
                    .ok()
                    .and_then(|index| values.get(index))
                    .copied()
                    .ok_or_else(|| FacilityError::OutsideSeries {
                        at,
                        start: *start,
                        end: i64::try_from(values.len())
                            .ok()
                            .and_then(TimeDelta::try_hours)
                            .and_then(|span| start.checked_add_signed(span))
                            .unwrap_or(DateTime::<Utc>::MAX_UTC),
                    })
            }
        }
    }

    /// The representation, for deserialization.
    #[cfg(feature = "serde")]
    pub(crate) fn into_kind(self) -> Kind {
        self.0
    }

    /// The value of a constant PUE (`None` for an hourly series).
    #[must_use]
    pub const fn constant_value(&self) -> Option<f64> {
        match &self.0 {
            Kind::Constant(value) => Some(*value),
            Kind::Hourly { .. } => None,
        }
    }

    /// The highest PUE: what sizing against an interconnect must allow for.
    #[must_use]
    pub fn peak(&self) -> f64 {
        match &self.0 {
            Kind::Constant(value) => *value,
            Kind::Hourly { values, .. } => values.iter().copied().fold(1.0, f64::max),
        }
    }

    /// Facility power drawn for IT load `it` at time `at`: `it × PUE`.
    ///
    /// # Errors
    /// As for [`Self::at`].
    pub fn facility_power(&self, it: Power, at: DateTime<Utc>) -> Result<Power, FacilityError> {
        Ok(it * self.at(at)?)
    }

    /// The IT power a gross (facility) power supports at peak PUE: `gross / peak`.
    #[must_use]
    pub fn it_power(&self, gross: Power) -> Power {
        gross / self.peak()
    }
}
