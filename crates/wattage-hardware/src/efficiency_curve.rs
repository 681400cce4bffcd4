//! How throughput and power move together away from nameplate.
//!
//! Two documented, deliberately simple curve forms, each with a default
//! exponent and the measurement it rests on. Both work on fractions of
//! nameplate, so one curve serves every model of a family.
//!
//! | device | form | default | monotone |
//! |---|---|---|---|
//! | ASIC miner | `P/P₀ = (H/H₀)^k` | k = 1.6 | power, J/TH and hashrate all rise together |
//! | GPU under a power cap | `T/T₀ = (P/P₀)^b` | b = 0.87 (compute-bound) | throughput rises with power, FLOP/J falls |
//!
//! Real chips have floors and ceilings these forms ignore (a minimum
//! voltage below which J/TH rises again; boost limits): the inputs are kept
//! to the range stated on each curve, and outside it you get an error, not
//! an extrapolation.

use crate::error::{Error, Result, fraction};

/// Largest hashrate or power fraction an ASIC curve accepts (overclock to 150 %).
pub const MAX_ASIC_FRACTION: f64 = 1.5;

/// A miner's power as a function of its hashrate, both as fractions of
/// nameplate: `P/P₀ = (H/H₀)^k`, so efficiency in J/TH scales as
/// `(H/H₀)^(k-1)`.
///
/// With k > 1, underclocking saves more power than hashrate (J/TH falls) and
/// overclocking costs more power than it gains (J/TH rises), as dynamic CMOS
/// power `C·V²·f` does when the voltage follows the clock.
///
/// **Default k = 1.6.** Basis: the underclocked profile of an Antminer
/// S19j Pro in Hashprophet's hashcost model (jrjr.meme/hashprophet): 96 TH/s
/// at 2,850 W stock, 74.5 TH/s at 1,905 W underclocked, so
/// ln(1905/2850) / ln(74.5/96) = 1.59. The same source's overclocked profile
/// (105 TH/s at 3,100 W) is no worse per TH than stock, because tuning
/// firmware also trims voltage: above nameplate the curve follows physics
/// (J/TH rises), not a measurement. Physics bounds k between 1 (voltage
/// fixed) and 3 (voltage proportional to clock). Accepted hashrate
/// fractions: (0, 1.5].
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::efficiency_curve::AsicCurve;
///
/// let curve = AsicCurve::default();
/// let p = curve.power_fraction(0.8)?;           // 80 % of nameplate hashrate
/// assert!((p - 0.8f64.powf(1.6)).abs() < 1e-12); // at about 70 % of the power
/// assert!(curve.efficiency_factor(0.8)? < 1.0);  // and better J/TH
/// assert!((curve.hashrate_fraction(p)? - 0.8).abs() < 1e-12);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CurveRepr", into = "CurveRepr"))]
pub struct AsicCurve {
    exponent: f64,
}

impl AsicCurve {
    /// The default exponent, from an S19j Pro underclock (see the type docs).
    pub const DEFAULT_EXPONENT: f64 = 1.6;

    /// A curve with exponent `k` in [1, 3].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside [1, 3].
    pub fn new(exponent: f64) -> Result<Self> {
        if exponent.is_finite() && (1.0..=3.0).contains(&exponent) {
            Ok(Self { exponent })
        } else {
            Err(Error::OutOfRange {
                what: "ASIC curve exponent",
                expected: "between 1 and 3",
                value: exponent,
                unit: "(exponent)",
            })
        }
    }

    /// The exponent k.
    #[must_use]
    pub const fn exponent(&self) -> f64 {
        self.exponent
    }

    /// Power fraction at hashrate fraction `h` in (0, 1.5].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside that range, or for a fraction so
    /// small that the power fraction underflows to zero.
    pub fn power_fraction(&self, h: f64) -> Result<f64> {
        let h = fraction("hashrate fraction", h, MAX_ASIC_FRACTION, "in (0, 1.5]")?;
        representable(
            libm::pow(h, self.exponent),
            "hashrate fraction",
            h,
            "large enough that the power fraction is positive",
        )
    }

    /// Hashrate fraction at power fraction `p`, the inverse of
    /// [`AsicCurve::power_fraction`]; `p` must give a hashrate fraction in
    /// (0, 1.5].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside that range.
    pub fn hashrate_fraction(&self, p: f64) -> Result<f64> {
        let max_p = libm::pow(MAX_ASIC_FRACTION, self.exponent);
        let p = fraction("power fraction", p, max_p * (1.0 + 1e-12), "in (0, 1.5^k]")?;
        representable(
            libm::pow(p, 1.0 / self.exponent).min(MAX_ASIC_FRACTION),
            "power fraction",
            p,
            "large enough that the hashrate fraction is positive",
        )
    }

    /// J/TH at hashrate fraction `h`, as a fraction of nameplate J/TH:
    /// `h^(k-1)`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for `h` outside (0, 1.5], or so small that the
    /// factor underflows to zero.
    pub fn efficiency_factor(&self, h: f64) -> Result<f64> {
        let h = fraction("hashrate fraction", h, MAX_ASIC_FRACTION, "in (0, 1.5]")?;
        representable(
            libm::pow(h, self.exponent - 1.0),
            "hashrate fraction",
            h,
            "large enough that the efficiency factor is positive",
        )
    }
}

