//! How a new GPU cloud fills up and how its price falls: a utilization
//! ramp after commissioning and a $/GPU-hour declining year by year to a
//! floor, or along a path of prices the user gives ([`GpuPriceStep`],
//! [`crate::workload::GpuCloud::with_price_path`]).
//!
//! A [`CloudRamp`] set on a `workload::GpuCloud`
//! ([`crate::workload::GpuCloud::with_ramp`]) makes its revenue a step per
//! day, read by both evaluators from the same schedule. The ramp is
//! linear and the decline a fixed percentage per year since commissioning:
//! a simplification of a market where prices move with each new
//! generation of chips (the H100's fell from over $7 to about $2.95 a
//! GPU-hour between early 2024 and May 2026).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::GpuHourPrice;

use crate::FacilityError;
use crate::lease::escalation;
use crate::rent_terms::last_begun;

/// The terms of a [`CloudRamp`], by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct CloudRampSpec {
    /// The day the cloud enters service: no revenue and no load before it.
    pub commissioned: NaiveDate,
    /// Utilization in the first month, 0 to the cloud's steady utilization.
    pub initial_utilization: Decimal,
    /// Months to reach the steady utilization (0: at once).
    pub ramp_months: u32,
    /// Fall of the $/GPU-hour each year since commissioning, a fraction
    /// from 0 (flat) to below 1 (`0.25` is 25 % a year).
    pub annual_price_decline: Decimal,
    /// The price never falls below this.
    pub price_floor: GpuHourPrice,
}

/// A validated [`CloudRampSpec`].
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::cloud_ramp::{CloudRamp, CloudRampSpec};
///
/// let ramp = CloudRamp::new(CloudRampSpec {
///     commissioned: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
///     initial_utilization: Decimal::new(2, 1), // 20 % in the first month
///     ramp_months: 6,
///     annual_price_decline: Decimal::new(2, 1), // 20 % a year
///     price_floor: "$1.50/GPU-h".parse()?,
/// })?;
/// let steady = Decimal::new(8, 1);
/// assert_eq!(ramp.utilization_in_month(3, steady), Decimal::new(5, 1)); // halfway
/// assert_eq!(ramp.utilization_in_month(9, steady), steady);
/// let price = "$3.00/GPU-h".parse()?;
/// assert_eq!(ramp.price_in_month(12, price)?.to_string(), "$2.4/GPU-h");
/// assert_eq!(ramp.price_in_month(60, price)?.to_string(), "$1.5/GPU-h"); // the floor
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "CloudRampSpec", into = "CloudRampSpec")
)]
pub struct CloudRamp {
    spec: CloudRampSpec,
}

/// The longest ramp accepted: 100 years of months.
const MAX_RAMP_MONTHS: u32 = 1200;

impl CloudRamp {
    /// The ramp on `spec`'s terms.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] for an initial utilization outside
    /// 0..=1 or a decline outside 0..1; [`FacilityError::InvalidTerm`] for
    /// a ramp longer than 1,200 months.
    pub fn new(spec: CloudRampSpec) -> Result<Self, FacilityError> {
        if spec.initial_utilization < Decimal::ZERO || spec.initial_utilization > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "initial GPU utilization",
                value: spec.initial_utilization,
            });
        }
        if spec.annual_price_decline < Decimal::ZERO || spec.annual_price_decline >= Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "annual GPU-hour price decline (below 1)",
                value: spec.annual_price_decline,
            });
        }
        if spec.ramp_months > MAX_RAMP_MONTHS {
            return Err(FacilityError::InvalidTerm {
                what: "utilization ramp in months",
                value: alloc::format!("{} (must be 0 to {MAX_RAMP_MONTHS})", spec.ramp_months),
            });
        }
        Ok(Self { spec })
    }

    /// The terms.
    #[must_use]
    pub const fn spec(&self) -> &CloudRampSpec {
        &self.spec
    }

    /// Utilization in month `month` since commissioning (0-based), rising
    /// in a straight line from the initial one to `steady` over the ramp.
    #[must_use]
    pub fn utilization_in_month(&self, month: u32, steady: Decimal) -> Decimal {
        let CloudRampSpec {
            initial_utilization: initial,
            ramp_months: months,
            ..
        } = self.spec;
        if month >= months {
            return steady;
        }
        initial + (steady - initial) * Decimal::from(month) / Decimal::from(months)
    }

    /// The $/GPU-hour in month `month` since commissioning: `start × (1 −
    /// decline)^year`, the year counted from commissioning, never below
    /// the floor. Exact.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn price_in_month(
        &self,
        month: u32,
        start: GpuHourPrice,
    ) -> Result<GpuHourPrice, FacilityError> {
        let factor = escalation(-self.spec.annual_price_decline, month / 12)?;
        Ok(start.checked_scale(factor)?.max(self.spec.price_floor))
    }

    /// Whole months from commissioning to `date`, `None` before it.
    pub(crate) fn month_of(&self, date: NaiveDate) -> Option<u32> {
        months_between(self.spec.commissioned, date)
    }
}

