//! Tax depreciation of a plan's assets by tax year (twelve months from a
//! first day, calendar years when it is 1 January): MACRS (with bonus) or
//! the book straight line, and the taxable gain when a vintage is sold.

use alloc::collections::BTreeMap;
use alloc::vec::Vec;

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use wattage_finance::debt::plan_year;
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

/// What one tax year's taxes see of the assets.
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

/// The first day of tax year `year` of years from `first_day`
/// (labelled as [`plan_year`]).
fn year_start(first_day: NaiveDate, year: i32) -> Option<NaiveDate> {
    let k = u32::try_from(year.checked_sub(first_day.year())?).ok()?;
    first_day.checked_add_months(Months::new(k.checked_mul(12)?))
}

/// The vintage's tax depreciation by tax year of twelve months from
/// `first_day`, through the year it is sold.
///
/// MACRS follows IRS Publication 946's half-year convention for a
/// disposal ("Figuring the Deduction for Property Disposed of Before the
/// End of the Recovery Period"): half of the year's table amount in the
/// year of sale (rounded to the cent, half away from zero), the table's
/// own amount when the sale falls in its last, already half, year, and
/// nothing (no bonus either) for property sold in the year it was
/// placed in service. The book straight line runs to the day of sale.
fn vintage_years(
    v: &Vintage,
    treatment: TaxDepreciation,
    first_day: NaiveDate,
) -> Result<Vec<(i32, Usd)>, FacilityError> {
    let first = plan_year(first_day, v.purchased);
    let stop = v.sold.map_or(i32::MAX, |s| plan_year(first_day, s));
    let mut out = Vec::new();
    match treatment {
        TaxDepreciation::Macrs { class, bonus } => {
            let schedule = macrs_schedule(v.cost, class, bonus)?;
            let last = schedule.len().saturating_sub(1);
            for (k, amount) in schedule.into_iter().enumerate() {
                let year = first.saturating_add(i32::try_from(k).unwrap_or(i32::MAX));
                if year < stop {
                    out.push((year, amount));
                } else if year == stop && k > 0 {
                    out.push((year, if k == last { amount } else { half(amount) }));
                }
            }
        }
        TaxDepreciation::Book => {
            let line = book::line(v)?;
            let mut year = first;
            while year <= stop
                && year_start(first_day, year).is_some_and(|d| d < line.end_of_life())
            {
                let (Some(from), Some(to)) = (
                    year_start(first_day, year),
                    year_start(first_day, year.saturating_add(1)),
                ) else {
                    break;
                };
                let to = v.sold.map_or(to, |sold| sold.min(to));
                out.push((year, line.expense_between(from, to)?));
                year = year.saturating_add(1);
            }
        }
    }
    Ok(out)
}

/// Half of `amount`, to the cent, half away from zero.
fn half(amount: Usd) -> Usd {
    Usd::new(
        (amount.dollars() / Decimal::TWO)
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
    )
}

