//! Exact Bitcoin consensus arithmetic (subsidy, halvings, compact targets,
//! difficulty, retargets) and hashprice economics.
//!
//! ```
//! use wattage_mining::{subsidy, BlockHeight, CompactTarget, Difficulty};
//!
//! // The block at the April 2024 halving.
//! let height = BlockHeight::new(840_000);
//! assert_eq!(subsidy::block_subsidy_sat(height), 312_500_000); // 3.125 BTC
//!
//! let bits: CompactTarget = "0x17034219".parse()?;
//! let target = bits.to_target()?;
//! let difficulty = Difficulty::from_target(target);
//! assert_eq!(difficulty.get(), 86_388_558_925_171.02);
//!
//! // Exact expected hashes per block, 2^256 / (target + 1).
//! assert_eq!(target.work().to_string(), "371041696979166003650763");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! Consensus values are exact integers that match Bitcoin Core:
//!
//! - [`BlockHeight`] and [`HalvingEpoch`] ([`height`]);
//! - the block subsidy and the total issued ([`subsidy`]), in satoshis,
//!   reproducing Core's `subsidy_limit_test` total of 2,099,999,997,690,000 sat;
//! - compact targets ([`CompactTarget`], `nBits`) and exact 256-bit
//!   [`Target`]s, with negative and overflowing encodings rejected
//!   ([`compact`], [`target`]);
//! - [`Difficulty`], expected hashes per block and difficulty-implied
//!   hashrate ([`difficulty`]);
//! - the 2,016-block retarget with Core's clamp and pow-limit cap
//!   ([`retarget`]);
//! - halving and retarget date estimates with `chrono` ([`halving`]).
//!
//! Every vector of Bitcoin Core's `pow_tests.cpp`, `blockchain_tests.cpp`
//! and the `SetCompact` cases of `arith_uint256_tests.cpp` is reproduced in
//! the integration tests, as is every retarget epoch of mainnet to mid-2026.
//!
//! # Errors and panics
//!
//! Every fallible function returns [`Result`] with the crate's [`Error`],
//! whose message names the offending value. No public function panics.
//!
//! # Crate features
//!
//! - `std` (default): use the standard library. Without it the crate is
//!   `no_std` with `alloc`.
//! - `serde`: `Serialize`/`Deserialize` for heights, compact targets and
//!   difficulties (validated on the way in).
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod cbeci;
pub mod compact;
pub mod costs;
pub mod difficulty;
mod error;
pub mod fees;
pub mod halving;
pub mod hashprice;
pub mod height;
pub mod montecarlo;
pub mod operation;
mod params;
pub mod payout;
pub mod projection;
pub mod retarget;
pub mod subsidy;
pub mod target;

pub use compact::CompactTarget;
pub use difficulty::Difficulty;
pub use error::{Error, Result};
pub use height::{BlockHeight, HalvingEpoch};
pub use params::ConsensusParams;
pub use target::Target;

/// The 256-bit unsigned integer used for targets and work (re-exported from
/// `primitive-types` so callers share one version).
pub use primitive_types::U256;

/// Re-exported so callers share one version of `chrono` with this crate.
pub use chrono;
