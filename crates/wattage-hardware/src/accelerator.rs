//! AI accelerators: peak throughput per precision, board power, memory.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use wattage_units::{ComputeEfficiency, FlopRate, Measure, Power, unit};

use crate::date::ReleaseDate;
use crate::error::{Error, Result, non_empty, positive};
use crate::precision::{Precision, Sparsity, check_mode, convert_sparsity};

/// One peak-throughput figure: a precision, a rate, and whether the rate
/// assumes 2:4 structured sparsity, exactly as the source states it.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{PeakThroughput, Precision, Sparsity};
/// use wattage_units::{unit, FlopRate};
///
/// let fp8 = PeakThroughput::new(Precision::Fp8, FlopRate::new(3958.0, unit::TERAFLOP_PER_SECOND)?, Sparsity::Sparse)?;
/// assert_eq!(fp8.dense().get(unit::TERAFLOP_PER_SECOND), 1979.0);
/// assert_eq!(fp8.in_sparsity(Sparsity::Dense)?.in_sparsity(Sparsity::Sparse)?, fp8);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "PeakSpec", into = "PeakSpec"))]
pub struct PeakThroughput {
    precision: Precision,
    rate: FlopRate,
    sparsity: Sparsity,
}

impl PeakThroughput {
    /// A figure, checked: the rate must be positive, and a sparse figure
    /// needs a precision with a sparse mode.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a zero rate, [`Error::NoSparseMode`] for a
    /// sparse FP64/FP32 figure.
    pub fn new(precision: Precision, rate: FlopRate, sparsity: Sparsity) -> Result<Self> {
        positive("peak throughput", rate.base_value(), precision.rate_unit())?;
        check_mode(precision, sparsity)?;
        Ok(Self {
            precision,
            rate,
            sparsity,
        })
    }

    /// A catalog figure in FLOP/s (or OP/s); fails the build on a bad value.
    #[allow(
        clippy::panic,
        reason = "const catalog builder; panics only at compile time"
    )]
    pub(crate) const fn catalog(
        precision: Precision,
        ops_per_second: f64,
        sparsity: Sparsity,
    ) -> Self {
        let Ok(rate) = FlopRate::new(ops_per_second, unit::FLOP_PER_SECOND) else {
            panic!("invalid catalog throughput")
        };
        Self {
            precision,
            rate,
            sparsity,
        }
    }

    /// The precision.
    #[must_use]
    pub const fn precision(&self) -> Precision {
        self.precision
    }

    /// The rate as stated.
    #[must_use]
    pub const fn rate(&self) -> FlopRate {
        self.rate
    }

    /// Whether the stated rate assumes 2:4 sparsity.
    #[must_use]
    pub const fn sparsity(&self) -> Sparsity {
        self.sparsity
    }

    /// The dense rate (half the stated rate for a sparse figure).
    #[must_use]
    pub fn dense(&self) -> FlopRate {
        self.rate_in(Sparsity::Dense)
    }

    /// The rate converted to `sparsity` without checking the precision has a
    /// sparse mode.
    fn rate_in(&self, sparsity: Sparsity) -> FlopRate {
        // Only called for the dense rate: halving (or keeping) a valid
        // rate is always a valid rate, so the fallback is never taken.
        convert_sparsity(self.rate.base_value(), self.sparsity, sparsity)
            .ok()
            .and_then(|value| FlopRate::try_from_base(value).ok())
            .unwrap_or(self.rate)
    }

    /// The same figure stated in `sparsity`.
    ///
    /// # Errors
    /// [`Error::NoSparseMode`] when asking a sparse figure of FP64/FP32, and
    /// [`Error::OutOfRange`] if doubling overflows.
    pub fn in_sparsity(&self, sparsity: Sparsity) -> Result<Self> {
        check_mode(self.precision, sparsity)?;
        let value = convert_sparsity(self.rate.base_value(), self.sparsity, sparsity)?;
        Ok(Self {
            precision: self.precision,
            rate: FlopRate::try_from_base(value)?,
            sparsity,
        })
    }
}

/// The serialized form of a [`PeakThroughput`]: a plain number in FLOP/s
/// (OP/s for INT8).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PeakSpec {
    /// The precision.
    pub precision: Precision,
    /// Operations per second as stated by the source.
    pub ops_per_second: f64,
    /// Dense or sparse, as stated by the source.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sparsity: Sparsity,
}

