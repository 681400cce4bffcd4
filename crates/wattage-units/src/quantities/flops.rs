//! The FLOP count quantity and its units.

measure_type! {
    /// A number of floating-point operations (dimension F): the work of a
    /// training run or an inference job.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, FlopRate, Flops, Time};
    ///
    /// let work: Flops = FlopRate::new(1.0, unit::EXAFLOP_PER_SECOND)? * Time::new(1.0, unit::DAY)?;
    /// assert_eq!(work.to_string(), "86.4 ZFLOP");
    /// assert_eq!("1e25 FLOP".parse::<Flops>()?.to_string(), "10 YFLOP");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Flops(Flops);
    name: "FLOP count",
    expected: "a FLOP count",
    example: "3.8 EFLOP",
    non_negative: true,
    base: units::FLOP,
    units: [units::FLOP, units::KILOFLOP, units::MEGAFLOP, units::GIGAFLOP, units::TERAFLOP, units::PETAFLOP, units::EXAFLOP, units::ZETTAFLOP, units::YOTTAFLOP]
}

/// The units of Flops.
pub(crate) mod units {
    use super::Flops;
    use crate::Unit;

    /// Flop (FLOP), the base unit.
    pub const FLOP: Unit<Flops> = Unit::new("FLOP", "flop", 1e0).aliases(&["FLOPs"]).auto();

    /// Kiloflop (kFLOP): 1e3 base units.
    pub const KILOFLOP: Unit<Flops> = Unit::new("kFLOP", "kiloflop", 1e3)
        .aliases(&["kFLOPs"])
        .auto();

    /// Megaflop (MFLOP): 1e6 base units.
    pub const MEGAFLOP: Unit<Flops> = Unit::new("MFLOP", "megaflop", 1e6)
        .aliases(&["MFLOPs"])
        .auto();

    /// Gigaflop (GFLOP): 1e9 base units.
    pub const GIGAFLOP: Unit<Flops> = Unit::new("GFLOP", "gigaflop", 1e9)
        .aliases(&["GFLOPs"])
        .auto();

    /// Teraflop (TFLOP): 1e12 base units.
    pub const TERAFLOP: Unit<Flops> = Unit::new("TFLOP", "teraflop", 1e12)
        .aliases(&["TFLOPs"])
        .auto();

    /// Petaflop (PFLOP): 1e15 base units.
    pub const PETAFLOP: Unit<Flops> = Unit::new("PFLOP", "petaflop", 1e15)
        .aliases(&["PFLOPs"])
        .auto();

    /// Exaflop (EFLOP): 1e18 base units.
    pub const EXAFLOP: Unit<Flops> = Unit::new("EFLOP", "exaflop", 1e18)
        .aliases(&["EFLOPs"])
        .auto();

    /// Zettaflop (ZFLOP): 1e21 base units.
    pub const ZETTAFLOP: Unit<Flops> = Unit::new("ZFLOP", "zettaflop", 1e21)
        .aliases(&["ZFLOPs"])
        .auto();

    /// Yottaflop (YFLOP): 1e24 base units.
    pub const YOTTAFLOP: Unit<Flops> = Unit::new("YFLOP", "yottaflop", 1e24)
        .aliases(&["YFLOPs"])
        .auto();
}
