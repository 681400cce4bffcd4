//! The rent side of an AI lease beyond a rate and an annual escalator:
//! free-rent months at the start of the term and fixed rate steps.
//!
//! Both are set on a [`ColocationLease`] by its builder methods
//! ([`ColocationLease::with_free_rent`], [`ColocationLease::with_rate_steps`])
//! and read back by its rent schedule, so every evaluator that books a
//! lease's rent (the exact ledger and the `f64` kernel both read the
//! bookings of `workload::Colocation`) sees them.

use alloc::vec::Vec;

#[cfg(any(feature = "serde", test))]
use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_units::LeaseRate;
#[cfg(any(feature = "serde", test))]
use wattage_units::Power;

use crate::FacilityError;
use crate::lease::ColocationLease;
#[cfg(any(feature = "serde", test))]
use crate::lease::{LeaseSpec, LeaseStructure};

/// A fixed step of a lease's rate: from lease month `from_month` (0-based,
/// counted from the first month of the term) the rate is `rate`, until the
/// next step. A lease with steps has no percentage escalator: the steps
/// are the whole escalation.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::lease::RateStep;
///
/// // $150/kW/month from the sixth lease year.
/// let step = RateStep { from_month: 60, rate: "$150/kW/month".parse()? };
/// assert_eq!(step.from_month, 60);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RateStep {
    /// First lease month (0-based) at the new rate.
    pub from_month: u32,
    /// The rate from that month on, $/kW/month.
    pub rate: LeaseRate,
}

/// Free-rent months and rate steps of a lease (both empty by default).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub(crate) struct RentTerms {
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "is_zero"))]
    pub(crate) free_rent_months: u32,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub(crate) rate_steps: Vec<RateStep>,
}

#[cfg(feature = "serde")]
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
const fn is_zero(months: &u32) -> bool {
    *months == 0
}

impl RentTerms {
    /// The fixed rate in force in `month`, if a step has begun.
    pub(crate) fn step_in_force(&self, month: u32) -> Option<LeaseRate> {
        last_begun(&self.rate_steps, month, |s| s.from_month).map(|s| s.rate)
    }
}

/// The last of `steps` (in increasing month order, each beginning in
/// `from(step)`) that has begun by `month`: the step in force. Lease rate
/// steps and a GPU cloud's price path both read their steps this way.
pub(crate) fn last_begun<S>(steps: &[S], month: u32, from: impl Fn(&S) -> u32) -> Option<&S> {
    steps.iter().rev().find(|s| from(s) <= month)
}

fn check_free_rent(free_rent_months: u32, term_months: u32) -> Result<(), FacilityError> {
    if free_rent_months >= term_months {
        return Err(FacilityError::FreeRentTooLong {
            free_months: free_rent_months,
            term_months,
        });
    }
    Ok(())
}

fn check_steps(
    steps: &[RateStep],
    escalator: Decimal,
    term_months: u32,
) -> Result<(), FacilityError> {
    let mut previous = 0;
    for step in steps {
        let problem = if !escalator.is_zero() {
            Some("rate steps replace the annual escalator, which must then be 0")
        } else if step.from_month == 0 {
            Some("a step must start after month 0 (month 0 is at the starting rate)")
        } else if step.from_month >= term_months {
            Some("a step must start inside the term")
        } else if step.from_month <= previous {
            Some("steps must be in strictly increasing months")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(FacilityError::InvalidRateStep {
                from_month: step.from_month,
                problem,
            });
        }
        previous = step.from_month;
    }
    Ok(())
}

impl ColocationLease {
    /// The same lease with its first `months` months free of rent. The
    /// tenant draws (and under triple-net pays for) its power from the
    /// start of the term; escalation still counts lease years from the
    /// start, as free rent is usually written.
    ///
    /// ```
    /// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
    ///
    /// let lease = ColocationLease::new(LeaseSpec {
    ///     critical_it: "10 MW".parse()?, rate: "$120/kW/month".parse()?, escalator: Decimal::ZERO,
    ///     term_months: 120, start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), structure: LeaseStructure::TripleNet,
    /// })?
    /// .with_free_rent(3)?;
    /// assert_eq!(lease.rent_in_month(2)?.to_string(), "$0");
    /// assert_eq!(lease.rent_in_month(3)?.to_string(), "$1,200,000");
    /// assert_eq!(lease.total_value()?.to_string(), "$140,400,000"); // 117 paid months
    /// assert!(lease.with_free_rent(120).is_err()); // as long as the term
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::FreeRentTooLong`] unless `months` is shorter than
    /// the term.
    pub fn with_free_rent(mut self, months: u32) -> Result<Self, FacilityError> {
        check_free_rent(months, self.term_months())?;
        self.rent_terms.free_rent_months = months;
        Ok(self)
    }

    /// The same lease with its rate set in fixed steps instead of a
    /// percentage escalator: the starting rate until the first step, then
    /// each step's rate from its month.
    ///
    /// ```
    /// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure, RateStep};
    ///
    /// let lease = ColocationLease::new(LeaseSpec {
    ///     critical_it: "10 MW".parse()?, rate: "$120/kW/month".parse()?, escalator: Decimal::ZERO,
    ///     term_months: 120, start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), structure: LeaseStructure::Gross,
    /// })?
    /// .with_rate_steps(vec![RateStep { from_month: 60, rate: "$135/kW/month".parse()? }])?;
    /// assert_eq!(lease.rate_in_month(59)?.to_string(), "$120/kW/month");
    /// assert_eq!(lease.rate_in_month(60)?.to_string(), "$135/kW/month");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::InvalidRateStep`] naming the first step that starts
    /// at month 0, outside the term or not after the one before it, or any
    /// step when the lease also has a non-zero escalator.
    pub fn with_rate_steps(mut self, steps: Vec<RateStep>) -> Result<Self, FacilityError> {
        check_steps(&steps, self.escalator(), self.term_months())?;
        self.rent_terms.rate_steps = steps;
        Ok(self)
    }

