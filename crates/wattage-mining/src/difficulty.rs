//! Difficulty: how many times harder a target is than the difficulty-1 target.
//!
//! ```text
//! difficulty          = (0xffff x 2^208) / target
//! expected hashes     = 2^256 / (target + 1)     (exact, Target::work)
//!                     ~ difficulty x 2^32         (understates by about 0.0015%)
//! implied hashrate    = difficulty x 2^32 / 600 s
//! ```
//!
//! Bitcoin Core's `GetDifficulty` (RPC `getdifficulty`, `getblockheader`)
//! computes the first line in floating point from `nBits`;
//! [`core_get_difficulty`] repeats it operation for operation.
//!
//! ```
//! // Needs wattage-mining (in the wattage facade: wattage::mining).
//! use wattage_mining::{CompactTarget, Difficulty};
//!
//! let d = Difficulty::from_compact(CompactTarget::from_consensus(0x17034219))?;
//! assert_eq!(d.get(), 86_388_558_925_171.02); // block 840,000
//! // About 618 EH/s of hashing was needed to find a block every 600 s.
//! let eh_s = d.implied_hashrate_hs() / 1e18;
//! assert!((eh_s - 618.4).abs() < 0.1);
//! # Ok::<(), wattage_mining::Error>(())
//! ```

use core::fmt;

use primitive_types::U256;
use wattage_units::{Hashrate, unit};

use crate::compact::encode_compact;
use crate::target::{div_u256_by_f64, pow2, u256_to_f64};
use crate::{CompactTarget, Error, Result, Target};

/// `2^32`, the number of hashes per unit of difficulty in the usual approximation.
pub const TWO_POW_32: f64 = 4_294_967_296.0;

/// The target spacing of mainnet blocks in seconds.
pub const TARGET_SPACING_SECS: f64 = 600.0;

/// A proof-of-work difficulty: a finite, positive `f64`.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{Difficulty, Error};
///
/// let d = Difficulty::new(20.08e12)?;
/// assert_eq!(d.get(), 20.08e12);
/// assert_eq!(Difficulty::new(0.0), Err(Error::InvalidDifficulty { value: 0.0 }));
/// assert!(Difficulty::new(f64::INFINITY).is_err());
/// # Ok::<(), wattage_mining::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, PartialOrd)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "f64", into = "f64")
)]
pub struct Difficulty(f64);

impl Difficulty {
    /// Difficulty 1 (target `0xffff x 2^208`, `nBits` `0x1d00ffff`).
    pub const ONE: Self = Self(1.0);

    /// The largest difficulty there can be: that of target 1,
    /// `0xffff x 2^208` (about 2.7e67). Bounding it keeps every derived
    /// figure (expected hashes, implied hashrate) finite.
    // 2^208 built from its IEEE-754 bits: biased exponent 208 + 1023.
    pub const MAX: Self = Self(65_535.0 * f64::from_bits((208 + 1023) << 52));

    /// Validates a difficulty.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidDifficulty`] if `value` is zero, negative, NaN,
    /// infinite, or above [`Difficulty::MAX`] (no target is that small).
    pub fn new(value: f64) -> Result<Self> {
        if value.is_finite() && value > 0.0 && value <= Self::MAX.0 {
            Ok(Self(value))
        } else {
            Err(Error::InvalidDifficulty { value })
        }
    }

    /// The difficulty as an `f64`.
    #[must_use]
    pub const fn get(self) -> f64 {
        self.0
    }

    /// The difficulty of a target (see [`Target::difficulty`]).
    #[must_use]
    pub fn from_target(target: Target) -> Self {
        // 0xffff x 2^208 is exact in an f64; the target is correctly rounded
        // (exactly, for compact-encodable targets), so the quotient is
        // correctly rounded too. 1 <= target < 2^256 keeps it finite and positive.
        let diff1 = 65_535.0 * pow2(208);
        Self(diff1 / u256_to_f64(target.to_u256()))
    }

    /// The difficulty of a compact target, after validating it.
    ///
    /// For every valid `nBits` whose mantissa fits its target (exponent of 3
    /// or more, as in every real block header) this equals Bitcoin Core's
    /// `GetDifficulty` bit for bit: both are the correctly rounded quotient.
    ///
    /// # Errors
    ///
    /// As [`CompactTarget::to_target`]: negative, overflowing or zero targets.
    pub fn from_compact(bits: CompactTarget) -> Result<Self> {
        bits.to_target().map(Self::from_target)
    }

