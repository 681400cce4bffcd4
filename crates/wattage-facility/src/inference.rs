//! The economics of inference on an operator's GPU cloud: tokens per
//! second per accelerator, joules per token at the wall and dollars per
//! million tokens.
//!
//! Throughput is the user's figure (measured on the model, batch size and
//! precision served) or derived with [`ThroughputSpec`] from two bounds:
//!
//! - **compute**: a decoder spends about `2 × parameters` FLOP per token,
//!   so `tokens/s = FLOP/s × utilization / (2 × parameters)`;
//! - **memory bandwidth**: each decoding step reads every weight once and
//!   yields one token per sequence of the batch, so
//!   `tokens/s = batch × bandwidth / (parameters × bytes per parameter)`.
//!
//! The smaller bound holds: small batches are bandwidth-bound, large ones
//! compute-bound. The derivation leaves out attention FLOP and the
//! key-value cache reads (both grow with context length), prefill, and
//! scheduling losses, so it is an upper bound to check measurements
//! against, not a forecast. Use sustained, not nameplate, FLOP/s: one
//! H200 measured 667.7 of 989 TFLOP/s dense BF16 at its power limit
//! ([`wattage_hardware::operating_mode::MEASURED_H200_BF16_UTILIZATION`]).
//!
//! Energy per token at the wall is `board power × system overhead × PUE /
//! tokens per second`, and dollars per million tokens is the hourly cost
//! over the millions of tokens served in an hour. Utilization below 100 %
//! divides the throughput, not the cost: the GPUs are paid for, and here
//! drawn at full power, whether or not they serve (a simplification: an
//! idle GPU draws less).

use rust_decimal::Decimal;
use wattage_hardware::{Accelerator, Precision, Sparsity};
use wattage_units::money::to_decimal;
use wattage_units::{Energy, EnergyPrice, FlopRate, GpuHourPrice, Power, Time, Usd, unit};

use crate::FacilityError;
use crate::schedule::mul;

fn positive(what: &'static str, value: f64) -> Result<f64, FacilityError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidInference {
            what,
            requirement: "finite and positive",
            value,
        })
    }
}

fn at_least_one(what: &'static str, value: f64) -> Result<f64, FacilityError> {
    if value.is_finite() && value >= 1.0 {
        Ok(value)
    } else {
        Err(FacilityError::InvalidInference {
            what,
            requirement: "finite and at least 1",
            value,
        })
    }
}

/// What decoding throughput is derived from: the model, the batch and the
/// accelerator.
///
/// ```
/// // Needs wattage-facility, wattage-hardware (in the wattage facade: wattage::facility, wattage::hardware).
/// use wattage_facility::inference::ThroughputSpec;
/// use wattage_hardware::{catalog, Precision};
/// use wattage_hardware::operating_mode::MEASURED_H200_BF16_UTILIZATION;
///
/// // An 8-billion-parameter model in BF16 on one H200 at its measured utilization.
/// let h200 = catalog::accelerator("H200 SXM")?;
/// let small = ThroughputSpec::for_accelerator(&h200, Precision::Bf16, MEASURED_H200_BF16_UTILIZATION, 8e9, 32, 2.0)?;
/// // 4.8 TB/s over 16 GB of weights: 300 steps a second, 32 tokens each.
/// assert_eq!(small.tokens_per_second()?.round(), 9_600.0);
/// // At batch 256 the sustained rate binds: the measured 667.7 TFLOP/s (the
/// // measured share of the catalog's dense 989.5), over 2 × 8e9 FLOP a token.
/// let large = ThroughputSpec { batch: 256, ..small };
/// assert_eq!(large.tokens_per_second()?.round(), 41_731.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ThroughputSpec {
    /// Model parameters (70e9 for a 70B model).
    pub parameters: f64,
    /// Sequences decoded together.
    pub batch: u32,
    /// The accelerator's dense FLOP rate at the serving precision.
    pub compute: FlopRate,
    /// Share of `compute` delivered, in (0, 1].
    pub utilization: f64,
    /// Memory bandwidth, bytes per second.
    pub memory_bandwidth_bytes_per_s: f64,
    /// Bytes per weight: 2 for BF16, 1 for FP8, 0.5 for FP4.
    pub bytes_per_parameter: f64,
}

