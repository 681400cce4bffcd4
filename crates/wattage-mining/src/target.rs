//! Exact 256-bit proof-of-work targets and the work they imply.
//!
//! A block is valid when its header hash, read as a 256-bit little-endian
//! integer, is at most the target. So a target `T` is met by `T + 1` of the
//! `2^256` possible hashes, and the expected number of hashes to find a block
//! (its *work*, Bitcoin Core's `GetBlockProof`) is
//!
//! ```text
//! work = 2^256 / (T + 1)           (integer division)
//!      = (~T / (T + 1)) + 1        (how Core computes it within 256 bits)
//! ```
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::{CompactTarget, Target};
//! use primitive_types::U256;
//!
//! let t = CompactTarget::from_consensus(0x1d00ffff).to_target()?;
//! assert_eq!(t, Target::DIFFICULTY_ONE);
//! // Difficulty 1 needs 4,295,032,833 hashes on average, 0.0015% more than 2^32.
//! assert_eq!(t.work(), U256::from(4_295_032_833u64));
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::string::ToString;
use core::fmt;
use core::str::FromStr;

use primitive_types::{U256, U512};

use crate::{CompactTarget, ConsensusParams, Difficulty, Error, Result};

/// A proof-of-work target: a positive 256-bit integer that a block hash must
/// not exceed. Lower targets are harder.
///
/// A `Target` is never zero (a zero target would make the difficulty infinite).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::Target;
/// use primitive_types::U256;
///
/// let t = Target::new(U256::from(0xffffu64) << 208)?;
/// assert_eq!(t, Target::DIFFICULTY_ONE);
/// assert_eq!(t.to_compact().to_consensus(), 0x1d00ffff);
/// assert_eq!(t.difficulty().get(), 1.0);
/// assert!(Target::new(U256::zero()).is_err());
/// # Ok::<(), wattage_mining::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Target(U256);

impl Target {
    /// The difficulty-1 target `0xffff x 2^208` (`nBits` `0x1d00ffff`), the
    /// genesis block's target.
    pub const DIFFICULTY_ONE: Self = Self(U256([0, 0, 0, 0x0000_0000_ffff_0000]));

    /// Mainnet's proof-of-work limit `0x00000000ffff...ff` (2^224 - 1).
    /// Retargets cap at it; compact-encoded it rounds to [`Target::DIFFICULTY_ONE`].
    pub const MAINNET_POW_LIMIT: Self =
        Self(U256([u64::MAX, u64::MAX, u64::MAX, 0x0000_0000_ffff_ffff]));

    /// Regtest's proof-of-work limit `0x7fff...ff` (2^255 - 1).
    pub const REGTEST_POW_LIMIT: Self =
        Self(U256([u64::MAX, u64::MAX, u64::MAX, 0x7fff_ffff_ffff_ffff]));

    /// The easiest possible target, `2^256 - 1` (every hash meets it).
    pub const MAX: Self = Self(U256::MAX);

    /// Wraps a 256-bit integer.
    ///
    /// # Errors
    ///
    /// [`Error::ZeroTarget`] if `value` is zero.
    pub fn new(value: U256) -> Result<Self> {
        if value.is_zero() {
            Err(Error::ZeroTarget { bits: 0 })
        } else {
            Ok(Self(value))
        }
    }

    /// Reads a target from 32 big-endian bytes (the way block explorers print it).
    ///
    /// # Errors
    ///
    /// [`Error::ZeroTarget`] if all bytes are zero.
    pub fn from_be_bytes(bytes: [u8; 32]) -> Result<Self> {
        Self::new(U256::from_big_endian(&bytes))
    }

    /// The target as 32 big-endian bytes.
    #[must_use]
    pub fn to_be_bytes(self) -> [u8; 32] {
        self.0.to_big_endian()
    }

    /// The target as a [`U256`].
    #[must_use]
    pub const fn to_u256(self) -> U256 {
        self.0
    }

    /// The compact encoding (`nBits`) of this target, rounding the mantissa
    /// down to 23 bits (Bitcoin Core's `GetCompact()`).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Target;
    ///
    /// // The proof-of-work limit 2^224 - 1 rounds down to difficulty 1.
    /// assert_eq!(Target::MAINNET_POW_LIMIT.to_compact().to_consensus(), 0x1d00ffff);
    /// ```
    #[must_use]
    pub fn to_compact(self) -> CompactTarget {
        crate::compact::encode_compact(self.0, false)
    }

