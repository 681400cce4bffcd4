//! The hashrate quantity and its units.

measure_type! {
    /// Hashrate (dimension H T⁻¹): hashes per second, from one machine to the
    /// whole network.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Hashrate};
    ///
    /// let network: Hashrate = "950 EH/s".parse()?;
    /// assert_eq!(network, "0.95 ZH/s".parse()?);
    /// assert_eq!(network.to_string(), "950 EH/s");
    /// assert_eq!(network.get(unit::TERAHASH_PER_SECOND), 950e6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Hashrate(Hashrate);
    name: "hashrate",
    expected: "a hashrate",
    example: "950 EH/s",
    non_negative: true,
    base: units::HASH_PER_SECOND,
    units: [units::HASH_PER_SECOND, units::KILOHASH_PER_SECOND, units::MEGAHASH_PER_SECOND, units::GIGAHASH_PER_SECOND, units::TERAHASH_PER_SECOND, units::PETAHASH_PER_SECOND, units::EXAHASH_PER_SECOND, units::ZETTAHASH_PER_SECOND]
}

/// The units of Hashrate.
pub(crate) mod units {
    use super::Hashrate;
    use crate::Unit;

    /// Hash per second (H/s), the base unit.
    pub const HASH_PER_SECOND: Unit<Hashrate> = Unit::new("H/s", "hash per second", 1e0).auto();

    /// Kilohash per second (kH/s): 1e3 base units.
    pub const KILOHASH_PER_SECOND: Unit<Hashrate> = Unit::new("kH/s", "kilohash per second", 1e3)
        .aliases(&["kHs"])
        .auto();

    /// Megahash per second (MH/s): 1e6 base units.
    pub const MEGAHASH_PER_SECOND: Unit<Hashrate> = Unit::new("MH/s", "megahash per second", 1e6)
        .aliases(&["MHs"])
        .auto();

    /// Gigahash per second (GH/s): 1e9 base units.
    pub const GIGAHASH_PER_SECOND: Unit<Hashrate> = Unit::new("GH/s", "gigahash per second", 1e9)
        .aliases(&["GHs"])
        .auto();

    /// Terahash per second (TH/s): 1e12 base units.
    pub const TERAHASH_PER_SECOND: Unit<Hashrate> = Unit::new("TH/s", "terahash per second", 1e12)
        .aliases(&["THs"])
        .auto();

    /// Petahash per second (PH/s): 1e15 base units.
    pub const PETAHASH_PER_SECOND: Unit<Hashrate> = Unit::new("PH/s", "petahash per second", 1e15)
        .aliases(&["PHs"])
        .auto();

    /// Exahash per second (EH/s): 1e18 base units.
    pub const EXAHASH_PER_SECOND: Unit<Hashrate> = Unit::new("EH/s", "exahash per second", 1e18)
        .aliases(&["EHs"])
        .auto();

    /// Zettahash per second (ZH/s): 1e21 base units.
    pub const ZETTAHASH_PER_SECOND: Unit<Hashrate> =
        Unit::new("ZH/s", "zettahash per second", 1e21)
            .aliases(&["ZHs"])
            .auto();
}
