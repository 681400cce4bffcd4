//! An AI/HPC tenant on a colocation lease.

use rust_decimal::Decimal;
use wattage_units::Power;

use crate::FacilityError;
use crate::lease::{ColocationLease, LeaseStructure};

/// An AI/HPC tenant renting critical IT capacity under a
/// [`ColocationLease`]: a firm load that never curtails.
///
/// The tenant draws `load_factor × critical IT` (AI halls rarely run at
/// their full lease). Rent runs from the lease's start date for its term;
/// the ledger books each lease month's rent in the month's first period,
/// prorated by seconds where the simulated horizon covers only part of the
/// month, so rent stays exact and is never rounded. Under a gross
/// lease the operator pays the power out of the rent; under triple-net the
/// tenant reimburses it at cost (a pass-through revenue equal to the
/// energy cost).
///
/// ```
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::lease::{ColocationLease, LeaseStructure};
/// use wattage_facility::workload::Colocation;
/// use wattage_units::unit;
///
/// let lease = ColocationLease::new(
///     "50 MW".parse()?, "$130/kW/month".parse()?, Decimal::new(3, 2), 120,
///     NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), LeaseStructure::TripleNet,
/// )?;
/// let tenant = Colocation::new(lease, Decimal::new(85, 2))?; // draws 85%
/// assert_eq!(tenant.it_power().get(unit::MEGAWATT), 42.5);
/// assert!(Colocation::new(tenant.lease().clone(), Decimal::new(11, 1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawColocation"))]
pub struct Colocation {
    lease: ColocationLease,
    load_factor: Decimal,
    #[cfg_attr(feature = "serde", serde(skip))]
    it_power: Power,
}

impl Colocation {
    /// A tenant under `lease` drawing `load_factor` (0 to 1) of the leased
    /// critical IT.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] unless `0 < load_factor <= 1`.
    pub fn new(lease: ColocationLease, load_factor: Decimal) -> Result<Self, FacilityError> {
        if load_factor <= Decimal::ZERO || load_factor > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "lease load factor (above 0)",
                value: load_factor,
            });
        }
        let factor = rust_decimal::prelude::ToPrimitive::to_f64(&load_factor).unwrap_or(1.0);
        let it_power = lease.critical_it() * factor;
        Ok(Self {
            lease,
            load_factor,
            it_power,
        })
    }

    /// The lease.
    #[must_use]
    pub const fn lease(&self) -> &ColocationLease {
        &self.lease
    }

    /// Share of the leased capacity the tenant draws.
    #[must_use]
    pub const fn load_factor(&self) -> Decimal {
        self.load_factor
    }

    /// IT power the tenant draws.
    #[must_use]
    pub const fn it_power(&self) -> Power {
        self.it_power
    }

    /// Whether the tenant reimburses the power (triple-net).
    #[must_use]
    pub fn tenant_pays_power(&self) -> bool {
        self.lease.structure() == LeaseStructure::TripleNet
    }
}

/// [`Colocation`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColocation {
    lease: ColocationLease,
    load_factor: Decimal,
}

#[cfg(feature = "serde")]
impl TryFrom<RawColocation> for Colocation {
    type Error = FacilityError;

    fn try_from(raw: RawColocation) -> Result<Self, FacilityError> {
        Self::new(raw.lease, raw.load_factor)
    }
}
