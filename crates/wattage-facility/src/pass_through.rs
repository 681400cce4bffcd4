//! Which of a site's cost lines a colocation tenant reimburses, per lease.
//!
//! | line | gross | triple-net |
//! |---|---|---|
//! | energy (the tenant's facility MWh × price) | landlord | tenant |
//! | demand charges (the tenant's share of each month's peak) | landlord | tenant |
//! | 4CP transmission (the tenant's share of the tag) | landlord | tenant |
//! | opex / maintenance (per IT MW-year) | landlord | tenant |
//!
//! Each line can be switched on its own
//! ([`Colocation::with_pass_through`](crate::workload::Colocation::with_pass_through)),
//! for the modified-gross leases between the two.
//!
//! The tenant's share of a demand charge is its facility demand in the
//! period of the site's monthly peak (a coincident-peak allocation), and
//! of 4CP its own mean demand in the four intervals: both are exactly its
//! part of the site's bill, since the bill is linear in the loads. The
//! tenant repays them when they are billed.

use crate::lease::LeaseStructure;

/// Which cost lines a tenant reimburses at cost.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::lease::LeaseStructure;
/// use wattage_facility::pass_through::PassThrough;
///
/// let nnn = PassThrough::of(LeaseStructure::TripleNet);
/// assert!(nnn.energy && nnn.demand_charges && nnn.transmission && nnn.opex);
/// assert_eq!(PassThrough::of(LeaseStructure::Gross), PassThrough::NONE);
/// // A modified-gross lease: the tenant pays its energy, nothing else.
/// let modified = PassThrough { energy: true, ..PassThrough::NONE };
/// assert!(!modified.opex);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PassThrough {
    /// The tenant's energy bill.
    pub energy: bool,
    /// The tenant's share of demand charges.
    pub demand_charges: bool,
    /// The tenant's share of the 4CP transmission charge.
    pub transmission: bool,
    /// Opex and maintenance of the tenant's IT MW.
    pub opex: bool,
}

impl PassThrough {
    /// Nothing passes through (a gross lease).
    pub const NONE: Self = Self {
        energy: false,
        demand_charges: false,
        transmission: false,
        opex: false,
    };

    /// Everything passes through (a triple-net lease).
    pub const ALL: Self = Self {
        energy: true,
        demand_charges: true,
        transmission: true,
        opex: true,
    };

    /// The lines `structure` passes through: none for gross, all four for
    /// triple-net.
    #[must_use]
    pub const fn of(structure: LeaseStructure) -> Self {
        match structure {
            LeaseStructure::Gross => Self::NONE,
            LeaseStructure::TripleNet => Self::ALL,
        }
    }
}
