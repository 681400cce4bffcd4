//! Frequency in the wattage system of quantities.

quantity! {
    /// Frequency (base unit: hertz).
    quantity: Frequency; "frequency";
    /// Dimension of frequency: T⁻¹.
    dimension: Q<Z0, Z0, N1, Z0, Z0>;
    units {
        @hertz: 1.0E0; "Hz", "hertz", "hertz";
    }
}
