//! Mass in the wattage system of quantities.

quantity! {
    /// Mass (base unit: kilogram).
    quantity: Mass; "mass";
    /// Dimension of mass: M.
    dimension: Q<Z0, P1, Z0, Z0, Z0>;
    units {
        @kilogram: 1.0E0; "kg", "kilogram", "kilograms";
    }
}
