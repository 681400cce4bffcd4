// A hashrate and a FLOP rate are both "per second", but of different things.
use wattage_units::{FlopRate, Hashrate, unit};

fn main() {
    let hashes = Hashrate::new(950.0, unit::EXAHASH_PER_SECOND).unwrap();
    let flops = FlopRate::new(1.0, unit::EXAFLOP_PER_SECOND).unwrap();
    let _ = hashes + flops;
}
