//! Length in the wattage system of quantities.

quantity! {
    /// Length (base unit: meter).
    quantity: Length; "length";
    /// Dimension of length: L.
    dimension: Q<P1, Z0, Z0, Z0, Z0>;
    units {
        @meter: 1.0E0; "m", "meter", "meters";
    }
}
