//! A GPU cloud of the operator's own.

use alloc::format;
use alloc::string::String;

use rust_decimal::Decimal;
use wattage_units::{GpuHourPrice, MoneyError, Power, Usd};

use crate::FacilityError;
use wattage_units::Btc;

use super::Model;
use crate::schedule::{Earning, LoadContext, RevenueRule, Terms, mul};

/// The operator's own GPU cloud: accelerators rented by the hour.
///
/// Revenue in a period is `GPUs × utilization × $/GPU-hour × hours`; the
/// load is the GPUs' system power per device (server, network and CPUs
/// included: a DGX H100 is 1.275 kW a GPU), drawn whether or not a GPU is
/// rented (a firm load). The GPUs cost `capex per GPU` each and depreciate
/// straight-line over `life_years`, a line below EBITDA.
///
/// ```
/// // Needs wattage-facility, wattage-hardware, wattage-units, rust_decimal (in the wattage facade: wattage::facility, wattage::hardware, wattage::units, wattage::rust_decimal).
/// use rust_decimal::Decimal;
/// use wattage_facility::workload::{GpuCloud, GpuCloudSpec};
/// use wattage_hardware::catalog;
/// use wattage_units::unit;
///
/// let h100 = catalog::accelerator("H100 SXM")?;
/// let cloud = GpuCloud::new(GpuCloudSpec {
///     accelerator: h100.name().into(),
///     count: 8_192,
///     power_per_device: catalog::system("DGX H100")?.power_per_device(),
///     price: "$2.95/GPU-h".parse()?,
///     utilization: Decimal::new(70, 2), // 70% rented
///     capex_per_gpu: "$30,000".parse()?, // with its share of the server
///     life_years: 5,
/// })?;
/// assert_eq!(format!("{:.4}", cloud.it_power().get(unit::MEGAWATT)), "10.4448");
/// assert_eq!(cloud.capex()?.to_string(), "$245,760,000");
/// assert_eq!(cloud.annual_depreciation()?.to_string(), "$49,152,000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "GpuCloudSpec"))]
pub struct GpuCloud {
    accelerator: String,
    count: u32,
    power_per_device: Power,
    price: GpuHourPrice,
    utilization: Decimal,
    capex_per_gpu: Usd,
    life_years: u32,
}

impl GpuCloud {
    /// `count` accelerators named `accelerator`, each drawing
    /// `power_per_device` of system power, rented at `price` for
    /// `utilization` (0 to 1) of the hours, bought for `capex_per_gpu` and
    /// depreciated over `life_years`.
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for no GPUs or a life of zero or
    /// over 50 years; [`FacilityError::InvalidPower`] for a non-positive
    /// power; [`FacilityError::InvalidShare`] for a utilization outside
    /// 0..=1; [`FacilityError::Money`] for a negative capex.
    pub fn new(spec: GpuCloudSpec) -> Result<Self, FacilityError> {
        let GpuCloudSpec {
            accelerator,
            count,
            power_per_device,
            price,
            utilization,
            capex_per_gpu,
            life_years,
        } = spec;
        if count == 0 {
            return Err(FacilityError::InvalidTerm {
                what: "GPU count",
                value: format!("{count}"),
            });
        }
        if life_years == 0 || life_years > 50 {
            return Err(FacilityError::InvalidTerm {
                what: "GPU depreciation life in years (1 to 50)",
                value: format!("{life_years}"),
            });
        }
        super::positive_power("system power per GPU", power_per_device)?;
        if utilization < Decimal::ZERO || utilization > Decimal::ONE {
            return Err(FacilityError::InvalidShare {
                what: "GPU utilization",
                value: utilization,
            });
        }
        if capex_per_gpu.is_negative() {
            return Err(MoneyError::Negative {
                what: "GPU capex",
                value: capex_per_gpu.dollars(),
            }
            .into());
        }
        Ok(Self {
            accelerator,
            count,
            power_per_device,
            price,
            utilization,
            capex_per_gpu,
            life_years,
        })
    }

    /// The accelerator's name.
    #[must_use]
    pub fn accelerator(&self) -> &str {
        &self.accelerator
    }

    /// Number of GPUs.
    #[must_use]
    pub const fn count(&self) -> u32 {
        self.count
    }

    /// System power per GPU.
    #[must_use]
    pub const fn power_per_device(&self) -> Power {
        self.power_per_device
    }

    /// IT power of the whole cloud: GPUs × power per device.
    #[must_use]
    pub fn it_power(&self) -> Power {
        self.power_per_device * f64::from(self.count)
    }

    /// Price per GPU-hour.
    #[must_use]
    pub const fn price(&self) -> GpuHourPrice {
        self.price
    }

    /// Share of GPU-hours sold.
    #[must_use]
    pub const fn utilization(&self) -> Decimal {
        self.utilization
    }

    /// Capex per GPU.
    #[must_use]
    pub const fn capex_per_gpu(&self) -> Usd {
        self.capex_per_gpu
    }

    /// Depreciation life in years.
    #[must_use]
    pub const fn life_years(&self) -> u32 {
        self.life_years
    }

    /// Total GPU capex: count × capex per GPU.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn capex(&self) -> Result<Usd, FacilityError> {
        Ok(self.capex_per_gpu.checked_mul(Decimal::from(self.count))?)
    }

    /// Straight-line depreciation per year: capex / life.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn annual_depreciation(&self) -> Result<Usd, FacilityError> {
        Ok(self.capex()?.checked_div(Decimal::from(self.life_years))?)
    }

    /// Revenue per hour: GPUs × utilization × price, exact.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn revenue_per_hour(&self) -> Result<Usd, FacilityError> {
        Ok(Usd::new(self.price.value())
            .checked_mul(Decimal::from(self.count))?
            .checked_mul(self.utilization)?)
    }
}

impl Model for GpuCloud {
    fn kind(&self) -> &'static str {
        "GPU cloud"
    }

    fn it_power(&self) -> Power {
        GpuCloud::it_power(self)
    }

    fn interruptible(&self) -> bool {
        false
    }

    /// Lowers the cloud: firm, earning GPUs × utilization × $/GPU-h × hours
    /// every live period.
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        let usd = mul(
            self.revenue_per_hour()?.dollars(),
            context.hours,
            "GPU revenue",
        )?;
        Ok(context.terms(
            RevenueRule::Constant(Earning {
                usd,
                btc: Btc::ZERO,
            }),
            false,
        ))
    }
}

/// The terms of a [`GpuCloud`], by name. [`GpuCloud::new`] (and
/// deserialization, and `TryFrom`) validate them. For a catalog
/// accelerator in a catalog system, `accelerator` is its name and
/// `power_per_device` the system's power per device.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct GpuCloudSpec {
    /// The accelerator's name.
    pub accelerator: String,
    /// Number of GPUs.
    pub count: u32,
    /// System power per GPU (server, network and CPUs included).
    pub power_per_device: Power,
    /// Rent per GPU-hour.
    pub price: GpuHourPrice,
    /// Share of hours rented, 0 to 1.
    pub utilization: Decimal,
    /// Purchase price per GPU, with its share of the server.
    pub capex_per_gpu: Usd,
    /// Straight-line depreciation life, years (1 to 50).
    pub life_years: u32,
}

impl TryFrom<GpuCloudSpec> for GpuCloud {
    type Error = FacilityError;

    fn try_from(spec: GpuCloudSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}
