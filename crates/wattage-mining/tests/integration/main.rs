//! Integration tests for wattage-mining, compiled into one binary.
//!
//! Test vectors from the outside world keep their source in each module's
//! header: Bitcoin Core's unit tests and the real mainnet epochs.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cbeci_history;
mod consensus_properties;
mod core_compact;
mod core_difficulty;
mod core_pow;
mod core_subsidy;
mod economics;
mod economics_properties;
mod halving_dates;
mod hardening;
mod mainnet_daily;
mod mainnet_epochs;
mod meta;
mod network_forecasts;
mod network_history;
mod network_montecarlo;
mod projections;
#[cfg(feature = "rpc")]
mod rpc_results;
#[cfg(feature = "serde")]
mod serde_configs;
