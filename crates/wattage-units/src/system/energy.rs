//! Energy in the wattage system of quantities.

quantity! {
    /// Energy (base unit: joule).
    quantity: Energy; "energy";
    /// Dimension of energy: M L² T⁻².
    dimension: Q<P2, P1, N2, Z0, Z0>;
    units {
        @joule: 1.0E0; "J", "joule", "joules";
    }
}
