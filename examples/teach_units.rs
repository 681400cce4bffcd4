//! For educators: typed units in five small steps. Each step prints what it
//! shows; the comments say what to ask a class.
//!
//! Run with `cargo run -p wattage-examples --example teach_units`.

use wattage::prelude::*;
use wattage::units::{FlopRate, Hashes};

fn main() -> std::process::ExitCode {
    wattage_examples::report(example_main)
}

fn example_main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. A quantity is a number with a dimension. Parse what people write.
    let network: Hashrate = "950 EH/s".parse()?;
    println!(
        "1. the network hashes at {network} = {}",
        network.display_in(unit::TERAHASH_PER_SECOND)
    );

    // 2. Dimensions multiply. Ask: what is hashrate × J/TH? (a power)
    let efficiency: HashEfficiency = "17.5 J/TH".parse()?;
    let network_power: Power = network * efficiency;
    println!("2. at {efficiency} that draws {network_power}");

    // 3. Power × time is energy. Ask: how much in a year? (365.25 days)
    let year = Time::new(1.0, unit::YEAR)?;
    println!(
        "3. in a year: {}",
        (network_power * year).display_in(unit::TERAWATT_HOUR)
    );

    // 4. Hashrate × time is a count of hashes; a hashprice is a price per hash.
    let one_ph_day: Hashes =
        Hashrate::new(1.0, unit::PETAHASH_PER_SECOND)? * Time::new(1.0, unit::DAY)?;
    println!(
        "4. 1 PH/s for a day is {one_ph_day} ({:e} hashes)",
        one_ph_day.get(unit::HASH)
    );

    // 5. The same "per second" does not make the same quantity. Uncomment the
    //    next line and read the compiler's answer: expected `Hashrate`, found `FlopRate`.
    let gpu_cluster: FlopRate = "1 EFLOP/s".parse()?;
    // let nonsense = network + gpu_cluster;
    println!(
        "5. {network} and {gpu_cluster} cannot be added: hashes and FLOPs are different dimensions"
    );

    // Bonus: bad input is an error that says what was wrong.
    match "17.5 J/TB".parse::<HashEfficiency>() {
        Ok(_) => println!("unexpected"),
        Err(e) => println!("   and a typo is caught: {e}"),
    }
    Ok(())
}
