//! Floating-point operation count in the wattage system of quantities.

quantity! {
    /// Floating-point operation count (base unit: floating-point operation).
    quantity: Flops; "floating-point operation count";
    /// Dimension of floating-point operation count: F.
    dimension: Q<Z0, Z0, Z0, Z0, P1>;
    units {
        @flop: 1.0E0; "FLOP", "floating-point operation", "floating-point operations";
    }
}
