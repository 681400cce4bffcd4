//! From watts to dollars: one mining machine's month, with typed units and
//! exact money.
//!
//! Run with `cargo run -p wattage-units --example quickstart`.

use wattage_units::{EnergyPrice, HashEfficiency, Hashprice, Hashrate, Time, unit};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // An Antminer S21 XP at nameplate, as its spec card writes it.
    let rate: Hashrate = "270 TH/s".parse()?;
    let efficiency: HashEfficiency = "13.5 J/TH".parse()?;
    let month = Time::new(30.0, unit::DAY)?;

    // The algebra is typed: hashrate × J/TH is a power, power × time an energy.
    let power = rate * efficiency;
    let energy = power * month;
    let work = rate * month;

    // Prices as people quote them; money is exact.
    let hashprice: Hashprice = "$52/PH/day".parse()?;
    let power_price: EnergyPrice = "4.5 c/kWh".parse()?;
    let revenue = hashprice.revenue(work)?;
    let power_bill = power_price.cost(energy)?;
    let margin = revenue.checked_sub(power_bill)?;
    let hashcost = power_price.hashcost(efficiency)?;

    println!("machine     {rate} at {efficiency}");
    println!("draw        {power}");
    println!("month       {energy} for {work} of work");
    println!("hashprice   {hashprice}   hashcost {hashcost:.2}");
    println!("revenue     {revenue:.2}");
    println!("power bill  {power_bill:.2}   (at {power_price})");
    println!("margin      {margin:.2}");
    Ok(())
}
