//! Hash count in the wattage system of quantities.

quantity! {
    /// Hash count (base unit: hash).
    quantity: Hashes; "hash count";
    /// Dimension of hash count: H.
    dimension: Q<Z0, Z0, Z0, P1, Z0>;
    units {
        @hash: 1.0E0; "H", "hash", "hashes";
    }
}
