//! Everything a site's power contract says: the energy price, credits for
//! power sold back, demand charges, the 4CP transmission charge and
//! demand-response payments.

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, MoneyError, Power, Usd};

use crate::FacilityError;
use crate::power::{DemandCharge, DemandResponse, FourCp, PowerSupply, Transmission};
use crate::price_series::PriceSeries;

/// A site's power contract.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use chrono::{TimeZone, Utc};
/// use wattage_facility::power::{DemandCharge, PowerSupply};
/// use wattage_facility::power::PowerContract;
/// use wattage_facility::price_series::{PriceSeries, Resolution};
///
/// let start = Utc.with_ymd_and_hms(2023, 8, 1, 5, 0, 0).unwrap();
/// let market = PriceSeries::new(start, Resolution::Hourly, vec!["$25/MWh".parse()?, "$3000/MWh".parse()?])?;
/// // A fixed-price block with sell-back at the market price while curtailed.
/// let contract = PowerContract::new(PowerSupply::fixed("$35/MWh".parse()?))
///     .with_sell_back(market.clone())?
///     .with_demand_charge(DemandCharge::per_kw_month("$2".parse()?)?);
/// assert!(contract.sell_back().is_some());
/// // Sell-back needs a fixed price to sell back from.
/// let index = PowerContract::new(PowerSupply::index(market.clone(), "$0/MWh".parse()?));
/// assert!(index.with_sell_back(market).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawPowerContract"))]
pub struct PowerContract {
    supply: PowerSupply,
    sell_back: Option<PriceSeries>,
    demand_charge: Option<DemandCharge>,
    transmission: Option<Transmission>,
    demand_response: Option<DemandResponse>,
}

impl PowerContract {
    /// A contract that only prices energy.
    #[must_use]
    pub const fn new(supply: PowerSupply) -> Self {
        Self {
            supply,
            sell_back: None,
            demand_charge: None,
            transmission: None,
            demand_response: None,
        }
    }

    /// Under a fixed-price supply, energy the site has bought but does not
    /// use while curtailed is sold back at `market` prices: the energy is
    /// still paid at the fixed price (booked as energy cost) and the
    /// market value comes back as a credit, as Riot reports its power
    /// (2023: $135.5M gross, $71.2M credits).
    ///
    /// # Errors
    /// [`FacilityError::Unsupported`] unless the supply is fixed-price.
    pub fn with_sell_back(mut self, market: PriceSeries) -> Result<Self, FacilityError> {
        if !matches!(self.supply, PowerSupply::Fixed(_)) {
            return Err(FacilityError::Unsupported {
                computation: "sell-back credits",
                what: "a supply that is not fixed-price",
            });
        }
        self.sell_back = Some(market);
        Ok(self)
    }

    /// Adds a monthly demand charge on the site's peak facility load.
    #[must_use]
    pub const fn with_demand_charge(mut self, charge: DemandCharge) -> Self {
        self.demand_charge = Some(charge);
        self
    }

    /// Adds a 4CP transmission charge.
    ///
    /// # Errors
    /// [`FacilityError::Money`] for a negative rate.
    pub fn with_transmission(
        mut self,
        peaks: Vec<FourCp>,
        rate_per_kw_year: Usd,
    ) -> Result<Self, FacilityError> {
        if rate_per_kw_year.is_negative() {
            return Err(MoneyError::Negative {
                what: "a 4CP rate per kW-year",
                value: rate_per_kw_year.dollars(),
            }
            .into());
        }
        self.transmission = Some(Transmission {
            peaks,
            rate_per_kw_year,
        });
        Ok(self)
    }

    /// Adds demand-response payments for `committed` facility MW at `rate`
    /// per MW-hour.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] for a negative or non-finite
    /// commitment; [`FacilityError::Money`] for a negative rate.
    pub fn with_demand_response(
        mut self,
        committed: Power,
        rate: EnergyPrice,
    ) -> Result<Self, FacilityError> {
        if !(committed.base_value().is_finite() && committed.base_value() >= 0.0) {
            return Err(FacilityError::InvalidPower {
                what: "demand-response commitment",
                requirement: "finite and non-negative",
                value: committed,
            });
        }
        if rate.value() < Decimal::ZERO {
            return Err(MoneyError::Negative {
                what: "a demand-response rate",
                value: rate.value(),
            }
            .into());
        }
        self.demand_response = Some(DemandResponse { committed, rate });
        Ok(self)
    }

    /// The energy supply.
    #[must_use]
    pub const fn supply(&self) -> &PowerSupply {
        &self.supply
    }

    /// Market prices for sold-back energy, if any.
    #[must_use]
    pub const fn sell_back(&self) -> Option<&PriceSeries> {
        self.sell_back.as_ref()
    }

    /// The demand charge, if any.
    #[must_use]
    pub const fn demand_charge(&self) -> Option<DemandCharge> {
        self.demand_charge
    }

    /// The 4CP transmission charge, if any.
    #[must_use]
    pub const fn transmission(&self) -> Option<&Transmission> {
        self.transmission.as_ref()
    }

    /// Demand-response payments, if any.
    #[must_use]
    pub const fn demand_response(&self) -> Option<DemandResponse> {
        self.demand_response
    }
}

impl From<PowerSupply> for PowerContract {
    fn from(supply: PowerSupply) -> Self {
        Self::new(supply)
    }
}

/// [`PowerContract`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPowerContract {
    supply: PowerSupply,
    sell_back: Option<PriceSeries>,
    demand_charge: Option<DemandCharge>,
    transmission: Option<Transmission>,
    demand_response: Option<DemandResponse>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawPowerContract> for PowerContract {
    type Error = FacilityError;

    fn try_from(raw: RawPowerContract) -> Result<Self, FacilityError> {
        let mut contract = Self::new(raw.supply);
        if let Some(market) = raw.sell_back {
            contract = contract.with_sell_back(market)?;
        }
        if let Some(charge) = raw.demand_charge {
            contract = contract.with_demand_charge(DemandCharge::per_kw_month(charge.rate())?);
        }
        if let Some(t) = raw.transmission {
            contract = contract.with_transmission(t.peaks, t.rate_per_kw_year)?;
        }
        if let Some(dr) = raw.demand_response {
            contract = contract.with_demand_response(dr.committed, dr.rate)?;
        }
        Ok(contract)
    }
}
