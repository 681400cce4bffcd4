//! Fixed-price blocks that settle financially: a block bought forward, a
//! virtual PPA, a fixed-for-floating hedge.
//!
//! A real fixed-price block is a swap, not a share of the load. The site
//! buys every MWh it draws at the index; separately, on the block's volume
//! and whether or not the load runs, it receives the index and pays the
//! fixed price. So the marginal MWh always costs the index (curtailing in
//! a $300 hour saves $300, not a blended price), and the block adds
//! `(index − fixed) × volume × hours` to the site's cash in every period.

use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, Power, unit};

use crate::FacilityError;

/// A fixed-price block of constant volume that settles financially
/// against the contract's index: a fixed-for-floating swap.
///
/// Each period it pays the site `(index − price) × volume × hours`
/// (negative when the index is below the fixed price), independent of
/// what the load draws. The index is the supply's raw real-time price,
/// without the retail adder (the adder is a charge on the energy drawn,
/// not on the swap).
///
/// ```
/// // Needs wattage-facility, rust_decimal (in the wattage facade: wattage::facility, wattage::rust_decimal).
/// use wattage_facility::power::FinancialBlock;
///
/// // 30 MW at $40/MWh: in a $300 hour the block pays 30 × ($300 − $40).
/// let block = FinancialBlock::new("30 MW".parse()?, "$40/MWh".parse()?)?;
/// assert_eq!(block.settlement("$300/MWh".parse()?, rust_decimal::Decimal::ONE)?.to_string(), "7800");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "FinancialBlockSpec", deny_unknown_fields)
)]
pub struct FinancialBlock {
    volume: Power,
    fixed_price: EnergyPrice,
}

/// [`FinancialBlock`]'s terms, by name.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct FinancialBlockSpec {
    /// The block's constant volume (MW in every hour).
    pub volume: Power,
    /// The fixed price paid on the volume.
    pub fixed_price: EnergyPrice,
}

impl TryFrom<FinancialBlockSpec> for FinancialBlock {
    type Error = FacilityError;

    fn try_from(spec: FinancialBlockSpec) -> Result<Self, FacilityError> {
        Self::new(spec.volume, spec.fixed_price)
    }
}

impl FinancialBlock {
    /// A block of `volume` MW at `price`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidPower`] unless `volume` is finite and
    /// positive.
    pub fn new(volume: Power, price: EnergyPrice) -> Result<Self, FacilityError> {
        let mw = volume.get(unit::MEGAWATT);
        if !(mw.is_finite() && mw > 0.0) {
            return Err(FacilityError::InvalidPower {
                what: "financial block volume",
                requirement: "finite and positive",
                value: volume,
            });
        }
        Ok(Self {
            volume,
            fixed_price: price,
        })
    }

    /// The block's volume.
    #[must_use]
    pub const fn volume(&self) -> Power {
        self.volume
    }

    /// The fixed price.
    #[must_use]
    pub const fn price(&self) -> EnergyPrice {
        self.fixed_price
    }

    /// The block's volume in MWh over `hours` (entering money by
    /// [`to_decimal`]'s rule: 15 significant digits).
    pub(crate) fn mwh(&self, hours: Decimal) -> Result<Decimal, FacilityError> {
        to_decimal(
            "financial block volume in MW",
            self.volume.get(unit::MEGAWATT),
        )?
        .checked_mul(hours)
        .ok_or_else(|| crate::schedule::overflow("financial block energy"))
    }

    /// What the block pays the site over `hours` at `index`:
    /// `(index − price) × volume × hours`, in dollars (negative when the
    /// site pays).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn settlement(&self, index: EnergyPrice, hours: Decimal) -> Result<Decimal, FacilityError> {
        let spread = index
            .value()
            .checked_sub(self.fixed_price.value())
            .ok_or_else(|| crate::schedule::overflow("block spread"))?;
        spread
            .checked_mul(self.mwh(hours)?)
            .ok_or_else(|| crate::schedule::overflow("block settlement"))
    }
}
