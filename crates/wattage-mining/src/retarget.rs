//! The 2016-block difficulty retarget, exactly as Bitcoin Core computes it.
//!
//! At every height that is a multiple of 2,016, the new target is
//!
//! ```text
//! timespan   = time(last block of the period) - time(first block of the period)
//! timespan   = clamp(timespan, 1,209,600 / 4, 1,209,600 x 4)        [seconds]
//! new target = min(old target x timespan / 1,209,600, pow limit)   [integer]
//! nBits      = compact(new target)                                  [rounded down]
//! ```
//!
//! Core measures the timespan between the first and the last block of the
//! period, which is 2,015 block intervals, not 2,016 (a known off-by-one,
//! kept because it is consensus): blocks exactly 600 s apart give a timespan
//! of 1,208,400 s and raise the difficulty by 0.099%.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::{retarget, CompactTarget, ConsensusParams};
//!
//! // Bitcoin Core pow_tests.cpp, get_next_work: blocks 30,240 to 32,255.
//! let r = retarget::calculate_next_work_required(
//!     &ConsensusParams::MAINNET,
//!     CompactTarget::from_consensus(0x1d00ffff),
//!     1_261_130_161,
//!     1_262_152_739,
//! )?;
//! assert_eq!(r.new_bits, CompactTarget::from_consensus(0x1d00d86a));
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use primitive_types::U256;

use crate::compact::encode_compact;
use crate::{BlockHeight, CompactTarget, ConsensusParams, Error, Result, Target};

/// How the measured timespan was clamped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TimespanClamp {
    /// The timespan was within `[timespan / 4, timespan x 4]`.
    Within,
    /// Blocks came more than 4x too fast; the timespan was raised to a quarter
    /// of the target (the difficulty rises at most 4x).
    RaisedToMinimum,
    /// Blocks came more than 4x too slow; the timespan was lowered to 4x the
    /// target (the difficulty falls at most 4x).
    LoweredToMaximum,
}

/// The result of a retarget, with what went into it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Retarget {
    /// The new compact target, as it appears in the next block's header.
    pub new_bits: CompactTarget,
    /// The new target before compact rounding (after the pow-limit cap).
    pub new_target: Target,
    /// Last block time minus first block time of the period, in seconds.
    pub actual_timespan: i64,
    /// The timespan after the clamp, in seconds.
    pub clamped_timespan: i64,
    /// Whether and how the timespan was clamped.
    pub clamp: TimespanClamp,
    /// Whether the new target was capped at the proof-of-work limit.
    pub capped_at_pow_limit: bool,
}

/// Bitcoin Core's `CalculateNextWorkRequired`: the target for the block
/// after a period whose first block has time `first_block_time` and whose
/// last block has time `last_block_time` and `nBits` `last_bits`.
///
/// With `params.pow_no_retargeting()` (regtest) the old `nBits` is kept.
///
/// # Errors
///
/// - the errors of [`CompactTarget::to_target`] for `last_bits` (Core
///   ignores the negative and overflow flags here; valid chains never set them);
/// - [`Error::Overflow`] if the times are so far apart that their difference
///   overflows, or the old target is so far above the pow limit that
///   `target x timespan` exceeds 256 bits.
pub fn calculate_next_work_required(
    params: &ConsensusParams,
    last_bits: CompactTarget,
    first_block_time: i64,
    last_block_time: i64,
) -> Result<Retarget> {
    let old = last_bits.to_target()?;
    let actual = last_block_time
        .checked_sub(first_block_time)
        .ok_or(Error::Overflow {
            what: "retarget timespan (last block time - first block time)",
        })?;
    if params.pow_no_retargeting() {
        return Ok(Retarget {
            new_bits: last_bits,
            new_target: old,
            actual_timespan: actual,
            clamped_timespan: actual,
            clamp: TimespanClamp::Within,
            capped_at_pow_limit: false,
        });
    }
    let target_timespan = i64::from(params.pow_target_timespan());
    let min = target_timespan / 4;
    let max = target_timespan.saturating_mul(4);
    let (clamped, clamp) = if actual < min {
        (min, TimespanClamp::RaisedToMinimum)
    } else if actual > max {
        (max, TimespanClamp::LoweredToMaximum)
    } else {
        (actual, TimespanClamp::Within)
    };
    // clamped is in [min, max], both positive.
    let clamped_u = U256::from(clamped.unsigned_abs());
    let scaled = old
        .to_u256()
        .checked_mul(clamped_u)
        .ok_or(Error::Overflow {
            what: "retarget (old target x timespan)",
        })?;
    let mut new = scaled / U256::from(params.pow_target_timespan());
    let limit = params.pow_limit().to_u256();
    let capped = new > limit;
    if capped {
        new = limit;
    }
    // new >= old x (timespan / 4) / timespan > 0 since old >= 1 ... except for
    // targets below 4; guard against 0 anyway.
    let new_target = Target::new(new).map_err(|_| Error::ZeroTarget {
        bits: last_bits.to_consensus(),
    })?;
    Ok(Retarget {
        new_bits: encode_compact(new, false),
        new_target,
        actual_timespan: actual,
        clamped_timespan: clamped,
        clamp,
        capped_at_pow_limit: capped,
    })
}