impl ThroughputSpec {
    /// The spec for `device` from the catalog: its dense peak in
    /// `precision` and its memory bandwidth.
    ///
    /// # Errors
    /// [`FacilityError::Hardware`] when the device has no figure for the
    /// precision; [`FacilityError::InvalidInference`] when it has no memory
    /// bandwidth.
    pub fn for_accelerator(
        device: &Accelerator,
        precision: Precision,
        utilization: f64,
        parameters: f64,
        batch: u32,
        bytes_per_parameter: f64,
    ) -> Result<Self, FacilityError> {
        let bandwidth = device.memory_bandwidth_bytes_per_s().unwrap_or(f64::NAN);
        let spec = Self {
            parameters,
            batch,
            compute: device.peak_rate(precision, Sparsity::Dense)?,
            utilization,
            memory_bandwidth_bytes_per_s: positive("memory bandwidth in bytes/s", bandwidth)?,
            bytes_per_parameter,
        };
        spec.tokens_per_second()?;
        Ok(spec)
    }

    fn checked(&self) -> Result<(), FacilityError> {
        positive("model parameters", self.parameters)?;
        positive("batch size", f64::from(self.batch))?;
        positive(
            "FLOP rate in FLOP/s",
            self.compute.get(unit::FLOP_PER_SECOND),
        )?;
        positive("utilization", self.utilization)?;
        if self.utilization > 1.0 {
            return Err(FacilityError::InvalidInference {
                what: "utilization",
                requirement: "at most 1",
                value: self.utilization,
            });
        }
        positive(
            "memory bandwidth in bytes/s",
            self.memory_bandwidth_bytes_per_s,
        )?;
        positive("bytes per parameter", self.bytes_per_parameter)?;
        Ok(())
    }

    /// The compute bound: `FLOP/s × utilization / (2 × parameters)`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidInference`] for an input that is not finite
    /// and positive, a utilization above 1, or a result that is not finite.
    pub fn compute_bound(&self) -> Result<f64, FacilityError> {
        self.checked()?;
        let flops = self.compute.get(unit::FLOP_PER_SECOND) * self.utilization;
        positive(
            "compute-bound tokens per second",
            flops / (2.0 * self.parameters),
        )
    }

    /// The memory-bandwidth bound: `batch × bandwidth / (parameters ×
    /// bytes per parameter)`.
    ///
    /// # Errors
    /// As for [`Self::compute_bound`].
    pub fn memory_bound(&self) -> Result<f64, FacilityError> {
        self.checked()?;
        let steps =
            self.memory_bandwidth_bytes_per_s / (self.parameters * self.bytes_per_parameter);
        positive(
            "bandwidth-bound tokens per second",
            f64::from(self.batch) * steps,
        )
    }

    /// Tokens per second per accelerator: the smaller of the two bounds.
    ///
    /// # Errors
    /// As for [`Self::compute_bound`].
    pub fn tokens_per_second(&self) -> Result<f64, FacilityError> {
        Ok(self.compute_bound()?.min(self.memory_bound()?))
    }
}

/// The terms of an [`Inference`] cost model, by name.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct InferenceSpec {
    /// Tokens per second per accelerator while serving (measured, or from
    /// [`ThroughputSpec::tokens_per_second`]).
    pub tokens_per_second: f64,
    /// The accelerator's board power while serving.
    pub board_power: Power,
    /// System power over board power, at least 1 (a DGX H100's 10.2 kW
    /// for eight 700 W GPUs is 1.82): CPUs, memory, network, fans.
    pub system_overhead: f64,
    /// The facility's PUE, at least 1.
    pub pue: f64,
    /// What the facility pays for energy.
    pub power_price: EnergyPrice,
    /// Every other cost of a GPU-hour (depreciation, network, staff);
    /// zero for energy only.
    pub other_cost_per_gpu_hour: Usd,
}

/// Energy and cost per token of one accelerator serving a model.
///
/// ```
/// // Needs wattage-facility, wattage-units, rust_decimal (in the wattage facade: wattage::facility, wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_facility::inference::{Inference, InferenceSpec};
/// use wattage_units::unit;
///
/// let serving = Inference::new(InferenceSpec {
///     tokens_per_second: 9_600.0,        // 8B model, batch 32, one H200
///     board_power: "700 W".parse()?,
///     system_overhead: 1275.0 / 700.0,   // a DGX H100's 1,275 W per GPU
///     pue: 1.2,
///     power_price: "$50/MWh".parse()?,
///     other_cost_per_gpu_hour: "$2".parse()?,
/// })?;
/// // 1,530 W at the wall over 9,600 tokens/s.
/// assert_eq!(format!("{:.6}", serving.energy_per_token().get(unit::JOULE)), "0.159375");
/// // 1.53 kWh at $50/MWh plus $2 an hour.
/// assert_eq!(serving.cost_per_gpu_hour()?.to_string(), "$2.0765");
/// // 70 % busy: 24.192 million tokens an hour.
/// assert_eq!(format!("{:.4}", serving.cost_per_million_tokens(Decimal::new(7, 1))?), "$0.0858");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "InferenceSpec", into = "InferenceSpec")
)]
pub struct Inference {
    spec: InferenceSpec,
}

