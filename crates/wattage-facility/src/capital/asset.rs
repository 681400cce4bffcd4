//! An asset: what was bought, for whom, when, for how much, and how it is
//! written off, resold and replaced.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use wattage_units::money::to_decimal;
use wattage_units::{CapexPerMw, HashEfficiency, Hashrate, Power, Usd, unit};

use super::resale::ResaleCurve;
use crate::FacilityError;

/// Longest book life accepted, in months (100 years).
pub const MAX_LIFE_MONTHS: i64 = 1_200;

/// What an asset is: the physical facts its price and resale value need.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum AssetKind {
    /// ASIC miners: how many, their total hashrate and their efficiency.
    Miners {
        /// Machines.
        units: u32,
        /// Total hashrate of the machines.
        hashrate: Hashrate,
        /// Their efficiency (for the resale tier).
        efficiency: HashEfficiency,
    },
    /// GPUs or GPU systems (with their share of servers and network).
    Gpus {
        /// GPUs.
        units: u32,
    },
    /// Site infrastructure: electrical, cooling, building, by the
    /// capacity it serves.
    Infrastructure {
        /// The IT capacity it serves (a hall's, say).
        capacity: Power,
    },
}

/// How one purchase of an asset is priced.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Price {
    /// The whole purchase.
    Total(Usd),
    /// Per unit (miners or GPUs).
    PerUnit(Usd),
    /// Dollars per TH/s of hashrate (miners).
    PerTerahash(Decimal),
    /// Per MW of capacity (infrastructure).
    PerMegawatt(CapexPerMw),
}

/// What an asset fetches when it is sold before the horizon ends (a
/// refresh replacing it, a retrofit selling it).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Resale {
    /// Its book value on the day (no gain or loss on sale).
    BookValue,
    /// The used-miner market's price on the day (miners only).
    Curve(ResaleCurve),
    /// Nothing: scrapped.
    Scrap,
}

/// Replacing an asset, at a price of the new purchase: the old one is sold
/// (by the asset's [`Resale`] rule) the day the new one is bought, and the
/// new one is written off over the same life to a residual in the same
/// proportion to its cost.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Refresh {
    /// At every end of life, for as long as the plan runs.
    EndOfLife {
        /// The price of each replacement.
        price: Price,
    },
    /// Once, on a date.
    On {
        /// The day of the replacement.
        date: NaiveDate,
        /// The price of the replacement.
        price: Price,
    },
}

/// Whom an asset serves: its depreciation is charged to that workload
/// (or those, in turn: a fleet moved to another hall), or to a hall or the
/// site as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Serves {
    /// One workload, by name.
    Workload(String),
    /// Several workloads in turn (a fleet that moved halls), by name.
    Workloads(Vec<String>),
    /// A hall's infrastructure, by the hall's name.
    Hall(String),
    /// The whole site (substation, offices).
    Site,
}

impl Serves {
    /// Whether it serves the workload named `name`.
    #[must_use]
    pub fn workload(&self, name: &str) -> bool {
        match self {
            Self::Workload(w) => w == name,
            Self::Workloads(ws) => ws.iter().any(|w| w == name),
            Self::Hall(_) | Self::Site => false,
        }
    }
}

/// An [`Asset`] by its fields; [`Asset::new`] (and deserialization)
/// validate them.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct AssetSpec {
    /// A name for reports and errors, unique in a deployment.
    pub name: String,
    /// Whom it serves.
    pub serves: Serves,
    /// What it is.
    pub kind: AssetKind,
    /// The price of the first purchase.
    pub price: Price,
    /// The day it is bought and put in service.
    pub purchased: NaiveDate,
    /// Book life in months (1 to 1,200), straight line.
    pub life_months: i64,
    /// Book residual (salvage) at the end of its life, at most its cost.
    pub residual: Usd,
    /// What it sells for before the plan ends.
    pub resale: Resale,
    /// Replacement, if any.
    #[cfg_attr(feature = "serde", serde(default))]
    pub refresh: Option<Refresh>,
    /// The day it is sold for good (a retrofit's construction start), if
    /// any: no refresh after it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sold_on: Option<NaiveDate>,
}

/// One purchase of an asset: the first, or a refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Vintage {
    /// The day it was bought and put in service.
    pub purchased: NaiveDate,
    /// What it cost.
    pub cost: Usd,
    /// Its book residual at the end of life.
    pub residual: Usd,
    /// Book life in months.
    pub life_months: u32,
    /// The day it was sold (replaced or disposed of), if before the date
    /// the vintages were asked up to.
    pub sold: Option<NaiveDate>,
}

