//! Estimated dates of future halvings and retargets.
//!
//! Block times are random, so future dates are estimates:
//!
//! ```text
//! eta(height)       = now + (height - current height) x average block interval
//! next retarget     = first height of the next 2,016-block period
//! difficulty change = 1,209,600 s / clamp(2,015 x average interval this period) - 1
//! ```
//!
//! The average interval is whatever the caller observed (600 s is the
//! design value; in 2024-2025 rising hashrate kept it nearer 590 s).
//!
//! ```
//! // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
//! use chrono::{DateTime, TimeDelta};
//! use wattage_mining::{halving, BlockHeight};
//!
//! // From the 2024 halving block with 10-minute blocks, 210,000 blocks
//! // take 1,458 days and 8 hours.
//! let at = DateTime::parse_from_rfc3339("2024-04-20T00:09:27Z").unwrap().to_utc();
//! let est = halving::estimate_next_halving(BlockHeight::new(840_000), at, TimeDelta::seconds(600))?;
//! assert_eq!(est.height, BlockHeight::new(1_050_000));
//! assert_eq!(est.subsidy_after_sat, 156_250_000);
//! assert_eq!(est.subsidy_after().to_string(), "1.5625 BTC");
//! assert_eq!(est.eta.to_rfc3339(), "2028-04-17T08:09:27+00:00");
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use chrono::{DateTime, TimeDelta, Utc};
use wattage_units::Btc;

use crate::height::RETARGET_INTERVAL;
use crate::subsidy::block_subsidy_sat;
use crate::{BlockHeight, Error, HalvingEpoch, Result};

/// The retarget timespan in seconds (two weeks).
const TARGET_TIMESPAN_SECS: f64 = 1_209_600.0;

/// An estimate of the next halving.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HalvingEstimate {
    /// The height of the halving block.
    pub height: BlockHeight,
    /// The halving epoch that the halving block starts.
    pub epoch: HalvingEpoch,
    /// Blocks from the current height to the halving block.
    pub blocks_remaining: u32,
    /// When the halving block is expected.
    pub eta: DateTime<Utc>,
    /// The subsidy before the halving, in satoshis.
    pub subsidy_before_sat: u64,
    /// The subsidy from the halving block on, in satoshis.
    pub subsidy_after_sat: u64,
}

impl HalvingEstimate {
    /// The subsidy before the halving.
    #[must_use]
    pub fn subsidy_before(&self) -> Btc {
        sat(self.subsidy_before_sat)
    }

    /// The subsidy from the halving block on.
    #[must_use]
    pub fn subsidy_after(&self) -> Btc {
        sat(self.subsidy_after_sat)
    }
}

fn sat(value: u64) -> Btc {
    // Subsidies are at most 5e9 sat.
    Btc::from_sat(i64::try_from(value).unwrap_or(i64::MAX))
}

/// An estimate of the next retarget.
///
/// With the `serde` feature it serializes (one way, as results do), the
/// average interval as `average_interval_secs`, a number of seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RetargetEstimate {
    /// The height of the first block with the new difficulty.
    pub height: BlockHeight,
    /// Blocks from the tip to that block.
    pub blocks_remaining: u32,
    /// When that block is expected.
    pub eta: DateTime<Utc>,
    /// The average block interval observed in the current period.
    #[cfg_attr(
        feature = "serde",
        serde(rename = "average_interval_secs", serialize_with = "seconds")
    )]
    pub average_interval: TimeDelta,
    /// The timespan Core will measure (2,015 intervals), before the clamp, in seconds.
    pub projected_timespan_secs: f64,
    /// The implied relative difficulty change: `0.03` means 3% harder.
    /// The clamp is applied; compact rounding (about 1e-7) is not.
    pub difficulty_change: f64,
}

/// A time span as seconds, fractions included (`599.5`).
#[cfg(feature = "serde")]
fn seconds<S: serde::Serializer>(
    span: &TimeDelta,
    out: S,
) -> core::result::Result<S::Ok, S::Error> {
    out.serialize_f64(span.as_seconds_f64())
}

