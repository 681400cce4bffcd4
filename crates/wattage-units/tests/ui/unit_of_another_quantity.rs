// A unit belongs to one quantity.
use wattage_units::{Power, unit};

fn main() {
    let _ = Power::new(3.5, unit::TERAHASH_PER_SECOND);
}
