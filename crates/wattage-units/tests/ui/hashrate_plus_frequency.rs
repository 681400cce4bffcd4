// Hashes are a dimension of their own: a hashrate is not a frequency.
use wattage_units::{Frequency, Hashrate, unit};

fn main() {
    let hashes = Hashrate::new(1.0, unit::TERAHASH_PER_SECOND).unwrap();
    let clock = Frequency::new(1.0, unit::GIGAHERTZ).unwrap();
    let _ = hashes + clock;
}
