// Energy (MWh) and power (MW) differ by a time.
use wattage_units::{Energy, Power, unit};

fn main() {
    let energy = Energy::new(1.0, unit::MEGAWATT_HOUR).unwrap();
    let power = Power::new(1.0, unit::MEGAWATT).unwrap();
    let _ = energy + power;
}