/// The expected time of `target` given the `current` height at time `now`
/// and an average block interval.
///
/// # Errors
///
/// - [`Error::NonPositiveDuration`] if the interval is zero or negative;
/// - [`Error::HeightOrder`] if `target` is below `current`;
/// - [`Error::DateOutOfRange`] if the date leaves chrono's range.
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::{DateTime, TimeDelta};
/// use wattage_mining::{halving::estimate_time_of_height, BlockHeight};
///
/// let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
/// let eta = estimate_time_of_height(BlockHeight::new(100), now, BlockHeight::new(244), TimeDelta::seconds(600))?;
/// assert_eq!(eta - now, TimeDelta::days(1));
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn estimate_time_of_height(
    current: BlockHeight,
    now: DateTime<Utc>,
    target: BlockHeight,
    average_interval: TimeDelta,
) -> Result<DateTime<Utc>> {
    check_interval(average_interval)?;
    let blocks = current.blocks_until(target).ok_or(Error::HeightOrder {
        earlier: current.get(),
        later: target.get(),
    })?;
    let wait = times(average_interval, blocks)?;
    now.checked_add_signed(wait).ok_or(Error::DateOutOfRange {
        what: "estimated block time",
    })
}

/// Estimates the next halving that changes the subsidy.
///
/// # Errors
///
/// - [`Error::PastLastHalving`] if the subsidy at `current` is already 0
///   (height 6,930,000 or later): no later halving changes anything;
/// - as [`estimate_time_of_height`].
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::{DateTime, TimeDelta};
/// use wattage_mining::{halving::estimate_next_halving, BlockHeight, Error};
///
/// let now = DateTime::from_timestamp(0, 0).unwrap();
/// let err = estimate_next_halving(BlockHeight::new(7_000_000), now, TimeDelta::seconds(600)).unwrap_err();
/// assert_eq!(err, Error::PastLastHalving { height: 7_000_000 });
/// ```
pub fn estimate_next_halving(
    current: BlockHeight,
    now: DateTime<Utc>,
    average_interval: TimeDelta,
) -> Result<HalvingEstimate> {
    check_interval(average_interval)?;
    let subsidy_before_sat = block_subsidy_sat(current);
    if subsidy_before_sat == 0 {
        return Err(Error::PastLastHalving {
            height: current.get(),
        });
    }
    // A non-zero subsidy means epoch <= 32, so the next halving fits in a u32.
    let height = current.next_halving().ok_or(Error::PastLastHalving {
        height: current.get(),
    })?;
    let eta = estimate_time_of_height(current, now, height, average_interval)?;
    Ok(HalvingEstimate {
        height,
        epoch: height.halving_epoch(),
        blocks_remaining: current.blocks_until(height).unwrap_or(0),
        eta,
        subsidy_before_sat,
        subsidy_after_sat: block_subsidy_sat(height),
    })
}

/// The average block interval between two blocks with known times.
///
/// # Errors
///
/// [`Error::HeightOrder`] if `to` is not above `from`;
/// [`Error::NonPositiveDuration`] if `to_time` is not after `from_time`, or
/// if the average is below one nanosecond (the resolution of a
/// `TimeDelta`), rather than a silent zero.
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::{DateTime, TimeDelta};
/// use wattage_mining::{halving::average_block_interval, BlockHeight};
///
/// let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
/// let t1 = DateTime::from_timestamp(1_000_000 + 144 * 590, 0).unwrap();
/// let avg = average_block_interval(BlockHeight::new(0), t0, BlockHeight::new(144), t1)?;
/// assert_eq!(avg, TimeDelta::seconds(590));
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn average_block_interval(
    from: BlockHeight,
    from_time: DateTime<Utc>,
    to: BlockHeight,
    to_time: DateTime<Utc>,
) -> Result<TimeDelta> {
    let blocks = from
        .blocks_until(to)
        .filter(|b| *b > 0)
        .ok_or(Error::HeightOrder {
            earlier: from.get(),
            later: to.get(),
        })?;
    let elapsed = to_time.signed_duration_since(from_time);
    check_interval(elapsed)?;
    let blocks = i32::try_from(blocks).map_err(|_| Error::Overflow {
        what: "block count for an average interval",
    })?;
    let average = elapsed.checked_div(blocks).ok_or(Error::Overflow {
        what: "average block interval",
    })?;
    if average <= TimeDelta::zero() {
        return Err(Error::NonPositiveDuration {
            what: "average block interval (elapsed time under 1 ns a block)",
            seconds: elapsed.as_seconds_f64() / f64::from(blocks),
        });
    }
    Ok(average)
}

