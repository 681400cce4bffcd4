//! Tax depreciation of a plan's assets by calendar year: MACRS (with
//! bonus) or the book straight line, and the taxable gain when a vintage
//! is sold.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wattage_finance::macrs::{MacrsClass, macrs_schedule};
use wattage_units::Usd;

use super::asset::{Asset, AssetKind, Vintage};
use super::book;
use crate::FacilityError;

/// How an asset is depreciated for tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(deny_unknown_fields, rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum TaxDepreciation {
    /// As in the books: straight line over the book life.
    Book,
    /// MACRS, half-year convention (IRS Publication 946, Table A-1), with
    /// `bonus` (a fraction, 0 to 1) of the basis in the first year.
    Macrs {
        /// The property class.
        class: MacrsClass,
        /// Bonus depreciation, a fraction of the basis.
        bonus: Decimal,
    },
}

/// The tax treatment of each kind of asset.
///
/// The default is MACRS without bonus: 5-year property for miners and
/// GPUs (computers and data-processing equipment, Publication 946), and
/// 15-year property for site infrastructure (an assumption: electrical
/// and cooling plant are often 15- to 20-year property, buildings 39-year
/// real property, which Table A-1 does not cover). Bonus depreciation is
/// the law of the year the asset is acquired: 100% for property acquired
/// and placed in service after 19 January 2025 (the 2025 budget act, "One
/// Big Beautiful Bill", made it permanent); 80% in 2023, 60% in 2024 under
/// the 2017 act's phase-down. Set it for your dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct TaxDepreciationSpec {
    /// ASIC miners.
    pub miners: TaxDepreciation,
    /// GPUs and GPU systems.
    pub gpus: TaxDepreciation,
    /// Electrical, cooling, buildings.
    pub infrastructure: TaxDepreciation,
}

impl Default for TaxDepreciationSpec {
    fn default() -> Self {
        let five = TaxDepreciation::Macrs {
            class: MacrsClass::FiveYear,
            bonus: Decimal::ZERO,
        };
        Self {
            miners: five,
            gpus: five,
            infrastructure: TaxDepreciation::Macrs {
                class: MacrsClass::FifteenYear,
                bonus: Decimal::ZERO,
            },
        }
    }
}

impl TaxDepreciationSpec {
    /// The treatment of `asset`.
    #[must_use]
    pub const fn of(&self, asset: &Asset) -> TaxDepreciation {
        match asset.kind() {
            AssetKind::Miners { .. } => self.miners,
            AssetKind::Gpus { .. } => self.gpus,
            AssetKind::Infrastructure { .. } => self.infrastructure,
        }
    }
}

/// What one calendar year's taxes see of the assets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct TaxAssetYear {
    /// Tax depreciation of the year.
    pub depreciation: Usd,
    /// Proceeds − remaining tax basis of vintages sold in the year (a
    /// loss when negative).
    pub gain: Usd,
}

fn add(
    map: &mut BTreeMap<i32, TaxAssetYear>,
    year: i32,
    dep: Usd,
    gain: Usd,
) -> Result<(), FacilityError> {
    let row = map.entry(year).or_default();
    row.depreciation = row.depreciation.checked_add(dep)?;
    row.gain = row.gain.checked_add(gain)?;
    Ok(())
}

/// The vintage's tax depreciation by calendar year, before the year it is
/// sold (nothing is deducted in the year of sale: a simplification of the
/// half-year convention's half year).
fn vintage_years(
    v: &Vintage,
    treatment: TaxDepreciation,
) -> Result<Vec<(i32, Usd)>, FacilityError> {
    let first = v.purchased.year();
    let stop = v.sold.map_or(i32::MAX, |s| s.year());
    let mut out = Vec::new();
    match treatment {
        TaxDepreciation::Macrs { class, bonus } => {
            let basis = v.cost;
            for (k, amount) in macrs_schedule(basis, class, bonus)?.into_iter().enumerate() {
                let year = first.saturating_add(i32::try_from(k).unwrap_or(i32::MAX));
                if year < stop {
                    out.push((year, amount));
                }
            }
        }
        TaxDepreciation::Book => {
            let line = book::line(v)?;
            let mut year = first;
            while year < stop
                && NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d < line.end_of_life())
            {
                let (Some(from), Some(to)) = (
                    NaiveDate::from_ymd_opt(year, 1, 1),
                    NaiveDate::from_ymd_opt(year.saturating_add(1), 1, 1),
                ) else {
                    break;
                };
                out.push((year, line.expense_between(from, to)?));
                year = year.saturating_add(1);
            }
        }
    }
    Ok(out)
}

/// Tax depreciation and gains on sale of `assets` by calendar year, for
/// vintages bought before `until`; `proceeds` gives the sale price of a
/// vintage sold.
pub(crate) fn tax_years(
    assets: &[Asset],
    treatments: &TaxDepreciationSpec,
    until: NaiveDate,
) -> Result<BTreeMap<i32, TaxAssetYear>, FacilityError> {
    let mut map = BTreeMap::new();
    for asset in assets {
        let treatment = treatments.of(asset);
        for v in asset.vintages(until)? {
            let years = vintage_years(&v, treatment)?;
            for &(year, amount) in &years {
                add(&mut map, year, amount, Usd::ZERO)?;
            }
            if let Some(sold) = v.sold {
                let taken = Usd::try_sum(years.iter().map(|(_, a)| *a))?;
                let basis_left = v.cost.checked_sub(taken)?;
                let gain = asset.resale_value(&v, sold)?.checked_sub(basis_left)?;
                add(&mut map, sold.year(), Usd::ZERO, gain)?;
            }
        }
    }
    Ok(map)
}
