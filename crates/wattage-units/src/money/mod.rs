//! Exact money: US dollars as `Decimal`, bitcoin as integer satoshis, and
//! prices as money per physical unit.
//!
//! Money never lives in an `f64`. Where a price meets a physical quantity
//! (an energy price times an energy), the quantity is converted to a
//! `Decimal` once, by the rule in [`to_decimal`], and the rest is exact.

mod btc;
mod conversion;
mod parse;
mod prices;
mod usd;

pub use btc::Btc;
pub use conversion::{SIGNIFICANT_DIGITS, to_decimal};
pub use prices::{
    BtcHashprice, BtcPrice, CapexPerMw, EnergyPrice, GpuHourPrice, Hashcost, Hashprice, LeaseRate,
};
pub use usd::Usd;
