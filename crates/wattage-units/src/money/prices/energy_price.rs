//! The price of electricity.

use rust_decimal::Decimal;

use super::{dec, price_type};
use crate::error::MoneyError;
use crate::money::{Hashcost, Usd, size_in, to_decimal};
use crate::{Energy, HashEfficiency, unit};

price_type! {
    /// The price of electricity in US dollars per megawatt-hour. It may be
    /// negative: real-time markets pay consumers in windy hours.
    ///
    /// Reads `$45/MWh`, `4.5 c/kWh`, `$0.045/kWh`, `-12.5 USD/MWh`.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{EnergyPrice, Energy, unit};
    ///
    /// let price: EnergyPrice = "4.5 c/kWh".parse()?;
    /// assert_eq!(price.to_string(), "$45/MWh");
    /// let bill = price.cost(Energy::new(2.0, unit::MEGAWATT_HOUR)?)?;
    /// assert_eq!(bill.to_string(), "$90");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct EnergyPrice;
    what: "an energy price",
    example: "$45/MWh",
    sign: Any,
    currency: usd,
    display: "$", "/MWh",
    denominators: [
        ("MWh", Decimal::ONE),
        ("kWh", Decimal::ONE_THOUSAND),
        ("Wh", dec(1_000_000, 0)),
        ("GWh", dec(1, 3)),
    ]
}

impl EnergyPrice {
    /// The price in US cents per kilowatt-hour.
    #[must_use]
    pub fn cents_per_kwh(self) -> Decimal {
        self.0 / Decimal::TEN
    }

    /// What `energy` costs at this price: MWh (converted once by
    /// [`crate::money::to_decimal`]) times the price, exact, not rounded.
    ///
    /// # Errors
    /// [`MoneyError`] when the energy is not representable or the product overflows.
    pub fn cost(self, energy: Energy) -> Result<Usd, MoneyError> {
        let mwh = to_decimal("energy in MWh", energy.get(unit::MEGAWATT_HOUR))?;
        Usd::new(mwh).checked_mul(self.0)
    }

    /// The hashcost of a machine of efficiency `efficiency` at this price:
    /// J/TH × $/MWh × 24 / 1000, in dollars per PH/s per day.
    ///
    /// 20 J/TH at $50/MWh costs $24/PH/day:
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{EnergyPrice, HashEfficiency};
    ///
    /// let price: EnergyPrice = "$50/MWh".parse()?;
    /// let cost = price.hashcost("20 J/TH".parse::<HashEfficiency>()?)?;
    /// assert_eq!(cost.to_string(), "$24/PH/day");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`MoneyError`] when the efficiency is not representable or the product overflows.
    pub fn hashcost(self, efficiency: HashEfficiency) -> Result<Hashcost, MoneyError> {
        let joules_per_th = to_decimal(
            "efficiency in J/TH",
            size_in("hash efficiency", efficiency, unit::JOULE_PER_TERAHASH)?,
        )?;
        // 1 PH/s for a day at e J/TH draws e kW for 24 h: e × 24 kWh = e × 24 / 1000 MWh.
        let mwh_per_ph_day = joules_per_th
            .checked_mul(dec(24, 0))
            .and_then(|x| x.checked_div(Decimal::ONE_THOUSAND))
            .ok_or(MoneyError::Overflow {
                operation: "hashcost",
            })?;
        let value = mwh_per_ph_day
            .checked_mul(self.0)
            .ok_or(MoneyError::Overflow {
                operation: "hashcost",
            })?;
        Hashcost::new(value)
    }
}