impl TryFrom<PeakSpec> for PeakThroughput {
    type Error = Error;
    fn try_from(s: PeakSpec) -> Result<Self> {
        let v = positive("peak throughput", s.ops_per_second, s.precision.rate_unit())?;
        Self::new(
            s.precision,
            FlopRate::new(v, unit::FLOP_PER_SECOND)?,
            s.sparsity,
        )
    }
}

impl From<PeakThroughput> for PeakSpec {
    fn from(p: PeakThroughput) -> Self {
        Self {
            precision: p.precision,
            ops_per_second: p.rate.base_value(),
            sparsity: p.sparsity,
        }
    }
}

/// An accelerator as someone wrote it down: not yet checked. With the
/// `serde` feature an [`Accelerator`] deserializes through this struct.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{AcceleratorSpec, PeakSpec, Precision, Sparsity};
///
/// let mut spec = AcceleratorSpec::new("My ASIC", "Me");
/// spec.board_power_w = Some(300.0);
/// spec.peaks.push(PeakSpec { precision: Precision::Bf16, ops_per_second: 600e12, sparsity: Sparsity::Sparse });
/// let acc = spec.validate()?;
/// assert_eq!(acc.efficiency(Precision::Bf16)?.get(wattage_units::unit::TERAFLOPS_PER_WATT), 1.0);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AcceleratorSpec {
    /// Name ("NVIDIA H100 SXM").
    pub name: String,
    /// Vendor ("NVIDIA").
    pub vendor: String,
    /// Release date, when known.
    #[cfg_attr(feature = "serde", serde(default))]
    pub release: Option<ReleaseDate>,
    /// Board power (TDP), W, when published.
    #[cfg_attr(feature = "serde", serde(default))]
    pub board_power_w: Option<f64>,
    /// Memory capacity, bytes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub memory_bytes: Option<f64>,
    /// Memory bandwidth, bytes per second.
    #[cfg_attr(feature = "serde", serde(default))]
    pub memory_bandwidth_bytes_per_s: Option<f64>,
    /// Peak figures, at most one per precision.
    #[cfg_attr(feature = "serde", serde(default))]
    pub peaks: Vec<PeakSpec>,
    /// Source of the throughput figures.
    #[cfg_attr(feature = "serde", serde(default = "default_source"))]
    pub source: String,
    /// Source of the board power, when different.
    #[cfg_attr(feature = "serde", serde(default))]
    pub power_source: Option<String>,
    /// Source of the memory figures, when different.
    #[cfg_attr(feature = "serde", serde(default))]
    pub memory_source: Option<String>,
    /// Caveats.
    #[cfg_attr(feature = "serde", serde(default))]
    pub note: Option<String>,
}

#[cfg(feature = "serde")]
fn default_source() -> String {
    String::from(crate::asic::USER_SOURCE)
}

impl AcceleratorSpec {
    /// An empty spec to fill in; source "user-supplied".
    #[must_use]
    pub fn new(name: impl Into<String>, vendor: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            vendor: vendor.into(),
            release: None,
            board_power_w: None,
            memory_bytes: None,
            memory_bandwidth_bytes_per_s: None,
            peaks: Vec::new(),
            source: String::from(crate::asic::USER_SOURCE),
            power_source: None,
            memory_source: None,
            note: None,
        }
    }

    /// Checks the spec: name and vendor present, at least one figure, no
    /// precision twice, every number finite and positive.
    ///
    /// # Errors
    /// [`Error::Empty`], [`Error::OutOfRange`], [`Error::NoSparseMode`],
    /// [`Error::DuplicateFigure`].
    pub fn validate(self) -> Result<Accelerator> {
        let name = String::from(non_empty("accelerator name", &self.name)?);
        let vendor = String::from(non_empty("vendor", &self.vendor)?);
        if self.peaks.is_empty() {
            return Err(Error::Empty {
                what: "list of peak throughput figures",
            });
        }
        let mut peaks: Vec<PeakThroughput> = Vec::with_capacity(self.peaks.len());
        for p in self.peaks {
            let peak = PeakThroughput::try_from(p)?;
            if peaks.iter().any(|q| q.precision == peak.precision) {
                return Err(Error::DuplicateFigure {
                    device: name,
                    precision: peak.precision,
                });
            }
            peaks.push(peak);
        }
        let board_power = self
            .board_power_w
            .map(|w| positive("board power", w, "W").and_then(|w| Ok(Power::new(w, unit::WATT)?)))
            .transpose()?;
        let memory_bytes = self
            .memory_bytes
            .map(|b| positive("memory", b, "bytes"))
            .transpose()?;
        let memory_bandwidth = self
            .memory_bandwidth_bytes_per_s
            .map(|b| positive("memory bandwidth", b, "bytes/s"))
            .transpose()?;
        let source = if self.source.trim().is_empty() {
            String::from(crate::asic::USER_SOURCE)
        } else {
            self.source
        };
        let power_source = self.power_source.unwrap_or_else(|| source.clone());
        let memory_source = self.memory_source.unwrap_or_else(|| source.clone());
        Ok(Accelerator {
            name: Cow::Owned(name),
            vendor: Cow::Owned(vendor),
            release: self.release,
            board_power,
            memory_bytes,
            memory_bandwidth,
            peaks: Cow::Owned(peaks),
            throughput_source: Cow::Owned(source),
            power_source: Cow::Owned(power_source),
            memory_source: Cow::Owned(memory_source),
            note: self.note.filter(|n| !n.trim().is_empty()).map(Cow::Owned),
        })
    }
}

