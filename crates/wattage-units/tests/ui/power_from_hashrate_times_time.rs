// Hashrate times time is a number of hashes, not a power.
use wattage_units::{Hashrate, Power, Time, unit};

fn main() {
    let rate = Hashrate::new(270.0, unit::TERAHASH_PER_SECOND).unwrap();
    let day = Time::new(1.0, unit::DAY).unwrap();
    let _power: Power = rate * day;
}
