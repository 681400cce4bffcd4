//! Power in the wattage system of quantities.

quantity! {
    /// Power (base unit: watt).
    quantity: Power; "power";
    /// Dimension of power: M L² T⁻³.
    dimension: Q<P2, P1, N3, Z0, Z0>;
    units {
        @watt: 1.0E0; "W", "watt", "watts";
    }
}