/// An AI accelerator (GPU, TPU, or other) with its peak throughput per
/// precision, each figure marked dense or sparse as its source states it.
///
/// Efficiency ([`Accelerator::efficiency`]) divides the *dense* peak by the
/// board power. It is a nameplate figure: a chip at its power limit sustains
/// less (see [`crate::operating_mode::MEASURED_H200_BF16_UTILIZATION`]), and
/// a server draws more than its chips (see [`crate::system`]).
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{catalog, Precision, Sparsity};
/// use wattage_units::unit;
///
/// let h100 = catalog::accelerator("H100 SXM")?;
/// let bf16 = h100.peak_rate(Precision::Bf16, Sparsity::Dense)?;
/// assert_eq!(bf16.get(unit::TERAFLOP_PER_SECOND).round(), 990.0); // 1,979 sparse / 2
/// let eff = h100.efficiency(Precision::Bf16)?;
/// assert_eq!(format!("{:.2}", eff.get(unit::TERAFLOPS_PER_WATT)), "1.41");
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "AcceleratorSpec", into = "AcceleratorSpec")
)]
pub struct Accelerator {
    name: Cow<'static, str>,
    vendor: Cow<'static, str>,
    release: Option<ReleaseDate>,
    board_power: Option<Power>,
    memory_bytes: Option<f64>,
    memory_bandwidth: Option<f64>,
    peaks: Cow<'static, [PeakThroughput]>,
    throughput_source: Cow<'static, str>,
    power_source: Cow<'static, str>,
    memory_source: Cow<'static, str>,
    note: Option<Cow<'static, str>>,
}

