//! Numeric precisions, and the dense/sparse distinction of tensor figures.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result, non_negative};

/// A numeric format an accelerator computes in.
///
/// Vendors quote a separate peak for each. `Fp64` and `Fp32` are the
/// general-purpose (vector, non-tensor) figures unless an entry's note says
/// otherwise; the others are tensor/matrix-engine figures. `Int8` counts
/// integer operations (OP/s), not floating-point ones; it is stored in the
/// same [`wattage_units::FlopRate`] type because `wattage-units` has no
/// separate integer-operation dimension, and [`Precision::is_integer`] tells
/// the two apart.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::Precision;
///
/// assert_eq!("bf16".parse::<Precision>()?, Precision::Bf16);
/// assert_eq!("FP16".parse::<Precision>()?, Precision::Bf16);
/// assert_eq!(Precision::Int8.rate_unit(), "OP/s");
/// assert_eq!(Precision::Fp8.to_string(), "FP8");
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "alloc::string::String", into = "&'static str")
)]
pub enum Precision {
    /// 64-bit IEEE floating point.
    Fp64,
    /// 32-bit IEEE floating point.
    Fp32,
    /// NVIDIA's TensorFloat-32 (FP32 range, 10-bit mantissa) on tensor cores.
    Tf32,
    /// 16-bit brain float or IEEE half precision on tensor cores (vendors
    /// quote one figure for both).
    Bf16,
    /// 8-bit floating point (E4M3/E5M2).
    Fp8,
    /// 8-bit integer, in operations per second.
    Int8,
    /// 4-bit floating point (FP4, NVFP4, MXFP4).
    Fp4,
}

impl Precision {
    /// Every precision, widest first.
    pub const ALL: [Self; 7] = [
        Self::Fp64,
        Self::Fp32,
        Self::Tf32,
        Self::Bf16,
        Self::Fp8,
        Self::Int8,
        Self::Fp4,
    ];

    /// The usual name ("BF16/FP16" for [`Precision::Bf16`]).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Fp64 => "FP64",
            Self::Fp32 => "FP32",
            Self::Tf32 => "TF32",
            Self::Bf16 => "BF16/FP16",
            Self::Fp8 => "FP8",
            Self::Int8 => "INT8",
            Self::Fp4 => "FP4",
        }
    }

    /// Whether the figure counts integer operations.
    #[must_use]
    pub const fn is_integer(self) -> bool {
        matches!(self, Self::Int8)
    }

    /// Whether vendors run this precision on tensor/matrix engines, where
    /// 2:4 structured sparsity can apply.
    #[must_use]
    pub const fn has_sparse_mode(self) -> bool {
        !matches!(self, Self::Fp64 | Self::Fp32)
    }

    /// The unit of a rate in this precision: "OP/s" for integers, else "FLOP/s".
    #[must_use]
    pub const fn rate_unit(self) -> &'static str {
        if self.is_integer() { "OP/s" } else { "FLOP/s" }
    }

    /// Displays a rate or efficiency of this precision as people write it:
    /// integer precisions count operations, so INT8 figures read `TOP/s`
    /// and `TOPS/W` where floating-point ones read `TFLOP/s` and
    /// `TFLOPS/W`. The value's own format (`{:.2}`) applies.
    ///
    /// ```
    /// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
    /// use wattage_hardware::{Precision, catalog};
    ///
    /// let h100 = catalog::accelerator("H100 SXM")?;
    /// let int8 = h100.efficiency(Precision::Int8)?;
    /// assert_eq!(format!("{:.2}", Precision::Int8.display(int8)), "2.83 TOPS/W");
    /// let fp8 = h100.efficiency(Precision::Fp8)?;
    /// assert_eq!(format!("{:.2}", Precision::Fp8.display(fp8)), "2.83 TFLOPS/W");
    /// # Ok::<(), wattage_hardware::Error>(())
    /// ```
    #[must_use]
    pub const fn display<T: fmt::Display>(self, value: T) -> InPrecision<T> {
        InPrecision {
            precision: self,
            value,
        }
    }
}

/// A rate or efficiency displayed in the words of its precision; made by
/// [`Precision::display`].
#[derive(Debug, Clone, Copy)]
pub struct InPrecision<T> {
    precision: Precision,
    value: T,
}

