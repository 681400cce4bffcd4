//! A GPU cloud of the operator's own.

use alloc::format;
use alloc::string::String;

use rust_decimal::Decimal;
use wattage_units::{GpuHourPrice, MoneyError, Power, Usd};

use crate::FacilityError;
use crate::cloud_ramp::{CloudRamp, GpuPriceStep, check_price_path, price_on_path};
use alloc::vec::Vec;
use rust_decimal::prelude::ToPrimitive;
use wattage_units::Btc;

use super::Model;
use crate::schedule::{Earning, LoadContext, RevenueRule, Terms, mul, overflow};

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
#[cfg_attr(feature = "serde", serde(try_from = "GpuCloudConfig"))]
pub struct GpuCloud {
    accelerator: String,
    count: u32,
    power_per_device: Power,
    price: GpuHourPrice,
    utilization: Decimal,
    capex_per_gpu: Usd,
    life_years: u32,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    ramp: Option<CloudRamp>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    price_path: Vec<GpuPriceStep>,
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
            ramp: None,
            price_path: Vec::new(),
        })
    }

    /// The same cloud commissioned on `ramp`'s date, its utilization rising
    /// from the ramp's initial one to [`Self::utilization`] and its price
    /// falling from [`Self::price`] to the ramp's floor. The cloud is live
    /// from commissioning; its revenue is one step a day.
    ///
    /// ```
    /// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use wattage_facility::cloud_ramp::{CloudRamp, CloudRampSpec};
    /// use wattage_facility::workload::{GpuCloud, GpuCloudSpec};
    ///
    /// let cloud = GpuCloud::new(GpuCloudSpec {
    ///     accelerator: "NVIDIA H200 SXM".into(), count: 1_024, power_per_device: "1.275 kW".parse()?,
    ///     price: "$3/GPU-h".parse()?, utilization: Decimal::new(8, 1), capex_per_gpu: "$35,000".parse()?, life_years: 5,
    /// })?;
    /// let ramp = CloudRamp::new(CloudRampSpec {
    ///     commissioned: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), initial_utilization: Decimal::new(3, 1),
    ///     ramp_months: 5, annual_price_decline: Decimal::new(15, 2), price_floor: "$1.80/GPU-h".parse()?,
    /// })?;
    /// let cloud = cloud.with_ramp(ramp)?;
    /// // Month 2: 30 % + 2/5 of the way to 80 % = 50 %, at $3: 1,024 × 0.5 × $3.
    /// assert_eq!(cloud.revenue_per_hour_in_month(2)?.to_string(), "$1,536");
    /// // Year 2: 80 % at $3 × 0.85.
    /// assert_eq!(cloud.revenue_per_hour_in_month(12)?.to_string(), "$2,088.96");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::InvalidShare`] for an initial utilization above the
    /// steady one; [`FacilityError::InvalidTerm`] for a floor above the
    /// starting price.
    pub fn with_ramp(mut self, ramp: CloudRamp) -> Result<Self, FacilityError> {
        if ramp.spec().initial_utilization > self.utilization {
            return Err(FacilityError::InvalidShare {
                what: "initial GPU utilization (at most the steady utilization)",
                value: ramp.spec().initial_utilization,
            });
        }
        if ramp.spec().price_floor > self.price {
            return Err(FacilityError::InvalidTerm {
                what: "GPU-hour price floor",
                value: format!(
                    "{} (above the starting price {})",
                    ramp.spec().price_floor,
                    self.price
                ),
            });
        }
        self.ramp = Some(ramp);
        Ok(self)
    }

    /// The commissioning ramp, if set.
    #[must_use]
    pub const fn ramp(&self) -> Option<&CloudRamp> {
        self.ramp.as_ref()
    }

    /// The same cloud renting along `path`: from each step's month since
    /// commissioning on, at its price ([`Self::price`] before the first
    /// step). The path replaces the ramp's annual decline and floor; the
    /// ramp's utilization still applies. Set the ramp first: the path
    /// counts months from its commissioning date.
    ///
    /// ```
    /// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
    /// use chrono::NaiveDate;
    /// use rust_decimal::Decimal;
    /// use wattage_facility::cloud_ramp::{CloudRamp, CloudRampSpec, GpuPriceStep};
    /// use wattage_facility::workload::{GpuCloud, GpuCloudSpec};
    ///
    /// let cloud = GpuCloud::new(GpuCloudSpec {
    ///     accelerator: "NVIDIA H100 SXM".into(), count: 1_000, power_per_device: "1.275 kW".parse()?,
    ///     price: "$7/GPU-h".parse()?, utilization: Decimal::ONE, capex_per_gpu: "$30,000".parse()?, life_years: 5,
    /// })?;
    /// let ramp = CloudRamp::new(CloudRampSpec {
    ///     commissioned: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(), initial_utilization: Decimal::ONE,
    ///     ramp_months: 0, annual_price_decline: Decimal::ZERO, price_floor: "$0/GPU-h".parse()?,
    /// })?;
    /// // The H100's rent as it fell: $7 in early 2024, $4 from 2025, $2.95 from mid-2026.
    /// let path = vec![
    ///     GpuPriceStep { from_month: 12, price: "$4/GPU-h".parse()? },
    ///     GpuPriceStep { from_month: 29, price: "$2.95/GPU-h".parse()? },
    /// ];
    /// let cloud = cloud.with_ramp(ramp)?.with_price_path(path)?;
    /// assert_eq!(cloud.revenue_per_hour_in_month(0)?.to_string(), "$7,000");
    /// assert_eq!(cloud.revenue_per_hour_in_month(20)?.to_string(), "$4,000");
    /// assert_eq!(cloud.revenue_per_hour_in_month(40)?.to_string(), "$2,950");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::InvalidTerm`] for a cloud without a ramp, or steps
    /// not in increasing month order or beyond 1,200 months.
    pub fn with_price_path(mut self, path: Vec<GpuPriceStep>) -> Result<Self, FacilityError> {
        if self.ramp.is_none() && !path.is_empty() {
            return Err(FacilityError::InvalidTerm {
                what: "GPU-hour price path",
                value: "a path without a commissioning ramp (set with_ramp first)".into(),
            });
        }
        check_price_path(&path)?;
        self.price_path = path;
        Ok(self)
    }

    /// The $/GPU-hour path set by [`Self::with_price_path`] (whose example
    /// builds one), empty unless set.
    #[must_use]
    pub fn price_path(&self) -> &[GpuPriceStep] {
        &self.price_path
    }

    /// Revenue per hour in month `month` since commissioning: GPUs × the
    /// month's utilization × its price (the steady ones without a ramp).
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn revenue_per_hour_in_month(&self, month: u32) -> Result<Usd, FacilityError> {
        let Some(ramp) = &self.ramp else {
            return self.revenue_per_hour();
        };
        let price = if self.price_path.is_empty() {
            ramp.price_in_month(month, self.price)?
        } else {
            price_on_path(&self.price_path, month, self.price)
        };
        let utilization = ramp.utilization_in_month(month, self.utilization);
        Ok(Usd::new(price.value())
            .checked_mul(Decimal::from(self.count))?
            .checked_mul(utilization)?)
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
    /// every live period; with a ramp, live from commissioning and earning
    /// that month's rate, one step a day (see [`ramped`]).
    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        if let Some(ramp) = &self.ramp {
            return ramped(self, ramp, context);
        }
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

/// The ramped cloud's terms: live from commissioning (midnight UTC), its
/// revenue a step per day of the horizon, each day at the rate of the
/// month since commissioning it falls in.
fn ramped(
    cloud: &GpuCloud,
    ramp: &CloudRamp,
    context: &LoadContext<'_>,
) -> Result<Terms, FacilityError> {
    let horizon = context.horizon;
    let commissioned = ramp
        .spec()
        .commissioned
        .and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc())
        .ok_or_else(|| overflow("commissioning date"))?;
    let from = context.from.max(horizon.index_at_or_after(commissioned));
    let until = context.until.max(from);
    let per_step = (Decimal::from(24) / context.hours)
        .to_usize()
        .filter(|&n| n > 0)
        .ok_or_else(|| overflow("periods per day"))?;
    let first_step = from / per_step;
    let last_step = until.saturating_sub(1) / per_step;
    let values = (first_step..=last_step)
        .map(|step| {
            let date = horizon
                .checked_start_of(step * per_step)
                .ok_or_else(|| overflow("period start"))?
                .date_naive();
            let month = ramp.month_of(date).unwrap_or(0);
            let usd = mul(
                cloud.revenue_per_hour_in_month(month)?.dollars(),
                context.hours,
                "GPU revenue",
            )?;
            Ok(Earning {
                usd,
                btc: Btc::ZERO,
            })
        })
        .collect::<Result<Vec<_>, FacilityError>>()?;
    let mut terms = context.terms(
        RevenueRule::Stepped {
            values,
            per_step,
            first_step,
        },
        false,
    );
    terms.from = from;
    terms.until = until;
    Ok(terms)
}

/// A [`GpuCloud`] as a config file writes it: [`GpuCloudSpec`]'s fields
/// and optionally a `ramp`.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct GpuCloudConfig {
    accelerator: String,
    count: u32,
    power_per_device: Power,
    price: GpuHourPrice,
    utilization: Decimal,
    capex_per_gpu: Usd,
    life_years: u32,
    #[serde(default)]
    ramp: Option<CloudRamp>,
    #[serde(default)]
    price_path: Vec<GpuPriceStep>,
}

#[cfg(feature = "serde")]
impl TryFrom<GpuCloudConfig> for GpuCloud {
    type Error = FacilityError;

    fn try_from(c: GpuCloudConfig) -> Result<Self, FacilityError> {
        let cloud = Self::new(GpuCloudSpec {
            accelerator: c.accelerator,
            count: c.count,
            power_per_device: c.power_per_device,
            price: c.price,
            utilization: c.utilization,
            capex_per_gpu: c.capex_per_gpu,
            life_years: c.life_years,
        })?;
        let cloud = match c.ramp {
            Some(ramp) => cloud.with_ramp(ramp)?,
            None => cloud,
        };
        cloud.with_price_path(c.price_path)
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

#[cfg(test)]
mod tests;
