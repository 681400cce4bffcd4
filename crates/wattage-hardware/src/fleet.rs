//! Fleets of miners and clusters of accelerators: totals and shares.

use alloc::string::String;
use alloc::vec::Vec;

use wattage_units::{ComputeEfficiency, FlopRate, HashEfficiency, Hashrate, Measure, Power};

use crate::accelerator::Accelerator;
use crate::asic::AsicMiner;
use crate::efficiency_curve::AsicCurve;
use crate::error::{Error, Result};
use crate::operating_mode::{AsicOperatingPoint, OperatingMode};
use crate::precision::{Precision, Sparsity};
use crate::system::System;

#[allow(
    clippy::cast_precision_loss,
    reason = "machine counts are far below 2^52"
)]
fn count_f64(n: u64) -> f64 {
    n as f64
}

/// One line of a fleet: a model, how many, and how they are run.
#[derive(Debug, Clone, PartialEq)]
pub struct FleetEntry {
    miner: AsicMiner,
    count: u64,
    mode: OperatingMode,
    point: AsicOperatingPoint,
}

impl FleetEntry {
    /// The model.
    #[must_use]
    pub const fn miner(&self) -> &AsicMiner {
        &self.miner
    }

    /// How many machines.
    #[must_use]
    pub const fn count(&self) -> u64 {
        self.count
    }

    /// How they are run.
    #[must_use]
    pub const fn mode(&self) -> OperatingMode {
        self.mode
    }

    /// One machine's hashrate, power and efficiency in that mode.
    #[must_use]
    pub const fn operating_point(&self) -> AsicOperatingPoint {
        self.point
    }
}

/// A mix of miner models with counts and operating modes.
///
/// Fleet efficiency is total power over total hashrate, not an average of
/// J/TH: 100 S9s and one S21 XP are an S9 fleet with a rounding error.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{catalog, Fleet, OperatingMode};
/// use wattage_units::unit;
///
/// let mut fleet = Fleet::new();
/// fleet.add(catalog::asic("S19 XP")?, 1_000)?;
/// fleet.add(catalog::asic("S21 XP")?, 1_000)?;
/// assert_eq!(fleet.total_hashrate()?.get(unit::PETAHASH_PER_SECOND), 410.0);
/// // (3.010 + 3.645) MW over 410 PH/s:
/// assert_eq!(format!("{:.2}", fleet.efficiency()?.get(unit::JOULE_PER_TERAHASH)), "16.23");
/// fleet.add_in_mode(catalog::asic("S9")?, 10, OperatingMode::HashrateFraction(0.8))?;
/// assert_eq!(fleet.machine_count(), 2_010);
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fleet {
    entries: Vec<FleetEntry>,
    curve: AsicCurve,
}

impl Fleet {
    /// An empty fleet using the default [`AsicCurve`] for operating modes.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty fleet using `curve` for operating modes.
    #[must_use]
    pub fn with_curve(curve: AsicCurve) -> Self {
        Self {
            entries: Vec::new(),
            curve,
        }
    }

    /// Adds `count` machines at nameplate.
    ///
    /// # Errors
    /// As for [`Fleet::add_in_mode`].
    pub fn add(&mut self, miner: AsicMiner, count: u64) -> Result<&mut Self> {
        self.add_in_mode(miner, count, OperatingMode::Nameplate)
    }

    /// Adds `count` machines run in `mode`.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when the mode's fraction is outside the curve's range.
    pub fn add_in_mode(
        &mut self,
        miner: AsicMiner,
        count: u64,
        mode: OperatingMode,
    ) -> Result<&mut Self> {
        let point = mode.apply(&miner, &self.curve)?;
        self.entries.push(FleetEntry {
            miner,
            count,
            mode,
            point,
        });
        Ok(self)
    }

    /// The lines of the fleet, in the order added.
    #[must_use]
    pub fn entries(&self) -> &[FleetEntry] {
        &self.entries
    }

