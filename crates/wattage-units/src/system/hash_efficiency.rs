//! Hash efficiency (energy per hash) in the wattage system of quantities.

quantity! {
    /// Hash efficiency (energy per hash) (base unit: joule per hash).
    quantity: HashEfficiency; "hash efficiency (energy per hash)";
    /// Dimension of hash efficiency (energy per hash): M L² T⁻² H⁻¹.
    dimension: Q<P2, P1, N2, N1, Z0>;
    units {
        @joule_per_hash: 1.0E0; "J/H", "joule per hash", "joules per hash";
    }
}
