//! Capital cost per unit of capacity.

use rust_decimal::Decimal;

use super::{dec, price_type};
use crate::error::MoneyError;
use crate::money::{Usd, size_in, to_decimal};
use crate::{Power, unit};

price_type! {
    /// Capital expenditure in US dollars per megawatt of capacity: about
    /// $0.3-0.5M for a mining site, $8-11M per critical MW for an AI hall.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{CapexPerMw, Power, unit};
    ///
    /// let hall: CapexPerMw = "$10M/MW".parse()?;
    /// let capex = hall.capex(Power::new(50.0, unit::MEGAWATT)?)?;
    /// assert_eq!(capex.to_string(), "$500,000,000");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct CapexPerMw;
    what: "a capex per MW",
    example: "$10M/MW",
    sign: NonNegative,
    currency: usd,
    display: "$", "/MW",
    denominators: [
        ("MW", Decimal::ONE),
        ("kW", Decimal::ONE_THOUSAND),
        ("W", dec(1_000_000, 0)),
    ]
}

impl CapexPerMw {
    /// The capital cost of `capacity`.
    ///
    /// # Errors
    /// [`MoneyError::Quantity`] for a negative capacity; [`MoneyError`] when
    /// the capacity is not representable or the product overflows.
    pub fn capex(self, capacity: Power) -> Result<Usd, MoneyError> {
        let megawatts = to_decimal(
            "capacity in MW",
            size_in("capacity", capacity, unit::MEGAWATT)?,
        )?;
        Usd::new(megawatts).checked_mul(self.0)
    }
}