    /// Months of free rent at the start of the term.
    #[must_use]
    pub const fn free_rent_months(&self) -> u32 {
        self.rent_terms.free_rent_months
    }

    /// The fixed rate steps, empty for a lease on a percentage escalator.
    #[must_use]
    pub fn rate_steps(&self) -> &[RateStep] {
        &self.rent_terms.rate_steps
    }
}

/// A [`ColocationLease`] as a config file writes it: [`LeaseSpec`]'s
/// fields, and optionally `free_rent_months` and `rate_steps`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LeaseConfig {
    critical_it: Power,
    rate: LeaseRate,
    escalator: Decimal,
    term_months: u32,
    start: NaiveDate,
    structure: LeaseStructure,
    #[serde(default)]
    free_rent_months: u32,
    #[serde(default)]
    rate_steps: Vec<RateStep>,
}

#[cfg(feature = "serde")]
impl TryFrom<LeaseConfig> for ColocationLease {
    type Error = FacilityError;

    fn try_from(config: LeaseConfig) -> Result<Self, FacilityError> {
        Self::new(LeaseSpec {
            critical_it: config.critical_it,
            rate: config.rate,
            escalator: config.escalator,
            term_months: config.term_months,
            start: config.start,
            structure: config.structure,
        })?
        .with_free_rent(config.free_rent_months)?
        .with_rate_steps(config.rate_steps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec;

    fn lease(escalator: Decimal) -> ColocationLease {
        ColocationLease::new(LeaseSpec {
            critical_it: Power::new(1.0, wattage_units::unit::MEGAWATT).unwrap(),
            rate: "$100/kW/month".parse().unwrap(),
            escalator,
            term_months: 24,
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            structure: LeaseStructure::TripleNet,
        })
        .unwrap()
    }

    fn step(from_month: u32, dollars: i64) -> RateStep {
        RateStep {
            from_month,
            rate: LeaseRate::new(Decimal::from(dollars)).unwrap(),
        }
    }

    #[test]
    fn free_rent_as_long_as_the_term_is_refused_with_both_lengths() {
        let err = lease(Decimal::ZERO).with_free_rent(24).unwrap_err();
        assert_eq!(
            err,
            FacilityError::FreeRentTooLong {
                free_months: 24,
                term_months: 24
            }
        );
        assert!(lease(Decimal::ZERO).with_free_rent(23).is_ok());
    }

    #[test]
    fn steps_are_checked_one_by_one() {
        let bad = [
            (vec![step(0, 110)], 0),
            (vec![step(24, 110)], 24),
            (vec![step(12, 110), step(12, 120)], 12),
            (vec![step(12, 110), step(6, 120)], 6),
        ];
        for (steps, month) in bad {
            let err = lease(Decimal::ZERO).with_rate_steps(steps).unwrap_err();
            assert!(
                matches!(err, FacilityError::InvalidRateStep { from_month, .. } if from_month == month),
                "{err}"
            );
        }
        let err = lease(Decimal::new(3, 2))
            .with_rate_steps(vec![step(12, 110)])
            .unwrap_err();
        assert!(err.to_string().contains("escalator"), "{err}");
    }

    #[test]
    fn steps_and_free_rent_shape_the_rent_schedule() {
        let lease = lease(Decimal::ZERO)
            .with_rate_steps(vec![step(6, 110), step(18, 125)])
            .unwrap()
            .with_free_rent(2)
            .unwrap();
        // 1,000 kW: 2 free months, 4 at $100, 12 at $110, 6 at $125.
        let expected = 1000 * (4 * 100 + 12 * 110 + 6 * 125);
        assert_eq!(
            lease.total_value().unwrap().dollars(),
            Decimal::from(expected)
        );
        let schedule = lease.schedule().unwrap();
        assert_eq!(schedule[1].rent.dollars(), Decimal::ZERO);
        assert_eq!(schedule[1].rate, step(0, 100).rate);
        assert_eq!(schedule[17].rent.dollars(), Decimal::from(110_000));
    }
}