    /// The easiest target whose difficulty is at least this one:
    /// `floor(0xffff x 2^208 / difficulty)`, computed exactly from the `f64`.
    ///
    /// # Errors
    ///
    /// [`Error::TargetOutOfRange`] if the target would be 0 (difficulty above
    /// about 2.7e67) or would not fit in 256 bits (difficulty below about 2.3e-10).
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{Difficulty, Target};
    ///
    /// assert_eq!(Difficulty::ONE.to_target()?, Target::DIFFICULTY_ONE);
    /// let d = Difficulty::new(86_388_558_925_171.02)?;
    /// assert_eq!(d.to_compact()?.to_consensus(), 0x17034219);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn to_target(self) -> Result<Target> {
        let diff1 = Target::DIFFICULTY_ONE.to_u256();
        match div_u256_by_f64(diff1, self.0) {
            Some(t) if !t.is_zero() => Target::new(t),
            _ => Err(Error::TargetOutOfRange { difficulty: self.0 }),
        }
    }

    /// The compact target (`nBits`) whose difficulty is nearest to this one.
    /// A difficulty printed to a few digits rarely decodes to the exact
    /// target, so this rounds to the nearer of the two neighbouring 23-bit
    /// mantissas rather than down: a difficulty read back from
    /// `getdifficulty` recovers its `nBits` whenever it carries more
    /// significant digits than the mantissa.
    ///
    /// # Errors
    ///
    /// As [`Difficulty::to_target`].
    pub fn to_compact(self) -> Result<CompactTarget> {
        let t = self.to_target()?.to_u256();
        let down = encode_compact(t, false);
        let lo = down.decode().value;
        let exponent = u32::from(down.exponent());
        // One step of the mantissa (1 when the mantissa holds the whole target).
        let unit = U256::one() << (8 * exponent.saturating_sub(3)) as usize;
        let Some(up) = lo.checked_add(unit).and_then(|hi| Target::new(hi).ok()) else {
            return Ok(down);
        };
        let up = up.to_compact();
        let distance = |c: CompactTarget| {
            c.to_target()
                .map(|t| (Self::from_target(t).0 - self.0).abs())
        };
        match (distance(down), distance(up)) {
            (Ok(d_down), Ok(d_up)) if d_up < d_down => Ok(up),
            (Err(_), Ok(_)) => Ok(up),
            _ => Ok(down),
        }
    }

    /// Expected hashes per block in the usual approximation `difficulty x 2^32`.
    /// The exact value is [`Target::work`]; the approximation is low by a
    /// factor of 65,535 / 65,536 (about 0.0015%) plus compact rounding.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::{Difficulty, Target};
    ///
    /// let approx = Difficulty::ONE.expected_hashes();
    /// let exact = Target::DIFFICULTY_ONE.work_f64();
    /// assert_eq!(approx, 4_294_967_296.0);
    /// assert!(((exact - approx) / exact - 1.0 / 65_536.0).abs() < 1e-9);
    /// ```
    #[must_use]
    pub fn expected_hashes(self) -> f64 {
        self.0 * TWO_POW_32
    }

    /// Expected hashes per block, exactly: `2^256 / (target + 1)` for the
    /// target of this difficulty.
    ///
    /// # Errors
    ///
    /// As [`Difficulty::to_target`].
    pub fn expected_hashes_exact(self) -> Result<U256> {
        self.to_target().map(Target::work)
    }

    /// The network hashrate implied by this difficulty in hashes per second,
    /// with blocks every 600 s: `difficulty x 2^32 / 600`.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Difficulty;
    ///
    /// let d = Difficulty::new(150e12)?;
    /// assert!((d.implied_hashrate_hs() / 1e18 - 1073.7).abs() < 0.1); // EH/s
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    #[must_use]
    pub fn implied_hashrate_hs(self) -> f64 {
        self.expected_hashes() / TARGET_SPACING_SECS
    }

    /// The network [`Hashrate`] implied by this difficulty with blocks every
    /// 600 s: `difficulty x 2^32 / 600 s`.
    ///
    /// # Errors
    ///
    /// [`Error::Quantity`] if the hashrate is not finite (difficulty above about 1e305).
    ///
    /// ```
    /// // Needs wattage-mining, wattage-units (in the wattage facade: wattage::mining, wattage::units).
    /// use wattage_mining::Difficulty;
    /// use wattage_units::unit;
    ///
    /// let d = Difficulty::new(124_932_866_006_548.16)?; // June 2026
    /// let h = d.implied_hashrate()?;
    /// assert_eq!(format!("{:.1}", h.display_in(unit::EXAHASH_PER_SECOND)), "894.3 EH/s");
    /// assert!((Difficulty::from_hashrate(h)?.get() / d.get() - 1.0).abs() < 1e-15);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn implied_hashrate(self) -> Result<Hashrate> {
        Ok(Hashrate::new(
            self.implied_hashrate_hs(),
            unit::HASH_PER_SECOND,
        )?)
    }

    /// The difficulty at which `hashrate` finds a block every 600 s.
    ///
    /// # Errors
    ///
    /// As [`Difficulty::from_hashrate_hs`].
    pub fn from_hashrate(hashrate: Hashrate) -> Result<Self> {
        Self::from_hashrate_hs(hashrate.get(unit::HASH_PER_SECOND))
    }

    /// The hashrate in hashes per second implied by this difficulty at an
    /// observed block interval: `difficulty x 2^32 / interval`.
    ///
    /// # Errors
    ///
    /// [`Error::NonPositiveDuration`] if `interval_secs` is not finite and positive.
    pub fn hashrate_at_interval_hs(self, interval_secs: f64) -> Result<f64> {
        if !(interval_secs.is_finite() && interval_secs > 0.0) {
            return Err(Error::NonPositiveDuration {
                what: "block interval",
                seconds: interval_secs,
            });
        }
        let h = self.expected_hashes() / interval_secs;
        if h.is_finite() && h > 0.0 {
            Ok(h)
        } else {
            Err(Error::InvalidHashrate { value: h })
        }
    }

    /// The difficulty at which `hashrate_hs` hashes per second find a block
    /// every 600 s on average: `hashrate x 600 / 2^32`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidHashrate`] if the hashrate is not finite and positive,
    /// [`Error::InvalidDifficulty`] if the result is not.
    ///
    /// ```
    /// // Needs wattage-mining (in the wattage facade: wattage::mining).
    /// use wattage_mining::Difficulty;
    ///
    /// let d = Difficulty::from_hashrate_hs(1e21)?; // 1 ZH/s
    /// assert!((d.get() / 1e12 - 139.7).abs() < 0.1);
    /// # Ok::<(), wattage_mining::Error>(())
    /// ```
    pub fn from_hashrate_hs(hashrate_hs: f64) -> Result<Self> {
        if !(hashrate_hs.is_finite() && hashrate_hs > 0.0) {
            return Err(Error::InvalidHashrate { value: hashrate_hs });
        }
        Self::new(hashrate_hs * TARGET_SPACING_SECS / TWO_POW_32)
    }
}

