//! Consensus parameters of a Bitcoin network.

use primitive_types::U256;

use crate::{Error, Result, Target};

/// The consensus parameters that subsidy and proof-of-work arithmetic depend
/// on (the relevant fields of Bitcoin Core's `Consensus::Params`).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::ConsensusParams;
///
/// let p = ConsensusParams::MAINNET;
/// assert_eq!(p.subsidy_halving_interval(), 210_000);
/// assert_eq!(p.pow_target_timespan(), 1_209_600);
/// assert_eq!(p.difficulty_adjustment_interval(), 2_016);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConsensusParams {
    subsidy_halving_interval: u32,
    pow_limit: Target,
    pow_target_timespan: u32,
    pow_target_spacing: u32,
    pow_no_retargeting: bool,
    pow_allow_min_difficulty_blocks: bool,
}

impl ConsensusParams {
    /// Bitcoin mainnet: halving every 210,000 blocks, proof-of-work limit
    /// `0x00000000ffff...ff` (2^224 - 1), two-week (1,209,600 s) retarget
    /// timespan, 600 s spacing.
    pub const MAINNET: Self = Self {
        subsidy_halving_interval: 210_000,
        pow_limit: Target::MAINNET_POW_LIMIT,
        pow_target_timespan: 14 * 24 * 60 * 60,
        pow_target_spacing: 10 * 60,
        pow_no_retargeting: false,
        pow_allow_min_difficulty_blocks: false,
    };

    /// Bitcoin Core's regtest: halving every 150 blocks, proof-of-work limit
    /// `0x7fff...ff`, no retargeting, minimum-difficulty blocks allowed.
    pub const REGTEST: Self = Self {
        subsidy_halving_interval: 150,
        pow_limit: Target::REGTEST_POW_LIMIT,
        pow_target_timespan: 14 * 24 * 60 * 60,
        pow_target_spacing: 10 * 60,
        pow_no_retargeting: true,
        pow_allow_min_difficulty_blocks: true,
    };

    /// Custom parameters: like mainnet but with the given halving interval,
    /// proof-of-work limit, retarget timespan and block spacing.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] if the halving interval, the timespan or
    /// the spacing is zero, or the timespan is not a multiple of the spacing.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{ConsensusParams, Target};
    ///
    /// let p = ConsensusParams::new(1_000, Target::MAINNET_POW_LIMIT, 1_209_600, 600)?;
    /// assert_eq!(p.subsidy_halving_interval(), 1_000);
    /// assert!(ConsensusParams::new(0, Target::MAINNET_POW_LIMIT, 1_209_600, 600).is_err());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn new(
        subsidy_halving_interval: u32,
        pow_limit: Target,
        pow_target_timespan: u32,
        pow_target_spacing: u32,
    ) -> Result<Self> {
        if subsidy_halving_interval == 0 {
            return Err(Error::InvalidParameter {
                name: "subsidy_halving_interval",
                value: 0,
            });
        }
        if pow_target_spacing == 0 {
            return Err(Error::InvalidParameter {
                name: "pow_target_spacing",
                value: 0,
            });
        }
        if pow_target_timespan == 0 || pow_target_timespan % pow_target_spacing != 0 {
            return Err(Error::InvalidParameter {
                name: "pow_target_timespan (a positive multiple of the spacing)",
                value: i64::from(pow_target_timespan),
            });
        }
        // Core's sanity check: pow_limit * 4 * timespan must not overflow 256 bits.
        let four_timespans = U256::from(pow_target_timespan) * U256::from(4u8);
        if pow_limit.to_u256().checked_mul(four_timespans).is_none() {
            return Err(Error::InvalidParameter {
                name: "pow_target_timespan (pow_limit x 4 x timespan overflows 256 bits)",
                value: i64::from(pow_target_timespan),
            });
        }
        Ok(Self {
            subsidy_halving_interval,
            pow_limit,
            pow_target_timespan,
            pow_target_spacing,
            pow_no_retargeting: false,
            pow_allow_min_difficulty_blocks: false,
        })
    }

    /// Blocks between two subsidy halvings.
    #[must_use]
    pub const fn subsidy_halving_interval(&self) -> u32 {
        self.subsidy_halving_interval
    }

    /// The easiest target a block may have.
    #[must_use]
    pub const fn pow_limit(&self) -> Target {
        self.pow_limit
    }

    /// Seconds one retarget period should take (1,209,600 on mainnet).
    #[must_use]
    pub const fn pow_target_timespan(&self) -> u32 {
        self.pow_target_timespan
    }

    /// Seconds one block should take (600 on mainnet).
    #[must_use]
    pub const fn pow_target_spacing(&self) -> u32 {
        self.pow_target_spacing
    }

    /// Whether the difficulty never changes (regtest).
    #[must_use]
    pub const fn pow_no_retargeting(&self) -> bool {
        self.pow_no_retargeting
    }

    /// Whether minimum-difficulty blocks are allowed (testnets, regtest).
    #[must_use]
    pub const fn pow_allow_min_difficulty_blocks(&self) -> bool {
        self.pow_allow_min_difficulty_blocks
    }

    /// Blocks between two retargets: timespan / spacing (2,016 on mainnet).
    #[must_use]
    pub const fn difficulty_adjustment_interval(&self) -> u32 {
        // Both are validated positive in every constructor.
        match self
            .pow_target_timespan
            .checked_div(self.pow_target_spacing)
        {
            Some(n) => n,
            None => 0,
        }
    }
}

impl Default for ConsensusParams {
    fn default() -> Self {
        Self::MAINNET
    }
}
