//! The FLOP rate quantity and its units.

measure_type! {
    /// FLOP rate (dimension F T⁻¹): floating-point operations per second, the
    /// throughput of an accelerator at a given precision.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, FlopRate};
    ///
    /// let h100_bf16: FlopRate = "989 TFLOP/s".parse()?;
    /// assert_eq!(h100_bf16, "989 TFLOPS".parse()?);
    /// assert_eq!(h100_bf16.to_string(), "989 TFLOP/s");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct FlopRate(FlopRate);
    name: "FLOP rate",
    expected: "a FLOP rate",
    example: "989 TFLOP/s",
    non_negative: true,
    base: units::FLOP_PER_SECOND,
    units: [units::FLOP_PER_SECOND, units::KILOFLOP_PER_SECOND, units::MEGAFLOP_PER_SECOND, units::GIGAFLOP_PER_SECOND, units::TERAFLOP_PER_SECOND, units::PETAFLOP_PER_SECOND, units::EXAFLOP_PER_SECOND, units::ZETTAFLOP_PER_SECOND]
}

/// The units of FlopRate.
pub(crate) mod units {
    use super::FlopRate;
    use crate::Unit;

    /// Flop per second (FLOP/s), the base unit.
    pub const FLOP_PER_SECOND: Unit<FlopRate> = Unit::new("FLOP/s", "flop per second", 1e0)
        .aliases(&["OP/s", "OPS", "FLOPS"])
        .auto();

    /// Kiloflop per second (kFLOP/s): 1e3 base units.
    pub const KILOFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("kFLOP/s", "kiloflop per second", 1e3)
            .aliases(&["kOP/s", "kOPS", "kFLOPS"])
            .auto();

    /// Megaflop per second (MFLOP/s): 1e6 base units.
    pub const MEGAFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("MFLOP/s", "megaflop per second", 1e6)
            .aliases(&["MOP/s", "MOPS", "MFLOPS"])
            .auto();

    /// Gigaflop per second (GFLOP/s): 1e9 base units.
    pub const GIGAFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("GFLOP/s", "gigaflop per second", 1e9)
            .aliases(&["GOP/s", "GOPS", "GFLOPS"])
            .auto();

    /// Teraflop per second (TFLOP/s): 1e12 base units.
    pub const TERAFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("TFLOP/s", "teraflop per second", 1e12)
            .aliases(&["TOP/s", "TOPS", "TFLOPS"])
            .auto();

    /// Petaflop per second (PFLOP/s): 1e15 base units.
    pub const PETAFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("PFLOP/s", "petaflop per second", 1e15)
            .aliases(&["POP/s", "POPS", "PFLOPS"])
            .auto();

    /// Exaflop per second (EFLOP/s): 1e18 base units.
    pub const EXAFLOP_PER_SECOND: Unit<FlopRate> = Unit::new("EFLOP/s", "exaflop per second", 1e18)
        .aliases(&["EOP/s", "EOPS", "EFLOPS"])
        .auto();

    /// Zettaflop per second (ZFLOP/s): 1e21 base units.
    pub const ZETTAFLOP_PER_SECOND: Unit<FlopRate> =
        Unit::new("ZFLOP/s", "zettaflop per second", 1e21)
            .aliases(&["ZOP/s", "ZOPS", "ZFLOPS"])
            .auto();
}
