//! Time in the wattage system of quantities.

quantity! {
    /// Time (base unit: second).
    quantity: Time; "time";
    /// Dimension of time: T.
    dimension: Q<Z0, Z0, P1, Z0, Z0>;
    units {
        @second: 1.0E0; "s", "second", "seconds";
    }
}