    /// Number of machines.
    #[must_use]
    pub fn machine_count(&self) -> u64 {
        self.entries
            .iter()
            .fold(0u64, |n, e| n.saturating_add(e.count))
    }

    /// Total hashrate.
    ///
    /// # Errors
    /// [`Error::Quantity`] if the sum overflows.
    pub fn total_hashrate(&self) -> Result<Hashrate> {
        let total: Hashrate = self
            .entries
            .iter()
            .map(|e| e.point.hashrate * count_f64(e.count))
            .sum();
        Ok(total.checked()?)
    }

    /// Total wall power.
    ///
    /// # Errors
    /// [`Error::Quantity`] if the sum overflows.
    pub fn total_power(&self) -> Result<Power> {
        let total: Power = self
            .entries
            .iter()
            .map(|e| e.point.power * count_f64(e.count))
            .sum();
        Ok(total.checked()?)
    }

    /// Fleet efficiency: total power over total hashrate.
    ///
    /// # Errors
    /// [`Error::EmptyCollection`] for a fleet without machines.
    pub fn efficiency(&self) -> Result<HashEfficiency> {
        let h = self.total_hashrate()?;
        if h.base_value() <= 0.0 {
            return Err(Error::EmptyCollection { what: "fleet" });
        }
        Ok((self.total_power()? / h).checked()?)
    }

    /// Share of the fleet's hashrate by release year of the models, oldest
    /// first; shares sum to 1.
    ///
    /// # Errors
    /// [`Error::EmptyCollection`] for a fleet without machines.
    pub fn hashrate_share_by_year(&self) -> Result<Vec<(u16, f64)>> {
        self.shares(|e| e.miner.release().year_number(), true)
    }

    /// Share of the fleet's hashrate by model, in the order first added.
    ///
    /// # Errors
    /// [`Error::EmptyCollection`] for a fleet without machines.
    pub fn hashrate_share_by_model(&self) -> Result<Vec<(String, f64)>> {
        self.shares(|e| String::from(e.miner.model()), false)
    }

    fn shares<K: Ord>(&self, key: impl Fn(&FleetEntry) -> K, sort: bool) -> Result<Vec<(K, f64)>> {
        let total = self.total_hashrate()?;
        if total.base_value() <= 0.0 {
            return Err(Error::EmptyCollection { what: "fleet" });
        }
        let mut out: Vec<(K, f64)> = Vec::new();
        for e in &self.entries {
            let share = (e.point.hashrate * count_f64(e.count)) / total;
            let k = key(e);
            if let Some(slot) = out.iter_mut().find(|(existing, _)| *existing == k) {
                slot.1 += share;
            } else {
                out.push((k, share));
            }
        }
        if sort {
            out.sort_by(|a, b| a.0.cmp(&b.0));
        }
        Ok(out)
    }
}

/// One line of a cluster: an accelerator, how many, and optionally the
/// system power per device that a facility meter sees.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterEntry {
    accelerator: Accelerator,
    count: u64,
    power_per_device: Option<Power>,
}

impl ClusterEntry {
    /// The accelerator.
    #[must_use]
    pub const fn accelerator(&self) -> &Accelerator {
        &self.accelerator
    }

    /// How many.
    #[must_use]
    pub const fn count(&self) -> u64 {
        self.count
    }

    /// System power per device, when the devices sit in a known system.
    #[must_use]
    pub const fn power_per_device(&self) -> Option<Power> {
        self.power_per_device
    }
}

