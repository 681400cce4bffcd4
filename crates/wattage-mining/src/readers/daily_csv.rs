//! The daily `date,value` CSV layout of blockchain.com's charts (as in
//! `shared/data/bitcoin/daily_*.csv`): one UTC date and one number a line.
//!
//! Rules:
//!
//! - fees are a total per day in BTC; the decimal text is read exactly and
//!   rounded to the satoshi, half away from zero (`2.1926063599999996` is
//!   219,260,636 sat);
//! - a difficulty of 0 (days of January 2009 without blocks) and a price of
//!   0 (before 2010-08-18, no market) are rejected with that reason, as are
//!   negative, non-finite and unparsable values, bad dates, dates out of
//!   order or repeated, and lines that are not two fields.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::readers::daily_csv::{parse_daily_difficulty, parse_daily_price};
//!
//! let read = parse_daily_difficulty("date,value\n2009-01-03,1.0\n2009-01-04,0.0\n")?;
//! assert_eq!(read.values.len(), 1);
//! assert_eq!(read.rejected[0].reason, "difficulty 0: no blocks that day");
//! let prices = parse_daily_price("date,value\n2026-07-14,62242.32\n")?;
//! assert_eq!(prices.values[0].value.to_string(), "$62,242.32/BTC");
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::format;
use alloc::string::{String, ToString};

use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use wattage_units::{Btc, BtcPrice};

use super::{Reading, RejectedRow, data_lines};
use crate::{Difficulty, Result};

/// The header of the daily layout.
pub const HEADER: &str = "date,value";

/// One day's value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Daily<T> {
    /// The UTC date.
    pub date: NaiveDate,
    /// The value.
    pub value: T,
}

fn parse_with<T>(
    text: &str,
    value: impl Fn(&str) -> core::result::Result<T, String>,
) -> Result<Reading<Daily<T>>> {
    let mut values = alloc::vec::Vec::new();
    let mut rejected = alloc::vec::Vec::new();
    let mut last: Option<NaiveDate> = None;
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
        let reject = |reason: String| RejectedRow {
            line,
            text: row.to_string(),
            reason,
            source: None,
        };
        let mut fields = row.split(',');
        let (Some(d), Some(v), None) = (fields.next(), fields.next(), fields.next()) else {
            rejected.push(reject(String::from("expected two fields, date and value")));
            continue;
        };
        let Ok(date) = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") else {
            rejected.push(reject(format!("bad date {d:?}")));
            continue;
        };
        if let Some(prev) = last.filter(|p| *p >= date) {
            rejected.push(reject(format!("date {date} is not after {prev}")));
            continue;
        }
        match value(v.trim()) {
            Ok(value) => {
                last = Some(date);
                values.push(Daily { date, value });
            }
            Err(reason) => rejected.push(reject(reason)),
        }
    }
    Ok(Reading {
        values,
        rejected,
        source: None,
    })
}

fn decimal(v: &str) -> core::result::Result<Decimal, String> {
    Decimal::from_str_exact(v)
        .or_else(|_| Decimal::from_scientific(v))
        .map_err(|_| format!("bad number {v:?}"))
}

/// Reads daily difficulties.
///
/// # Errors
///
/// [`crate::Error::BadRow`] if the first line is not `date,value`; every
/// other problem is a [`RejectedRow`].
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let read = wattage_mining::readers::daily_csv::parse_daily_difficulty("date,value\n2024-04-20,86388558925171.2\n")?;
/// assert_eq!(read.values[0].value.to_string(), "86.39 T");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn parse_daily_difficulty(text: &str) -> Result<Reading<Daily<Difficulty>>> {
    parse_with(text, |v| {
        let x: f64 = v.parse().map_err(|_| format!("bad number {v:?}"))?;
        if x == 0.0 {
            return Err(String::from("difficulty 0: no blocks that day"));
        }
        Difficulty::new(x).map_err(|e| e.to_string())
    })
}

/// Reads daily total fees in BTC, rounded to the satoshi half away from zero.
///
/// # Errors
///
/// [`crate::Error::BadRow`] if the first line is not `date,value`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let read = wattage_mining::readers::daily_csv::parse_daily_fees("date,value\n2024-04-20,1257.72\n2024-04-21,-1\n")?;
/// assert_eq!(read.values[0].value.to_sat(), 125_772_000_000);
/// assert_eq!(read.rejected[0].reason, "negative fees -1 BTC");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn parse_daily_fees(text: &str) -> Result<Reading<Daily<Btc>>> {
    parse_with(text, |v| {
        let x = decimal(v)?;
        if x.is_sign_negative() && !x.is_zero() {
            return Err(format!("negative fees {v} BTC"));
        }
        let btc = x.round_dp_with_strategy(8, RoundingStrategy::MidpointAwayFromZero);
        Btc::from_btc_rounded(btc).map_err(|e| e.to_string())
    })
}

/// Reads daily BTC prices in USD.
///
/// # Errors
///
/// [`crate::Error::BadRow`] if the first line is not `date,value`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// let read = wattage_mining::readers::daily_csv::parse_daily_price("date,value\n2009-01-03,0.0\n")?;
/// assert_eq!(read.rejected[0].reason, "price 0: no market that day");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn parse_daily_price(text: &str) -> Result<Reading<Daily<BtcPrice>>> {
    parse_with(text, |v| {
        let x = decimal(v)?;
        if x.is_zero() {
            return Err(String::from("price 0: no market that day"));
        }
        BtcPrice::new(x).map_err(|e| e.to_string())
    })
}

/// Reads a file with [`parse_daily_difficulty`].
///
/// # Errors
///
/// [`crate::Error::Io`] if the file cannot be read; as the parser,
/// wrapped in [`crate::Error::InSource`] naming the file.
#[cfg(feature = "std")]
pub fn read_daily_difficulty(
    path: impl AsRef<std::path::Path>,
) -> Result<Reading<Daily<Difficulty>>> {
    super::read_with(path.as_ref(), parse_daily_difficulty)
}

/// Reads a file with [`parse_daily_fees`].
///
/// # Errors
///
/// [`crate::Error::Io`] if the file cannot be read; as the parser,
/// wrapped in [`crate::Error::InSource`] naming the file.
#[cfg(feature = "std")]
pub fn read_daily_fees(path: impl AsRef<std::path::Path>) -> Result<Reading<Daily<Btc>>> {
    super::read_with(path.as_ref(), parse_daily_fees)
}

/// Reads a file with [`parse_daily_price`].
///
/// # Errors
///
/// [`crate::Error::Io`] if the file cannot be read; as the parser,
/// wrapped in [`crate::Error::InSource`] naming the file.
#[cfg(feature = "std")]
pub fn read_daily_price(path: impl AsRef<std::path::Path>) -> Result<Reading<Daily<BtcPrice>>> {
    super::read_with(path.as_ref(), parse_daily_price)
}
