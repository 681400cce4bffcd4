//! The one error type of this crate.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use wattage_units::QuantityError;

use crate::precision::{Precision, Sparsity};

/// Everything that can go wrong in this crate, each message naming the
/// offending value and its unit.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{AsicSpec, Cooling, ReleaseDate};
///
/// let mut spec = AsicSpec::new("Antminer S21 XP", "Bitmain", ReleaseDate::year(2024)?, 270.0, 3000.0, 13.5);
/// let err = spec.clone().validate().unwrap_err();
/// assert!(err.to_string().contains("270 TH/s x 13.5 J/TH = 3645 W"));
/// assert!(err.is_inconsistent());
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A number outside the range its field allows.
    #[error("{what} must be {expected}, got {value} {unit}")]
    OutOfRange {
        /// The field, in words ("hashrate").
        what: &'static str,
        /// The allowed range, in words ("finite and positive").
        expected: &'static str,
        /// The offending value, in `unit`.
        value: f64,
        /// The unit of `value` ("TH/s").
        unit: &'static str,
    },
    /// An ASIC spec whose hashrate times efficiency is not its power.
    #[error(
        "{model}: {hashrate_ths} TH/s x {efficiency_j_per_th} J/TH = {implied_power_w:.0} W, \
         but the stated power is {power_w} W ({deviation_percent:.1}% apart, tolerance {tolerance_percent}%)"
    )]
    InconsistentAsic {
        /// The model whose figures disagree.
        model: String,
        /// Stated hashrate, TH/s.
        hashrate_ths: f64,
        /// Stated wall power, W.
        power_w: f64,
        /// Stated efficiency, J/TH.
        efficiency_j_per_th: f64,
        /// Hashrate times efficiency, W.
        implied_power_w: f64,
        /// How far the implied power is from the stated one, percent of the stated power.
        deviation_percent: f64,
        /// The tolerance that was exceeded, percent.
        tolerance_percent: f64,
    },
    /// An ASIC spec with fewer than two of its three figures.
    #[error("{model}: give at least two of hashrate (TH/s), power (W) and efficiency (J/TH)")]
    Underspecified {
        /// The model.
        model: String,
    },
    /// A required text field was empty.
    #[error("{what} must not be empty")]
    Empty {
        /// The field, in words ("model name").
        what: &'static str,
    },
    /// Text that is not a value of the expected kind.
    #[error("cannot read {input:?} as {expected}")]
    Unreadable {
        /// The text as given.
        input: String,
        /// What was expected, in words ("a cooling method (air, hydro, immersion)").
        expected: &'static str,
    },
    /// A catalog look-up that matched nothing.
    #[error("no {kind} named {query:?} in the catalog{}", DidYouMean(.suggestions))]
    NotFound {
        /// What was looked for ("ASIC miner", "accelerator", "system").
        kind: &'static str,
        /// The name as given.
        query: String,
        /// Close names from the catalog, best first (may be empty).
        suggestions: Vec<String>,
    },
    /// An accelerator without a throughput figure for a precision.
    #[error("{device} has no published {precision} throughput figure")]
    MissingFigure {
        /// The accelerator.
        device: String,
        /// The precision asked for.
        precision: Precision,
    },
    /// The same precision listed twice for one accelerator.
    #[error("{device} lists {precision} twice")]
    DuplicateFigure {
        /// The accelerator.
        device: String,
        /// The repeated precision.
        precision: Precision,
    },
    /// A sparse figure asked of a precision that has no structured-sparsity mode.
    #[error(
        "{precision} has no {sparsity} mode (2:4 structured sparsity applies to tensor precisions only)"
    )]
    NoSparseMode {
        /// The precision.
        precision: Precision,
        /// The sparsity asked for.
        sparsity: Sparsity,
    },
    /// An accelerator without a published board power, where one is needed.
    #[error("{device} has no published board power (TDP), so its efficiency is unknown")]
    MissingPower {
        /// The accelerator.
        device: String,
    },
    /// A computation over an empty collection.
    #[error("{what} is empty")]
    EmptyCollection {
        /// The collection, in words ("fleet").
        what: &'static str,
    },
    /// A required column is absent from a CSV header.
    #[error("CSV header has no {column} column (accepted names: {accepted})")]
    MissingColumn {
        /// The field the column would fill.
        column: &'static str,
        /// The header names accepted for it, comma-separated.
        accepted: &'static str,
    },
    /// Malformed CSV text.
    #[error("CSV line {line}: {reason}")]
    Csv {
        /// 1-based line number where the problem was found.
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// An error read from a named file or source: `miners.csv: line 3: ...`.
    /// [`crate::load::from_file`] attaches the path it read.
    #[error("{name}: {error}")]
    InSource {
        /// The file's path, or whatever names the source.
        name: String,
        /// What went wrong in it.
        error: alloc::boxed::Box<Error>,
    },
    /// A file that could not be opened or read.
    #[error("cannot read the file: {reason}")]
    Io {
        /// The operating system's reason.
        reason: String,
    },
    /// A quantity rejected by `wattage-units`.
    #[error(transparent)]
    Quantity(#[from] QuantityError),
}

impl Error {
    /// Whether this is a hashrate/efficiency/power disagreement.
    #[must_use]
    pub const fn is_inconsistent(&self) -> bool {
        matches!(self, Self::InconsistentAsic { .. })
    }

    /// Whether this is a catalog miss.
    #[must_use]
    pub const fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound { .. })
    }

    /// Whether a number was out of its allowed range.
    #[must_use]
    pub const fn is_out_of_range(&self) -> bool {
        matches!(self, Self::OutOfRange { .. } | Self::Quantity(_))
    }

    /// The catalog's suggestions for a miss (empty for other errors).
    #[must_use]
    pub fn suggestions(&self) -> &[String] {
        match self {
            Self::NotFound { suggestions, .. } => suggestions,
            _ => &[],
        }
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Formats "; did you mean "A" or "B"?" for a non-empty list.
struct DidYouMean<'a>(&'a [String]);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some((last, rest)) = self.0.split_last() else {
            return Ok(());
        };
        f.write_str("; did you mean ")?;
        for (i, s) in rest.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{s:?}")?;
        }
        if !rest.is_empty() {
            f.write_str(" or ")?;
        }
        write!(f, "{last:?}?")
    }
}

/// Checks that `value` is finite and strictly positive.
pub(crate) fn positive(what: &'static str, value: f64, unit: &'static str) -> Result<f64> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite and positive",
            value,
            unit,
        })
    }
}

/// Checks that `value` is finite and not negative.
pub(crate) fn non_negative(what: &'static str, value: f64, unit: &'static str) -> Result<f64> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::OutOfRange {
            what,
            expected: "finite and not negative",
            value,
            unit,
        })
    }
}

/// Checks that `value` lies in `(0, max]`.
pub(crate) fn fraction(
    what: &'static str,
    value: f64,
    max: f64,
    expected: &'static str,
) -> Result<f64> {
    if value.is_finite() && value > 0.0 && value <= max {
        Ok(value)
    } else {
        Err(Error::OutOfRange {
            what,
            expected,
            value,
            unit: "(fraction)",
        })
    }
}

/// Checks that a text field is not blank; returns it trimmed.
pub(crate) fn non_empty<'a>(what: &'static str, text: &'a str) -> Result<&'a str> {
    let t = text.trim();
    if t.is_empty() {
        Err(Error::Empty { what })
    } else {
        Ok(t)
    }
}

wattage_units::impl_in_source!(Error);
