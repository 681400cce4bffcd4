//! What a site's power is used for: self-mining, hosting, AI colocation
//! and a GPU cloud.
//!
//! Mining loads ([`SelfMining`], [`Hosting`]) are **interruptible**: a
//! simulation switches them off in periods where power is worth more than
//! what they earn. AI loads ([`Colocation`], [`GpuCloud`]) are **firm**:
//! they run through every period they are live.

mod colocation;
#[cfg(test)]
mod flat_fee;
mod gpu_cloud;
mod hosting;
mod self_mining;

pub use colocation::Colocation;
pub use gpu_cloud::{GpuCloud, GpuCloudSpec};
pub use hosting::{
    Billing, CurtailmentTerms, Hosting, HostingContract, HostingContractSpec, HostingMonth,
    HostingStatement, ProfitShare, UptimeSla,
};
pub use self_mining::{SelfMining, SelfMiningSpec};

use wattage_units::Power;

use crate::FacilityError;
use crate::schedule::{LoadContext, Terms};

/// What every workload type provides, in its own file: its kind, the IT
/// power it draws, whether it may be curtailed, and how it lowers into the
/// schedule both evaluators read (its revenue rule, who pays its power,
/// the part of its window it is live in). [`Workload::model`] is the one
/// dispatch over the variants.
pub(crate) trait Model {
    /// A short name of the kind.
    fn kind(&self) -> &'static str;
    /// The IT power drawn while running.
    fn it_power(&self) -> Power;
    /// Whether it may be switched off (mining) or must run (AI).
    fn interruptible(&self) -> bool;
    /// The share of its IT power it draws on average while running (a
    /// fleet's uptime; one for everything else).
    fn drawn_share(&self) -> f64 {
        1.0
    }
    /// Its terms in the schedule.
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError>;
}

pub(crate) fn positive_power(what: &'static str, value: Power) -> Result<Power, FacilityError> {
    if value.base_value().is_finite() && value.base_value() > 0.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidPower {
            what,
            requirement: "finite and positive",
            value,
        })
    }
}

/// One use of a site's power.
///
/// ```
/// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
/// use wattage_facility::workload::{Hosting, Workload};
/// use wattage_units::unit;
///
/// let hosted = Workload::Hosting(Hosting::new("12 MW".parse()?, "$65/MWh".parse()?)?);
/// assert!(hosted.is_interruptible());
/// assert_eq!(hosted.it_power().get(unit::MEGAWATT), 12.0);
/// assert_eq!(hosted.kind(), "hosting");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Workload {
    /// The operator's own miners.
    SelfMining(SelfMining),
    /// Other people's miners at an all-in rate.
    Hosting(Hosting),
    /// An AI/HPC tenant on a lease.
    Colocation(Colocation),
    /// The operator's own GPU cloud.
    GpuCloud(GpuCloud),
    /// The workload added in the book's "Adding a workload" (a firm tenant
    /// paying a flat fee per hour), compiled only into the crate's own tests.
    #[cfg(test)]
    FlatFee(flat_fee::FlatFee),
}

impl Workload {
    /// The workload's model: the one arm per variant through which
    /// everything else (power, kind, lowering) dispatches.
    /// Whether the operator pays this workload's opex (per IT MW-year):
    /// not for a colocation tenant who pays its own maintenance
    /// ([`crate::pass_through::PassThrough::opex`]).
    #[must_use]
    pub const fn operator_pays_opex(&self) -> bool {
        match self {
            Self::Colocation(c) => !c.pass_through().opex,
            _ => true,
        }
    }

    pub(crate) fn model(&self) -> &dyn Model {
        match self {
            Self::SelfMining(w) => w,
            Self::Hosting(w) => w,
            Self::Colocation(w) => w,
            Self::GpuCloud(w) => w,
            #[cfg(test)]
            Self::FlatFee(w) => w,
        }
    }

    /// The IT power the workload draws while it runs.
    #[must_use]
    pub fn it_power(&self) -> Power {
        self.model().it_power()
    }

    /// Whether the workload may be switched off (mining) or must run (AI).
    #[must_use]
    pub fn is_interruptible(&self) -> bool {
        self.model().interruptible()
    }

    /// A short name of the kind: "self-mining", "hosting", "colocation", "GPU cloud".
    #[must_use]
    pub fn kind(&self) -> &'static str {
        self.model().kind()
    }
}