/// Estimates the next retarget from the tip and the time of the first block
/// of the current retarget period (height `tip - tip % 2016`).
///
/// # Errors
///
/// - [`Error::NonPositiveDuration`] if no interval can be observed yet (the
///   tip is the period's first block) or the tip is not after the period start;
/// - [`Error::DateOutOfRange`] or [`Error::Overflow`] on absurd inputs.
///
/// ```
/// // Needs wattage-mining, chrono (in the wattage facade: wattage::mining, wattage::chrono).
/// use chrono::{DateTime, TimeDelta};
/// use wattage_mining::{halving::estimate_next_retarget, BlockHeight};
///
/// // 1,000 blocks into a period at 540 s a block: 11.1% too fast.
/// let start = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
/// let tip_time = start + TimeDelta::seconds(1_000 * 540);
/// let est = estimate_next_retarget(BlockHeight::new(838_656 + 1_000), tip_time, start)?;
/// assert_eq!(est.height, BlockHeight::new(840_672));
/// assert_eq!(est.blocks_remaining, 1_016);
/// assert!((est.difficulty_change - (1_209_600.0 / (2_015.0 * 540.0) - 1.0)).abs() < 1e-12);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn estimate_next_retarget(
    tip: BlockHeight,
    tip_time: DateTime<Utc>,
    period_start_time: DateTime<Utc>,
) -> Result<RetargetEstimate> {
    let start = tip.retarget_period_start();
    let next = tip.next_retarget().ok_or(Error::Overflow {
        what: "next retarget height",
    })?;
    if start == tip {
        return Err(Error::NonPositiveDuration {
            what: "observed block interval (the tip is the first block of its retarget period)",
            seconds: 0.0,
        });
    }
    let average_interval = average_block_interval(start, period_start_time, tip, tip_time)?;
    let eta = estimate_time_of_height(tip, tip_time, next, average_interval)?;
    let projected = average_interval.as_seconds_f64() * f64::from(RETARGET_INTERVAL - 1);
    let clamped = projected.clamp(TARGET_TIMESPAN_SECS / 4.0, TARGET_TIMESPAN_SECS * 4.0);
    Ok(RetargetEstimate {
        height: next,
        blocks_remaining: tip.blocks_until(next).unwrap_or(0),
        eta,
        average_interval,
        projected_timespan_secs: projected,
        difficulty_change: TARGET_TIMESPAN_SECS / clamped - 1.0,
    })
}

fn check_interval(interval: TimeDelta) -> Result<()> {
    if interval > TimeDelta::zero() {
        Ok(())
    } else {
        Err(Error::NonPositiveDuration {
            what: "average block interval",
            seconds: interval.as_seconds_f64(),
        })
    }
}

fn times(interval: TimeDelta, blocks: u32) -> Result<TimeDelta> {
    // Multiply in two i32-sized steps to cover every u32 block count.
    let hi = i32::try_from(blocks >> 16).map_err(|_| Error::Overflow {
        what: "block count",
    })?;
    let lo = i32::try_from(blocks & 0xffff).map_err(|_| Error::Overflow {
        what: "block count",
    })?;
    let overflow = Error::DateOutOfRange {
        what: "block interval x block count",
    };
    let high_part = interval
        .checked_mul(hi)
        .and_then(|d| d.checked_mul(65_536))
        .ok_or(overflow.clone())?;
    let low_part = interval.checked_mul(lo).ok_or(overflow.clone())?;
    high_part.checked_add(&low_part).ok_or(overflow)
}

#[cfg(all(test, feature = "serde"))]
mod serde_tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{DateTime, TimeDelta};

    use super::estimate_next_retarget;
    use crate::BlockHeight;

    #[test]
    fn a_retarget_estimate_serializes_its_interval_in_seconds() {
        let start = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let tip_time = start + TimeDelta::seconds(1_000 * 540);
        let est =
            estimate_next_retarget(BlockHeight::new(838_656 + 1_000), tip_time, start).unwrap();
        let json = serde_json::to_value(est).unwrap();
        assert_eq!(json["height"], 840_672);
        assert_eq!(json["blocks_remaining"], 1_016);
        assert_eq!(json["average_interval_secs"], 540.0);
        assert!(json.get("average_interval").is_none());
        assert!(json["eta"].as_str().unwrap().starts_with("2023-11-"));
    }
}
