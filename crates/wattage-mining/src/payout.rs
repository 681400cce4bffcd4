//! Pool payout schemes: what a miner is paid for its hashrate, and who
//! carries the luck.
//!
//! With `b = hashrate x period / (difficulty x 2^32)` the miner's expected
//! share of blocks:
//!
//! | scheme | pays | luck |
//! |---|---|---|
//! | FPPS | `b x (subsidy + expected fees) x (1 - pool fee)` | none: the pool carries it |
//! | PPS+ | `b x subsidy x (1 - fee) + b x actual fees x (1 - fee)` | subsidy none; fees follow the pool's blocks |
//! | PPLNS | `b x (subsidy + actual fees) x (1 - fee)` in expectation | the pool's block count, Poisson |
//! | solo | `b x (subsidy + actual fees)` in expectation | the miner's own block count, Poisson |
//!
//! Blocks found in a period are Poisson with mean `lambda` (the pool's
//! expected blocks for PPLNS, the miner's for solo), so the payout's
//! coefficient of variation is `1 / sqrt(lambda)` and the chance of no block
//! at all is `exp(-lambda)`.
//!
//! ```
//! // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
//! use wattage_mining::{hashprice::{Fees, NetworkState}, payout::Pool, Difficulty};
//! use wattage_units::{Btc, Hashrate, Time, unit};
//!
//! let state = NetworkState::new(Difficulty::new(125e12)?, Btc::from_sat(312_500_000), Fees::ZERO)?;
//! let s21xp = Hashrate::new(270.0, unit::TERAHASH_PER_SECOND)?;
//! let month = Time::new(30.0, unit::DAY)?;
//!
//! let fpps = Pool::fpps("2.5%".parse()?)?.expected_payout(&state, s21xp, month, None)?;
//! let solo = Pool::solo().expected_payout(&state, s21xp, month, None)?;
//! assert!(fpps.luck.is_none());
//! // Solo, a 270 TH/s machine finds a block in a month about once in 770 tries.
//! let luck = solo.luck.unwrap();
//! assert!((luck.expected_blocks - 1.0 / 767.0).abs() < 1e-5);
//! assert!(luck.probability_of_no_block > 0.998);
//! assert!(luck.coefficient_of_variation > 27.0);
//! // Same expectation before the pool fee.
//! assert_eq!(solo.net, fpps.net.checked_add(fpps.pool_fee)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::{Decimal, RoundingStrategy};
use wattage_units::money::to_decimal;
use wattage_units::{Btc, Hashrate, Measure, Share, Time, unit};

use crate::hashprice::{Fees, NetworkState, expected_blocks};
use crate::{Error, Result};

/// How a pool pays its miners.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum PayoutScheme {
    /// Full pay-per-share: expected subsidy and expected fees, no luck.
    Fpps,
    /// Pay-per-share plus: expected subsidy, plus the fees of the blocks the pool actually finds.
    PpsPlus,
    /// Pay-per-last-N-shares: a share of the blocks the pool finds.
    Pplns {
        /// The pool's total hashrate (its luck depends on it).
        pool_hashrate: Hashrate,
    },
    /// Solo mining: all of the blocks the miner finds, nothing otherwise.
    Solo,
}

/// A pool: a payout scheme and the fee it keeps.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "RawPool")
)]
pub struct Pool {
    scheme: PayoutScheme,
    fee: Share,
}

/// [`Pool`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPool {
    scheme: PayoutScheme,
    fee: Share,
}

#[cfg(feature = "serde")]
impl TryFrom<RawPool> for Pool {
    type Error = Error;

    fn try_from(raw: RawPool) -> Result<Self> {
        Self::new(raw.scheme, raw.fee)
    }
}

/// The luck of a Poisson block count.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Luck {
    /// Expected blocks found in the period by whoever carries the luck
    /// (the pool for PPLNS, the miner for solo).
    pub expected_blocks: f64,
    /// Standard deviation over mean of the payout: `1 / sqrt(expected blocks)`.
    pub coefficient_of_variation: f64,
    /// The chance of finding no block at all: `exp(-expected blocks)`.
    pub probability_of_no_block: f64,
}

impl Luck {
    /// The luck of a Poisson count with mean `expected_blocks`.
    ///
    /// # Errors
    ///
    /// [`Error::NotPositive`] unless `expected_blocks` is finite and positive.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::payout::Luck;
    ///
    /// let l = Luck::poisson(144.0)?; // a pool with 1/30 of the network, a month
    /// assert!((l.coefficient_of_variation - 1.0 / 12.0).abs() < 1e-12);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn poisson(expected_blocks: f64) -> Result<Self> {
        if !(expected_blocks.is_finite() && expected_blocks > 0.0) {
            return Err(Error::NotPositive {
                what: "expected blocks",
                value: expected_blocks,
            });
        }
        Ok(Self {
            expected_blocks,
            coefficient_of_variation: 1.0 / libm::sqrt(expected_blocks),
            probability_of_no_block: libm::exp(-expected_blocks),
        })
    }
}

