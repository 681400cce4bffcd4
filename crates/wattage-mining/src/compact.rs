//! Compact targets (`nBits`): the 32-bit floating-point encoding of a
//! 256-bit target in every block header.
//!
//! ```text
//! nBits = [ exponent: 8 bits | sign: 1 bit | mantissa: 23 bits ]
//! target = mantissa x 256^(exponent - 3)
//! ```
//!
//! Bitcoin Core (`arith_uint256::SetCompact`) flags two malformed cases,
//! which [`CompactTarget::to_target`] rejects as typed errors:
//!
//! - **negative**: the sign bit `0x00800000` is set and the mantissa (after
//!   the shift for exponents below 3) is non-zero;
//! - **overflow**: the value needs more than 256 bits (non-zero mantissa and
//!   exponent > 34, or mantissa > 0xff and exponent > 33, or mantissa
//!   > 0xffff and exponent > 32).
//!
//! [`CompactTarget::decode`] reproduces `SetCompact` exactly, flags included,
//! and [`encode_compact`] reproduces `GetCompact`.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::{CompactTarget, Error};
//!
//! let bits: CompactTarget = "0x17034219".parse()?;
//! let target = bits.to_target()?;
//! assert_eq!(target.to_compact(), bits);
//!
//! let negative = CompactTarget::from_consensus(0x04923456);
//! assert_eq!(negative.to_target(), Err(Error::NegativeCompact { bits: 0x04923456 }));
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use alloc::string::ToString;
use core::fmt;
use core::str::FromStr;

use primitive_types::U256;

use crate::{Error, Result, Target};

/// The sign bit of a compact target.
pub const SIGN_BIT: u32 = 0x0080_0000;

/// The mantissa bits of a compact target.
pub const MANTISSA_MASK: u32 = 0x007f_ffff;

/// A compact target as found in a block header's `nBits` field. Any `u32`
/// is a `CompactTarget`; decoding it may fail.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::CompactTarget;
///
/// let bits = CompactTarget::from_consensus(0x1d00ffff);
/// assert_eq!(bits.exponent(), 0x1d);
/// assert_eq!(bits.mantissa(), 0x00ffff);
/// assert_eq!(bits.to_string(), "0x1d00ffff");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct CompactTarget(u32);

/// The result of decoding a compact target the way Bitcoin Core's
/// `arith_uint256::SetCompact` does, flags included.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::CompactTarget;
/// use primitive_types::U256;
///
/// let d = CompactTarget::from_consensus(0x01fedcba).decode();
/// assert_eq!(d.value, U256::from(0x7eu8));
/// assert!(d.negative);
/// assert!(!d.overflow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecodedCompact {
    /// The magnitude (Core's `arith_uint256` after `SetCompact`; bits
    /// shifted past 256 are dropped).
    pub value: U256,
    /// Core's `pfNegative`: the sign bit is set and the mantissa is non-zero.
    pub negative: bool,
    /// Core's `pfOverflow`: the value does not fit in 256 bits.
    pub overflow: bool,
}

impl CompactTarget {
    /// `0x1d00ffff`: difficulty 1, the genesis block's `nBits`.
    pub const DIFFICULTY_ONE: Self = Self(0x1d00_ffff);

    /// Wraps a raw `nBits` value.
    #[must_use]
    pub const fn from_consensus(bits: u32) -> Self {
        Self(bits)
    }

    /// The raw `nBits` value.
    #[must_use]
    pub const fn to_consensus(self) -> u32 {
        self.0
    }

    /// The exponent: the target's length in bytes (the top 8 bits).
    #[must_use]
    pub const fn exponent(self) -> u8 {
        self.0.to_be_bytes()[0]
    }

    /// The 23-bit mantissa (sign bit excluded).
    #[must_use]
    pub const fn mantissa(self) -> u32 {
        self.0 & MANTISSA_MASK
    }

    /// Whether the sign bit `0x00800000` is set (regardless of the mantissa).
    #[must_use]
    pub const fn sign_bit(self) -> bool {
        self.0 & SIGN_BIT != 0
    }

