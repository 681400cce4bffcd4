//! Hashprice: what a unit of hashrate earns in a day.
//!
//! ```text
//! blocks a day won by 1 PH/s = 1e15 x 86,400 / (difficulty x 2^32)
//!                            = 144 x 1 PH/s / network hashrate
//! reward per block           = subsidy + fees
//!                            = subsidy / (1 - fee share)      (fees as a share of the reward)
//! BTC hashprice              = blocks a day won by 1 PH/s x reward per block   [BTC/PH/day]
//! USD hashprice              = BTC hashprice x BTC price                       [$/PH/day]
//! ```
//!
//! This is the definition Hashrate Index uses (it averages fees over the last
//! 144 blocks, see [`crate::fees`], and quotes $/PH/day; older posts quote
//! $/TH/day, a thousandth as large). The `f64` block rate enters money once,
//! by the rule of [`wattage_units::money::to_decimal`]; the rest is exact
//! `Decimal` arithmetic.
//!
//! Hashrate Index's worked example (2021-10-24): difficulty 20.08 T, subsidy
//! 6.25 BTC, fees 1.07% of the total reward, BTC at $60,028 gives $0.380 per
//! TH/s per day:
//!
//! ```
//! // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
//! use rust_decimal::Decimal;
//! use wattage_mining::{hashprice::{Fees, NetworkState}, Difficulty};
//! use wattage_units::{Btc, BtcPrice};
//!
//! let state = NetworkState::new(
//!     Difficulty::new(20.08e12)?,
//!     "6.25 BTC".parse::<Btc>()?,
//!     Fees::share_of_reward("1.07%".parse()?)?,
//! )?;
//! let price: BtcPrice = "$60,028/BTC".parse()?;
//! let per_th_day = state.hashprice(price)?.per_terahash_day();
//! assert_eq!(per_th_day.round_dp(3), Decimal::new(380, 3));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{Btc, BtcHashprice, BtcPrice, Hashprice, Hashrate, Share, Time, unit};

use crate::difficulty::TWO_POW_32;
use crate::subsidy::block_subsidy;
use crate::{BlockHeight, Difficulty, Error, Result};

/// Hashes that 1 PH/s performs in a day: 1e15 x 86,400.
pub const HASHES_PER_PH_DAY: f64 = 8.64e19;

/// Transaction fees per block: an amount, or a share of the total reward
/// (as Hashrate Index reports them).
///
/// ```
/// // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_mining::{hashprice::Fees, Error};
/// use wattage_units::{Btc, Share};
///
/// assert!(Fees::share_of_reward("1.07%".parse()?).is_ok());
/// assert_eq!(
///     Fees::share_of_reward(Share::ALL).unwrap_err(),
///     Error::InvalidFeeShare { value: Decimal::ONE }
/// );
/// assert!(Fees::per_block(Btc::from_sat(-1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case", try_from = "RawFees")
)]
#[non_exhaustive]
pub enum Fees {
    /// An average fee amount per block.
    PerBlock(Btc),
    /// Fees as a share of the total block reward (subsidy + fees), in `[0, 1)`.
    ShareOfReward(Decimal),
}

/// Parses a share of the reward (`"0.62%"`, as [`wattage_units::Share`]
/// reads it) or an amount per block (`"0.015 BTC"`, as [`Btc`]'s parser
/// reads it).
///
/// # Errors
///
/// [`Error::Parse`] with the input (also for a percentage outside 0% to
/// 100%); [`Error::InvalidFeeShare`] or [`Error::Negative`] as
/// [`Fees::share_of_reward`] and [`Fees::per_block`].
///
/// ```
/// // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_mining::{hashprice::Fees, Error};
/// use wattage_units::Share;
///
/// assert_eq!("0.62%".parse::<Fees>()?, Fees::share_of_reward(Share::new(Decimal::new(62, 4))?)?);
/// assert!(matches!("0.015 BTC".parse::<Fees>()?, Fees::PerBlock(_)));
/// assert!(matches!("100%".parse::<Fees>(), Err(Error::InvalidFeeShare { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl core::str::FromStr for Fees {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let parse_error = || Error::Parse {
            what: "fees (a share such as 0.62% or an amount such as 0.015 BTC)",
            input: alloc::string::String::from(s),
        };
        let trimmed = s.trim();
        if trimmed.ends_with('%') {
            let share: wattage_units::Share = trimmed.parse().map_err(|_| parse_error())?;
            return Self::share_of_reward(share);
        }
        let amount: Btc = trimmed.parse().map_err(|_| parse_error())?;
        Self::per_block(amount)
    }
}

impl Fees {
    /// No fees.
    pub const ZERO: Self = Self::PerBlock(Btc::ZERO);

    /// Fees as an average amount per block.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] if `fees` is negative.
    pub fn per_block(fees: Btc) -> Result<Self> {
        if fees < Btc::ZERO {
            return Err(Error::Negative {
                what: "fees per block (BTC)",
                value: fees.to_btc_f64(),
            });
        }
        Ok(Self::PerBlock(fees))
    }

