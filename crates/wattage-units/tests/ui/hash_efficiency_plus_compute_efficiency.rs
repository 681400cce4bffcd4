// J/TH (energy per hash) and FLOP/J (operations per energy) are different quantities.
use wattage_units::{ComputeEfficiency, HashEfficiency, unit};

fn main() {
    let miner = HashEfficiency::new(17.5, unit::JOULE_PER_TERAHASH).unwrap();
    let gpu = ComputeEfficiency::new(1.41, unit::TERAFLOPS_PER_WATT).unwrap();
    let _ = miner + gpu;
}
