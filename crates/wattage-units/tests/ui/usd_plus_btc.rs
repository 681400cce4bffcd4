// Dollars and bitcoin need a price between them.
use wattage_units::{Btc, Usd};

fn main() {
    let dollars = Usd::from_cents(100);
    let coins = Btc::from_sat(100);
    let _ = dollars.checked_add(coins);
}
