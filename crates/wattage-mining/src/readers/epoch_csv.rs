//! The per-epoch difficulty CSV of `shared/data/bitcoin/difficulty_per_epoch.csv`:
//!
//! ```text
//! epoch,start_height,end_height,nbits_hex,nbits,difficulty,last_block_hash_of_epoch,first_full_utc_day_at_this_difficulty_blockchain_com
//! ```
//!
//! A row is rejected (with its reason) if a field does not parse, if the
//! heights are not `2016 x epoch` and `2016 x epoch + 2015`, if `nbits_hex`
//! and `nbits` disagree, if the `nBits` do not decode, or if the stated
//! difficulty (rounded to 2 decimals in the file) differs from the one the
//! `nBits` give by more than 0.01 (more than the rounding).
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::readers::epoch_csv::{parse_epochs, HEADER};
//!
//! let text = format!("{HEADER}\n416,838656,840671,0x17034219,386089497,86388558925171.02,00000000000000000002bf1e,2024-04-11\n");
//! let read = parse_epochs(&text)?;
//! let e = &read.values[0];
//! assert_eq!((e.epoch, e.bits.to_consensus()), (416, 0x1703_4219));
//! assert_eq!(e.first_full_day.unwrap().to_string(), "2024-04-11");
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::format;
use alloc::string::{String, ToString};

use chrono::NaiveDate;

use super::{Reading, RejectedRow, data_lines};
use crate::{BlockHeight, CompactTarget, Difficulty, Result};

/// The header of the epoch CSV.
pub const HEADER: &str = "epoch,start_height,end_height,nbits_hex,nbits,difficulty,last_block_hash_of_epoch,first_full_utc_day_at_this_difficulty_blockchain_com";

/// One row of the epoch CSV.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EpochRow {
    /// The epoch index.
    pub epoch: u32,
    /// Its first height.
    pub start_height: BlockHeight,
    /// Its compact target.
    pub bits: CompactTarget,
    /// Its difficulty, from `bits` (exact, not the file's rounded text).
    pub difficulty: Difficulty,
    /// The hash of its last block (empty when past the source).
    pub last_block_hash: String,
    /// The first full UTC day at this difficulty, if the file has one.
    pub first_full_day: Option<NaiveDate>,
}

fn parse_row(row: &str) -> core::result::Result<EpochRow, String> {
    let f: alloc::vec::Vec<&str> = row.split(',').map(str::trim).collect();
    let [epoch, start, end, hex, bits, difficulty, hash, day] = f.as_slice() else {
        return Err(format!("expected 8 fields, got {}", f.len()));
    };
    let num = |what: &str, v: &str| v.parse::<u32>().map_err(|_| format!("bad {what} {v:?}"));
    let epoch = num("epoch", epoch)?;
    let (start, end) = (num("start_height", start)?, num("end_height", end)?);
    let expected = epoch
        .checked_mul(2016)
        .ok_or_else(|| format!("epoch {epoch} too large"))?;
    if start != expected || end != expected.saturating_add(2015) {
        return Err(format!(
            "heights {start}-{end} are not epoch {epoch}'s {expected}-{}",
            expected.saturating_add(2015)
        ));
    }
    let from_hex = u32::from_str_radix(hex.trim_start_matches("0x"), 16)
        .map_err(|_| format!("bad nbits_hex {hex:?}"))?;
    let bits_value = num("nbits", bits)?;
    if from_hex != bits_value {
        return Err(format!("nbits_hex {hex} and nbits {bits_value} disagree"));
    }
    let compact = CompactTarget::from_consensus(bits_value);
    let exact = Difficulty::from_compact(compact).map_err(|e| e.to_string())?;
    let stated: f64 = difficulty
        .parse()
        .map_err(|_| format!("bad difficulty {difficulty:?}"))?;
    // NaN is not close: the comparison is false.
    let close = (stated - exact.get()).abs() <= 0.01;
    if !close {
        return Err(format!(
            "difficulty {stated} differs from nBits' {}",
            exact.get()
        ));
    }
    let first_full_day = if day.is_empty() {
        None
    } else {
        Some(NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| format!("bad date {day:?}"))?)
    };
    Ok(EpochRow {
        epoch,
        start_height: BlockHeight::new(start),
        bits: compact,
        difficulty: exact,
        last_block_hash: String::from(*hash),
        first_full_day,
    })
}

/// Reads the epoch CSV.
///
/// # Errors
///
/// [`crate::Error::BadRow`] if the first line is not [`HEADER`]; every
/// other problem is a [`RejectedRow`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::readers::epoch_csv::{parse_epochs, HEADER};
///
/// let text = format!("{HEADER}\n1,2016,4031,0x1d00ffff,486604798,1.00,ab,\n");
/// let read = parse_epochs(&text)?;
/// assert_eq!(read.rejected[0].reason, "nbits_hex 0x1d00ffff and nbits 486604798 disagree");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn parse_epochs(text: &str) -> Result<Reading<EpochRow>> {
    let mut values = alloc::vec::Vec::new();
    let mut rejected = alloc::vec::Vec::new();
    for (line, row) in data_lines(text, HEADER)? {
        if row.trim().is_empty() {
            rejected.push(RejectedRow {
                line,
                text: row.to_string(),
                reason: String::from("blank line"),
                source: None,
            });
            continue;
        }
        match parse_row(row) {
            Ok(r) => values.push(r),
            Err(reason) => rejected.push(RejectedRow {
                line,
                text: row.to_string(),
                reason,
                source: None,
            }),
        }
    }
    Ok(Reading {
        values,
        rejected,
        source: None,
    })
}

/// Reads a file with [`parse_epochs`].
///
/// # Errors
///
/// [`crate::Error::Io`] if the file cannot be read; as the parser,
/// wrapped in [`crate::Error::InSource`] naming the file.
#[cfg(feature = "std")]
pub fn read_epochs(path: impl AsRef<std::path::Path>) -> Result<Reading<EpochRow>> {
    super::read_with(path.as_ref(), parse_epochs)
}
