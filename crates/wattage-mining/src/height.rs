//! Block heights, halving epochs and retarget periods.
//!
//! A block's height is its distance from the genesis block (height 0). The
//! subsidy halves every [`HALVING_INTERVAL`] = 210,000 blocks, so the
//! *halving epoch* of a height is `height / 210_000`; the difficulty is
//! recomputed every [`RETARGET_INTERVAL`] = 2,016 blocks, so its *retarget
//! period* is `height / 2_016`.

use core::fmt;

/// Blocks between two subsidy halvings on mainnet (Bitcoin Core `nSubsidyHalvingInterval`).
pub const HALVING_INTERVAL: u32 = 210_000;

/// Blocks between two difficulty retargets on mainnet
/// (Bitcoin Core `DifficultyAdjustmentInterval()` = 1,209,600 s / 600 s).
pub const RETARGET_INTERVAL: u32 = 2_016;

/// The number of halvings after which Bitcoin Core's `GetBlockSubsidy`
/// returns 0 by rule (`if (halvings >= 64) return 0;`), because shifting a
/// 64-bit integer by 64 or more bits is undefined in C++.
pub const MAX_HALVINGS: u32 = 64;

/// A block height: the number of blocks between a block and the genesis block.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{BlockHeight, HalvingEpoch};
///
/// let h = BlockHeight::new(840_000); // the April 2024 halving block
/// assert_eq!(h.halving_epoch(), HalvingEpoch::new(4));
/// assert!(h.is_halving());
/// assert_eq!(h.retarget_period(), 416);
/// assert_eq!(h.next_retarget(), Some(BlockHeight::new(840_672)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct BlockHeight(u32);

impl BlockHeight {
    /// The genesis block, height 0.
    pub const GENESIS: Self = Self(0);

    /// The height of the last block with a non-zero subsidy on mainnet
    /// (1 sat, in halving epoch 32): 6,929,999.
    pub const LAST_SUBSIDY: Self = Self(33 * HALVING_INTERVAL - 1);

    /// Wraps a height.
    #[must_use]
    pub const fn new(height: u32) -> Self {
        Self(height)
    }

    /// The height as an integer.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The mainnet halving epoch this height belongs to (`height / 210_000`).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::BlockHeight;
    ///
    /// assert_eq!(BlockHeight::new(209_999).halving_epoch().get(), 0);
    /// assert_eq!(BlockHeight::new(210_000).halving_epoch().get(), 1);
    /// ```
    #[must_use]
    pub const fn halving_epoch(self) -> HalvingEpoch {
        HalvingEpoch(self.0 / HALVING_INTERVAL)
    }

    /// Whether this block is the first of a halving epoch (other than genesis).
    #[must_use]
    pub const fn is_halving(self) -> bool {
        self.0 != 0 && self.0 % HALVING_INTERVAL == 0
    }

    /// The mainnet retarget period this height belongs to (`height / 2_016`).
    #[must_use]
    pub const fn retarget_period(self) -> u32 {
        self.0 / RETARGET_INTERVAL
    }

    /// Whether this block is the first of a retarget period, i.e. the block
    /// whose `nBits` the retarget computes (`height % 2016 == 0`).
    #[must_use]
    pub const fn is_retarget(self) -> bool {
        self.0 % RETARGET_INTERVAL == 0
    }

    /// The first height of this block's retarget period.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::BlockHeight;
    ///
    /// assert_eq!(BlockHeight::new(840_000).retarget_period_start(), BlockHeight::new(838_656));
    /// ```
    #[must_use]
    pub const fn retarget_period_start(self) -> Self {
        Self(self.0 - self.0 % RETARGET_INTERVAL)
    }

    /// The next height, strictly above this one, at which the difficulty is
    /// retargeted, or `None` if it does not fit in a `u32`.
    #[must_use]
    pub const fn next_retarget(self) -> Option<Self> {
        match self
            .retarget_period_start()
            .0
            .checked_add(RETARGET_INTERVAL)
        {
            Some(h) => Some(Self(h)),
            None => None,
        }
    }

    /// The next mainnet halving height strictly above this one, or `None`
    /// if it does not fit in a `u32`. This is arithmetic only; see
    /// [`crate::halving`] for the halvings that still change the subsidy.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::BlockHeight;
    ///
    /// assert_eq!(BlockHeight::new(840_000).next_halving(), Some(BlockHeight::new(1_050_000)));
    /// ```
    #[must_use]
    pub const fn next_halving(self) -> Option<Self> {
        match self.halving_epoch().0.checked_add(1) {
            Some(e) => match e.checked_mul(HALVING_INTERVAL) {
                Some(h) => Some(Self(h)),
                None => None,
            },
            None => None,
        }
    }

    /// This height plus `blocks`, or `None` on overflow.
    #[must_use]
    pub const fn checked_add(self, blocks: u32) -> Option<Self> {
        match self.0.checked_add(blocks) {
            Some(h) => Some(Self(h)),
            None => None,
        }
    }

    /// The number of blocks from `self` up to `later`, or `None` if `later`
    /// is below `self`.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::BlockHeight;
    ///
    /// assert_eq!(BlockHeight::new(840_000).blocks_until(BlockHeight::new(1_050_000)), Some(210_000));
    /// assert_eq!(BlockHeight::new(2).blocks_until(BlockHeight::new(1)), None);
    /// ```
    #[must_use]
    pub const fn blocks_until(self, later: Self) -> Option<u32> {
        later.0.checked_sub(self.0)
    }
}

impl From<u32> for BlockHeight {
    fn from(height: u32) -> Self {
        Self(height)
    }
}

impl From<BlockHeight> for u32 {
    fn from(height: BlockHeight) -> Self {
        height.0
    }
}

impl fmt::Display for BlockHeight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A halving epoch: the run of 210,000 blocks that share one subsidy.
///
/// Epoch 0 paid 50 BTC a block, epoch 4 (from height 840,000, April 2024)
/// pays 3.125 BTC; from epoch 33 on the subsidy is 0.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{BlockHeight, HalvingEpoch};
///
/// let e = HalvingEpoch::new(4);
/// assert_eq!(e.first_height(), Some(BlockHeight::new(840_000)));
/// assert_eq!(e.last_height(), Some(BlockHeight::new(1_049_999)));
/// assert_eq!(e.subsidy_sat(), 312_500_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct HalvingEpoch(u32);

impl HalvingEpoch {
    /// Wraps an epoch number.
    #[must_use]
    pub const fn new(epoch: u32) -> Self {
        Self(epoch)
    }

    /// The epoch number (the number of halvings so far).
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// The first mainnet height of the epoch, or `None` if it does not fit in a `u32`.
    #[must_use]
    pub const fn first_height(self) -> Option<BlockHeight> {
        match self.0.checked_mul(HALVING_INTERVAL) {
            Some(h) => Some(BlockHeight(h)),
            None => None,
        }
    }

    /// The last mainnet height of the epoch, or `None` if it does not fit in a `u32`.
    #[must_use]
    pub const fn last_height(self) -> Option<BlockHeight> {
        match self.0.checked_add(1) {
            Some(next) => match next.checked_mul(HALVING_INTERVAL) {
                Some(h) => Some(BlockHeight(h - 1)),
                None => None,
            },
            None => None,
        }
    }

    /// The block subsidy in satoshis paid throughout this epoch:
    /// `5_000_000_000 >> epoch`, and 0 from the 64th halving on.
    #[must_use]
    pub const fn subsidy_sat(self) -> u64 {
        crate::subsidy::subsidy_for_halvings(self.0)
    }
}

impl fmt::Display for HalvingEpoch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}
