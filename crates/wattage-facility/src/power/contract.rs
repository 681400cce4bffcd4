//! Everything a site's power contract says: the energy price, credits for
//! power sold back, demand charges, the 4CP transmission charge and
//! demand-response payments.

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, MoneyError, Power, Usd};

use crate::FacilityError;
use crate::power::{
    DemandCharge, DemandResponse, FinancialBlock, FourCp, FourCpAvoidance, PowerSupply,
    ReserveOffer, Transmission,
};
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
    blocks: Vec<FinancialBlock>,
    reserves: Option<ReserveOffer>,
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
            blocks: Vec::new(),
            reserves: None,
        }
    }

    /// Adds a [`FinancialBlock`] settled against the index supply's raw
    /// prices: each period the site receives `(index − fixed) × volume ×
    /// hours`, whatever the load draws, while every MWh drawn is still
    /// paid at the index (so curtailing always saves the index price).
    /// Blocks add up; a virtual PPA or a hedge is the same kind of swap.
    ///
    /// ```
    /// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
    /// use chrono::{TimeZone, Utc};
    /// use wattage_facility::power::{FinancialBlock, PowerContract, PowerSupply};
    /// use wattage_facility::price_series::{PriceSeries, Resolution};
    ///
    /// let start = Utc.with_ymd_and_hms(2024, 8, 20, 0, 0, 0).unwrap();
    /// let rt = PriceSeries::new(start, Resolution::Hourly, vec!["$300/MWh".parse()?])?;
    /// let contract = PowerContract::new(PowerSupply::index(rt, "$0/MWh".parse()?))
    ///     .with_block(FinancialBlock::new("30 MW".parse()?, "$40/MWh".parse()?)?)?;
    /// assert_eq!(contract.blocks().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::Unsupported`] unless the supply is an index (a
    /// block settles against an index).
    pub fn with_block(mut self, block: FinancialBlock) -> Result<Self, FacilityError> {
        if !matches!(self.supply, PowerSupply::Index { .. }) {
            return Err(FacilityError::Unsupported {
                computation: "a financial block",
                what: "a supply without an index to settle against",
            });
        }
        self.blocks.push(block);
        Ok(self)
    }

    /// The financial blocks, in the order added.
    #[must_use]
    pub fn blocks(&self) -> &[FinancialBlock] {
        &self.blocks
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
            avoidance: None,
        });
        Ok(self)
    }

    /// Sets the 4CP avoidance policy interruptible loads follow (under
    /// any [`Curtailment`](crate::Curtailment) but `AlwaysOn`).
    ///
    /// # Errors
    /// [`FacilityError::Unsupported`] without a transmission charge to
    /// avoid ([`Self::with_transmission`] first).
    pub fn with_four_cp_avoidance(
        mut self,
        avoidance: FourCpAvoidance,
    ) -> Result<Self, FacilityError> {
        match &mut self.transmission {
            Some(t) => t.avoidance = Some(avoidance),
            None => {
                return Err(FacilityError::Unsupported {
                    computation: "4CP avoidance",
                    what: "a contract without a 4CP transmission charge",
                });
            }
        }
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

    /// The site's interruptible loads offer an ancillary service
    /// ([`crate::power::reserves`]): paid the clearing price for the
    /// capacity they hold in each period they run and offer, and shed when
    /// called.
    #[must_use]
    pub fn with_reserves(mut self, offer: ReserveOffer) -> Self {
        self.reserves = Some(offer);
        self
    }

    /// The ancillary-service offer, if any.
    #[must_use]
    pub const fn reserves(&self) -> Option<&ReserveOffer> {
        self.reserves.as_ref()
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
    #[serde(default)]
    blocks: Vec<FinancialBlock>,
    reserves: Option<ReserveOffer>,
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
            if let Some(avoidance) = t.avoidance {
                contract = contract.with_four_cp_avoidance(avoidance)?;
            }
        }
        if let Some(dr) = raw.demand_response {
            contract = contract.with_demand_response(dr.committed, dr.rate)?;
        }
        for block in raw.blocks {
            contract = contract.with_block(block)?;
        }
        if let Some(offer) = raw.reserves {
            contract = contract.with_reserves(offer);
        }
        Ok(contract)
    }
}