/// SI prefixes for difficulty display and parsing, largest first.
const PREFIXES: [(&str, f64); 6] = [
    ("E", 1e18),
    ("P", 1e15),
    ("T", 1e12),
    ("G", 1e9),
    ("M", 1e6),
    ("k", 1e3),
];

/// With an SI prefix, two decimals unless a precision is given:
/// `148.26 T`; below 1,000 without a prefix (`1.18`).
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::Difficulty;
///
/// let d = Difficulty::new(148_258_433_937_397.0)?;
/// assert_eq!(d.to_string(), "148.26 T");
/// assert_eq!(format!("{d:.4}"), "148.2584 T");
/// assert_eq!(Difficulty::new(1.1829)?.to_string(), "1.18");
/// # Ok::<(), wattage_mining::Error>(())
/// ```
impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let precision = f.precision().unwrap_or(2);
        match PREFIXES.iter().find(|(_, scale)| self.0 >= *scale) {
            Some((prefix, scale)) => write!(f, "{:.*} {prefix}", precision, self.0 / scale),
            None => write!(f, "{:.*}", precision, self.0),
        }
    }
}

/// Parses `"101.65T"`, `"101.65 T"`, `"101,650,000,000,000"` or
/// `"1.0165e14"` (prefixes k or K, M, G, T, P, E; commas as thousands
/// separators).
///
/// # Errors
///
/// [`Error::Parse`] with the input for text that is not a number with an
/// optional prefix; [`Error::InvalidDifficulty`] for a value that is not a
/// valid difficulty.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{Difficulty, Error};
///
/// let a: Difficulty = "101.65T".parse()?;
/// let b: Difficulty = "101,650,000,000,000".parse()?;
/// assert_eq!(a, b);
/// assert!(matches!("-3 T".parse::<Difficulty>(), Err(Error::InvalidDifficulty { .. })));
/// assert!(matches!("lots".parse::<Difficulty>(), Err(Error::Parse { .. })));
/// # Ok::<(), wattage_mining::Error>(())
/// ```
impl core::str::FromStr for Difficulty {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let parse_error = || Error::Parse {
            what: "difficulty (such as 101.65T or 101,650,000,000,000)",
            input: alloc::string::String::from(s),
        };
        let trimmed = s.trim();
        let (number, scale) = PREFIXES
            .iter()
            .chain(&[("K", 1e3)])
            .find_map(|(prefix, scale)| {
                trimmed.strip_suffix(prefix).map(|n| (n.trim_end(), *scale))
            })
            .unwrap_or((trimmed, 1.0));
        let digits: alloc::string::String = number.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || digits.contains(char::is_whitespace) {
            return Err(parse_error());
        }
        let value: f64 = digits.parse().map_err(|_| parse_error())?;
        Self::new(value * scale)
    }
}

