//! Typed quantities and exact money for the energy-to-compute economy.
//!
//! Power, energy, hashes, hashrate, J/TH, FLOPs, FLOP/s and FLOPS/W are
//! distinct types, so adding a hashrate to a FLOP rate, or an energy to a
//! power, does not compile. Their algebra works with plain operators.
//! Money is exact: dollars are `Decimal`, bitcoin is whole satoshis.
//!
//! ```
//! // Needs wattage-units (in the wattage facade: wattage::units).
//! use wattage_units::{EnergyPrice, HashEfficiency, Hashprice, Hashrate, Time, unit};
//!
//! // An Antminer S21 XP, as people write its figures.
//! let rate: Hashrate = "270 TH/s".parse()?;
//! let efficiency: HashEfficiency = "13.5 J/TH".parse()?;
//! let month = Time::new(30.0, unit::DAY)?;
//!
//! let power = rate * efficiency; // a Power
//! let energy = power * month; // an Energy
//! assert_eq!(power.to_string(), "3.645 kW");
//! assert_eq!(energy.to_string(), "2.6244 MWh");
//!
//! // Money is exact; f64 quantities enter it once, by a documented rule.
//! let power_bill = "$45/MWh".parse::<EnergyPrice>()?.cost(energy)?;
//! let revenue = "$52/PH/day".parse::<Hashprice>()?.revenue(rate * month)?;
//! let margin = revenue.checked_sub(power_bill)?;
//! assert_eq!(format!("{margin:.2}"), "$303.10");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A unit mistake is a compile error:
//!
//! ```compile_fail
//! // Needs wattage-units (in the wattage facade: wattage::units).
//! use wattage_units::{FlopRate, Hashrate, unit};
//! let h = Hashrate::new(1.0, unit::EXAHASH_PER_SECOND).unwrap();
//! let f = FlopRate::new(1.0, unit::EXAFLOP_PER_SECOND).unwrap();
//! let nonsense = h + f; // error[E0308]: mismatched types
//! ```
//!
//! # The quantities
//!
//! | type | dimension | display units |
//! |---|---|---|
//! | [`Time`] | T | s, min, h, days, years (365.25 d) |
//! | [`Energy`] | M L² T⁻² | J, Wh, kWh, MWh, GWh, TWh |
//! | [`Power`] | M L² T⁻³ | W, kW, MW, GW, TW |
//! | [`Frequency`] | T⁻¹ | Hz, kHz, MHz, GHz |
//! | [`Hashes`] | H | H, kH, ..., ZH |
//! | [`Hashrate`] | H T⁻¹ | H/s, ..., TH/s, PH/s, EH/s, ZH/s |
//! | [`HashEfficiency`] | M L² T⁻² H⁻¹ | J/TH, J/GH, J/MH, J/H |
//! | [`Flops`] | F | FLOP, ..., EFLOP, ZFLOP, YFLOP |
//! | [`FlopRate`] | F T⁻¹ | FLOP/s, ..., TFLOP/s, PFLOP/s, EFLOP/s |
//! | [`ComputeEfficiency`] | F M⁻¹ L⁻² T² | FLOPS/W (= FLOP/J), GFLOPS/W, TFLOPS/W |
//!
//! Each is a validated wrapper around a quantity of the uom [`mod@system`] with
//! hash (H) and floating-point operation (F) as base dimensions. Values come
//! from [`Hashrate::new`] and its siblings (with a typed [`mod@unit`]), from
//! parsing, or from arithmetic; constructors and parsers reject NaN,
//! infinities and negative values where the quantity cannot be negative
//! (energy and power may be negative: net flows).
//!
//! # Unchecked operators, checked forms
//!
//! The operators (`+`, `-`, `*`, `/`, and `*`/`/` by an `f64`) are plain
//! `f64` arithmetic and are **not** checked: they can overflow to infinity
//! (two values near `f64::MAX` multiplied), divide by zero
//! (`Power::ZERO / Hashrate::ZERO` is NaN), or make a negative value of a
//! quantity that cannot be negative (`Time::ZERO - day`). Where that can
//! happen, use the checked forms, which validate the result like a
//! constructor: `checked_add`, `checked_sub`, `checked_mul` and
//! `checked_div` on every quantity, or [`Measure::checked`] on a result.
//! Functions of this crate that take quantities validate them in turn: a
//! negative period or capacity given to a price is an error, not a
//! negative bill.
//!
//! ```
//! // Needs wattage-units (in the wattage facade: wattage::units).
//! use wattage_units::{Hashrate, Power, Time, unit};
//!
//! assert!((Power::ZERO / Hashrate::ZERO).base_value().is_nan()); // unchecked
//! assert!(Power::ZERO.checked_div(Hashrate::ZERO).is_err()); // checked
//! let day = Time::new(1.0, unit::DAY)?;
//! assert!(Time::ZERO.checked_sub(day).is_err());
//! # Ok::<(), wattage_units::QuantityError>(())
//! ```
//!
//! # Money and prices
//!
//! [`Usd`] (exact `Decimal`, checked arithmetic), [`Btc`] (whole satoshis),
//! and prices: [`BtcPrice`], [`EnergyPrice`], [`Hashprice`], [`Hashcost`],
//! [`BtcHashprice`], [`LeaseRate`], [`GpuHourPrice`], [`CapexPerMw`]. The
//! cross products users expect are methods returning `Result`: energy ×
//! energy price ([`EnergyPrice::cost`]), hashes × hashprice
//! ([`Hashprice::revenue`]), power × time × lease rate ([`LeaseRate::rent`]),
//! GPUs × time × GPU-hour price ([`GpuHourPrice::revenue`]). The rounding
//! rule where an `f64` quantity enters money is stated once, in
//! [`money::to_decimal`]. A [`Share`] (`"2%"`, 0% to 100%) is the exact
//! part of a whole that fees and revenue shares are.
//!
//! # Text
//!
//! Every quantity and price displays as people write it and parses what
//! they type (grammar in [`parse`] and [`money`]): case is folded by one
//! rule except where it carries meaning (`950 eh/s` reads, `5 mW` is a
//! milliwatt and refused), thousands separators group three digits, and
//! every parse error ends with a valid spelling (`(written like "950
//! EH/s")`). Money prints with thousands separators (`$1,043,992,800`);
//! `{:#}` is the plain form. Durations print as people say them (`1.5 h`,
//! `30 days`, `2 years`). `{}` chooses the unit
//! and prints six significant digits; `{:.2}` prints two decimals;
//! `display_in` picks the unit; `to_exact_string` reads back bit for bit.
//! Every displayed value reads back: where rounding up would overflow (the
//! largest `Time` in years), the last digit is rounded toward zero instead.
//! Zero never prints as `-0`: a negative zero, written (`"-0 EH/s"`) or
//! from a tiny negative number that underflows (`"-1e-400 EH/s"`), is read
//! as zero. Money prints with any precision; places beyond the 28 a
//! `Decimal` holds are zeros.
//!
//! # Features
//!
//! - `std` (default): use the standard library. Without it the crate is
//!   `no_std` and needs only `alloc`.
//! - `serde`: quantities and money serialize as their unit strings
//!   (`"950 EH/s"`, `"$45/MWh"`) in human-readable formats and validate on
//!   the way in.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