/// A purchase of hardware or infrastructure, written off straight-line
/// over its book life to its residual (total depreciation = cost −
/// residual, none after the end of life), sold at its [`Resale`] value when
/// replaced or disposed of, and replaced on its [`Refresh`] rule.
///
/// ```
/// // Needs wattage-facility, chrono (in the wattage facade: wattage::facility, wattage::chrono).
/// use wattage_facility::capital::{Asset, AssetKind, AssetSpec, Price, Resale, Serves};
/// use chrono::NaiveDate;
///
/// // 10,000 S21 XP (2.7 EH/s at 13.5 J/TH) at $12 per TH/s, three years.
/// let miners = Asset::new(AssetSpec {
///     name: "S21 XP fleet".into(),
///     serves: Serves::Workload("fleet".into()),
///     kind: AssetKind::Miners { units: 10_000, hashrate: "2.7 EH/s".parse()?, efficiency: "13.5 J/TH".parse()? },
///     price: Price::PerTerahash(12.into()),
///     purchased: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
///     life_months: 36,
///     residual: "$0".parse()?,
///     resale: Resale::BookValue,
///     refresh: None,
///     sold_on: None,
/// })?;
/// assert_eq!(miners.cost()?.to_string(), "$32,400,000");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AssetSpec", into = "AssetSpec"))]
pub struct Asset {
    spec: AssetSpec,
    life_months: u32,
}

impl Asset {
    /// An asset on `spec`'s terms.
    ///
    /// # Errors
    /// [`FacilityError::AssetLife`] for a life of zero, negative or over
    /// 1,200 months; [`FacilityError::ResidualAboveCost`] for a residual
    /// above the first purchase's cost (or a negative one);
    /// [`FacilityError::RefreshBeforePurchase`] for a refresh (or a sale)
    /// dated before the purchase; [`FacilityError::InvalidAsset`] for a
    /// blank name, a price basis the kind cannot use, a resale curve for
    /// anything but miners, or a negative price.
    pub fn new(spec: AssetSpec) -> Result<Self, FacilityError> {
        if spec.name.trim().is_empty() {
            return Err(FacilityError::BlankName {
                what: "asset",
                name: spec.name,
            });
        }
        let life_months = u32::try_from(spec.life_months)
            .ok()
            .filter(|m| *m > 0 && i64::from(*m) <= MAX_LIFE_MONTHS)
            .ok_or_else(|| FacilityError::AssetLife {
                asset: spec.name.clone(),
                months: spec.life_months,
            })?;
        let cost = price_of(&spec.name, spec.kind, spec.price)?;
        if spec.residual.is_negative() || spec.residual.dollars() > cost.dollars() {
            return Err(FacilityError::ResidualAboveCost {
                asset: spec.name.clone(),
                residual: spec.residual,
                cost,
            });
        }
        let dates = [
            match spec.refresh {
                Some(Refresh::On { date, price }) => {
                    price_of(&spec.name, spec.kind, price)?;
                    Some(date)
                }
                Some(Refresh::EndOfLife { price }) => {
                    price_of(&spec.name, spec.kind, price)?;
                    None
                }
                None => None,
            },
            spec.sold_on,
        ];
        if let Some(date) = dates.into_iter().flatten().find(|d| *d < spec.purchased) {
            return Err(FacilityError::RefreshBeforePurchase {
                asset: spec.name.clone(),
                date,
                purchased: spec.purchased,
            });
        }
        if matches!(spec.resale, Resale::Curve(_)) && !matches!(spec.kind, AssetKind::Miners { .. })
        {
            return Err(invalid(
                &spec.name,
                "a resale curve prices miners only",
                "not miners",
            ));
        }
        Ok(Self { spec, life_months })
    }

    /// The asset's terms.
    #[must_use]
    pub const fn spec(&self) -> &AssetSpec {
        &self.spec
    }

