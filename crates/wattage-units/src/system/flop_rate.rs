//! FLOP rate in the wattage system of quantities.

quantity! {
    /// FLOP rate (base unit: floating-point operation per second).
    quantity: FlopRate; "FLOP rate";
    /// Dimension of FLOP rate: F T⁻¹.
    dimension: Q<Z0, Z0, N1, Z0, P1>;
    units {
        @flop_per_second: 1.0E0; "FLOP/s", "floating-point operation per second", "floating-point operations per second";
    }
}
