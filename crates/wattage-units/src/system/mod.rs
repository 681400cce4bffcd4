//! The uom system of quantities behind wattage's types.
//!
//! uom's built-in SI system has seven base dimensions and no room for more, so
//! wattage defines its own system with five: length (L), mass (M), time (T),
//! **hash** (H) and **floating-point operation** (F). Counting hashes and
//! FLOPs as dimensions of their own is what stops a hashrate (H T⁻¹) from
//! being the same type as a FLOP rate (F T⁻¹) or a frequency (T⁻¹).
//!
//! Each quantity here has only its coherent base unit (watt, joule, hash per
//! second, ...). The user-facing types in the crate root ([`crate::Power`],
//! [`crate::Hashrate`], ...) wrap these quantities, add the units people
//! write, and validate input; use this layer when you want uom's generic
//! machinery directly.
//!
//! ```
//! // Needs wattage-units, uom (in the wattage facade: wattage::units, wattage::uom).
//! use wattage_units::system::f64::{HashEfficiency, Hashrate, Power};
//! use wattage_units::system::{hash_efficiency::joule_per_hash, hashrate::hash_per_second, power::watt};
//!
//! let rate = Hashrate::new::<hash_per_second>(270e12);
//! let efficiency = HashEfficiency::new::<joule_per_hash>(13.5e-12);
//! let power: Power = rate * efficiency; // uom checks the dimensions
//! assert!((power.get::<watt>() - 3645.0).abs() < 1e-9);
//! ```
#![allow(missing_docs, unreachable_pub, clippy::missing_errors_doc)]

#[macro_use]
pub mod length;
#[macro_use]
pub mod mass;
#[macro_use]
pub mod time;
#[macro_use]
pub mod hashes;
#[macro_use]
pub mod flops;
#[macro_use]
pub mod energy;
#[macro_use]
pub mod power;
#[macro_use]
pub mod frequency;
#[macro_use]
pub mod hashrate;
#[macro_use]
pub mod hash_efficiency;
#[macro_use]
pub mod flop_rate;
#[macro_use]
pub mod compute_efficiency;

system! {
    /// The wattage system of quantities: length, mass, time, hash and
    /// floating-point operation.
    quantities: Q {
        /// Length, meter.
        length: meter, L;
        /// Mass, kilogram.
        mass: kilogram, M;
        /// Time, second.
        time: second, T;
        /// Hash count, hash.
        hashes: hash, H;
        /// Floating-point operation count, FLOP.
        flops: flop, F;
    }

    /// The coherent base units of the wattage system.
    units: U {
        mod length::Length,
        mod mass::Mass,
        mod time::Time,
        mod hashes::Hashes,
        mod flops::Flops,
        mod energy::Energy,
        mod power::Power,
        mod frequency::Frequency,
        mod hashrate::Hashrate,
        mod hash_efficiency::HashEfficiency,
        mod flop_rate::FlopRate,
        mod compute_efficiency::ComputeEfficiency,
    }
}

/// Quantity type aliases with `f64` storage in the wattage base units.
pub mod f64 {
    mod wattage_system {
        pub use super::super::*;
    }
    Q!(self::wattage_system, f64);
}
