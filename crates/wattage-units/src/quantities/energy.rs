//! The energy quantity and its units.

measure_type! {
    /// Energy (dimension M L² T⁻²): what a meter bills and a site consumes.
    ///
    /// Negative values are allowed (net energy sold back to the grid).
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Energy, Power, Time};
    ///
    /// let power = Power::new(100.0, unit::MEGAWATT)?;
    /// let day = Time::new(1.0, unit::DAY)?;
    /// let energy: Energy = power * day;
    /// assert_eq!(energy.to_string(), "2.4 GWh");
    /// assert_eq!("1.2e3 MWh".parse::<Energy>()?, Energy::new(1.2, unit::GIGAWATT_HOUR)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Energy(Energy);
    name: "energy",
    expected: "an energy",
    example: "2.4 GWh",
    non_negative: false,
    base: units::JOULE,
    units: [units::JOULE, units::KILOJOULE, units::MEGAJOULE, units::GIGAJOULE, units::WATT_HOUR, units::KILOWATT_HOUR, units::MEGAWATT_HOUR, units::GIGAWATT_HOUR, units::TERAWATT_HOUR]
}

/// The units of Energy.
pub(crate) mod units {
    use super::Energy;
    use crate::Unit;

    /// Joule (J), the base unit.
    pub const JOULE: Unit<Energy> = Unit::new("J", "joule", 1e0).aliases(&["joules"]).auto();

    /// Kilojoule (kJ): 1e3 base units.
    pub const KILOJOULE: Unit<Energy> = Unit::new("kJ", "kilojoule", 1e3);

    /// Megajoule (MJ): 1e6 base units.
    pub const MEGAJOULE: Unit<Energy> = Unit::new("MJ", "megajoule", 1e6);

    /// Gigajoule (GJ): 1e9 base units.
    pub const GIGAJOULE: Unit<Energy> = Unit::new("GJ", "gigajoule", 1e9);

    /// Watt-hour (Wh): 3600.0 base units.
    pub const WATT_HOUR: Unit<Energy> = Unit::new("Wh", "watt-hour", 3600.0).auto();

    /// Kilowatt-hour (kWh): 3.6e6 base units.
    pub const KILOWATT_HOUR: Unit<Energy> = Unit::new("kWh", "kilowatt-hour", 3.6e6)
        .aliases(&["kW h", "kW·h"])
        .auto();

    /// Megawatt-hour (MWh): 3.6e9 base units.
    pub const MEGAWATT_HOUR: Unit<Energy> = Unit::new("MWh", "megawatt-hour", 3.6e9)
        .aliases(&["MW h", "MW·h"])
        .auto();

    /// Gigawatt-hour (GWh): 3.6e12 base units.
    pub const GIGAWATT_HOUR: Unit<Energy> = Unit::new("GWh", "gigawatt-hour", 3.6e12).auto();

    /// Terawatt-hour (TWh): 3.6e15 base units.
    pub const TERAWATT_HOUR: Unit<Energy> = Unit::new("TWh", "terawatt-hour", 3.6e15).auto();
}
