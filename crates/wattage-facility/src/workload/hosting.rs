//! Hosting other people's miners at an all-in rate per kWh.
//!
//! Two views of one business. The **host's site**: [`Hosting`], a
//! workload in the host's deployment, paid the all-in rate on the IT
//! energy the client's machines draw in the periods they run (metered
//! billing, curtailment passed through), simulated with everything else
//! on the site. The **contract** as the industry writes it:
//! [`HostingContract`] (metered or nameplate billing, profit share above a
//! hashprice, curtailment pass-through or credits, an uptime SLA, a
//! deposit), billed month by month by [`HostingContract::settle`] into a
//! [`HostingStatement`]: the host's revenue and the client's margin on its
//! miners. [`HostingMonth::from_totals`] takes a month of the host's
//! simulation as the month billed.

mod contract;
mod statement;

pub use contract::{
    Billing, CurtailmentTerms, HostingContract, HostingContractSpec, ProfitShare, UptimeSla,
};
pub use statement::{HostingMonth, HostingStatement};

use wattage_units::{EnergyPrice, Power};

use crate::FacilityError;
use wattage_units::Btc;

use super::Model;
use crate::schedule::{Earning, LoadContext, RevenueRule, Terms, mul};

/// Other people's miners, billed at an all-in rate per kWh of the energy
/// their machines draw (IT energy; the rate covers cooling, power and
/// margin).
///
/// The site pays for facility energy (IT × PUE); the client pays
/// `rate × IT energy`. Hosted miners are interruptible: the operator
/// switches them off in periods where power costs more than the rate
/// brings in (hosting contracts allow for curtailment).
///
/// ```
/// // Needs wattage-facility, wattage-units (in the wattage facade: wattage::facility, wattage::units).
/// use wattage_facility::workload::Hosting;
/// use wattage_units::unit;
///
/// let hosting = Hosting::new("20 MW".parse()?, "7 c/kWh".parse()?)?;
/// assert_eq!(hosting.rate().to_string(), "$70/MWh");
/// assert_eq!(hosting.it_power().get(unit::MEGAWATT), 20.0);
/// assert!(Hosting::new("0 MW".parse()?, "7 c/kWh".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawHosting"))]
pub struct Hosting {
    it_power: Power,
    rate: EnergyPrice,
}

impl Hosting {
    /// Hosted machines drawing `it_power`, billed `rate` per unit of IT energy.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] unless `it_power` is finite and
    /// positive; [`FacilityError::Money`] for a negative rate.
    pub fn new(it_power: Power, rate: EnergyPrice) -> Result<Self, FacilityError> {
        super::positive_power("hosted IT power", it_power)?;
        if rate.value().is_sign_negative() && !rate.value().is_zero() {
            return Err(wattage_units::MoneyError::Negative {
                what: "a hosting rate",
                value: rate.value(),
            }
            .into());
        }
        Ok(Self { it_power, rate })
    }

    /// IT power of the hosted machines.
    #[must_use]
    pub const fn it_power(&self) -> Power {
        self.it_power
    }

    /// The all-in rate per unit of IT energy.
    #[must_use]
    pub const fn rate(&self) -> EnergyPrice {
        self.rate
    }
}

impl Model for Hosting {
    fn kind(&self) -> &'static str {
        "hosting"
    }

    fn it_power(&self) -> Power {
        Hosting::it_power(self)
    }

    fn interruptible(&self) -> bool {
        true
    }

    /// Lowers the client's miners: interruptible, paid the all-in rate on
    /// their IT energy.
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        let usd = mul(self.rate().value(), context.it_mwh, "hosting revenue")?;
        Ok(context.terms(
            RevenueRule::Constant(Earning {
                usd,
                btc: Btc::ZERO,
            }),
            true,
        ))
    }
}

/// [`Hosting`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHosting {
    it_power: Power,
    rate: EnergyPrice,
}

#[cfg(feature = "serde")]
impl TryFrom<RawHosting> for Hosting {
    type Error = FacilityError;

    fn try_from(raw: RawHosting) -> Result<Self, FacilityError> {
        Self::new(raw.it_power, raw.rate)
    }
}
