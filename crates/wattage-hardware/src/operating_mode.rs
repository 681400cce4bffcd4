//! Running a device away from nameplate: underclocked, overclocked, capped,
//! and what a chip really sustains.

use wattage_units::{FlopRate, HashEfficiency, Hashrate, Measure, Power};

use crate::accelerator::Accelerator;
use crate::asic::AsicMiner;
use crate::efficiency_curve::{AsicCurve, PowerCapCurve};
use crate::error::{Error, Result, fraction};
use crate::precision::Precision;

/// How a miner is run, relative to its nameplate figures.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{catalog, OperatingMode};
/// use wattage_units::unit;
///
/// let s21xp = catalog::asic("S21 XP")?;
/// // "What hashrate and power at 80 % of nameplate power?"
/// let point = OperatingMode::PowerFraction(0.8).apply(&s21xp, &Default::default())?;
/// assert!(point.hashrate.get(unit::TERAHASH_PER_SECOND) > 0.8 * 270.0);
/// assert!(point.efficiency.get(unit::JOULE_PER_TERAHASH) < 13.5);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OperatingMode {
    /// Stock settings.
    #[default]
    Nameplate,
    /// A target hashrate, as a fraction of nameplate (0.8 = underclocked to
    /// 80 %; 1.1 = overclocked 10 %), at most 1.5.
    HashrateFraction(f64),
    /// A power target, as a fraction of nameplate power.
    PowerFraction(f64),
}

/// A miner's hashrate, power and efficiency at one operating point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AsicOperatingPoint {
    /// Hashrate.
    pub hashrate: Hashrate,
    /// Wall power.
    pub power: Power,
    /// Energy per hash (power / hashrate).
    pub efficiency: HashEfficiency,
}

impl OperatingMode {
    /// The hashrate fraction this mode runs at on `curve`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a fraction outside the curve's range.
    pub fn hashrate_fraction(&self, curve: &AsicCurve) -> Result<f64> {
        match *self {
            Self::Nameplate => Ok(1.0),
            Self::HashrateFraction(h) => curve.power_fraction(h).map(|_| h),
            Self::PowerFraction(p) => curve.hashrate_fraction(p),
        }
    }

    /// The operating point of `miner` in this mode on `curve`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a fraction outside the curve's range.
    pub fn apply(&self, miner: &AsicMiner, curve: &AsicCurve) -> Result<AsicOperatingPoint> {
        let h = self.hashrate_fraction(curve)?;
        let p = curve.power_fraction(h)?;
        let hashrate = (miner.hashrate() * h).checked()?;
        let power = (miner.power() * p).checked()?;
        Ok(AsicOperatingPoint {
            hashrate,
            power,
            efficiency: (power / hashrate).checked()?,
        })
    }
}

/// Sustained over peak throughput of one NVIDIA H200 SXM at its 700 W limit,
/// BF16 dense matrix products: 667.7 TFLOP/s measured against the catalog's
/// dense peak of 989.5 TFLOP/s (half the datasheet's 1,979 TFLOPS with
/// sparsity), so 0.675. Each utilization here is taken against the catalog's
/// own peak, so utilization × catalog peak gives back the measured figure.
///
/// Basis: measured 2026-11-25, PyTorch, 8192×8192 matrix products for 25 s,
/// board power from nvidia-smi every 0.1 s (691.6 W average); the SM clock
/// fell from 1,980 to about 1,490 MHz to stay at the power limit
/// (`shared/data/measured_h200_matmul.json`). One chip, one kernel: use it as
/// a default, not a law.
pub const MEASURED_H200_BF16_UTILIZATION: f64 = 667.7 / 989.5;

/// The same measurement for TF32: 346.8 of the catalog's 494.5 TFLOP/s dense
/// (half the datasheet's 989 TFLOPS with sparsity).
pub const MEASURED_H200_TF32_UTILIZATION: f64 = 346.8 / 494.5;

/// The same measurement for FP32 on the non-tensor path: 51.1 of the
/// catalog's 67 TFLOP/s.
pub const MEASURED_H200_FP32_UTILIZATION: f64 = 51.1 / 67.0;

/// What an accelerator delivers at a power cap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AcceleratorOperatingPoint {
    /// Board power at the cap.
    pub power: Power,
    /// Sustained throughput (dense peak × utilization × cap curve).
    pub throughput: FlopRate,
}

/// The sustained throughput and board power of `device` in `precision`,
/// capped at `cap_fraction` of its board power, when at full power it
/// sustains `utilization` of its dense peak (for example
/// [`MEASURED_H200_BF16_UTILIZATION`]).
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{catalog, Precision};
/// use wattage_hardware::efficiency_curve::PowerCapCurve;
/// use wattage_hardware::operating_mode::{accelerator_at_cap, MEASURED_H200_BF16_UTILIZATION};
/// use wattage_units::unit;
///
/// let h200 = catalog::accelerator("H200 SXM")?;
/// let full = accelerator_at_cap(&h200, Precision::Bf16, 1.0, MEASURED_H200_BF16_UTILIZATION, &PowerCapCurve::default())?;
/// assert_eq!(full.throughput.get(unit::TERAFLOP_PER_SECOND).round(), 668.0);
/// let capped = accelerator_at_cap(&h200, Precision::Bf16, 0.8, MEASURED_H200_BF16_UTILIZATION, &PowerCapCurve::default())?;
/// assert!(capped.throughput / full.throughput > 0.8);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`Error::MissingFigure`], [`Error::MissingPower`], or
/// [`Error::OutOfRange`] for a cap or utilization outside (0, 1].
pub fn accelerator_at_cap(
    device: &Accelerator,
    precision: Precision,
    cap_fraction: f64,
    utilization: f64,
    curve: &PowerCapCurve,
) -> Result<AcceleratorOperatingPoint> {
    let utilization = fraction("utilization", utilization, 1.0, "in (0, 1]")?;
    let t = curve.throughput_fraction(cap_fraction)?;
    let peak = device.peak(precision)?.dense();
    let tdp = device.board_power().ok_or_else(|| Error::MissingPower {
        device: alloc::string::String::from(device.name()),
    })?;
    Ok(AcceleratorOperatingPoint {
        power: (tdp * cap_fraction).checked()?,
        throughput: (peak * (utilization * t)).checked()?,
    })
}