    /// Fees as a share of the total reward (`"1.07%".parse()?`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFeeShare`] for a share of 100%: the reward would be
    /// infinite.
    pub fn share_of_reward(share: Share) -> Result<Self> {
        Self::checked_share(share.fraction())
    }

    /// The variant for a fraction in `[0, 1)`, which [`Share`] and the
    /// public variant do not guarantee on their own.
    fn checked_share(share: Decimal) -> Result<Self> {
        if share.is_sign_negative() && !share.is_zero() || share >= Decimal::ONE {
            return Err(Error::InvalidFeeShare { value: share });
        }
        Ok(Self::ShareOfReward(share))
    }

    /// The total reward per block, in BTC, for a block with `subsidy`:
    /// `subsidy + fees`, or `subsidy / (1 - share)`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFeeShare`] for a share of 1 or more that bypassed
    /// [`Fees::share_of_reward`]; [`Error::Money`] on overflow.
    ///
    /// ```
    /// // Needs wattage-mining, wattage-units, rust_decimal (in the wattage facade: wattage::mining, wattage::units, wattage::rust_decimal).
    /// use rust_decimal::Decimal;
    /// use wattage_mining::hashprice::Fees;
    /// use wattage_units::Btc;
    ///
    /// let fees = Fees::share_of_reward("20%".parse()?)?;
    /// assert_eq!(fees.reward_btc(Btc::from_sat(400_000_000))?, Decimal::from(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reward_btc(self, subsidy: Btc) -> Result<Decimal> {
        let subsidy = subsidy.to_btc();
        match self {
            Self::PerBlock(fees) => subsidy.checked_add(fees.to_btc()).ok_or(Error::Overflow {
                what: "block reward (subsidy + fees)",
            }),
            Self::ShareOfReward(share) => {
                let rest = Decimal::ONE
                    .checked_sub(share)
                    .filter(|r| *r > Decimal::ZERO);
                let rest = rest.ok_or(Error::InvalidFeeShare { value: share })?;
                subsidy.checked_div(rest).ok_or(Error::Overflow {
                    what: "block reward (subsidy / (1 - fee share))",
                })
            }
        }
    }

    /// The fees per block in BTC for a block with `subsidy`.
    ///
    /// # Errors
    ///
    /// As [`Fees::reward_btc`].
    pub fn fees_btc(self, subsidy: Btc) -> Result<Decimal> {
        let reward = self.reward_btc(subsidy)?;
        reward.checked_sub(subsidy.to_btc()).ok_or(Error::Overflow {
            what: "fees per block",
        })
    }
}

/// [`Fees`] as read, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
enum RawFees {
    PerBlock(Btc),
    ShareOfReward(Share),
}

#[cfg(feature = "serde")]
impl TryFrom<RawFees> for Fees {
    type Error = Error;

    fn try_from(raw: RawFees) -> Result<Self> {
        match raw {
            RawFees::PerBlock(fees) => Self::per_block(fees),
            RawFees::ShareOfReward(share) => Self::share_of_reward(share),
        }
    }
}

/// What the network pays for hashing at one moment: difficulty, subsidy and
/// fees per block.
///
/// ```
/// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
/// use wattage_mining::{hashprice::{Fees, NetworkState}, BlockHeight, Difficulty};
/// use wattage_units::{Btc, BtcPrice, Hashrate};
///
/// // Mid-2025: 127 T difficulty, 3.125 BTC subsidy, 0.03 BTC fees a block.
/// let state = NetworkState::at_height(
///     Difficulty::new(127e12)?,
///     BlockHeight::new(903_000),
///     Fees::per_block("0.03 BTC".parse::<Btc>()?)?,
/// )?;
/// let hashprice = state.hashprice("$105,000/BTC".parse::<BtcPrice>()?)?;
/// assert_eq!(format!("{hashprice:.2}"), "$52.47/PH/day");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NetworkState {
    difficulty: Difficulty,
    subsidy: Btc,
    fees: Fees,
}

impl NetworkState {
    /// A network state from a difficulty, a block subsidy and fees.
    ///
    /// # Errors
    ///
    /// [`Error::Negative`] for a negative subsidy; the fee errors of [`Fees`].
    pub fn new(difficulty: Difficulty, subsidy: Btc, fees: Fees) -> Result<Self> {
        if subsidy < Btc::ZERO {
            return Err(Error::Negative {
                what: "block subsidy (BTC)",
                value: subsidy.to_btc_f64(),
            });
        }
        // Validate fees that were built without their constructor.
        match fees {
            Fees::PerBlock(f) => Fees::per_block(f)?,
            Fees::ShareOfReward(s) => Fees::checked_share(s)?,
        };
        Ok(Self {
            difficulty,
            subsidy,
            fees,
        })
    }