impl<T: fmt::Display> fmt::Display for InPrecision<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match f.precision() {
            Some(places) => alloc::format!("{:.places$}", self.value),
            None => alloc::format!("{}", self.value),
        };
        if self.precision.is_integer() {
            f.write_str(&text.replace("FLOP", "OP"))
        } else {
            f.write_str(&text)
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Precision {
    type Err = Error;

    /// Case-insensitive: `fp64`, `fp32`, `tf32`, `bf16`, `fp16`,
    /// `bf16/fp16`, `fp8`, `int8`, `fp4`, `nvfp4`, `mxfp4`.
    fn from_str(s: &str) -> Result<Self> {
        let key = crate::name::keyword(s);
        match key.as_str() {
            "fp64" | "float64" | "double" => Ok(Self::Fp64),
            "fp32" | "float32" | "single" => Ok(Self::Fp32),
            "tf32" => Ok(Self::Tf32),
            "bf16" | "fp16" | "bf16fp16" | "fp16bf16" | "half" | "tensorfp16bf16" => Ok(Self::Bf16),
            "fp8" => Ok(Self::Fp8),
            "int8" => Ok(Self::Int8),
            "fp4" | "nvfp4" | "mxfp4" => Ok(Self::Fp4),
            _ => Err(Error::Unreadable {
                input: s.into(),
                expected: "a precision (FP64, FP32, TF32, BF16/FP16, FP8, INT8, FP4)",
            }),
        }
    }
}

impl TryFrom<alloc::string::String> for Precision {
    type Error = Error;
    fn try_from(s: alloc::string::String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl TryFrom<&str> for Precision {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self> {
        s.parse()
    }
}

impl From<Precision> for &'static str {
    fn from(p: Precision) -> Self {
        p.as_str()
    }
}

/// Whether a peak figure assumes 2:4 structured sparsity.
///
/// In 2:4 structured sparsity two of every four weights are zero and the
/// hardware skips them, so a "with sparsity" figure is exactly
/// [`SPARSITY_SPEEDUP`] (twice) the dense one. NVIDIA's H100 SXM datasheet
/// lists 3,958 TFLOPS FP8 *with sparsity*; the dense figure is 1,979.
/// Efficiency comparisons in this crate use dense figures unless the caller
/// asks otherwise, since most workloads are not 2:4 sparse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Sparsity {
    /// No sparsity assumed.
    #[default]
    Dense,
    /// 2:4 structured sparsity assumed.
    Sparse,
}

impl Sparsity {
    /// "dense" or "sparse".
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Dense => "dense",
            Self::Sparse => "sparse",
        }
    }
}

impl fmt::Display for Sparsity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Sparsity {
    type Err = Error;

    /// `dense`, `sparse`, `2:4` (sparse), `with sparsity`, `without sparsity`.
    fn from_str(s: &str) -> Result<Self> {
        let key = crate::name::keyword(s);
        match key.as_str() {
            "dense" | "withoutsparsity" | "nosparsity" => Ok(Self::Dense),
            "sparse" | "24" | "withsparsity" | "structuredsparsity" => Ok(Self::Sparse),
            _ => Err(Error::Unreadable {
                input: s.into(),
                expected: "a sparsity (dense or sparse)",
            }),
        }
    }
}

/// How much faster a 2:4-sparse figure is than the dense one: exactly 2.
pub const SPARSITY_SPEEDUP: f64 = 2.0;

/// Converts an operations-per-second figure between sparsities: halves it
/// from sparse to dense, doubles it from dense to sparse, leaves it alone
/// when `from == to`.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::precision::{convert_sparsity, Sparsity};
///
/// assert_eq!(convert_sparsity(3958e12, Sparsity::Sparse, Sparsity::Dense)?, 1979e12);
/// assert_eq!(convert_sparsity(1979e12, Sparsity::Dense, Sparsity::Sparse)?, 3958e12);
/// assert!(convert_sparsity(f64::MAX, Sparsity::Dense, Sparsity::Sparse).is_err());
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::OutOfRange`] when `ops_per_second` is negative or not finite,
/// or when doubling it is not finite.
pub fn convert_sparsity(ops_per_second: f64, from: Sparsity, to: Sparsity) -> Result<f64> {
    let value = non_negative("operations per second", ops_per_second, "OP/s")?;
    let converted = match (from, to) {
        (Sparsity::Sparse, Sparsity::Dense) => value / SPARSITY_SPEEDUP,
        (Sparsity::Dense, Sparsity::Sparse) => value * SPARSITY_SPEEDUP,
        _ => value,
    };
    non_negative(
        "operations per second after the sparsity conversion",
        converted,
        "OP/s",
    )
}

/// Checks that `sparsity` is meaningful for `precision`.
pub(crate) fn check_mode(precision: Precision, sparsity: Sparsity) -> Result<()> {
    if sparsity == Sparsity::Sparse && !precision.has_sparse_mode() {
        Err(Error::NoSparseMode {
            precision,
            sparsity,
        })
    } else {
        Ok(())
    }
}
