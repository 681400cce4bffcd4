//! Capital: the assets a plan buys (miners, GPUs, site infrastructure),
//! their book depreciation, resale and refresh, and the financing and
//! taxes of a plan's cash flows.
//!
//! The finance itself (straight-line and MACRS depreciation, debt
//! schedules, taxes, NPV, IRR, XNPV) is `wattage-finance`'s; this module
//! says what a facility owns and when, and hands the dated amounts to it.
//! The book's chapter "Capital: assets, debt and taxes"
//! (`wattage::book::ch12_capital`) walks through all of it.
//!
//! - [`Asset`] (from an [`AssetSpec`]): a purchase with a book life,
//!   written off straight-line to its residual (never more than cost −
//!   residual, nothing after the end of life), sold at its [`Resale`]
//!   value, replaced on its [`Refresh`] rule; [`Vintage`]s are its
//!   purchases.
//! - [`ResaleCurve`]: the used-miner market, dollars per TH/s by J/TH tier.
//! - A [`Deployment`] holds its assets
//!   ([`Deployment::add_asset`](crate::Deployment::add_asset)); a GPU
//!   cloud's own GPUs are an asset of the plan without being listed (see
//!   [`plan_assets`]).

mod asset;
pub(crate) mod book;
pub mod financing;
mod resale;
mod tax_depreciation;

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use chrono::NaiveDate;
use wattage_units::Usd;

pub use asset::{
    Asset, AssetKind, AssetSpec, MAX_LIFE_MONTHS, Price, Refresh, Resale, Serves, Vintage,
};
pub use financing::{
    Discounting, FinancedYear, Financing, FinancingSpec, PlanFinance, Returns, TerminalValue,
};
pub use resale::{ResaleCurve, ResaleCurveSpec, ResaleTier};
pub use tax_depreciation::{TaxDepreciation, TaxDepreciationSpec};

use crate::FacilityError;
use crate::deployment::Deployment;
use crate::ledger::SiteLedger;
use crate::workload::Workload;

/// What happens to an asset on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum AssetEventKind {
    /// Bought (the first purchase or a refresh): money out.
    Purchase,
    /// Sold (replaced, or disposed of by a retrofit): money in.
    Sale,
}

/// A dated purchase or sale of one vintage of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AssetEvent {
    /// The asset's name.
    pub asset: String,
    /// The day.
    pub at: NaiveDate,
    /// Purchase or sale.
    pub kind: AssetEventKind,
    /// Price paid, or proceeds received (positive either way).
    pub amount: Usd,
    /// Book value of the vintage sold at the start of the day (zero for a
    /// purchase): proceeds − book value is the gain on sale.
    pub book_value: Usd,
    /// The vintage concerned.
    pub vintage: Vintage,
}

/// Every purchase and sale of `assets` before `until`, in date order.
///
/// # Errors
/// [`FacilityError::Money`] or [`FacilityError::Finance`] when an amount
/// cannot be computed.
pub fn events(assets: &[Asset], until: NaiveDate) -> Result<Vec<AssetEvent>, FacilityError> {
    let mut out = Vec::new();
    for asset in assets {
        for v in asset.vintages(until)? {
            out.push(AssetEvent {
                asset: asset.name().into(),
                at: v.purchased,
                kind: AssetEventKind::Purchase,
                amount: v.cost,
                book_value: Usd::ZERO,
                vintage: v,
            });
            if let Some(sold) = v.sold {
                out.push(AssetEvent {
                    asset: asset.name().into(),
                    at: sold,
                    kind: AssetEventKind::Sale,
                    amount: asset.resale_value(&v, sold)?,
                    book_value: book::book_value_at(&v, sold)?,
                    vintage: v,
                });
            }
        }
    }
    out.sort_by_key(|e| e.at);
    Ok(out)
}

/// Book depreciation of `asset` over the days from `from` up to `to`
/// (every vintage, each stopped at its end of life or its sale).
///
/// # Errors
/// As for [`events`].
pub fn depreciation_between(
    asset: &Asset,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Usd, FacilityError> {
    let mut total = Usd::ZERO;
    for v in asset.vintages(to)? {
        total = total.checked_add(book::expense_between(&v, from, to)?)?;
    }
    Ok(total)
}

/// The assets of a simulated plan: the deployment's own, and for each GPU
/// cloud that goes live and has no [`AssetKind::Gpus`] asset serving it,
/// its GPUs ([`GpuCloud::capex`](crate::GpuCloud::capex)) bought on its
/// first live day, written off over its life to nothing, kept at book
/// value, not refreshed (name: the workload's, with " GPUs").
///
/// # Errors
/// As for [`Asset::new`] and [`FacilityError::Money`].
pub fn plan_assets(
    ledger: &SiteLedger,
    deployment: &Deployment,
) -> Result<Vec<Asset>, FacilityError> {
    let mut assets: Vec<Asset> = deployment.assets().to_vec();
    for (index, name) in ledger.workload_names().iter().enumerate() {
        let Some(Workload::GpuCloud(g)) = deployment.assignment(name).map(|a| a.workload()) else {
            continue;
        };
        let listed = assets
            .iter()
            .any(|a| a.serves().workload(name) && matches!(a.kind(), AssetKind::Gpus { .. }));
        let first_live = ledger.workload_periods(index).position(|p| p.live);
        let Some(at) = first_live.and_then(|t| ledger.horizon().checked_start_of(t)) else {
            continue;
        };
        if listed {
            continue;
        }
        assets.push(Asset::new(AssetSpec {
            name: format!("{name} GPUs"),
            serves: Serves::Workload(name.clone()),
            kind: AssetKind::Gpus { units: g.count() },
            price: Price::PerUnit(g.capex_per_gpu()),
            purchased: at.date_naive(),
            life_months: i64::from(g.life_years()) * 12,
            residual: Usd::ZERO,
            resale: Resale::BookValue,
            refresh: None,
            sold_on: None,
        })?);
    }
    Ok(assets)
}

#[cfg(test)]
mod tests;
