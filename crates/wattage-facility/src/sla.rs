//! Service-level credits: rent a landlord gives back for downtime.
//!
//! AI leases guarantee an availability of the critical power (often
//! 99.99 % or more a month) and credit the tenant a share of the month's
//! rent for each hour of downtime beyond what the guarantee allows, up to
//! a cap. This module is that arithmetic; real SLAs differ in detail
//! (tiers, measurement windows, which outages count), so the credit here
//! is a linear schedule with a cap, a simplification stated in the book.

use rust_decimal::Decimal;
use wattage_units::Usd;

use crate::FacilityError;
use crate::schedule::{mul, overflow};

/// The SLA of a lease: a guaranteed availability, a credit per hour of
/// downtime beyond the allowance (a share of the month's rent) and a cap.
///
/// ```
/// // Needs wattage-facility, rust_decimal (in the wattage facade: wattage::facility, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_facility::sla::SlaCredit;
///
/// // 99.99 % a month, 5 % of the month's rent per hour beyond, capped at 25 %.
/// let sla = SlaCredit::new(Decimal::new(9999, 4), Decimal::new(5, 2), Decimal::new(25, 2))?;
/// let rent = "$10,000,000".parse()?;
/// // A 720-hour month allows 0.072 h down; 2.072 h down is 2 h beyond.
/// assert_eq!(sla.credit(rent, Decimal::from(720), Decimal::new(2072, 3))?.to_string(), "$1,000,000");
/// // Ten hours down hits the cap.
/// assert_eq!(sla.credit(rent, Decimal::from(720), Decimal::from(10))?.to_string(), "$2,500,000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SlaSpec", into = "SlaSpec"))]
pub struct SlaCredit {
    availability: Decimal,
    credit_per_hour: Decimal,
    cap: Decimal,
}

/// The terms of an [`SlaCredit`], by name, as a config file writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SlaSpec {
    /// Guaranteed availability in a month, a fraction (`0.9999`).
    pub availability: Decimal,
    /// Credit per hour of downtime beyond the allowance, a share of the
    /// month's rent (`0.05` is 5 %).
    pub credit_per_hour: Decimal,
    /// The largest credit in a month, a share of its rent.
    pub cap: Decimal,
}

impl TryFrom<SlaSpec> for SlaCredit {
    type Error = FacilityError;

    fn try_from(spec: SlaSpec) -> Result<Self, FacilityError> {
        Self::new(spec.availability, spec.credit_per_hour, spec.cap)
    }
}

impl From<SlaCredit> for SlaSpec {
    fn from(sla: SlaCredit) -> Self {
        Self {
            availability: sla.availability,
            credit_per_hour: sla.credit_per_hour,
            cap: sla.cap,
        }
    }
}

fn share(what: &'static str, value: Decimal) -> Result<Decimal, FacilityError> {
    if value < Decimal::ZERO || value > Decimal::ONE {
        return Err(FacilityError::InvalidShare { what, value });
    }
    Ok(value)
}

impl SlaCredit {
    /// An SLA guaranteeing `availability` (0 to 1) a month, crediting
    /// `credit_per_hour` of the month's rent per hour of downtime beyond
    /// the allowance, at most `cap` of it.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] when any of the three is outside 0..=1.
    pub fn new(
        availability: Decimal,
        credit_per_hour: Decimal,
        cap: Decimal,
    ) -> Result<Self, FacilityError> {
        Ok(Self {
            availability: share("SLA availability", availability)?,
            credit_per_hour: share("SLA credit per hour of downtime", credit_per_hour)?,
            cap: share("SLA credit cap", cap)?,
        })
    }

    /// The guaranteed availability.
    #[must_use]
    pub const fn availability(&self) -> Decimal {
        self.availability
    }

    /// Credit per hour beyond the allowance, a share of the month's rent.
    #[must_use]
    pub const fn credit_per_hour(&self) -> Decimal {
        self.credit_per_hour
    }

    /// The cap, a share of the month's rent.
    #[must_use]
    pub const fn cap(&self) -> Decimal {
        self.cap
    }

    /// The credit for a month of `month_hours` hours with `downtime_hours`
    /// of downtime and `rent` due: `rent × min(cap, credit per hour × hours
    /// beyond the allowance)`, where the allowance is `(1 − availability) ×
    /// month hours`. Exact; the tenant pays `rent − credit`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for negative hours or downtime longer
    /// than the month; [`FacilityError::Money`] on overflow.
    pub fn credit(
        &self,
        rent: Usd,
        month_hours: Decimal,
        downtime_hours: Decimal,
    ) -> Result<Usd, FacilityError> {
        if month_hours < Decimal::ZERO
            || downtime_hours < Decimal::ZERO
            || downtime_hours > month_hours
        {
            return Err(FacilityError::InvalidTerm {
                what: "SLA downtime hours",
                value: alloc::format!(
                    "{downtime_hours} in a month of {month_hours} hours (must be 0 to the month)"
                ),
            });
        }
        let allowance = mul(
            Decimal::ONE - self.availability,
            month_hours,
            "SLA allowance",
        )?;
        let beyond = (downtime_hours - allowance).max(Decimal::ZERO);
        let share = mul(self.credit_per_hour, beyond, "SLA credit")?.min(self.cap);
        rent.checked_mul(share).map_err(|_| overflow("SLA credit"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use proptest::prelude::*;

    fn sla() -> SlaCredit {
        SlaCredit::new(
            Decimal::new(9995, 4),
            Decimal::new(2, 2),
            Decimal::new(3, 1),
        )
        .unwrap()
    }

    #[test]
    fn downtime_within_the_allowance_costs_nothing() {
        // 99.95 % of a 744-hour month allows 0.372 h.
        let credit = sla()
            .credit(
                Usd::from_cents(10_000_000),
                Decimal::from(744),
                Decimal::new(372, 3),
            )
            .unwrap();
        assert_eq!(credit, Usd::ZERO);
    }

    #[test]
    fn shares_outside_zero_to_one_are_refused_by_name() {
        let err = SlaCredit::new(Decimal::new(11, 1), Decimal::ZERO, Decimal::ONE).unwrap_err();
        assert!(err.to_string().contains("SLA availability"), "{err}");
        assert!(
            sla()
                .credit(Usd::ZERO, Decimal::from(10), Decimal::from(11))
                .is_err()
        );
    }

    proptest! {
        /// More downtime never earns the tenant a smaller credit, and the
        /// credit never exceeds the cap's share of the rent.
        #[test]
        fn credit_grows_with_downtime_up_to_the_cap(a in 0u32..7440, b in 0u32..7440) {
            let (less, more) = (a.min(b), a.max(b));
            let rent = Usd::from_cents(500_000_000);
            let hours = Decimal::from(744);
            let credit = |tenths: u32| sla().credit(rent, hours, Decimal::new(i64::from(tenths), 1)).unwrap();
            prop_assert!(credit(less) <= credit(more));
            prop_assert!(credit(more) <= rent.checked_mul(sla().cap()).unwrap());
        }
    }
}
