//! The block subsidy and the total issued, exactly as Bitcoin Core computes them.
//!
//! Bitcoin Core's `GetBlockSubsidy`:
//!
//! ```text
//! halvings = height / 210_000
//! subsidy  = 0                              if halvings >= 64
//!          = (50 * 100_000_000) >> halvings otherwise            [satoshis]
//! ```
//!
//! The right shift truncates, so the subsidy is 50, 25, 12.5, 6.25, 3.125 BTC
//! in epochs 0-4, reaches 1 sat in epoch 32 (heights 6,720,000-6,929,999) and
//! is 0 from height 6,930,000 on. Everything here is exact integer
//! arithmetic in satoshis.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::{subsidy, BlockHeight};
//!
//! assert_eq!(subsidy::block_subsidy_sat(BlockHeight::new(0)), 5_000_000_000);
//! assert_eq!(subsidy::block_subsidy_sat(BlockHeight::new(840_000)), 312_500_000);
//! assert_eq!(subsidy::block_subsidy_sat(BlockHeight::LAST_SUBSIDY), 1);
//! assert_eq!(subsidy::block_subsidy_sat(BlockHeight::new(6_930_000)), 0);
//! assert_eq!(subsidy::total_issued_sat(BlockHeight::new(u32::MAX)), subsidy::MAX_SUPPLY_SAT);
//! ```

use wattage_units::Btc;

use crate::height::MAX_HALVINGS;
use crate::{BlockHeight, ConsensusParams, Error, Result};

/// Satoshis in one bitcoin.
pub const COIN: u64 = 100_000_000;

/// The subsidy of the first halving epoch: 50 BTC in satoshis.
pub const INITIAL_SUBSIDY_SAT: u64 = 50 * COIN;

/// Every satoshi the subsidy will ever issue on mainnet (counting the
/// genesis block's unspendable 50 BTC): 20,999,999.9769 BTC. This is the
/// total that Bitcoin Core's `subsidy_limit_test` checks.
pub const MAX_SUPPLY_SAT: u64 = 2_099_999_997_690_000;

/// The number of halving epochs with a non-zero subsidy (epochs 0 to 32).
pub const SUBSIDY_EPOCHS: u32 = 33;

/// The subsidy after `halvings` halvings, in satoshis.
pub(crate) const fn subsidy_for_halvings(halvings: u32) -> u64 {
    if halvings >= MAX_HALVINGS {
        0
    } else {
        INITIAL_SUBSIDY_SAT >> halvings
    }
}

/// The mainnet block subsidy at `height` in satoshis (Bitcoin Core's `GetBlockSubsidy`).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::block_subsidy_sat, BlockHeight};
///
/// assert_eq!(block_subsidy_sat(BlockHeight::new(629_999)), 1_250_000_000);
/// assert_eq!(block_subsidy_sat(BlockHeight::new(630_000)), 625_000_000);
/// ```
#[must_use]
pub const fn block_subsidy_sat(height: BlockHeight) -> u64 {
    subsidy_for_halvings(height.halving_epoch().get())
}

/// The mainnet block subsidy at `height` as a [`Btc`] amount.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::block_subsidy, BlockHeight};
///
/// assert_eq!(block_subsidy(BlockHeight::new(840_000)).to_string(), "3.125 BTC");
/// ```
#[must_use]
pub fn block_subsidy(height: BlockHeight) -> Btc {
    // At most 5e9 sat, which fits an i64.
    Btc::from_sat(i64::try_from(block_subsidy_sat(height)).unwrap_or(0))
}

/// The total subsidy of mainnet blocks `0..=through` as a [`Btc`] amount
/// (see [`total_issued_sat`]).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::total_issued, BlockHeight};
///
/// assert_eq!(total_issued(BlockHeight::new(u32::MAX)).to_string(), "20,999,999.9769 BTC");
/// ```
#[must_use]
pub fn total_issued(through: BlockHeight) -> Btc {
    // At most MAX_SUPPLY_SAT, which fits an i64.
    Btc::from_sat(i64::try_from(total_issued_sat(through)).unwrap_or(i64::MAX))
}

/// The total subsidy of mainnet blocks `0..=through`, in satoshis, computed
/// in closed form per halving epoch (at most 33 terms, no loop over heights):
///
/// ```text
/// total(h) = sum over epochs e fully below h+1 of subsidy(e) x 210_000
///          + subsidy(e_h) x (h + 1 - e_h x 210_000)
/// ```
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::total_issued_sat, BlockHeight};
///
/// // The first epoch alone: 210,000 x 50 BTC.
/// assert_eq!(total_issued_sat(BlockHeight::new(209_999)), 10_500_000 * 100_000_000);
/// // At the 2024 halving block (included): 19,687,500 BTC + 3.125 BTC.
/// assert_eq!(total_issued_sat(BlockHeight::new(840_000)), 1_968_750_312_500_000);
/// ```
#[must_use]
pub fn total_issued_sat(through: BlockHeight) -> u64 {
    let total = total_issued_u128(crate::height::HALVING_INTERVAL, through.get());
    // The mainnet total never exceeds MAX_SUPPLY_SAT, which fits in a u64.
    u64::try_from(total).unwrap_or(MAX_SUPPLY_SAT)
}

