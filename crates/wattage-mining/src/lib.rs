//! Exact Bitcoin consensus arithmetic (subsidy, halvings, compact targets,
//! difficulty, retargets) and hashprice economics.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
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
//! And what a machine earns at that difficulty (the economics half):
//!
//! ```
//! // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
//! use wattage_mining::{hashprice::{Fees, NetworkState}, operation::Operation, BlockHeight, Difficulty};
//! use wattage_units::{Btc, BtcPrice, Time, unit};
//!
//! let state = NetworkState::at_height(
//!     Difficulty::new(124.93e12)?,
//!     BlockHeight::new(953_568),
//!     Fees::per_block("0.015 BTC".parse::<Btc>()?)?,
//! )?;
//! let price: BtcPrice = "$62,242/BTC".parse()?;
//! assert_eq!(format!("{:.2}", state.hashprice(price)?), "$31.47/PH/day");
//!
//! let s21xp = Operation::new("270 TH/s".parse()?, "13.5 J/TH".parse()?, "$45/MWh".parse()?);
//! let day = s21xp.evaluate(&state, price, Time::new(1.0, unit::DAY)?)?;
//! assert_eq!(format!("{:.2}", day.cash_margin()?), "$4.56");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Consensus: exact integers that match Bitcoin Core
//!
//! - [`BlockHeight`] and [`HalvingEpoch`] ([`height`]);
//! - the block subsidy and the total issued ([`subsidy`]), in satoshis,
//!   reproducing Core's `subsidy_limit_test` total of 2,099,999,997,690,000 sat;
//! - compact targets ([`CompactTarget`], `nBits`) and exact 256-bit
//!   [`Target`]s, with negative and overflowing encodings rejected
//!   ([`compact`], [`target`]);
//! - [`Difficulty`] (Core's `GetDifficulty`), expected hashes per block
//!   exactly (`2^256 / (target + 1)`) and as `D x 2^32`, and the
//!   difficulty-implied hashrate ([`difficulty`]);
//! - the 2,016-block retarget with Core's clamp and pow-limit cap, Core's
//!   `PermittedDifficultyTransition` and `CheckProofOfWork` ([`retarget`]);
//! - halving and retarget date estimates with `chrono` ([`halving`]).
//!
//! Every vector of Bitcoin Core's `pow_tests.cpp` and `blockchain_tests.cpp`,
//! the `SetCompact` cases of `arith_uint256_tests.cpp` and the subsidy tests
//! of `validation_tests.cpp` are reproduced in the integration tests, as is
//! every mainnet retarget epoch to mid-2026.
//!
//! # Economics: exact money, typed quantities
//!
//! - hashprice in BTC and USD per PH/s (or TH/s) per day from difficulty or
//!   network hashrate, subsidy or height, and fees as an amount or a share
//!   of the reward ([`hashprice`]), with trailing fee averages ([`fees`]);
//! - pool payouts (FPPS, PPS+, PPLNS, solo) with the luck each leaves to the
//!   miner ([`payout`]);
//! - an operation's revenue, power, hosting, opex, depreciation and cost per
//!   bitcoin over a period ([`operation`]); hashcost, breakeven power price
//!   and efficiency, revenue per MWh, payback and ROI ([`costs`]);
//! - an operation along a network projection or a Monte Carlo path, by
//!   day or calendar month, crossing halvings, with payback and ROI, and
//!   its percentile bands over Monte Carlo paths ([`operation_projection`]);
//! - network power and annual energy by the Cambridge CBECI method, with
//!   only the machines released by the date asked ([`cbeci`]).
//!
//! # Forecasting the network
//!
//! - the network-response supply model: hashrate grows toward the level at
//!   which the marginal deployed machine breaks even ([`network_response`]);
//! - the network day by day, difficulty through the real retarget rule, so
//!   block times and halving dates move ([`network_projection`]);
//! - Monte Carlo with price and hashrate correlated and fees as their own
//!   process, per-path seeded streams ([`network_montecarlo`]);
//! - the 2018-2025 backtest of three models ([`backtest`]).
//!
//! # The network's history as data
//!
//! - every retarget epoch, the halvings and monthly prices and fees, shipped
//!   ([`history`]): difficulty, height and subsidy on a date;
//! - readers for the daily and epoch CSVs ([`readers`]) and, with the `rpc`
//!   feature, for Bitcoin Core's RPC results (`rpc`).
//!
//! Money is `wattage_units`' [`Usd`](wattage_units::Usd) (a `Decimal`) and
//! [`Btc`](wattage_units::Btc) (whole satoshis) with checked arithmetic. An
//! `f64` (a block rate, an energy) enters money once, by the rule of
//! [`wattage_units::money::to_decimal`] (15 significant digits).
//!
//! # Errors and panics
//!
//! Every fallible function returns [`Result`] with the crate's [`Error`],
//! whose message names the offending value: a zero or negative difficulty,
//! an `nBits` with the sign bit, a fee share of 100%, a height past every
//! halving. No public function panics, and none returns an infinity.
//!
//! # Crate features
//!
//! - `std` (default): use the standard library. Without it the crate is
//!   `no_std` with `alloc` (math through `libm`).
//! - `rpc`: readers for Bitcoin Core's RPC JSON results (`serde_json`; implies `std`).
//! - `rayon`: Monte Carlo paths in parallel (implies `std`); results are
//!   identical for any number of threads.
//! - `serde`: `Serialize`/`Deserialize` for heights, compact targets,
//!   targets, difficulties, fees, pools, operations and network settings (validated
//!   on the way in through the same constructors), and `Serialize` for
//!   results (payouts, period economics, projections, bands, CBECI estimates).
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod backtest;
pub mod cbeci;
pub mod compact;
pub mod costs;
pub mod difficulty;
mod error;
pub mod fees;
pub mod halving;
pub mod hashprice;
pub mod height;
pub mod history;
pub mod network_montecarlo;
pub mod network_projection;
pub mod network_response;
pub mod operation;
pub mod operation_projection;
mod params;
pub mod payout;
pub mod readers;
pub mod retarget;
#[cfg(feature = "rpc")]
#[cfg_attr(docsrs, doc(cfg(feature = "rpc")))]
pub mod rpc;
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

/// Re-exported: money, prices and quantities in this crate's API are
/// `wattage_units` types.
pub use wattage_units;

/// Re-exported: fee shares, uptimes and pool fees are `Decimal`s.
pub use rust_decimal;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
