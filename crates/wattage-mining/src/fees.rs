//! Trailing averages of per-block fees.
//!
//! Hashrate Index averages fees over the last 144 blocks (about a day) so
//! that one fee spike does not swing the hashprice:
//!
//! ```text
//! average(i) = (fees[i - n + 1] + ... + fees[i]) / n     rounded to the nearest satoshi
//! ```
//!
//! Sums are exact in satoshis; only the final division rounds (half to even).
//!
//! ```
//! // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
//! use wattage_mining::fees::{trailing_average, trailing_averages};
//! use wattage_units::Btc;
//!
//! let fees: Vec<Btc> = [10, 20, 30, 40].into_iter().map(Btc::from_sat).collect();
//! assert_eq!(trailing_average(&fees, 3)?, Btc::from_sat(30));
//! assert_eq!(trailing_averages(&fees, 2)?, [15, 25, 35].map(Btc::from_sat));
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::vec::Vec;

use rust_decimal::{Decimal, RoundingStrategy};
use wattage_units::{Btc, Share};

use crate::{Error, Result};

/// The window Hashrate Index uses: the last 144 blocks.
pub const HASHRATE_INDEX_WINDOW: usize = 144;

/// The average fee of the last `window` blocks of `fees` (oldest first).
///
/// # Errors
///
/// - [`Error::NotEnoughData`] if `window` is 0 or longer than the series;
/// - [`Error::Negative`] if a fee is negative;
/// - [`Error::Money`] if the sum overflows.
pub fn trailing_average(fees: &[Btc], window: usize) -> Result<Btc> {
    check_window(fees.len(), window)?;
    let start = fees.len().saturating_sub(window);
    let tail = fees.get(start..).unwrap_or(&[]);
    let sum = checked_sum(tail)?;
    average(sum, window)
}

/// The trailing average at every block from the `window`-th on: element `k`
/// of the result averages `fees[k..k + window]`.
///
/// # Errors
///
/// As [`trailing_average`].
pub fn trailing_averages(fees: &[Btc], window: usize) -> Result<Vec<Btc>> {
    check_window(fees.len(), window)?;
    let mut out = Vec::with_capacity(fees.len().saturating_sub(window).saturating_add(1));
    let first = fees.get(..window).unwrap_or(&[]);
    let mut sum = checked_sum(first)?;
    out.push(average(sum, window)?);
    for (new, old) in fees.iter().skip(window).zip(fees.iter()) {
        check_fee(*new)?;
        // Drop the oldest fee first: the running sum then never exceeds the
        // sum of one window, so it overflows only if a window's sum does.
        sum = sum.checked_sub(*old)?.checked_add(*new)?;
        out.push(average(sum, window)?);
    }
    Ok(out)
}

/// Fees as a share of the total reward: `fees / (subsidy + fees)`.
///
/// # Errors
///
/// [`Error::Negative`] for negative amounts; [`Error::NotPositive`] when
/// subsidy and fees are both zero.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// use wattage_mining::fees::fee_share;
/// use wattage_units::Btc;
///
/// let share = fee_share(Btc::from_sat(312_500_000), Btc::from_sat(312_500_000))?;
/// assert_eq!(share.to_string(), "50%");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn fee_share(subsidy: Btc, fees: Btc) -> Result<Share> {
    check_fee(fees)?;
    if subsidy < Btc::ZERO {
        return Err(Error::Negative {
            what: "block subsidy (BTC)",
            value: subsidy.to_btc_f64(),
        });
    }
    let total = subsidy.checked_add(fees)?;
    if total == Btc::ZERO {
        return Err(Error::NotPositive {
            what: "block reward (BTC)",
            value: 0.0,
        });
    }
    let fraction = fees
        .to_btc()
        .checked_div(total.to_btc())
        .ok_or(Error::Overflow { what: "fee share" })?;
    // Both amounts are at least zero, so the fraction is within 0 to 1.
    Ok(Share::new(fraction)?)
}

fn check_window(len: usize, window: usize) -> Result<()> {
    if window == 0 || window > len {
        return Err(Error::NotEnoughData {
            what: "a trailing fee average",
            needed: window.max(1),
            got: len,
        });
    }
    Ok(())
}

fn check_fee(fee: Btc) -> Result<()> {
    if fee < Btc::ZERO {
        return Err(Error::Negative {
            what: "fees per block (BTC)",
            value: fee.to_btc_f64(),
        });
    }
    Ok(())
}

fn checked_sum(fees: &[Btc]) -> Result<Btc> {
    fees.iter().try_fold(Btc::ZERO, |sum, fee| {
        check_fee(*fee)?;
        Ok(sum.checked_add(*fee)?)
    })
}

fn average(sum: Btc, window: usize) -> Result<Btc> {
    let n =
        Decimal::from(u64::try_from(window).map_err(|_| Error::Overflow { what: "fee window" })?);
    let sats = Decimal::from(sum.to_sat())
        .checked_div(n)
        .ok_or(Error::Overflow {
            what: "trailing fee average",
        })?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven);
    let sats = i64::try_from(sats).map_err(|_| Error::Overflow {
        what: "trailing fee average",
    })?;
    Ok(Btc::from_sat(sats))
}