/// One step of a GPU cloud's $/GPU-hour path: from month `from_month`
/// since commissioning (0-based) on, the cloud rents at `price`, until the
/// next step. A path replaces the ramp's annual decline and floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GpuPriceStep {
    /// First month since commissioning (0-based) at this price.
    pub from_month: u32,
    /// The $/GPU-hour from that month on.
    pub price: GpuHourPrice,
}

/// The price of month `month` on `path` (steps in increasing month order):
/// the last step at or before it, else `start`.
pub(crate) fn price_on_path(
    path: &[GpuPriceStep],
    month: u32,
    start: GpuHourPrice,
) -> GpuHourPrice {
    last_begun(path, month, |step| step.from_month).map_or(start, |step| step.price)
}

/// Checks a price path: months strictly increasing, each at most the
/// longest horizon (1,200 months).
pub(crate) fn check_price_path(path: &[GpuPriceStep]) -> Result<(), FacilityError> {
    for pair in path.windows(2) {
        if pair[1].from_month <= pair[0].from_month {
            return Err(FacilityError::InvalidTerm {
                what: "GPU-hour price path",
                value: alloc::format!(
                    "month {} after month {} (steps must be in increasing month order)",
                    pair[1].from_month,
                    pair[0].from_month
                ),
            });
        }
    }
    match path.last() {
        Some(step) if step.from_month > MAX_RAMP_MONTHS => Err(FacilityError::InvalidTerm {
            what: "GPU-hour price path",
            value: alloc::format!("month {} (must be 0 to {MAX_RAMP_MONTHS})", step.from_month),
        }),
        _ => Ok(()),
    }
}

/// Whole months from `from` to `date`, `None` when `date` is before `from`.
pub(crate) fn months_between(from: NaiveDate, date: NaiveDate) -> Option<u32> {
    let months = (date.year() - from.year()) * 12 + date.month() as i32
        - from.month() as i32
        - i32::from(date.day() < from.day());
    u32::try_from(months).ok().filter(|_| date >= from)
}

impl TryFrom<CloudRampSpec> for CloudRamp {
    type Error = FacilityError;

    fn try_from(spec: CloudRampSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<CloudRamp> for CloudRampSpec {
    fn from(ramp: CloudRamp) -> Self {
        ramp.spec
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    fn ramp(decline: i64) -> CloudRamp {
        CloudRamp::new(CloudRampSpec {
            commissioned: NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
            initial_utilization: Decimal::new(1, 1),
            ramp_months: 9,
            annual_price_decline: Decimal::new(decline, 2),
            price_floor: "$1/GPU-h".parse().unwrap(),
        })
        .unwrap()
    }

    #[test]
    fn months_count_from_the_commissioning_day() {
        let r = ramp(10);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(r.month_of(day(2026, 3, 14)), None);
        assert_eq!(r.month_of(day(2026, 3, 15)), Some(0));
        assert_eq!(r.month_of(day(2026, 4, 14)), Some(0));
        assert_eq!(r.month_of(day(2026, 4, 15)), Some(1));
        assert_eq!(r.month_of(day(2027, 3, 15)), Some(12));
    }

    #[test]
    fn a_decline_of_100_percent_or_more_is_refused() {
        let mut spec = *ramp(10).spec();
        spec.annual_price_decline = Decimal::ONE;
        assert!(matches!(
            CloudRamp::new(spec),
            Err(FacilityError::InvalidShare { .. })
        ));
    }

    proptest! {
        /// The price never rises and never falls below the floor; the
        /// utilization never falls and ends at the steady one.
        #[test]
        fn price_falls_and_utilization_rises(a in 0u32..240, b in 0u32..240, decline in 0i64..99) {
            let (early, late) = (a.min(b), a.max(b));
            let r = ramp(decline);
            let price: GpuHourPrice = "$4/GPU-h".parse().unwrap();
            let p = |m| r.price_in_month(m, price).unwrap();
            prop_assert!(p(late) <= p(early));
            prop_assert!(p(late) >= r.spec().price_floor);
            let steady = Decimal::new(85, 2);
            prop_assert!(r.utilization_in_month(early, steady) <= r.utilization_in_month(late, steady));
            prop_assert_eq!(r.utilization_in_month(240, steady), steady);
        }
    }
}
