//! The frequency quantity and its units.

measure_type! {
    /// Frequency (dimension T⁻¹): clock speeds of chips.
    ///
    /// A hashrate is not a frequency, although both are "per second": hashes
    /// are a dimension of their own, so adding one to the other does not compile.
    ///
    /// ```
    /// // Needs wattage-units (in the wattage facade: wattage::units).
    /// use wattage_units::{unit, Frequency};
    ///
    /// let sm_clock: Frequency = "1.98 GHz".parse()?;
    /// assert_eq!(sm_clock.get(unit::MEGAHERTZ), 1980.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub struct Frequency(Frequency);
    name: "frequency",
    expected: "a frequency",
    example: "1.5 GHz",
    non_negative: true,
    base: units::HERTZ,
    units: [units::HERTZ, units::KILOHERTZ, units::MEGAHERTZ, units::GIGAHERTZ]
}

/// The units of Frequency.
pub(crate) mod units {
    use super::Frequency;
    use crate::Unit;

    /// Hertz (Hz), the base unit.
    pub const HERTZ: Unit<Frequency> = Unit::new("Hz", "hertz", 1e0).auto();

    /// Kilohertz (kHz): 1e3 base units.
    pub const KILOHERTZ: Unit<Frequency> = Unit::new("kHz", "kilohertz", 1e3).auto();

    /// Megahertz (MHz): 1e6 base units.
    pub const MEGAHERTZ: Unit<Frequency> = Unit::new("MHz", "megahertz", 1e6).auto();

    /// Gigahertz (GHz): 1e9 base units.
    pub const GIGAHERTZ: Unit<Frequency> = Unit::new("GHz", "gigahertz", 1e9).auto();
}