/// Tax depreciation and gains on sale of `assets` by tax year of twelve
/// months from `first_day` ([`plan_year`]'s labels; calendar years from
/// a 1 January), for vintages bought before `until`. A tax year starting
/// on the plan's first day is a fiscal year: MACRS's half-year convention
/// applies to it as to a calendar year (Publication 946).
pub(crate) fn tax_years(
    assets: &[Asset],
    treatments: &TaxDepreciationSpec,
    until: NaiveDate,
    first_day: NaiveDate,
) -> Result<BTreeMap<i32, TaxAssetYear>, FacilityError> {
    let mut map = BTreeMap::new();
    for asset in assets {
        let treatment = treatments.of(asset);
        for v in asset.vintages(until)? {
            let years = vintage_years(&v, treatment, first_day)?;
            for &(year, amount) in &years {
                add(&mut map, year, amount, Usd::ZERO)?;
            }
            if let Some(sold) = v.sold {
                let taken = Usd::try_sum(years.iter().map(|(_, a)| *a))?;
                let basis_left = v.cost.checked_sub(taken)?;
                let gain = asset.resale_value(&v, sold)?.checked_sub(basis_left)?;
                add(&mut map, plan_year(first_day, sold), Usd::ZERO, gain)?;
            }
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::capital::{AssetSpec, Price, Resale, Serves};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn gpus(purchased: NaiveDate, sold_on: NaiveDate) -> Asset {
        Asset::new(AssetSpec {
            name: "GPUs".into(),
            serves: Serves::Workload("cloud".into()),
            kind: AssetKind::Gpus { units: 1 },
            price: Price::PerUnit(Usd::from_cents(10_000_000)),
            purchased,
            life_months: 60,
            residual: Usd::ZERO,
            resale: Resale::BookValue,
            refresh: None,
            sold_on: Some(sold_on),
        })
        .unwrap()
    }

    fn macrs(bonus: Decimal) -> TaxDepreciationSpec {
        TaxDepreciationSpec {
            gpus: TaxDepreciation::Macrs {
                class: MacrsClass::FiveYear,
                bonus,
            },
            ..TaxDepreciationSpec::default()
        }
    }

    fn deductions(asset: &Asset, spec: &TaxDepreciationSpec) -> Vec<(i32, Usd)> {
        tax_years(
            core::slice::from_ref(asset),
            spec,
            date(2040, 1, 1),
            date(2026, 1, 1),
        )
        .unwrap()
        .into_iter()
        .map(|(year, row)| (year, row.depreciation))
        .collect()
    }

    #[test]
    fn the_year_of_sale_takes_half_a_year_of_macrs() {
        // $100,000 of 5-year property (Pub 946 Table A-1: 20%, 32%, 19.2%,
        // ...), sold in its third year: half of 19.2% in that year.
        let asset = gpus(date(2026, 3, 1), date(2028, 6, 1));
        let years = deductions(&asset, &macrs(Decimal::ZERO));
        let cents: Vec<(i32, i64)> = years
            .iter()
            .map(|(y, a)| (*y, (a.dollars() * Decimal::ONE_HUNDRED).try_into().unwrap()))
            .collect();
        assert_eq!(
            cents,
            [(2026, 2_000_000), (2027, 3_200_000), (2028, 960_000)]
        );
    }

    #[test]
    fn property_sold_in_the_year_it_is_placed_in_service_deducts_nothing() {
        let asset = gpus(date(2026, 3, 1), date(2026, 11, 1));
        let years = deductions(&asset, &macrs(Decimal::ONE));
        assert!(years.iter().all(|(_, a)| *a == Usd::ZERO), "{years:?}");
    }

    #[test]
    fn the_book_line_runs_to_the_day_of_sale() {
        let asset = gpus(date(2026, 1, 1), date(2027, 1, 1));
        let book = TaxDepreciationSpec {
            gpus: TaxDepreciation::Book,
            ..TaxDepreciationSpec::default()
        };
        let total = Usd::try_sum(deductions(&asset, &book).into_iter().map(|(_, a)| a)).unwrap();
        // One year of a five-year straight line (by days: 365 of 1,826).
        let expected =
            (Decimal::from(100_000) * Decimal::from(365) / Decimal::from(1_826)).round_dp(2);
        assert!(
            (total.dollars() - expected).abs() <= Decimal::new(1, 2),
            "{total}"
        );
    }

    #[test]
    fn fiscal_years_from_the_first_day_take_the_half_year_convention() {
        // Bought 1 March 2026, sold 1 June 2028, tax years from 1 July:
        // placed in service in the year 2025 (July 2025 to June 2026), sold
        // in 2027 (July 2027 to June 2028), its third: half of 19.2%.
        let asset = gpus(date(2026, 3, 1), date(2028, 6, 1));
        let years: Vec<(i32, Usd)> = tax_years(
            core::slice::from_ref(&asset),
            &macrs(Decimal::ZERO),
            date(2040, 1, 1),
            date(2025, 7, 1),
        )
        .unwrap()
        .into_iter()
        .map(|(year, row)| (year, row.depreciation))
        .collect();
        let dollars = |d: i64| Usd::new(Decimal::from(d));
        assert_eq!(
            years,
            [
                (2025, dollars(20_000)),
                (2026, dollars(32_000)),
                (2027, dollars(9_600))
            ]
        );
    }
}
