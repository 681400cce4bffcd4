//! The physical floor of computation, and how far real machines sit above it.
//!
//! Landauer's principle: erasing one bit of information in surroundings at
//! temperature T dissipates at least `k_B · T · ln 2` of heat, 2.87 × 10⁻²¹ J
//! at 300 K. It is a bound on *logically irreversible* steps only.
//!
//! # Assumptions behind [`Gap`]
//!
//! * **Bits per operation.** How many bits a SHA-256d hash or a FLOP erases
//!   depends on the circuit; nobody publishes it. You pass
//!   `bits_erased_per_operation`; with 1 the ratio is the energy per
//!   operation over the cost of erasing a single bit, the most generous
//!   floor (a real hash erases thousands of intermediate bits, so the gap per
//!   erased bit is smaller by that factor).
//! * **Temperature** is that of the environment the heat goes to (the
//!   cooling loop or room air), not of the die. 300 K is the usual reference.
//! * **Wall or board energy.** Miner efficiency is measured at the wall and
//!   includes power-supply and fan losses; accelerator efficiency is peak
//!   throughput over board power. Neither is the energy of the logic alone.
//! * Reversible computing could in principle go below the bound per
//!   operation; no mining or AI hardware does.

use wattage_units::{ComputeEfficiency, Energy, HashEfficiency, Measure, unit};

use crate::error::{Error, Result, positive};

/// Boltzmann's constant, J/K (exact in the 2019 SI).
pub const BOLTZMANN_J_PER_K: f64 = 1.380_649e-23;

/// The reference temperature, 300 K (27 °C).
pub const ROOM_TEMPERATURE_K: f64 = 300.0;

/// Landauer's bound at 300 K, J per erased bit: `k_B · 300 K · ln 2` ≈ 2.871 × 10⁻²¹ J.
pub const LANDAUER_300K_J: f64 = BOLTZMANN_J_PER_K * ROOM_TEMPERATURE_K * core::f64::consts::LN_2;

/// Landauer's bound, the minimum heat to erase one bit at `temperature_k`.
///
/// ```
/// // Needs wattage-hardware, wattage-units (in the wattage facade: wattage::hardware, wattage::units).
/// use wattage_hardware::landauer;
/// use wattage_units::unit;
///
/// let e = landauer::limit(300.0)?;
/// assert_eq!(format!("{:.3e}", e.get(unit::JOULE)), "2.871e-21");
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::OutOfRange`] for a temperature that is not finite and
/// positive, or so close to 0 K (below about 1e-300 K) that the bound
/// underflows to zero.
pub fn limit(temperature_k: f64) -> Result<Energy> {
    let t = positive("temperature", temperature_k, "K")?;
    let joules = BOLTZMANN_J_PER_K * t * core::f64::consts::LN_2;
    if joules <= 0.0 {
        return Err(Error::OutOfRange {
            what: "temperature",
            expected: "large enough that k_B·T·ln 2 is not zero",
            value: temperature_k,
            unit: "K",
        });
    }
    Ok(Energy::new(joules, unit::JOULE)?)
}

/// How far a device is from Landauer's bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    /// Energy the device spends per operation (hash or FLOP).
    pub energy_per_operation: Energy,
    /// The bound for the assumed bits erased per operation.
    pub floor: Energy,
}

impl Gap {
    /// Energy per operation over the floor (≥ 1 for every real machine).
    #[must_use]
    pub fn ratio(&self) -> f64 {
        self.energy_per_operation / self.floor
    }

    /// The ratio in powers of ten.
    #[must_use]
    pub fn orders_of_magnitude(&self) -> f64 {
        libm::log10(self.ratio())
    }
}

/// Builds a gap whose floor is positive and whose ratio is finite, so that
/// [`Gap::ratio`] and [`Gap::orders_of_magnitude`] are finite numbers.
fn gap(energy_per_operation_j: f64, temperature_k: f64, bits: f64) -> Result<Gap> {
    let bits = positive("bits erased per operation", bits, "bits")?;
    let per_bit = limit(temperature_k)?;
    let floor = (per_bit * bits).checked()?;
    if floor.base_value() <= 0.0 {
        return Err(Error::OutOfRange {
            what: "bits erased per operation",
            expected: "large enough that the floor is not zero",
            value: bits,
            unit: "bits",
        });
    }
    let energy = positive("energy per operation", energy_per_operation_j, "J")?;
    let gap = Gap {
        energy_per_operation: Energy::new(energy, unit::JOULE)?,
        floor,
    };
    // The ratio must be finite and positive, so that its logarithm
    // (`orders_of_magnitude`) is finite too.
    if !(gap.ratio().is_finite() && gap.ratio() > 0.0) {
        return Err(Error::OutOfRange {
            what: "energy per operation",
            expected: "a finite, non-zero multiple of the Landauer floor",
            value: energy,
            unit: "J",
        });
    }
    Ok(gap)
}

/// The gap of a miner with energy per hash `efficiency`.
///
/// ```
/// // Needs wattage-hardware (in the wattage facade: wattage::hardware).
/// use wattage_hardware::{catalog, landauer};
///
/// let s21xp = catalog::asic("S21 XP")?;
/// let g = landauer::hash_gap(s21xp.efficiency(), landauer::ROOM_TEMPERATURE_K, 1.0)?;
/// // 13.5 J/TH is 1.35e-11 J a hash: about 4.7e9 times the one-bit bound.
/// assert_eq!(format!("{:.1}", g.orders_of_magnitude()), "9.7");
/// # Ok::<(), wattage_hardware::Error>(())
/// ```
///
/// # Errors
/// [`crate::Error::OutOfRange`] for a zero efficiency, a non-positive
/// temperature or bit count, or inputs so extreme that the floor underflows
/// to zero or the ratio overflows or underflows to zero.
pub fn hash_gap(
    efficiency: HashEfficiency,
    temperature_k: f64,
    bits_erased_per_operation: f64,
) -> Result<Gap> {
    gap(
        efficiency.get(unit::JOULE_PER_HASH),
        temperature_k,
        bits_erased_per_operation,
    )
}

/// The gap of an accelerator with compute efficiency `efficiency`
/// (energy per FLOP is its inverse).
///
/// # Errors
/// As for [`hash_gap`].
pub fn compute_gap(
    efficiency: ComputeEfficiency,
    temperature_k: f64,
    bits_erased_per_operation: f64,
) -> Result<Gap> {
    let flop_per_j = positive("compute efficiency", efficiency.base_value(), "FLOPS/W")?;
    gap(1.0 / flop_per_j, temperature_k, bits_erased_per_operation)
}