    /// A network state with the mainnet subsidy at `height`.
    ///
    /// # Errors
    ///
    /// As [`NetworkState::new`].
    pub fn at_height(difficulty: Difficulty, height: BlockHeight, fees: Fees) -> Result<Self> {
        Self::new(difficulty, block_subsidy(height), fees)
    }

    /// A network state from the network hashrate instead of the difficulty:
    /// `difficulty = hashrate x 600 s / 2^32`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHashrate`] for a zero hashrate; as [`NetworkState::new`].
    pub fn from_hashrate(network: Hashrate, subsidy: Btc, fees: Fees) -> Result<Self> {
        Self::new(
            Difficulty::from_hashrate_hs(network.get(unit::HASH_PER_SECOND))?,
            subsidy,
            fees,
        )
    }

    /// The difficulty.
    #[must_use]
    pub const fn difficulty(&self) -> Difficulty {
        self.difficulty
    }

    /// The block subsidy.
    #[must_use]
    pub const fn subsidy(&self) -> Btc {
        self.subsidy
    }

    /// The fees.
    #[must_use]
    pub const fn fees(&self) -> Fees {
        self.fees
    }

    /// This state with another difficulty.
    #[must_use]
    pub const fn with_difficulty(self, difficulty: Difficulty) -> Self {
        Self { difficulty, ..self }
    }

    /// The network hashrate implied by the difficulty (600 s blocks).
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] if it is not a valid hashrate (never for a valid difficulty).
    pub fn implied_hashrate(&self) -> Result<Hashrate> {
        Ok(Hashrate::new(
            self.difficulty.implied_hashrate_hs(),
            unit::HASH_PER_SECOND,
        )?)
    }

    /// Total reward per block in BTC (subsidy + fees).
    ///
    /// # Errors
    ///
    /// As [`Fees::reward_btc`].
    pub fn reward_per_block_btc(&self) -> Result<Decimal> {
        self.fees.reward_btc(self.subsidy)
    }

    /// Expected blocks a day that `hashrate` wins:
    /// `hashrate x 86,400 s / (difficulty x 2^32)`.
    ///
    /// ```
    /// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
    /// use wattage_mining::{hashprice::{Fees, NetworkState}, Difficulty};
    /// use wattage_units::{Btc, Hashrate};
    ///
    /// let state = NetworkState::new(Difficulty::new(100e12)?, Btc::ONE_BTC, Fees::ZERO)?;
    /// let network = state.implied_hashrate()?;
    /// assert!((state.blocks_per_day(network)? - 144.0).abs() < 1e-9);
    /// // A hashrate beyond any physical one has no finite answer.
    /// assert!(state.blocks_per_day(Hashrate::new(f64::MAX, wattage_units::unit::HASH_PER_SECOND)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHashrate`] for a negative or non-finite hashrate, or
    /// one so large that the count of blocks is not finite.
    pub fn blocks_per_day(&self, hashrate: Hashrate) -> Result<f64> {
        let hs = hashrate.get(unit::HASH_PER_SECOND);
        let blocks = hs * 86_400.0 / self.difficulty.expected_hashes();
        if blocks.is_finite() && blocks >= 0.0 {
            Ok(blocks + 0.0)
        } else {
            Err(Error::InvalidHashrate { value: hs })
        }
    }

    /// Hashprice in BTC per PH/s per day.
    ///
    /// # Errors
    ///
    /// [`Error::Money`] if a value does not fit a `Decimal`.
    pub fn btc_hashprice(&self) -> Result<BtcHashprice> {
        let blocks = to_decimal(
            "blocks a day won by 1 PH/s",
            HASHES_PER_PH_DAY / self.difficulty.expected_hashes(),
        )?;
        let btc = blocks
            .checked_mul(self.reward_per_block_btc()?)
            .ok_or(Error::Overflow {
                what: "BTC hashprice",
            })?;
        Ok(BtcHashprice::new(btc)?)
    }

    /// Hashprice in US dollars per PH/s per day at `price`.
    /// ([`Hashprice::per_terahash_day`] gives $/TH/s/day.)
    ///
    /// # Errors
    ///
    /// As [`NetworkState::btc_hashprice`].
    pub fn hashprice(&self, price: BtcPrice) -> Result<Hashprice> {
        Ok(self.btc_hashprice()?.to_usd(price)?)
    }

    /// Expected bitcoin that `hashrate` earns over `period`, rounded to the
    /// nearest satoshi.
    ///
    /// # Errors
    ///
    /// As [`NetworkState::btc_hashprice`].
    pub fn expected_btc(&self, hashrate: Hashrate, period: Time) -> Result<Btc> {
        Ok(self
            .btc_hashprice()?
            .revenue(hashrate.checked_mul(period)?)?)
    }
}

/// Expected blocks that `hashrate` finds over `seconds` at `difficulty`:
/// `hashrate x seconds / (difficulty x 2^32)`.
pub(crate) fn expected_blocks(hashrate_hs: f64, seconds: f64, difficulty: Difficulty) -> f64 {
    hashrate_hs * seconds / (difficulty.get() * TWO_POW_32)
}