/// The expected payout of a hashrate over a period.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Payout {
    /// Expected subsidy earned, before the pool fee.
    pub subsidy: Btc,
    /// Expected transaction fees earned, before the pool fee.
    pub fees: Btc,
    /// The pool's fee.
    pub pool_fee: Btc,
    /// What the miner is paid: subsidy + fees - pool fee.
    pub net: Btc,
    /// The luck the miner carries (`None` for FPPS; PPS+ fee variance is not modelled).
    pub luck: Option<Luck>,
}

impl Pool {
    /// FPPS without a fee: the default pool of a new [`crate::operation::Operation`].
    pub const FPPS_NO_FEE: Self = Self {
        scheme: PayoutScheme::Fpps,
        fee: Share::ZERO,
    };

    /// An FPPS pool keeping `fee` (`"2.5%".parse()?`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] for a fee of 100%.
    pub fn fpps(fee: Share) -> Result<Self> {
        Self::new(PayoutScheme::Fpps, fee)
    }

    /// A PPS+ pool keeping `fee`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] for a fee of 100%.
    pub fn pps_plus(fee: Share) -> Result<Self> {
        Self::new(PayoutScheme::PpsPlus, fee)
    }

    /// A PPLNS pool of total hashrate `pool_hashrate` keeping `fee`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] for a fee of 100%;
    /// [`Error::InvalidHashrate`] for a zero pool hashrate.
    pub fn pplns(fee: Share, pool_hashrate: Hashrate) -> Result<Self> {
        Self::new(PayoutScheme::Pplns { pool_hashrate }, fee)
    }

    /// Solo mining: no pool, no fee.
    #[must_use]
    pub const fn solo() -> Self {
        Self {
            scheme: PayoutScheme::Solo,
            fee: Share::ZERO,
        }
    }

    /// A pool with any scheme.
    ///
    /// # Errors
    ///
    /// As the scheme's constructor.
    pub fn new(scheme: PayoutScheme, fee: Share) -> Result<Self> {
        if fee == Share::ALL {
            return Err(Error::InvalidFraction {
                what: "pool fee",
                value: fee.fraction(),
            });
        }
        if let PayoutScheme::Pplns { pool_hashrate } = scheme {
            let hs = pool_hashrate.get(unit::HASH_PER_SECOND);
            if hs <= 0.0 {
                return Err(Error::InvalidHashrate { value: hs });
            }
        }
        Ok(Self { scheme, fee })
    }

    /// The payout scheme.
    #[must_use]
    pub const fn scheme(&self) -> PayoutScheme {
        self.scheme
    }

    /// The pool fee.
    #[must_use]
    pub const fn fee(&self) -> Share {
        self.fee
    }

    /// The expected payout of `hashrate` over `period`. `actual_fees` are the
    /// fees the pool's blocks really carry (PPS+, PPLNS, solo); `None` uses
    /// the state's fees. FPPS always pays the state's (expected) fees.
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] for a negative or non-finite hashrate or period
    /// (the unchecked `-` operator can make one); [`Error::Money`] on
    /// overflow; the fee errors of [`Fees`].
    pub fn expected_payout(
        &self,
        state: &NetworkState,
        hashrate: Hashrate,
        period: Time,
        actual_fees: Option<Fees>,
    ) -> Result<Payout> {
        let hashrate = hashrate.checked()?;
        let seconds = period.checked()?.get(unit::SECOND);
        let miner_blocks = expected_blocks(
            hashrate.get(unit::HASH_PER_SECOND),
            seconds,
            state.difficulty(),
        );
        let blocks = to_decimal("expected blocks", miner_blocks)?;
        let fees_per_block = match self.scheme {
            PayoutScheme::Fpps => state.fees(),
            _ => actual_fees.unwrap_or(state.fees()),
        }
        .fees_btc(state.subsidy())?;
        let subsidy = rounded_btc(blocks.checked_mul(state.subsidy().to_btc()))?;
        let fees = rounded_btc(blocks.checked_mul(fees_per_block))?;
        let gross = subsidy.checked_add(fees)?;
        let pool_fee = rounded_btc(gross.to_btc().checked_mul(self.fee.fraction()))?;
        let net = gross.checked_sub(pool_fee)?;
        let luck = match self.scheme {
            PayoutScheme::Fpps | PayoutScheme::PpsPlus => None,
            PayoutScheme::Pplns { pool_hashrate } => Some(Luck::poisson(expected_blocks(
                pool_hashrate.get(unit::HASH_PER_SECOND),
                seconds,
                state.difficulty(),
            ))?),
            PayoutScheme::Solo => Luck::poisson(miner_blocks).ok(),
        };
        Ok(Payout {
            subsidy,
            fees,
            pool_fee,
            net,
            luck,
        })
    }
}

fn rounded_btc(btc: Option<Decimal>) -> Result<Btc> {
    let btc = btc.ok_or(Error::Overflow {
        what: "payout in BTC",
    })?;
    Ok(Btc::from_btc_rounded(btc.round_dp_with_strategy(
        12,
        RoundingStrategy::MidpointNearestEven,
    ))?)
}
