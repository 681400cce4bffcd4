//! wattage-units
#![no_std]
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
pub mod parse;
mod quantities;
#[cfg(feature = "serde")]
mod serde_support;
pub mod system;
mod unit_def;

pub use error::{MoneyError, ParseError, ParseErrorKind, QuantityError};
pub use format::DisplayIn;
pub use measure::Measure;
pub use quantities::{
    ComputeEfficiency, Energy, FlopRate, Flops, Frequency, HashEfficiency, Hashes, Hashrate,
    Power, Time,
};
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
