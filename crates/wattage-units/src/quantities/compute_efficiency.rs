//! The compute efficiency quantity and its units.

measure_type! {
    /// Compute efficiency (dimension F M⁻¹ L⁻² T²): floating-point operations per
    /// joule, which is the same as FLOP/s per watt. Displayed in FLOPS/W with an
    /// SI prefix, as the Green500 list and datasheets write it.
    ///
    /// Higher is better, and it is the inverse dimension of nothing in mining:
    /// adding it to a [`crate::HashEfficiency`] does not compile.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, ComputeEfficiency, FlopRate, Power};
    ///
    /// let peak = FlopRate::new(989.0, unit::TERAFLOP_PER_SECOND)?;
    /// let tdp = Power::new(700.0, unit::WATT)?;
    /// let efficiency: ComputeEfficiency = peak / tdp;
    /// assert_eq!(format!("{efficiency:.2}"), "1.41 TFLOPS/W");
    /// assert_eq!("73.3 GFLOPS/W".parse::<ComputeEfficiency>()?, "73.3 GFLOP/J".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct ComputeEfficiency(ComputeEfficiency);
    name: "compute efficiency",
    expected: "a compute efficiency",
    example: "1.41 TFLOPS/W",
    non_negative: true,
    base: units::FLOPS_PER_WATT,
    units: [units::FLOPS_PER_WATT, units::KILOFLOPS_PER_WATT, units::MEGAFLOPS_PER_WATT, units::GIGAFLOPS_PER_WATT, units::TERAFLOPS_PER_WATT, units::PETAFLOPS_PER_WATT]
}

/// The units of ComputeEfficiency.
pub(crate) mod units {
    use super::ComputeEfficiency;
    use crate::Unit;

    /// Flops per watt (FLOPS/W), the base unit.
    pub const FLOPS_PER_WATT: Unit<ComputeEfficiency> = Unit::new("FLOPS/W", "flops per watt", 1e0)
        .aliases(&[
            "OPS/W",
            "OP/J",
            "OP/s/W",
            "FLOP/J",
            "FLOP/s/W",
            "FLOP/s per W",
        ])
        .auto();

    /// Kiloflops per watt (kFLOPS/W): 1e3 base units.
    pub const KILOFLOPS_PER_WATT: Unit<ComputeEfficiency> =
        Unit::new("kFLOPS/W", "kiloflops per watt", 1e3)
            .aliases(&[
                "kOPS/W",
                "kOP/J",
                "kOP/s/W",
                "kFLOP/J",
                "kFLOP/s/W",
                "kFLOP/s per W",
            ])
            .auto();

    /// Megaflops per watt (MFLOPS/W): 1e6 base units.
    pub const MEGAFLOPS_PER_WATT: Unit<ComputeEfficiency> =
        Unit::new("MFLOPS/W", "megaflops per watt", 1e6)
            .aliases(&[
                "MOPS/W",
                "MOP/J",
                "MOP/s/W",
                "MFLOP/J",
                "MFLOP/s/W",
                "MFLOP/s per W",
            ])
            .auto();

    /// Gigaflops per watt (GFLOPS/W): 1e9 base units.
    pub const GIGAFLOPS_PER_WATT: Unit<ComputeEfficiency> =
        Unit::new("GFLOPS/W", "gigaflops per watt", 1e9)
            .aliases(&[
                "GOPS/W",
                "GOP/J",
                "GOP/s/W",
                "GFLOP/J",
                "GFLOP/s/W",
                "GFLOP/s per W",
            ])
            .auto();

    /// Teraflops per watt (TFLOPS/W): 1e12 base units.
    pub const TERAFLOPS_PER_WATT: Unit<ComputeEfficiency> =
        Unit::new("TFLOPS/W", "teraflops per watt", 1e12)
            .aliases(&[
                "TOPS/W",
                "TOP/J",
                "TOP/s/W",
                "TFLOP/J",
                "TFLOP/s/W",
                "TFLOP/s per W",
            ])
            .auto();

    /// Petaflops per watt (PFLOPS/W): 1e15 base units.
    pub const PETAFLOPS_PER_WATT: Unit<ComputeEfficiency> =
        Unit::new("PFLOPS/W", "petaflops per watt", 1e15)
            .aliases(&[
                "POPS/W",
                "POP/J",
                "POP/s/W",
                "PFLOP/J",
                "PFLOP/s/W",
                "PFLOP/s per W",
            ])
            .auto();
}