#[macro_use]
extern crate uom;

mod algebra;
mod error;
mod format;
mod measure;
pub mod money;
pub mod parse;
mod quantities;
#[cfg(feature = "serde")]
mod serde_support;
mod share;
mod source_named;
mod spelling;
pub mod system;
mod unit_def;

pub use error::{MoneyError, ParseError, ParseErrorKind, QuantityError};
pub use format::DisplayIn;
pub use measure::Measure;
pub use money::{
    Btc, BtcHashprice, BtcPrice, CapexPerMw, EnergyPrice, GpuHourPrice, Hashcost, Hashprice,
    LeaseRate, Usd,
};
pub use quantities::{
    ComputeEfficiency, Energy, FlopRate, Flops, Frequency, HashEfficiency, Hashes, Hashrate, Power,
    Time,
};
pub use share::Share;
#[doc(hidden)]
pub use source_named::__private;
pub use unit_def::Unit;

/// Every unit, by name: `unit::EXAHASH_PER_SECOND`, `unit::KILOWATT`, ...
///
/// Each constant is a [`Unit`] of exactly one quantity, so using it with
/// another quantity does not compile.
pub mod unit {
    pub use crate::quantities::compute_efficiency::units::*;
    pub use crate::quantities::energy::units::*;
    pub use crate::quantities::flop_rate::units::*;
    pub use crate::quantities::flops::units::*;
    pub use crate::quantities::frequency::units::*;
    pub use crate::quantities::hash_efficiency::units::*;
    pub use crate::quantities::hashes::units::*;
    pub use crate::quantities::hashrate::units::*;
    pub use crate::quantities::power::units::*;
    pub use crate::quantities::time::units::*;
}