    /// Its name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.spec.name
    }

    /// Whom it serves.
    #[must_use]
    pub const fn serves(&self) -> &Serves {
        &self.spec.serves
    }

    /// What it is.
    #[must_use]
    pub const fn kind(&self) -> AssetKind {
        self.spec.kind
    }

    /// Book life in months.
    #[must_use]
    pub const fn life_months(&self) -> u32 {
        self.life_months
    }

    /// The cost of the first purchase.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn cost(&self) -> Result<Usd, FacilityError> {
        price_of(&self.spec.name, self.spec.kind, self.spec.price)
    }

    /// The same asset, sold for good on `date` (no purchase or refresh on
    /// or after it).
    ///
    /// # Errors
    /// [`FacilityError::RefreshBeforePurchase`] for a date before the
    /// purchase.
    pub fn sold_on(&self, date: NaiveDate) -> Result<Self, FacilityError> {
        let mut spec = self.spec.clone();
        spec.sold_on = Some(spec.sold_on.map_or(date, |d| d.min(date)));
        Self::new(spec)
    }

    /// The same asset serving `serves` instead.
    #[must_use]
    pub fn serving(&self, serves: Serves) -> Self {
        let mut out = self.clone();
        out.spec.serves = serves;
        out
    }

    /// Every purchase made before `until` (the first one, and refreshes),
    /// in date order, each with the day it was sold if that is before
    /// `until`.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn vintages(&self, until: NaiveDate) -> Result<Vec<Vintage>, FacilityError> {
        let end = self.spec.sold_on.map_or(until, |s| s.min(until));
        let first_cost = self.cost()?;
        let vintage = |purchased, price| -> Result<Vintage, FacilityError> {
            let cost = price_of(&self.spec.name, self.spec.kind, price)?;
            let residual = if first_cost.dollars().is_zero() {
                Usd::ZERO
            } else {
                self.spec.residual.checked_mul(cost.ratio(first_cost)?)?
            };
            Ok(Vintage {
                purchased,
                cost,
                residual,
                life_months: self.life_months,
                sold: None,
            })
        };
        let mut out = Vec::new();
        if self.spec.purchased >= end {
            return Ok(out);
        }
        out.push(vintage(self.spec.purchased, self.spec.price)?);
        match self.spec.refresh {
            Some(Refresh::On { date, price }) if date < end => out.push(vintage(date, price)?),
            Some(Refresh::EndOfLife { price }) => {
                let mut at = self.spec.purchased;
                while let Some(next) = at.checked_add_months(Months::new(self.life_months)) {
                    if next >= end {
                        break;
                    }
                    out.push(vintage(next, price)?);
                    at = next;
                }
            }
            _ => {}
        }
        let starts: Vec<NaiveDate> = out.iter().map(|v| v.purchased).collect();
        for (v, next) in out
            .iter_mut()
            .zip(starts.iter().skip(1).map(Some).chain([None]))
        {
            v.sold = next.copied().or(self.spec.sold_on.filter(|s| *s < until));
        }
        Ok(out)
    }

    /// What the vintage `v` of this asset fetches if sold on `at`.
    ///
    /// # Errors
    /// [`FacilityError::Finance`] or [`FacilityError::Money`] when a value
    /// cannot be computed.
    pub fn resale_value(&self, v: &Vintage, at: NaiveDate) -> Result<Usd, FacilityError> {
        match (&self.spec.resale, self.spec.kind) {
            (Resale::Scrap, _) => Ok(Usd::ZERO),
            (
                Resale::Curve(curve),
                AssetKind::Miners {
                    hashrate,
                    efficiency,
                    ..
                },
            ) => curve.value(hashrate, efficiency, at),
            _ => super::book::book_value_at(v, at),
        }
    }
}

fn invalid(asset: &str, what: &'static str, value: impl Into<String>) -> FacilityError {
    FacilityError::InvalidAsset {
        asset: asset.into(),
        what,
        value: value.into(),
    }
}

/// The cost of one purchase of an asset of `kind` at `price`.
fn price_of(asset: &str, kind: AssetKind, price: Price) -> Result<Usd, FacilityError> {
    let per = |each: Usd, n: Decimal| -> Result<Usd, FacilityError> {
        if each.is_negative() {
            return Err(invalid(
                asset,
                "a price must not be negative",
                alloc::format!("{each}"),
            ));
        }
        Ok(each.checked_mul(n)?)
    };
    match (price, kind) {
        (Price::Total(total), _) => per(total, Decimal::ONE),
        (Price::PerUnit(each), AssetKind::Miners { units, .. } | AssetKind::Gpus { units }) => {
            per(each, Decimal::from(units))
        }
        (Price::PerTerahash(usd), AssetKind::Miners { hashrate, .. }) => {
            let th = to_decimal("hashrate in TH/s", hashrate.get(unit::TERAHASH_PER_SECOND))?;
            per(Usd::new(usd), th)
        }
        (Price::PerMegawatt(rate), AssetKind::Infrastructure { capacity }) => {
            Ok(rate.capex(capacity)?)
        }
        (Price::PerUnit(_), _) => Err(invalid(
            asset,
            "a price per unit needs miners or GPUs",
            "infrastructure",
        )),
        (Price::PerTerahash(_), _) => Err(invalid(
            asset,
            "a price per TH/s needs miners",
            "not miners",
        )),
        (Price::PerMegawatt(_), _) => Err(invalid(
            asset,
            "a price per MW needs infrastructure",
            "not infrastructure",
        )),
    }
}

impl TryFrom<AssetSpec> for Asset {
    type Error = FacilityError;

    fn try_from(spec: AssetSpec) -> Result<Self, FacilityError> {
        Self::new(spec)
    }
}

impl From<Asset> for AssetSpec {
    fn from(asset: Asset) -> Self {
        asset.spec
    }
}
