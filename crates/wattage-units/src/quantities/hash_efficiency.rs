//! The hash efficiency quantity and its units.

measure_type! {
    /// Hash efficiency (dimension M L² T⁻² H⁻¹): energy per hash, the figure of
    /// merit of a mining machine. J/TH is the same as W per TH/s.
    ///
    /// Lower is better. It is not TH/J: the types keep the two apart.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, HashEfficiency, Hashrate, Power};
    ///
    /// let s21_xp: HashEfficiency = "13.5 J/TH".parse()?;
    /// let rate = Hashrate::new(270.0, unit::TERAHASH_PER_SECOND)?;
    /// let draw: Power = rate * s21_xp;
    /// assert!((draw.get(unit::WATT) - 3645.0).abs() < 1e-9);
    /// assert_eq!(s21_xp.to_string(), "13.5 J/TH");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct HashEfficiency(HashEfficiency);
    name: "hash efficiency",
    expected: "a hash efficiency",
    example: "17.5 J/TH",
    non_negative: true,
    base: units::JOULE_PER_HASH,
    units: [units::JOULE_PER_PETAHASH, units::JOULE_PER_TERAHASH, units::JOULE_PER_GIGAHASH, units::JOULE_PER_MEGAHASH, units::JOULE_PER_HASH]
}

/// The units of HashEfficiency.
pub(crate) mod units {
    use super::HashEfficiency;
    use crate::Unit;

    /// Joule per petahash (J/PH): 1e-15 base units.
    pub const JOULE_PER_PETAHASH: Unit<HashEfficiency> =
        Unit::new("J/PH", "joule per petahash", 1e-15).aliases(&["W/PH", "W/PH/s", "W/(PH/s)"]);

    /// Joule per terahash (J/TH): 1e-12 base units.
    pub const JOULE_PER_TERAHASH: Unit<HashEfficiency> =
        Unit::new("J/TH", "joule per terahash", 1e-12)
            .aliases(&["W/TH", "W/TH/s", "W/(TH/s)"])
            .auto();

    /// Joule per gigahash (J/GH): 1e-9 base units.
    pub const JOULE_PER_GIGAHASH: Unit<HashEfficiency> =
        Unit::new("J/GH", "joule per gigahash", 1e-9)
            .aliases(&["W/GH", "W/GH/s", "W/(GH/s)"])
            .auto();

    /// Joule per megahash (J/MH): 1e-6 base units.
    pub const JOULE_PER_MEGAHASH: Unit<HashEfficiency> =
        Unit::new("J/MH", "joule per megahash", 1e-6)
            .aliases(&["W/MH", "W/MH/s", "W/(MH/s)"])
            .auto();

    /// Joule per hash (J/H), the base unit.
    pub const JOULE_PER_HASH: Unit<HashEfficiency> = Unit::new("J/H", "joule per hash", 1e0)
        .aliases(&["W/(H/s)"])
        .auto();
}
