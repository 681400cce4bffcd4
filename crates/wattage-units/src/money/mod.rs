//! Exact money: US dollars as `Decimal`, bitcoin as integer satoshis, and
//! prices as money per physical unit.
//!
//! Money never lives in an `f64`. Where a price meets a physical quantity
//! (an energy price times an energy), the quantity is converted to a
//! `Decimal` once, by the rule in [`to_decimal`], and the rest is exact.
//!
//! # Text
//!
//! Amounts and prices display exactly (`$45/MWh`, `3.125 BTC`; `{:.2}`
//! rounds half away from zero), with thousands separators
//! (`$1,043,992,800`); the alternate flag gives the plain form without them
//! (`format!("{:#}", amount)` is `$1043992800`), which is what serde writes
//! and what machine-readable outputs (CSV, JSON) use. They parse what
//! people type:
//!
//! ```text
//! money       := ws* sign? ("$" ws*)? sign? number ws* scale? ws* currency? ws* denominator? ws*
//! number      := digits, "," thousands separators in groups of three, "." decimals,
//!                an optional exponent ("1e6")
//! scale       := "k" | "thousand" | "M" | "MM" | "mn" | "million" | "B" | "bn" | "billion"
//! currency    := "$" | "USD" | "c" | "¢" | "cents" | "BTC" | "sat" | "sats"
//! denominator := ("/" | ws "per" ws) a unit the price knows, such as "MWh",
//!                "kWh", "PH/day", "TH/s/day", "kW/month", "MW-year", "GPU-h", "MW"
//! ```
//!
//! Currencies, scales and denominators fold case by the one rule of
//! [`crate::parse`]: `$45/mwh`, `3.125 btc` and `$5m` read, while a
//! mixed-case `/mWh` (a milliwatt-hour) is refused.
//!
//! A leading `$` means US dollars; otherwise a currency word is required
//! (`45 $/MWh` and `45 USD/MWh` are both fine), and a price requires its
//! denominator: `"$45"` is not an energy price. Every parse error ends with
//! the canonical spelling of a valid value (`(written like "$45/MWh")`).
//!
//! ```
//! // Needs wattage-units (in the wattage facade: wattage::units).
//! use wattage_units::{EnergyPrice, Hashprice, LeaseRate, Usd};
//!
//! assert_eq!("4.5 c/kWh".parse::<EnergyPrice>()?, "$45/MWh".parse()?);
//! assert_eq!("45 $/MWh".parse::<EnergyPrice>()?, "$45 per mwh".parse()?);
//! assert_eq!("$1.68M/MW-year".parse::<LeaseRate>()?, "$140/kw/month".parse()?);
//! assert_eq!("$0.05597/TH/s/day".parse::<Hashprice>()?.to_string(), "$55.97/PH/day");
//! assert_eq!("$150/kW-month".parse::<LeaseRate>()?.to_string(), "$150/kW/month");
//! assert_eq!("$3.5B".parse::<Usd>()?.to_string(), "$3,500,000,000");
//! assert_eq!(format!("{:#}", "$3.5B".parse::<Usd>()?), "$3500000000"); // plain, for CSV
//! assert!("$45".parse::<EnergyPrice>().is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod btc;
mod conversion;
pub(crate) mod parse;
mod prices;
mod usd;

pub use btc::Btc;
pub(crate) use conversion::size_in;
pub use conversion::{SIGNIFICANT_DIGITS, to_decimal};
pub use parse::group_thousands;
pub use prices::{
    BtcHashprice, BtcPrice, CapexPerMw, EnergyPrice, GpuHourPrice, Hashcost, Hashprice, LeaseRate,
};
pub use usd::Usd;