impl Default for AsicCurve {
    fn default() -> Self {
        Self {
            exponent: Self::DEFAULT_EXPONENT,
        }
    }
}

/// An accelerator's throughput under a power cap, both as fractions of
/// nameplate (board power, and the throughput the chip sustains at it):
/// `T/T₀ = (P/P₀)^b` with 0 < b ≤ 1, so a capped chip loses less throughput
/// than power and its FLOP/J improves by `(P/P₀)^(b-1)`.
///
/// **Default b = 0.87, compute-bound work.** Basis: capping an H100 SXM
/// from 700 W to 600 W (−14 %) typically costs transformer pre-training 10
/// to 15 % of step throughput (factryze.ai scale atlas, "Power capping", a
/// practitioner's figure rather than a published measurement):
/// ln(0.875)/ln(600/700) = 0.87. [`PowerCapCurve::MEMORY_BOUND`] (b = 0.44)
/// uses the same source's 5 to 8 % for memory-bound LLM inference. Caps are
/// accepted in (0, 1]: a cap cannot exceed the board power.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::efficiency_curve::PowerCapCurve;
///
/// let curve = PowerCapCurve::default();
/// let t = curve.throughput_fraction(0.8)?;
/// assert!(t > 0.8 && t < 1.0); // loses less throughput than power
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "CurveRepr", into = "CurveRepr"))]
pub struct PowerCapCurve {
    exponent: f64,
}

impl PowerCapCurve {
    /// Compute-bound default, b = 0.87 (see the type docs).
    pub const COMPUTE_BOUND: Self = Self { exponent: 0.87 };
    /// Memory-bound inference, b = 0.44 (see the type docs).
    pub const MEMORY_BOUND: Self = Self { exponent: 0.44 };

    /// A curve with exponent `b` in (0, 1].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside (0, 1].
    pub fn new(exponent: f64) -> Result<Self> {
        fraction("power-cap curve exponent", exponent, 1.0, "in (0, 1]")
            .map(|exponent| Self { exponent })
    }

    /// The exponent b.
    #[must_use]
    pub const fn exponent(&self) -> f64 {
        self.exponent
    }

    /// Throughput fraction at power-cap fraction `p` in (0, 1].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside (0, 1], or for a cap so small that the
    /// throughput fraction underflows to zero.
    pub fn throughput_fraction(&self, p: f64) -> Result<f64> {
        let p = fraction("power-cap fraction", p, 1.0, "in (0, 1]")?;
        representable(
            libm::pow(p, self.exponent),
            "power-cap fraction",
            p,
            "large enough that the throughput fraction is positive",
        )
    }

    /// The power-cap fraction that keeps throughput fraction `t` in (0, 1].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside (0, 1], or for a throughput so small
    /// that the cap underflows to zero.
    pub fn power_fraction(&self, t: f64) -> Result<f64> {
        let t = fraction("throughput fraction", t, 1.0, "in (0, 1]")?;
        representable(
            libm::pow(t, 1.0 / self.exponent).min(1.0),
            "throughput fraction",
            t,
            "large enough that the power-cap fraction is positive",
        )
    }

    /// FLOP/J at cap `p`, as a fraction of the uncapped FLOP/J: `p^(b-1)`.
    /// Always finite: a cap so small that the factor would overflow is an
    /// error.
    ///
    /// ```
    /// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
    /// use wattage_hardware::efficiency_curve::PowerCapCurve;
    ///
    /// let curve = PowerCapCurve::new(1e-9)?; // throughput almost flat in power
    /// assert!(curve.efficiency_factor(0.5)? > 1.99);
    /// assert!(curve.efficiency_factor(5e-324).is_err()); // 1/5e-324 overflows
    /// # Ok::<(), wattage_hardware::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside (0, 1], or where the factor overflows.
    pub fn efficiency_factor(&self, p: f64) -> Result<f64> {
        let p = fraction("power-cap fraction", p, 1.0, "in (0, 1]")?;
        representable(
            libm::pow(p, self.exponent - 1.0),
            "power-cap fraction",
            p,
            "large enough that the efficiency factor is finite",
        )
    }
}

/// `result` if it is finite and positive, else an error naming the input.
fn representable(
    result: f64,
    what: &'static str,
    input: f64,
    expected: &'static str,
) -> Result<f64> {
    if result.is_finite() && result > 0.0 {
        Ok(result)
    } else {
        Err(Error::OutOfRange {
            what,
            expected,
            value: input,
            unit: "(fraction)",
        })
    }
}

impl Default for PowerCapCurve {
    fn default() -> Self {
        Self::COMPUTE_BOUND
    }
}

/// The serialized form of a curve, checked on the way in.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct CurveRepr {
    exponent: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<CurveRepr> for AsicCurve {
    type Error = Error;
    fn try_from(r: CurveRepr) -> Result<Self> {
        Self::new(r.exponent)
    }
}

#[cfg(feature = "serde")]
impl From<AsicCurve> for CurveRepr {
    fn from(c: AsicCurve) -> Self {
        Self {
            exponent: c.exponent,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<CurveRepr> for PowerCapCurve {
    type Error = Error;
    fn try_from(r: CurveRepr) -> Result<Self> {
        Self::new(r.exponent)
    }
}

#[cfg(feature = "serde")]
impl From<PowerCapCurve> for CurveRepr {
    fn from(c: PowerCapCurve) -> Self {
        Self {
            exponent: c.exponent,
        }
    }
}
