//! The hash count quantity and its units.

measure_type! {
    /// A number of hashes (dimension H): the work a miner does.
    ///
    /// Hashrate times time is hashes; hashprice is, at heart, a price per hash:
    /// 1 PH/s for a day is 8.64e19 hashes.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Hashes, Hashrate, Time};
    ///
    /// let work: Hashes = Hashrate::new(1.0, unit::PETAHASH_PER_SECOND)? * Time::new(1.0, unit::DAY)?;
    /// assert_eq!(work.get(unit::HASH), 8.64e19);
    /// assert_eq!(work.to_string(), "86.4 EH");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Hashes(Hashes);
    name: "hash count",
    expected: "a hash count",
    example: "86.4 EH",
    non_negative: true,
    base: units::HASH,
    units: [units::HASH, units::KILOHASH, units::MEGAHASH, units::GIGAHASH, units::TERAHASH, units::PETAHASH, units::EXAHASH, units::ZETTAHASH]
}

/// The units of Hashes.
pub(crate) mod units {
    use super::Hashes;
    use crate::Unit;

    /// Hash (H), the base unit.
    pub const HASH: Unit<Hashes> = Unit::new("H", "hash", 1e0).aliases(&["hashes"]).auto();

    /// Kilohash (kH): 1e3 base units.
    pub const KILOHASH: Unit<Hashes> = Unit::new("kH", "kilohash", 1e3).auto();

    /// Megahash (MH): 1e6 base units.
    pub const MEGAHASH: Unit<Hashes> = Unit::new("MH", "megahash", 1e6).auto();

    /// Gigahash (GH): 1e9 base units.
    pub const GIGAHASH: Unit<Hashes> = Unit::new("GH", "gigahash", 1e9).auto();

    /// Terahash (TH): 1e12 base units.
    pub const TERAHASH: Unit<Hashes> = Unit::new("TH", "terahash", 1e12).auto();

    /// Petahash (PH): 1e15 base units.
    pub const PETAHASH: Unit<Hashes> = Unit::new("PH", "petahash", 1e15).auto();

    /// Exahash (EH): 1e18 base units.
    pub const EXAHASH: Unit<Hashes> = Unit::new("EH", "exahash", 1e18).auto();

    /// Zettahash (ZH): 1e21 base units.
    pub const ZETTAHASH: Unit<Hashes> = Unit::new("ZH", "zettahash", 1e21).auto();
}
