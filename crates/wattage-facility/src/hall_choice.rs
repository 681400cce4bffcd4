//! One hall, two ways to earn from it: lease it to an AI tenant, or fill
//! it with a GPU cloud of one's own. [`lease_or_cloud`] puts the two side
//! by side, lease year by lease year.
//!
//! A sketch, not a simulation: power is bought at one flat price, both
//! loads run at full power every hour (no curtailment, no demand charges),
//! and the cloud's only costs are its power and straight-line
//! depreciation (no staff, network or financing). For hourly prices and
//! the full P&L, assign both to a site and run [`crate::simulate_site`] or
//! [`crate::compare`].

use alloc::vec::Vec;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, Power, Time, Usd, unit};

use crate::FacilityError;
use crate::lease::{ColocationLease, LeaseStructure};
use crate::pue::Pue;
use crate::schedule::overflow;
use crate::workload::GpuCloud;

/// One lease year of a hall, leased and as a GPU cloud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct HallYear {
    /// Lease year, from 0.
    pub year: u32,
    /// Rent due in the year.
    pub lease_rent: Usd,
    /// Power the landlord pays for the tenant: the leased critical IT at
    /// full load under a gross lease, nothing under triple-net.
    pub lease_power_cost: Usd,
    /// Rent less the power the landlord pays.
    pub lease_net: Usd,
    /// GPU-hours sold in the year.
    pub cloud_revenue: Usd,
    /// The cloud's power, at full load from commissioning.
    pub cloud_power_cost: Usd,
    /// Straight-line depreciation of the GPUs in the year (none after
    /// their life).
    pub cloud_depreciation: Usd,
    /// Revenue less power and depreciation.
    pub cloud_net: Usd,
}

fn month_cost(load: Power, pue: f64, hours: f64, price: EnergyPrice) -> Result<Usd, FacilityError> {
    let energy = load * pue * Time::new(hours, unit::HOUR)?;
    Ok(price.cost(energy)?)
}

/// The cloud's month index for the month starting `date`: months since its
/// commissioning (or since `lease_start` without a ramp); `None` before.
fn cloud_month(cloud: &GpuCloud, lease_start: NaiveDate, date: NaiveDate) -> Option<u32> {
    match cloud.ramp() {
        Some(ramp) => ramp.month_of(date),
        None => crate::cloud_ramp::months_between(lease_start, date),
    }
}

/// `years` lease years of the hall under `lease` and as `cloud`, both at
/// `pue` and a flat `power_price`. The months are the lease's, from its
/// start date; a month's hours are its days × 24. A ramped cloud counts
/// from the first lease month starting on or after its commissioning.
///
/// ```
/// // Needs wattage-facility, rust_decimal, chrono (in the wattage facade: wattage::facility, wattage::rust_decimal, wattage::chrono).
/// use chrono::NaiveDate;
/// use rust_decimal::Decimal;
/// use wattage_facility::hall_choice::lease_or_cloud;
/// use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
/// use wattage_facility::workload::{GpuCloud, GpuCloudSpec};
/// use wattage_facility::Pue;
///
/// // A 10 MW hall: leased at $150/kW/month triple-net, or 7,840 GPUs at 1.275 kW.
/// let lease = ColocationLease::new(LeaseSpec {
///     critical_it: "10 MW".parse()?, rate: "$150/kW/month".parse()?, escalator: Decimal::ZERO,
///     term_months: 120, start: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(), structure: LeaseStructure::TripleNet,
/// })?;
/// let cloud = GpuCloud::new(GpuCloudSpec {
///     accelerator: "NVIDIA H200 SXM".into(), count: 7_840, power_per_device: "1.275 kW".parse()?,
///     price: "$2.50/GPU-h".parse()?, utilization: Decimal::new(7, 1), capex_per_gpu: "$35,000".parse()?, life_years: 5,
/// })?;
/// let years = lease_or_cloud(&lease, &cloud, &Pue::constant(1.2)?, "$50/MWh".parse()?, 6)?;
/// assert_eq!(years[0].lease_net.to_string(), "$18,000,000");
/// // 2027 has 8,760 h: 7,840 × 0.7 × $2.50 × 8,760 = $120.2M of GPU-hours.
/// assert_eq!(years[0].cloud_revenue.to_string(), "$120,187,200");
/// assert!(years[0].cloud_net > years[0].lease_net); // with $54.9M of depreciation a year
/// assert!(years[5].cloud_depreciation.dollars().is_zero()); // after the GPUs' five years
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`FacilityError::Unsupported`] for an hourly PUE (use the simulation);
/// [`FacilityError::InvalidTerm`] for a year past the lease's term;
/// [`FacilityError::Money`] on overflow.
pub fn lease_or_cloud(
    lease: &ColocationLease,
    cloud: &GpuCloud,
    pue: &Pue,
    power_price: EnergyPrice,
    years: u32,
) -> Result<Vec<HallYear>, FacilityError> {
    let pue = pue.constant_value().ok_or(FacilityError::Unsupported {
        computation: "lease_or_cloud",
        what: "an hourly PUE",
    })?;
    (0..years)
        .map(|year| hall_year(lease, cloud, pue, power_price, year))
        .collect()
}

fn hall_year(
    lease: &ColocationLease,
    cloud: &GpuCloud,
    pue: f64,
    price: EnergyPrice,
    year: u32,
) -> Result<HallYear, FacilityError> {
    let mut row = HallYear {
        year,
        lease_rent: Usd::ZERO,
        lease_power_cost: Usd::ZERO,
        lease_net: Usd::ZERO,
        cloud_revenue: Usd::ZERO,
        cloud_power_cost: Usd::ZERO,
        cloud_depreciation: if year < cloud.life_years() {
            cloud.annual_depreciation()?
        } else {
            Usd::ZERO
        },
        cloud_net: Usd::ZERO,
    };
    let date = |m: u32| {
        lease
            .start()
            .checked_add_months(Months::new(m))
            .ok_or_else(|| overflow("lease month date"))
    };
    for month in year * 12..year * 12 + 12 {
        let (starts, ends) = (date(month)?, date(month + 1)?);
        let hours = (ends - starts).num_days() as f64 * 24.0;
        row.lease_rent = row.lease_rent.checked_add(lease.rent_in_month(month)?)?;
        if lease.structure() == LeaseStructure::Gross {
            let cost = month_cost(lease.critical_it(), pue, hours, price)?;
            row.lease_power_cost = row.lease_power_cost.checked_add(cost)?;
        }
        if let Some(m) = cloud_month(cloud, lease.start(), starts) {
            let revenue = cloud
                .revenue_per_hour_in_month(m)?
                .checked_mul(Decimal::from((ends - starts).num_days() * 24))?;
            row.cloud_revenue = row.cloud_revenue.checked_add(revenue)?;
            let cost = month_cost(cloud.it_power(), pue, hours, price)?;
            row.cloud_power_cost = row.cloud_power_cost.checked_add(cost)?;
        }
    }
    row.lease_net = row.lease_rent.checked_sub(row.lease_power_cost)?;
    row.cloud_net = row
        .cloud_revenue
        .checked_sub(row.cloud_power_cost)?
        .checked_sub(row.cloud_depreciation)?;
    Ok(row)
}