/// A GPU/accelerator cluster: peak FLOP/s per precision, board power, and
/// facility power when the systems are known.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::{catalog, Cluster, Precision, Sparsity};
/// use wattage_units::unit;
///
/// let mut cluster = Cluster::new();
/// let dgx = catalog::system("DGX H100")?;
/// cluster.add_in_system(catalog::accelerator("H100 SXM")?, 1024, &dgx);
/// let fp8 = cluster.peak(Precision::Fp8, Sparsity::Dense)?;
/// assert_eq!(fp8.get(unit::PETAFLOP_PER_SECOND).round(), 2026.0); // 1,024 x 1,979 TFLOPS
/// assert_eq!(cluster.board_power()?.get(unit::KILOWATT), 716.8);
/// assert_eq!(cluster.facility_power()?.get(unit::KILOWATT), 1305.6); // 128 DGX H100 at 10.2 kW
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cluster {
    entries: Vec<ClusterEntry>,
}

impl Cluster {
    /// An empty cluster.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `count` accelerators, counted at board power.
    pub fn add(&mut self, accelerator: Accelerator, count: u64) -> &mut Self {
        self.entries.push(ClusterEntry {
            accelerator,
            count,
            power_per_device: None,
        });
        self
    }

    /// Adds `count` accelerators housed in `system`, counted at the system's
    /// power per device for [`Cluster::facility_power`].
    pub fn add_in_system(
        &mut self,
        accelerator: Accelerator,
        count: u64,
        system: &System,
    ) -> &mut Self {
        self.entries.push(ClusterEntry {
            accelerator,
            count,
            power_per_device: Some(system.power_per_device()),
        });
        self
    }

    /// The lines of the cluster.
    #[must_use]
    pub fn entries(&self) -> &[ClusterEntry] {
        &self.entries
    }

    /// Number of accelerators.
    #[must_use]
    pub fn device_count(&self) -> u64 {
        self.entries
            .iter()
            .fold(0u64, |n, e| n.saturating_add(e.count))
    }

    /// Summed peak rate in `precision`, converted to `sparsity`.
    ///
    /// # Errors
    /// [`Error::MissingFigure`] naming the first device without a figure for
    /// `precision` (none is skipped), [`Error::NoSparseMode`], or
    /// [`Error::Quantity`] on overflow.
    pub fn peak(&self, precision: Precision, sparsity: Sparsity) -> Result<FlopRate> {
        let mut total = FlopRate::ZERO;
        for e in &self.entries {
            total += e.accelerator.peak_rate(precision, sparsity)? * count_f64(e.count);
        }
        Ok(total.checked()?)
    }

    /// Summed board power (TDP).
    ///
    /// # Errors
    /// [`Error::MissingPower`] naming the first device without one.
    pub fn board_power(&self) -> Result<Power> {
        let mut total = Power::ZERO;
        for e in &self.entries {
            let tdp = e
                .accelerator
                .board_power()
                .ok_or_else(|| Error::MissingPower {
                    device: String::from(e.accelerator.name()),
                })?;
            total += tdp * count_f64(e.count);
        }
        Ok(total.checked()?)
    }

    /// Power at the facility meter: system power per device where the
    /// system is known, board power elsewhere.
    ///
    /// # Errors
    /// [`Error::MissingPower`] for a device with neither.
    pub fn facility_power(&self) -> Result<Power> {
        let mut total = Power::ZERO;
        for e in &self.entries {
            let per = match (e.power_per_device, e.accelerator.board_power()) {
                (Some(p), _) | (None, Some(p)) => p,
                (None, None) => {
                    return Err(Error::MissingPower {
                        device: String::from(e.accelerator.name()),
                    });
                }
            };
            total += per * count_f64(e.count);
        }
        Ok(total.checked()?)
    }

    /// Dense peak per watt of board power, for the whole cluster.
    ///
    /// # Errors
    /// As for [`Cluster::peak`] and [`Cluster::board_power`], and
    /// [`Error::EmptyCollection`] for a cluster without devices.
    pub fn efficiency(&self, precision: Precision) -> Result<ComputeEfficiency> {
        let power = self.board_power()?;
        if power.base_value() <= 0.0 {
            return Err(Error::EmptyCollection { what: "cluster" });
        }
        Ok((self.peak(precision, Sparsity::Dense)? / power).checked()?)
    }
}