/// The total subsidy of mainnet blocks `from..=to`, in satoshis.
///
/// # Errors
///
/// [`Error::HeightOrder`] if `to` is below `from`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::issued_between_sat, BlockHeight};
///
/// // One day of blocks right after the 2024 halving.
/// let sat = issued_between_sat(BlockHeight::new(840_000), BlockHeight::new(840_143))?;
/// assert_eq!(sat, 144 * 312_500_000);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn issued_between_sat(from: BlockHeight, to: BlockHeight) -> Result<u64> {
    if to < from {
        return Err(Error::HeightOrder {
            earlier: from.get(),
            later: to.get(),
        });
    }
    let upto = total_issued_sat(to);
    let before = match from.get().checked_sub(1) {
        Some(prev) => total_issued_sat(BlockHeight::new(prev)),
        None => 0,
    };
    upto.checked_sub(before).ok_or(Error::Overflow {
        what: "subsidy issued between two heights",
    })
}

/// The total subsidy of mainnet blocks `from..=to` as a [`Btc`] amount.
///
/// # Errors
///
/// As [`issued_between_sat`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{subsidy::issued_between, BlockHeight};
///
/// let year = issued_between(BlockHeight::new(840_000), BlockHeight::new(840_000 + 52_595))?;
/// assert_eq!(year.to_string(), "164,362.5 BTC");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn issued_between(from: BlockHeight, to: BlockHeight) -> Result<Btc> {
    let sat = issued_between_sat(from, to)?;
    // At most MAX_SUPPLY_SAT, which fits an i64.
    i64::try_from(sat)
        .map(Btc::from_sat)
        .map_err(|_| Error::Overflow {
            what: "subsidy issued between two heights",
        })
}

/// The sum of `subsidy(h)` for `h` in `0..=through` with the given halving
/// interval, as a `u128` (cannot overflow: at most 64 terms of at most
/// 5e9 x 2^32).
fn total_issued_u128(interval: u32, through: u32) -> u128 {
    let interval = u128::from(interval);
    if interval == 0 {
        return 0;
    }
    let blocks = u128::from(through).saturating_add(1);
    let full_epochs = blocks / interval;
    let remainder = blocks % interval;
    let mut total: u128 = 0;
    let mut epoch: u32 = 0;
    while u128::from(epoch) < full_epochs && epoch < MAX_HALVINGS {
        total =
            total.saturating_add(u128::from(subsidy_for_halvings(epoch)).saturating_mul(interval));
        epoch = epoch.saturating_add(1);
    }
    if u128::from(epoch) == full_epochs && epoch < MAX_HALVINGS {
        total =
            total.saturating_add(u128::from(subsidy_for_halvings(epoch)).saturating_mul(remainder));
    }
    total
}

impl ConsensusParams {
    /// The block subsidy at `height` in satoshis under these parameters
    /// (Bitcoin Core's `GetBlockSubsidy(height, params)`).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{BlockHeight, ConsensusParams};
    ///
    /// // Regtest halves every 150 blocks.
    /// assert_eq!(ConsensusParams::REGTEST.block_subsidy_sat(BlockHeight::new(150)), 2_500_000_000);
    /// ```
    #[must_use]
    pub fn block_subsidy_sat(&self, height: BlockHeight) -> u64 {
        let halvings = height
            .get()
            .checked_div(self.subsidy_halving_interval())
            .unwrap_or(0);
        subsidy_for_halvings(halvings)
    }

    /// The total subsidy of blocks `0..=through` in satoshis under these
    /// parameters, in closed form per halving epoch.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the total does not fit in a `u64` (only
    /// possible with halving intervals above about 1.8 billion blocks).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{BlockHeight, ConsensusParams};
    ///
    /// let total = ConsensusParams::MAINNET.total_issued_sat(BlockHeight::new(13_999_999))?;
    /// assert_eq!(total, 2_099_999_997_690_000);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn total_issued_sat(&self, through: BlockHeight) -> Result<u64> {
        let total = total_issued_u128(self.subsidy_halving_interval(), through.get());
        u64::try_from(total).map_err(|_| Error::Overflow {
            what: "total subsidy issued",
        })
    }

    /// The last height with a non-zero subsidy: `33 x interval - 1`
    /// (6,929,999 on mainnet), or `None` if it does not fit in a `u32`.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{BlockHeight, ConsensusParams};
    ///
    /// assert_eq!(ConsensusParams::MAINNET.last_subsidy_height(), Some(BlockHeight::new(6_929_999)));
    /// ```
    #[must_use]
    pub fn last_subsidy_height(&self) -> Option<BlockHeight> {
        SUBSIDY_EPOCHS
            .checked_mul(self.subsidy_halving_interval())
            .and_then(|h| h.checked_sub(1))
            .map(BlockHeight::new)
    }
}
