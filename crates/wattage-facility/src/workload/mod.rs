//! What a site's power is used for: self-mining, hosting, AI colocation
//! and a GPU cloud.
//!
//! Mining loads ([`SelfMining`], [`Hosting`]) are **interruptible**: a
//! simulation switches them off in periods where power is worth more than
//! what they earn. AI loads ([`Colocation`], [`GpuCloud`]) are **firm**:
//! they run through every period they are live.

mod colocation;
mod gpu_cloud;
mod hosting;
mod self_mining;

pub use colocation::Colocation;
pub use gpu_cloud::{GpuCloud, GpuCloudSpec};
pub use hosting::Hosting;
pub use self_mining::{SelfMining, SelfMiningSpec};

use wattage_units::Power;

use crate::FacilityError;

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
}

impl Workload {
    /// The IT power the workload draws while it runs.
    #[must_use]
    pub fn it_power(&self) -> Power {
        match self {
            Self::SelfMining(w) => w.it_power(),
            Self::Hosting(w) => w.it_power(),
            Self::Colocation(w) => w.it_power(),
            Self::GpuCloud(w) => w.it_power(),
        }
    }

    /// Whether the workload may be switched off (mining) or must run (AI).
    #[must_use]
    pub const fn is_interruptible(&self) -> bool {
        matches!(self, Self::SelfMining(_) | Self::Hosting(_))
    }

    /// A short name of the kind: "self-mining", "hosting", "colocation", "GPU cloud".
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::SelfMining(_) => "self-mining",
            Self::Hosting(_) => "hosting",
            Self::Colocation(_) => "colocation",
            Self::GpuCloud(_) => "GPU cloud",
        }
    }
}