impl fmt::Debug for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Difficulty({})", self.0)
    }
}

impl TryFrom<f64> for Difficulty {
    type Error = Error;

    fn try_from(value: f64) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Difficulty> for f64 {
    fn from(d: Difficulty) -> Self {
        d.0
    }
}

impl From<Target> for Difficulty {
    fn from(target: Target) -> Self {
        Self::from_target(target)
    }
}

/// Bitcoin Core's `GetDifficulty(blockindex)`, operation for operation:
///
/// ```text
/// shift = nBits >> 24
/// diff  = 65535.0 / (nBits & 0x00ffffff)
/// while shift < 29 { diff *= 256; shift += 1 }
/// while shift > 29 { diff /= 256; shift -= 1 }
/// ```
///
/// Like Core it reads the low 24 bits as an unsigned mantissa *including the
/// sign bit*, which is how the vectors of Core's `blockchain_tests.cpp`
/// (`0x1cf88f6f` -> 1.029916, ...) were computed. Use
/// [`Difficulty::from_compact`] for validated consensus targets: for every
/// valid `nBits` with an exponent of 3 or more both agree exactly (below 3,
/// `SetCompact` drops mantissa bytes that `GetDifficulty` still reads).
///
/// # Errors
///
/// [`Error::ZeroTarget`] if the 24-bit mantissa is 0 (Core would return
/// infinity), [`Error::InvalidDifficulty`] if the result underflows to 0.
///
/// ```
/// // Needs wattage-mining (in the wattage facade: wattage::mining).
/// use wattage_mining::{difficulty::core_get_difficulty, CompactTarget};
///
/// let d = core_get_difficulty(CompactTarget::from_consensus(0x12345678))?;
/// assert_eq!(d.get(), 5_913_134_931_067_755_359_633_408.0);
/// # Ok::<(), wattage_mining::Error>(())
/// ```
pub fn core_get_difficulty(bits: CompactTarget) -> Result<Difficulty> {
    let raw = bits.to_consensus();
    let mantissa = raw & 0x00ff_ffff;
    if mantissa == 0 {
        return Err(Error::ZeroTarget { bits: raw });
    }
    let mut shift = raw >> 24;
    let mut diff = 65_535.0 / f64::from(mantissa);
    while shift < 29 {
        diff *= 256.0;
        shift += 1;
    }
    while shift > 29 {
        diff /= 256.0;
        shift -= 1;
    }
    Difficulty::new(diff)
}
