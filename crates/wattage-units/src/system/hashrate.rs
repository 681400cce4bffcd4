//! Hashrate in the wattage system of quantities.

quantity! {
    /// Hashrate (base unit: hash per second).
    quantity: Hashrate; "hashrate";
    /// Dimension of hashrate: H T⁻¹.
    dimension: Q<Z0, Z0, N1, P1, Z0>;
    units {
        @hash_per_second: 1.0E0; "H/s", "hash per second", "hashes per second";
    }
}
