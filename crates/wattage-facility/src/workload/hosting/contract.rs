//! A hosting contract's terms, as the industry writes them.

use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, Hashprice, Hashrate, MoneyError, Power, Usd, unit};

use crate::FacilityError;
use crate::schedule::mul;

/// What the all-in rate is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Billing {
    /// The IT energy the client's machines drew, as metered.
    Metered,
    /// The machines' nameplate power for every billable hour, whether
    /// they drew it or not (take-or-pay).
    Nameplate,
}

/// What the client gets when the host curtails its machines.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CurtailmentTerms {
    /// Curtailment passes through: curtailed hours are not billed (the
    /// client keeps no hashes and pays no power); nothing else.
    PassThrough,
    /// Curtailed hours are not billed, and the host credits the client
    /// this rate per MWh of nameplate curtailed (its share of what the host
    /// earns by curtailing: sell-back, demand response, reserves).
    Credit(EnergyPrice),
}

/// The host's share of the client's mining revenue above a hashprice
/// threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ProfitShare {
    /// The hashprice above which revenue is shared.
    pub threshold: Hashprice,
    /// The host's share of the revenue above it, 0 to 1.
    pub share: Decimal,
}

/// An uptime guarantee: when the machines were available for less than
/// `guaranteed` of the hours the host did not curtail, the host credits
/// the all-in rate × nameplate for each hour short.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct UptimeSla {
    /// The guaranteed uptime, 0 to 1 (0.98 for 98%).
    pub guaranteed: Decimal,
}

/// A [`HostingContract`] before validation: every term named.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct HostingContractSpec {
    /// The client's machines' nameplate IT power.
    pub nameplate: Power,
    /// Their hashrate.
    pub hashrate: Hashrate,
    /// The all-in rate (power, cooling, space, margin), per unit of IT
    /// energy: "7 c/kWh".
    pub rate: EnergyPrice,
    /// What the rate is charged on.
    pub billing: Billing,
    /// What the client gets when the host curtails.
    pub curtailment: CurtailmentTerms,
    /// The host's share of revenue above a hashprice, if any.
    pub profit_share: Option<ProfitShare>,
    /// The uptime guarantee, if any.
    pub uptime_sla: Option<UptimeSla>,
    /// The deposit, in months of the bill at nameplate (730 hours each).
    pub deposit_months: u32,
}

/// A validated hosting contract between a host and a client whose miners
/// it runs: the terms [`HostingContract::settle`] bills a month by.
///
/// ```
/// // Needs wattage-facility, rust_decimal (in the wattage facade: wattage::facility, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_facility::workload::{Billing, CurtailmentTerms, HostingContract, HostingContractSpec};
///
/// let contract = HostingContract::new(HostingContractSpec {
///     nameplate: "10 MW".parse()?,
///     hashrate: "500 PH/s".parse()?,
///     rate: "7 c/kWh".parse()?,
///     billing: Billing::Metered,
///     curtailment: CurtailmentTerms::PassThrough,
///     profit_share: None,
///     uptime_sla: None,
///     deposit_months: 2,
/// })?;
/// // Two months at nameplate: 10 MW × 730 h × $70/MWh × 2.
/// assert_eq!(contract.deposit()?.to_string(), "$1,022,000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "HostingContractSpec", into = "HostingContractSpec")
)]
pub struct HostingContract(pub(super) HostingContractSpec);

impl From<HostingContract> for HostingContractSpec {
    fn from(contract: HostingContract) -> Self {
        contract.0
    }
}

impl TryFrom<HostingContractSpec> for HostingContract {
    type Error = FacilityError;

    fn try_from(spec: HostingContractSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

fn negative(what: &'static str, value: Decimal) -> FacilityError {
    MoneyError::Negative { what, value }.into()
}

pub(super) fn share(what: &'static str, value: Decimal) -> Result<(), FacilityError> {
    if (Decimal::ZERO..=Decimal::ONE).contains(&value) {
        Ok(())
    } else {
        Err(FacilityError::InvalidShare { what, value })
    }
}

/// Hours in the average month of a 365-day year, the deposit's month.
const MONTH_HOURS: Decimal = Decimal::from_parts(730, 0, 0, false, 0);

impl HostingContract {
    /// Validates `spec`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a nameplate that is not finite
    /// and positive; [`FacilityError::InvalidTerm`] for a zero or
    /// non-finite hashrate;
    /// [`FacilityError::Money`] for a negative rate or credit;
    /// [`FacilityError::InvalidShare`] for a profit share or guaranteed
    /// uptime outside 0 to 1.
    pub fn new(spec: HostingContractSpec) -> Result<Self, FacilityError> {
        super::super::positive_power("hosted nameplate power", spec.nameplate)?;
        let ph = spec.hashrate.get(unit::PETAHASH_PER_SECOND);
        if !(ph.is_finite() && ph > 0.0) {
            return Err(FacilityError::InvalidTerm {
                what: "hosted hashrate",
                value: alloc::format!("{ph} PH/s"),
            });
        }
        if spec.rate.value() < Decimal::ZERO {
            return Err(negative("a hosting rate", spec.rate.value()));
        }
        if let CurtailmentTerms::Credit(credit) = spec.curtailment {
            if credit.value() < Decimal::ZERO {
                return Err(negative("a curtailment credit", credit.value()));
            }
        }
        if let Some(p) = spec.profit_share {
            share("a hosting profit share", p.share)?;
        }
        if let Some(sla) = spec.uptime_sla {
            share("a guaranteed uptime", sla.guaranteed)?;
        }
        Ok(Self(spec))
    }

    /// The terms.
    #[must_use]
    pub const fn spec(&self) -> &HostingContractSpec {
        &self.0
    }

    /// The nameplate in MW, as money enters it (by
    /// [`wattage_units::money::to_decimal`]).
    pub(super) fn nameplate_mw(&self) -> Result<Decimal, FacilityError> {
        Ok(wattage_units::money::to_decimal(
            "hosted nameplate in MW",
            self.0.nameplate.get(unit::MEGAWATT),
        )?)
    }

    /// The deposit: `deposit_months` × nameplate × 730 h × rate, paid by
    /// the client at signing and returned at the end of the term
    /// (simplified: no interest, no offset against the last bills).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn deposit(&self) -> Result<Usd, FacilityError> {
        let month = mul(
            mul(self.nameplate_mw()?, MONTH_HOURS, "deposit")?,
            self.0.rate.value(),
            "deposit",
        )?;
        Ok(Usd::new(mul(
            month,
            Decimal::from(self.0.deposit_months),
            "deposit",
        )?))
    }
}