    /// Decodes exactly like Bitcoin Core's `arith_uint256::SetCompact`,
    /// returning the magnitude with the negative and overflow flags.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::CompactTarget;
    /// use primitive_types::U256;
    ///
    /// let d = CompactTarget::from_consensus(0x05009234).decode();
    /// assert_eq!(d.value, U256::from(0x9234_0000u64));
    /// assert!(!d.negative && !d.overflow);
    /// assert!(CompactTarget::from_consensus(0xff123456).decode().overflow);
    /// ```
    #[must_use]
    pub fn decode(self) -> DecodedCompact {
        let size = u32::from(self.exponent());
        let mut word = self.mantissa();
        let value = if size <= 3 {
            // size <= 3, so the shift is 0, 8, 16 or 24 bits.
            word >>= 8 * (3 - size);
            U256::from(word)
        } else {
            // Shifts of 256 bits or more give 0, as in Core.
            U256::from(word) << (8 * (size - 3)) as usize
        };
        let negative = word != 0 && self.sign_bit();
        let overflow =
            word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32));
        DecodedCompact {
            value,
            negative,
            overflow,
        }
    }

    /// Decodes to a [`Target`], rejecting malformed encodings.
    ///
    /// # Errors
    ///
    /// - [`Error::NegativeCompact`] if the sign bit is set with a non-zero mantissa;
    /// - [`Error::CompactOverflow`] if the value needs more than 256 bits;
    /// - [`Error::ZeroTarget`] if it decodes to 0.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{CompactTarget, Error};
    ///
    /// assert!(CompactTarget::from_consensus(0x1d00ffff).to_target().is_ok());
    /// assert_eq!(
    ///     CompactTarget::from_consensus(0x01003456).to_target(),
    ///     Err(Error::ZeroTarget { bits: 0x01003456 })
    /// );
    /// assert_eq!(
    ///     CompactTarget::from_consensus(0x23010001).to_target(),
    ///     Err(Error::CompactOverflow { bits: 0x23010001 })
    /// );
    /// ```
    pub fn to_target(self) -> Result<Target> {
        let decoded = self.decode();
        if decoded.negative {
            return Err(Error::NegativeCompact { bits: self.0 });
        }
        if decoded.overflow {
            return Err(Error::CompactOverflow { bits: self.0 });
        }
        if decoded.value.is_zero() {
            return Err(Error::ZeroTarget { bits: self.0 });
        }
        Target::new(decoded.value)
    }

    /// Whether this encoding is the one [`Target::to_compact`] produces for
    /// its target (valid, and the canonical, shortest encoding).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::CompactTarget;
    ///
    /// assert!(CompactTarget::from_consensus(0x1d00ffff).is_normalized());
    /// // The same target, written with a longer exponent and a smaller mantissa.
    /// assert!(!CompactTarget::from_consensus(0x1e0000ff).is_normalized());
    /// ```
    #[must_use]
    pub fn is_normalized(self) -> bool {
        self.to_target().is_ok_and(|t| t.to_compact() == self)
    }
}

/// Encodes a 256-bit integer as a compact target, exactly like Bitcoin
/// Core's `arith_uint256::GetCompact(negative)`: the mantissa is rounded down
/// to 23 bits and the sign bit is set only if `negative` and the mantissa is
/// non-zero. Zero encodes as `0x00000000`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::compact::encode_compact;
/// use primitive_types::U256;
///
/// assert_eq!(encode_compact(U256::from(0x80u8), false).to_consensus(), 0x02008000);
/// assert_eq!(encode_compact(U256::from(0x12345600u64), true).to_consensus(), 0x04923456);
/// assert_eq!(encode_compact(U256::zero(), false).to_consensus(), 0);
/// ```
#[must_use]
pub fn encode_compact(value: U256, negative: bool) -> CompactTarget {
    // value.bits() <= 256, so size <= 32.
    let mut size = value.bits().div_ceil(8);
    let mut compact: u32 = if size <= 3 {
        // value < 2^24, so the shifted value stays below 2^24.
        (value.low_u64() << (8 * (3 - size))) as u32
    } else {
        // The shifted value has at most 24 bits.
        (value >> (8 * (size - 3))).low_u64() as u32
    };
    if compact & SIGN_BIT != 0 {
        compact >>= 8;
        size += 1;
    }
    // size <= 33 fits in the exponent byte.
    compact |= (size as u32) << 24;
    if negative && compact & MANTISSA_MASK != 0 {
        compact |= SIGN_BIT;
    }
    CompactTarget(compact)
}

impl fmt::Display for CompactTarget {
    /// `0x` and 8 lower-case hex digits, as Bitcoin Core prints `bits`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#010x}", self.0)
    }
}

impl fmt::Debug for CompactTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CompactTarget({self})")
    }
}

impl fmt::LowerHex for CompactTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl FromStr for CompactTarget {
    type Err = Error;

    /// Parses `0x`-prefixed hex (`"0x1d00ffff"`), or a decimal `u32`
    /// (`"486604799"`, as in JSON block headers).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::CompactTarget;
    ///
    /// let a: CompactTarget = "0x1d00ffff".parse()?;
    /// let b: CompactTarget = "486604799".parse()?;
    /// assert_eq!(a, b);
    /// assert!("0x1d00ffff00".parse::<CompactTarget>().is_err());
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        let parsed = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
            Some(hex) => u32::from_str_radix(hex, 16),
            None => t.parse::<u32>(),
        };
        parsed.map(Self).map_err(|_| Error::Parse {
            what: "compact target (nBits)",
            input: s.to_string(),
        })
    }
}

impl From<u32> for CompactTarget {
    fn from(bits: u32) -> Self {
        Self(bits)
    }
}

impl From<CompactTarget> for u32 {
    fn from(bits: CompactTarget) -> Self {
        bits.0
    }
}

impl TryFrom<CompactTarget> for Target {
    type Error = Error;

    fn try_from(bits: CompactTarget) -> Result<Self> {
        bits.to_target()
    }
}