/// Bitcoin Core's `GetNextWorkRequired` for networks without
/// minimum-difficulty blocks: the `nBits` of the block after `last_height`.
/// Between retargets it is `last_bits`; at a retarget it is
/// [`calculate_next_work_required`] with the time of the period's first
/// block (height `last_height - 2015`).
///
/// # Errors
///
/// As [`calculate_next_work_required`] at a retarget; none otherwise.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{retarget::next_work_required, BlockHeight, CompactTarget, ConsensusParams};
///
/// let bits = CompactTarget::from_consensus(0x17034219);
/// // Not a retarget: unchanged, whatever the times.
/// let next = next_work_required(&ConsensusParams::MAINNET, BlockHeight::new(840_000), bits, 0, 0)?;
/// assert_eq!(next, bits);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn next_work_required(
    params: &ConsensusParams,
    last_height: BlockHeight,
    last_bits: CompactTarget,
    period_first_block_time: i64,
    last_block_time: i64,
) -> Result<CompactTarget> {
    let interval = params.difficulty_adjustment_interval();
    let next = u64::from(last_height.get()) + 1;
    if interval == 0 || next % u64::from(interval) != 0 {
        return Ok(last_bits);
    }
    calculate_next_work_required(params, last_bits, period_first_block_time, last_block_time)
        .map(|r| r.new_bits)
}

/// Bitcoin Core's `PermittedDifficultyTransition`: whether a block at
/// `height` may change `nBits` from `old_bits` to `new_bits`. At a retarget
/// height the new target must lie between the compact-rounded targets of
/// the two clamp extremes; elsewhere `nBits` must not change. Networks that
/// allow minimum-difficulty blocks permit everything.
///
/// # Errors
///
/// As [`CompactTarget::to_target`] for either `nBits` at a retarget height;
/// [`Error::Overflow`] if `old target x 4 x timespan` exceeds 256 bits.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{retarget::permitted_difficulty_transition, BlockHeight, CompactTarget, ConsensusParams};
///
/// let p = ConsensusParams::MAINNET;
/// let old = CompactTarget::from_consensus(0x1c05a3f4);
/// let h = BlockHeight::new(68_544);
/// assert!(permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(0x1c0168fd))?);
/// assert!(!permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(0x1c0168fc))?);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn permitted_difficulty_transition(
    params: &ConsensusParams,
    height: BlockHeight,
    old_bits: CompactTarget,
    new_bits: CompactTarget,
) -> Result<bool> {
    if params.pow_allow_min_difficulty_blocks() {
        return Ok(true);
    }
    let interval = params.difficulty_adjustment_interval();
    if interval == 0 || height.get() % interval != 0 {
        return Ok(old_bits == new_bits);
    }
    let timespan = U256::from(params.pow_target_timespan());
    let smallest = timespan / 4;
    let largest = timespan * 4;
    let limit = params.pow_limit().to_u256();
    let observed = new_bits.to_target()?.to_u256();
    let old = old_bits.to_target()?.to_u256();

    let extreme = |span: U256| -> Result<U256> {
        let scaled = old.checked_mul(span).ok_or(Error::Overflow {
            what: "old target x clamp timespan",
        })?;
        let t = (scaled / timespan).min(limit);
        // Round the way a real retarget would: through the compact encoding.
        Ok(encode_compact(t, false).decode().value)
    };
    let maximum_new_target = extreme(largest)?;
    if maximum_new_target < observed {
        return Ok(false);
    }
    let minimum_new_target = extreme(smallest)?;
    Ok(minimum_new_target <= observed)
}

/// Bitcoin Core's `CheckProofOfWork`: whether a block hash (as a number, the
/// way explorers print it) meets the target `bits` under `params`.
///
/// # Errors
///
/// Where Core returns `false` because the target itself is invalid, this
/// says why: [`Error::NegativeCompact`], [`Error::CompactOverflow`],
/// [`Error::ZeroTarget`] or [`Error::TargetAboveLimit`]. A valid target that
/// the hash misses is `Ok(false)`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{retarget::check_proof_of_work, CompactTarget, ConsensusParams};
/// use primitive_types::U256;
///
/// // The genesis block's hash.
/// let hash = U256::from_str_radix("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", 16).unwrap();
/// assert!(check_proof_of_work(hash, CompactTarget::from_consensus(0x1d00ffff), &ConsensusParams::MAINNET)?);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn check_proof_of_work(
    hash: U256,
    bits: CompactTarget,
    params: &ConsensusParams,
) -> Result<bool> {
    let target = bits.to_target()?.check_pow_limit(params)?;
    Ok(target.is_met_by(hash))
}
