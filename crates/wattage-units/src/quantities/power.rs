//! The power quantity and its units.

measure_type! {
    /// Power (dimension M L² T⁻³): a machine's draw, a site's capacity.
    ///
    /// Negative values are allowed (net export); capacities validate their own
    /// sign where they are used.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Power};
    ///
    /// let draw = Power::new(3500.0, unit::WATT)?;
    /// assert_eq!(draw.to_string(), "3.5 kW");
    /// assert_eq!(draw.get(unit::KILOWATT), 3.5);
    /// assert_eq!("3.5 kW".parse::<Power>()?, draw);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Power(Power);
    name: "power",
    expected: "a power",
    example: "3.5 kW",
    non_negative: false,
    base: units::WATT,
    units: [units::WATT, units::KILOWATT, units::MEGAWATT, units::GIGAWATT, units::TERAWATT]
}

/// The units of Power.
pub(crate) mod units {
    use super::Power;
    use crate::Unit;

    /// Watt (W), the base unit.
    pub const WATT: Unit<Power> = Unit::new("W", "watt", 1e0).auto();

    /// Kilowatt (kW): 1e3 base units.
    pub const KILOWATT: Unit<Power> = Unit::new("kW", "kilowatt", 1e3).auto();

    /// Megawatt (MW): 1e6 base units.
    pub const MEGAWATT: Unit<Power> = Unit::new("MW", "megawatt", 1e6).auto();

    /// Gigawatt (GW): 1e9 base units.
    pub const GIGAWATT: Unit<Power> = Unit::new("GW", "gigawatt", 1e9).auto();

    /// Terawatt (TW): 1e12 base units.
    pub const TERAWATT: Unit<Power> = Unit::new("TW", "terawatt", 1e12).auto();
}
