//! Compute efficiency (operations per joule) in the wattage system of quantities.

quantity! {
    /// Compute efficiency (operations per joule) (base unit: floating-point operation per joule).
    quantity: ComputeEfficiency; "compute efficiency (operations per joule)";
    /// Dimension of compute efficiency (operations per joule): F M⁻¹ L⁻² T².
    dimension: Q<N2, N1, P2, Z0, P1>;
    units {
        @flop_per_joule: 1.0E0; "FLOP/J", "floating-point operation per joule", "floating-point operations per joule";
    }
}