/// Sources of a catalog accelerator: throughput, power, memory.
pub(crate) type Sources = (&'static str, &'static str, &'static str);

impl Accelerator {
    /// A catalog entry; fails the build on a bad value. The catalog test
    /// re-checks every entry through [`AcceleratorSpec::validate`].
    #[allow(
        clippy::too_many_arguments,
        clippy::panic,
        reason = "const catalog builder; panics only at compile time"
    )]
    pub(crate) const fn catalog(
        name: &'static str,
        vendor: &'static str,
        release: ReleaseDate,
        board_power_w: Option<f64>,
        (memory_bytes, memory_bandwidth): (Option<f64>, Option<f64>),
        peaks: &'static [PeakThroughput],
        (throughput_source, power_source, memory_source): Sources,
        note: Option<&'static str>,
    ) -> Self {
        let board_power = match board_power_w {
            Some(w) => match Power::new(w, unit::WATT) {
                Ok(p) => Some(p),
                Err(_) => panic!("invalid catalog power"),
            },
            None => None,
        };
        Self {
            name: Cow::Borrowed(name),
            vendor: Cow::Borrowed(vendor),
            release: Some(release),
            board_power,
            memory_bytes,
            memory_bandwidth,
            peaks: Cow::Borrowed(peaks),
            throughput_source: Cow::Borrowed(throughput_source),
            power_source: Cow::Borrowed(power_source),
            memory_source: Cow::Borrowed(memory_source),
            note: match note {
                Some(n) => Some(Cow::Borrowed(n)),
                None => None,
            },
        }
    }

    /// Name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Vendor.
    #[must_use]
    pub fn vendor(&self) -> &str {
        &self.vendor
    }

    /// Release date, when known.
    #[must_use]
    pub const fn release(&self) -> Option<ReleaseDate> {
        self.release
    }

    /// Board power (TDP), when published.
    #[must_use]
    pub const fn board_power(&self) -> Option<Power> {
        self.board_power
    }

    /// Memory capacity in bytes, when known.
    #[must_use]
    pub const fn memory_bytes(&self) -> Option<f64> {
        self.memory_bytes
    }

    /// Memory bandwidth in bytes per second, when known.
    #[must_use]
    pub const fn memory_bandwidth_bytes_per_s(&self) -> Option<f64> {
        self.memory_bandwidth
    }

    /// Every peak figure, as stated.
    #[must_use]
    pub fn peaks(&self) -> &[PeakThroughput] {
        &self.peaks
    }

    /// Source of the throughput figures.
    #[must_use]
    pub fn throughput_source(&self) -> &str {
        &self.throughput_source
    }

    /// Source of the board power.
    #[must_use]
    pub fn power_source(&self) -> &str {
        &self.power_source
    }

    /// Source of the memory figures.
    #[must_use]
    pub fn memory_source(&self) -> &str {
        &self.memory_source
    }

    /// Caveats about the figures, if any.
    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }

    /// The figure for `precision`, as stated.
    ///
    /// # Errors
    /// [`Error::MissingFigure`] when the source gives none.
    pub fn peak(&self, precision: Precision) -> Result<PeakThroughput> {
        self.peaks
            .iter()
            .find(|p| p.precision == precision)
            .copied()
            .ok_or_else(|| Error::MissingFigure {
                device: String::from(self.name()),
                precision,
            })
    }

    /// The peak rate for `precision`, converted to `sparsity`.
    ///
    /// # Errors
    /// [`Error::MissingFigure`], or [`Error::NoSparseMode`] for a sparse
    /// FP64/FP32 rate.
    pub fn peak_rate(&self, precision: Precision, sparsity: Sparsity) -> Result<FlopRate> {
        Ok(self.peak(precision)?.in_sparsity(sparsity)?.rate())
    }

    /// Peak FLOP/s (OP/s for INT8) per watt of board power, from the dense
    /// figure.
    ///
    /// # Errors
    /// [`Error::MissingFigure`], or [`Error::MissingPower`] when no board
    /// power is published.
    pub fn efficiency(&self, precision: Precision) -> Result<ComputeEfficiency> {
        self.efficiency_in(precision, Sparsity::Dense)
    }

    /// Peak efficiency from the figure converted to `sparsity`.
    ///
    /// # Errors
    /// As for [`Accelerator::efficiency`] and [`Accelerator::peak_rate`].
    pub fn efficiency_in(
        &self,
        precision: Precision,
        sparsity: Sparsity,
    ) -> Result<ComputeEfficiency> {
        let rate = self.peak_rate(precision, sparsity)?;
        let power = self.board_power.ok_or_else(|| Error::MissingPower {
            device: String::from(self.name()),
        })?;
        Ok((rate / power).checked()?)
    }

    /// The spec this accelerator was built from.
    #[must_use]
    pub fn to_spec(&self) -> AcceleratorSpec {
        AcceleratorSpec {
            name: String::from(self.name()),
            vendor: String::from(self.vendor()),
            release: self.release,
            board_power_w: self.board_power.map(|p| p.get(unit::WATT)),
            memory_bytes: self.memory_bytes,
            memory_bandwidth_bytes_per_s: self.memory_bandwidth,
            peaks: self.peaks.iter().map(|p| PeakSpec::from(*p)).collect(),
            source: String::from(self.throughput_source()),
            power_source: Some(String::from(self.power_source())),
            memory_source: Some(String::from(self.memory_source())),
            note: self.note.as_ref().map(|n| String::from(n.as_ref())),
        }
    }
}

impl TryFrom<AcceleratorSpec> for Accelerator {
    type Error = Error;
    fn try_from(spec: AcceleratorSpec) -> Result<Self> {
        spec.validate()
    }
}

impl From<Accelerator> for AcceleratorSpec {
    fn from(a: Accelerator) -> Self {
        a.to_spec()
    }
}

impl core::fmt::Display for Accelerator {
    /// The name, vendor and board power.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({}", self.name, self.vendor)?;
        if let Some(p) = self.board_power {
            write!(f, ", {p}")?;
        }
        f.write_str(")")
    }
}