impl TryFrom<InferenceSpec> for Inference {
    type Error = FacilityError;

    fn try_from(spec: InferenceSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<Inference> for InferenceSpec {
    fn from(inference: Inference) -> Self {
        inference.spec
    }
}

impl Inference {
    /// The cost model on `spec`'s terms.
    ///
    /// # Errors
    /// [`FacilityError::InvalidInference`] for throughput or board power
    /// that is not finite and positive, or an overhead or PUE below 1;
    /// [`FacilityError::Money`] for a negative other cost or an hourly
    /// cost that cannot be represented.
    pub fn new(spec: InferenceSpec) -> Result<Self, FacilityError> {
        positive("tokens per second", spec.tokens_per_second)?;
        positive("board power in W", spec.board_power.get(unit::WATT))?;
        at_least_one("system overhead", spec.system_overhead)?;
        at_least_one("PUE", spec.pue)?;
        let wall = positive(
            "wall power in W",
            spec.board_power.get(unit::WATT) * spec.system_overhead * spec.pue,
        )?;
        positive("energy per token in J", wall / spec.tokens_per_second)?;
        if spec.other_cost_per_gpu_hour.is_negative() {
            return Err(wattage_units::MoneyError::Negative {
                what: "other cost per GPU-hour",
                value: spec.other_cost_per_gpu_hour.dollars(),
            }
            .into());
        }
        let inference = Self { spec };
        inference.cost_per_gpu_hour()?;
        Ok(inference)
    }

    /// The terms.
    #[must_use]
    pub const fn spec(&self) -> &InferenceSpec {
        &self.spec
    }

    /// Power at the wall per accelerator: board × overhead × PUE.
    #[must_use]
    pub fn wall_power(&self) -> Power {
        self.spec.board_power * (self.spec.system_overhead * self.spec.pue)
    }

    /// Energy per token at the wall while serving: wall power / tokens per second.
    #[must_use]
    pub fn energy_per_token(&self) -> Energy {
        let joules = self.wall_power().get(unit::WATT) / self.spec.tokens_per_second;
        Energy::new(joules, unit::JOULE).unwrap_or(Energy::ZERO)
    }

    /// The cost of one GPU-hour: an hour of wall energy at the power
    /// price, plus the other costs. The energy enters money once, by
    /// [`to_decimal`] (15 significant digits).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn cost_per_gpu_hour(&self) -> Result<Usd, FacilityError> {
        let hour = Time::new(1.0, unit::HOUR)?;
        let energy = self.spec.power_price.cost(self.wall_power() * hour)?;
        Ok(energy.checked_add(self.spec.other_cost_per_gpu_hour)?)
    }

    /// Tokens served in an hour at `utilization`: tokens/s × 3,600 ×
    /// utilization, entering `Decimal` by [`to_decimal`].
    fn tokens_per_hour(&self, utilization: Decimal) -> Result<Decimal, FacilityError> {
        if utilization <= Decimal::ZERO || utilization > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "inference utilization (above 0)",
                value: utilization,
            });
        }
        let full = to_decimal("tokens per hour", self.spec.tokens_per_second * 3600.0)?;
        mul(full, utilization, "tokens per hour")
    }

    /// Dollars per million tokens at `utilization` (0 to 1, above 0): the
    /// GPU-hour's cost over the millions of tokens it serves. Exact after
    /// the one conversion of the throughput; not rounded to cents.
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] for a utilization outside (0, 1];
    /// [`FacilityError::Money`] on overflow.
    pub fn cost_per_million_tokens(&self, utilization: Decimal) -> Result<Usd, FacilityError> {
        let millions = self.tokens_per_hour(utilization)? / Decimal::from(1_000_000);
        Ok(self.cost_per_gpu_hour()?.checked_div(millions)?)
    }

    /// What a GPU-hour sold at `price` earns per million tokens at
    /// `utilization`: the price to compare with a per-token API price.
    ///
    /// # Errors
    /// As for [`Self::cost_per_million_tokens`].
    pub fn revenue_per_million_tokens(
        &self,
        price: GpuHourPrice,
        utilization: Decimal,
    ) -> Result<Usd, FacilityError> {
        let millions = self.tokens_per_hour(utilization)? / Decimal::from(1_000_000);
        Ok(Usd::new(price.value()).checked_div(millions)?)
    }
}

#[cfg(test)]
mod tests;
