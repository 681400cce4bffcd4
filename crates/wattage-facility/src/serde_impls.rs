//! Serde: every type deserializes through its validating constructor.
//!
//! Each `Raw*` struct is the type as written; `TryFrom` runs the same
//! checks as the constructor, so a value read from a file is as valid as
//! one built in code.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{DateTime, Utc};
use wattage_units::{EnergyPrice, Power, Usd};

use crate::FacilityError;
use crate::power::{DemandCharge, FourCp, PowerSupply};
use crate::price_series::{PriceSeries, Resolution};
use crate::pue::Pue;
use crate::site::{Hall, Site};

/// [`Pue`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RawPue {
    Constant(f64),
    Hourly {
        start: DateTime<Utc>,
        values: Vec<f64>,
    },
}

impl TryFrom<RawPue> for crate::pue::Kind {
    type Error = FacilityError;

    fn try_from(raw: RawPue) -> Result<Self, FacilityError> {
        let pue = match raw {
            RawPue::Constant(value) => Pue::constant(value)?,
            RawPue::Hourly { start, values } => Pue::hourly(start, values)?,
        };
        Ok(pue.into_kind())
    }
}

/// [`Hall`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHall {
    name: String,
    it_capacity: Power,
    pue: Pue,
}

impl TryFrom<RawHall> for Hall {
    type Error = FacilityError;

    fn try_from(raw: RawHall) -> Result<Self, FacilityError> {
        Self::new(raw.name, raw.it_capacity, raw.pue)
    }
}

/// [`Site`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    name: String,
    interconnect: Power,
    halls: Vec<Hall>,
}

impl TryFrom<RawSite> for Site {
    type Error = FacilityError;

    fn try_from(raw: RawSite) -> Result<Self, FacilityError> {
        let mut site = Self::new(raw.name, raw.interconnect)?;
        for hall in raw.halls {
            site.add_hall(hall)?;
        }
        Ok(site)
    }
}

/// [`PowerSupply`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
pub(crate) enum RawSupply {
    Fixed(EnergyPrice),
    Index {
        prices: PriceSeries,
        adder: EnergyPrice,
    },
}

impl TryFrom<RawSupply> for PowerSupply {
    type Error = FacilityError;

    fn try_from(raw: RawSupply) -> Result<Self, FacilityError> {
        match raw {
            RawSupply::Fixed(price) => Ok(Self::fixed(price)),
            RawSupply::Index { prices, adder } => Ok(Self::index(prices, adder)),
        }
    }
}

/// [`DemandCharge`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDemandCharge {
    per_kw_month: Usd,
}

impl TryFrom<RawDemandCharge> for DemandCharge {
    type Error = FacilityError;

    fn try_from(raw: RawDemandCharge) -> Result<Self, FacilityError> {
        Self::per_kw_month(raw.per_kw_month)
    }
}

/// [`FourCp`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFourCp {
    intervals: [DateTime<Utc>; 4],
}

impl TryFrom<RawFourCp> for FourCp {
    type Error = FacilityError;

    fn try_from(raw: RawFourCp) -> Result<Self, FacilityError> {
        Self::new(raw.intervals)
    }
}

/// [`PriceSeries`] as read.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSeries {
    start: DateTime<Utc>,
    resolution: Resolution,
    prices: Vec<EnergyPrice>,
}

impl TryFrom<RawSeries> for PriceSeries {
    type Error = FacilityError;

    fn try_from(raw: RawSeries) -> Result<Self, FacilityError> {
        Self::new(raw.start, raw.resolution, raw.prices)
    }
}

/// `Decimal::ONE`, the default of shares that are whole unless given.
pub(crate) const fn one() -> rust_decimal::Decimal {
    rust_decimal::Decimal::ONE
}