    /// The difficulty of this target: `0xffff x 2^208 / target`, correctly
    /// rounded to the nearest `f64` for every target that a compact `nBits`
    /// can encode (for other targets, within one unit in the last place).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::CompactTarget;
    ///
    /// // The block at the April 2024 halving (height 840,000).
    /// let d = CompactTarget::from_consensus(0x17034219).to_target()?.difficulty();
    /// assert_eq!(d.get(), 86_388_558_925_171.02);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn difficulty(self) -> Difficulty {
        Difficulty::from_target(self)
    }

    /// The exact expected number of hashes to meet this target:
    /// `2^256 / (target + 1)`, rounded down (Bitcoin Core's `GetBlockProof`).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Target;
    /// use primitive_types::U256;
    ///
    /// assert_eq!(Target::MAX.work(), U256::one());
    /// assert_eq!(Target::new(U256::one())?.work(), U256::one() << 255);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn work(self) -> U256 {
        match self.0.checked_add(U256::one()) {
            // (2^256 - 1 - T) / (T + 1) + 1 == floor(2^256 / (T + 1)); the
            // `+ 1` cannot overflow because T >= 1 makes the quotient < 2^255.
            Some(t_plus_one) => (!self.0 / t_plus_one).saturating_add(U256::one()),
            // T = 2^256 - 1: every hash meets it.
            None => U256::one(),
        }
    }

    /// [`Target::work`] as an `f64` (correctly rounded).
    #[must_use]
    pub fn work_f64(self) -> f64 {
        u256_to_f64(self.work())
    }

    /// Whether a block hash (read as a 256-bit integer) meets this target.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Target;
    /// use primitive_types::U256;
    ///
    /// let t = Target::DIFFICULTY_ONE;
    /// assert!(t.is_met_by(t.to_u256()));
    /// assert!(!t.is_met_by(t.to_u256() + 1));
    /// ```
    #[must_use]
    pub fn is_met_by(self, hash: U256) -> bool {
        hash <= self.0
    }

    /// This target, if it is at most the network's proof-of-work limit.
    ///
    /// # Errors
    ///
    /// [`Error::TargetAboveLimit`] if the target is easier than the limit.
    pub fn check_pow_limit(self, params: &ConsensusParams) -> Result<Self> {
        let limit = params.pow_limit();
        if self > limit {
            Err(Error::TargetAboveLimit {
                target: self.to_string(),
                limit: limit.to_string(),
            })
        } else {
            Ok(self)
        }
    }
}

impl fmt::Display for Target {
    /// `0x` and 64 lower-case hex digits.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#066x}", self.0)
    }
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Target({self})")
    }
}

impl fmt::LowerHex for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl FromStr for Target {
    type Err = Error;

    /// Parses hex digits, with or without `0x`, at most 64 of them.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Target;
    ///
    /// let t: Target = "0x00000000ffff0000000000000000000000000000000000000000000000000000".parse()?;
    /// assert_eq!(t, Target::DIFFICULTY_ONE);
    /// assert!("0x0".parse::<Target>().is_err());
    /// assert!("xyz".parse::<Target>().is_err());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let digits = s.trim();
        let digits = digits
            .strip_prefix("0x")
            .or_else(|| digits.strip_prefix("0X"))
            .unwrap_or(digits);
        if digits.is_empty() || digits.len() > 64 || !digits.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(Error::Parse {
                what: "256-bit hex target",
                input: s.to_string(),
            });
        }
        let value = U256::from_str_radix(digits, 16).map_err(|_| Error::Parse {
            what: "256-bit hex target",
            input: s.to_string(),
        })?;
        Self::new(value)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Target {
    /// As `0x` and 64 hex digits.
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> core::result::Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Target {
    /// From hex digits, validated like [`Target::from_str`].
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> core::result::Result<Self, D::Error> {
        let text = <alloc::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<U256> for Target {
    type Error = Error;

    fn try_from(value: U256) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Target> for U256 {
    fn from(target: Target) -> Self {
        target.0
    }
}

/// `2^e` as an `f64`, for `e` in the normal range `-1022..=1023` (saturating outside it).
pub(crate) fn pow2(e: i32) -> f64 {
    let e = e.clamp(-1022, 1023);
    // The biased exponent is in 1..=2046, a valid normal number.
    let biased = u64::from(e.saturating_add(1023).unsigned_abs());
    f64::from_bits(biased << 52)
}

/// A 256-bit integer as the nearest `f64` (ties to even).
pub(crate) fn u256_to_f64(v: U256) -> f64 {
    let bits = v.bits();
    if bits <= 64 {
        return v.low_u64() as f64;
    }
    let shift = bits.saturating_sub(64);
    let top = (v >> shift).low_u64();
    let low_mask = (U256::one() << shift).saturating_sub(U256::one());
    // A sticky bit below the 11 bits that the conversion rounds away keeps
    // ties and near-ties correct.
    let sticky = u64::from(!(v & low_mask).is_zero());
    let shift = i32::try_from(shift).unwrap_or(i32::MAX);
    ((top | sticky) as f64) * pow2(shift)
}

/// `floor(num / (m x 2^e))` for a positive finite `f64` divisor given as
/// mantissa and exponent, or `None` if the quotient does not fit in 256 bits.
pub(crate) fn div_u256_by_f64(num: U256, divisor: f64) -> Option<U256> {
    if !(divisor.is_finite() && divisor > 0.0) {
        return None;
    }
    let raw = divisor.to_bits();
    let exp_field = (raw >> 52) & 0x7ff;
    let frac = raw & ((1u64 << 52) - 1);
    let (mantissa, exp) = if exp_field == 0 {
        (frac, -1074i64)
    } else {
        (
            frac | (1u64 << 52),
            i64::try_from(exp_field).unwrap_or(0) - 1075,
        )
    };
    let num = U512::from(num);
    let quotient = if exp >= 0 {
        if exp > 300 {
            return Some(U256::zero());
        }
        let den = U512::from(mantissa) << usize::try_from(exp).ok()?;
        num / den
    } else {
        let shift = usize::try_from(-exp).ok()?;
        if shift > 250 {
            // The quotient is at least 2^(bits(num) - 1 + 250 - 53): too large
            // for 256 bits whenever num has 60 or more bits.
            if num.bits() >= 60 {
                return None;
            }
        }
        if shift > 400 {
            return None;
        }
        (num << shift) / U512::from(mantissa)
    };
    U256::try_from(quotient).ok()
}
