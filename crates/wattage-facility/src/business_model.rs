//! Business models: which lines of cost and revenue the operator carries,
//! over the horizon ([`BusinessModel::evaluate`]) or year by year as cash
//! flows to finance and tax ([`BusinessModel::cash_flows`], then
//! [`crate::capital::Financing::evaluate`]).

use alloc::vec::Vec;

use rust_decimal::Decimal;
use wattage_units::{Energy, EnergyPrice, Power, Usd};

use crate::FacilityError;
use crate::capital::{self, Asset, AssetEventKind, Serves};
use crate::cash_flows::{CashFlows, PeriodLines, live_opex, opex_per_period};
use crate::deployment::Deployment;
use crate::ledger::{SiteLedger, WorkloadPeriod, WorkloadTotals};
use crate::money_lines::MoneyLines;
use crate::summary::CapexPayment;
use crate::workload::Workload;

/// How an operator makes money from a site, from owning nothing but the
/// machines to owning everything from the power plant to the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum BusinessModel {
    /// Owns the compute, hosted at someone else's site: earns the compute
    /// revenue and pays a hosting rate on its machines' IT energy instead
    /// of power and facility capex.
    AssetLight,
    /// Runs the facility and rents powered capacity to others: earns
    /// tenant revenue (hosting, leases; compute loads become hosted
    /// clients at the hosting rate), pays the power, builds nothing.
    Colocation,
    /// Owns the site: as colocation, and pays the facility capex.
    InfrastructureOwner,
    /// Owns the site and its generation: as infrastructure owner, but
    /// energy costs the generation cost instead of the contract price.
    PowerIntegrated,
    /// Owns everything, power plant to workload: compute and tenant
    /// revenue, energy at the generation cost, facility capex.
    VerticallyIntegrated,
}

/// The lines a [`BusinessModel`] carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is one line of the P&L"
)]
pub struct Lines {
    /// Revenue of its own compute (self-mining, GPU cloud) and its
    /// hardware's depreciation.
    pub compute: bool,
    /// Revenue from tenants (hosting, leases), and from the compute loads
    /// as hosted clients when it does not own the compute.
    pub tenants: bool,
    /// Energy, sell-back credits, demand and transmission charges (else a
    /// hosting rate on its compute's IT energy).
    pub power: bool,
    /// Energy at its own generation cost instead of the contract price.
    pub generation: bool,
    /// Facility (construction) capex.
    pub facility_capex: bool,
}

impl BusinessModel {
    /// All five, from asset-light to vertically integrated.
    pub const ALL: [Self; 5] = [
        Self::AssetLight,
        Self::Colocation,
        Self::InfrastructureOwner,
        Self::PowerIntegrated,
        Self::VerticallyIntegrated,
    ];

    /// The lines this model carries.
    #[must_use]
    pub const fn lines(self) -> Lines {
        let (compute, tenants, power, generation, facility_capex) = match self {
            Self::AssetLight => (true, false, false, false, false),
            Self::Colocation => (false, true, true, false, false),
            Self::InfrastructureOwner => (false, true, true, false, true),
            Self::PowerIntegrated => (false, true, true, true, true),
            Self::VerticallyIntegrated => (true, true, true, true, true),
        };
        Lines {
            compute,
            tenants,
            power,
            generation,
            facility_capex,
        }
    }

    /// The operator's P&L for a simulated site under this model.
    ///
    /// `prices` are the [`ModelPrices`] the simulation does not know (a
    /// hosting rate, a generation cost); `capex` is the facility capex paid as cash (a
    /// retrofit's schedule). The deployment's assets (and each GPU cloud's
    /// GPUs, [`capital::plan_assets`]) are counted too: those serving its
    /// own compute as hardware capex when the model owns the compute,
    /// the others as facility capex when it pays for the facility, so an
    /// asset-light miner carries its machines. [`Self::cash_flows`] gives
    /// the same lines year by year, to finance and tax.
    ///
    /// ```
    /// // Needs wattage-facility (in the wattage facade: wattage::facility).
    /// use wattage_facility::business_model::BusinessModel;
    ///
    /// let lines = BusinessModel::AssetLight.lines();
    /// assert!(lines.compute && !lines.power && !lines.facility_capex);
    /// assert!(BusinessModel::VerticallyIntegrated.lines().generation);
    /// ```
    ///
    /// # Errors
    /// [`FacilityError::WorkloadName`] when the ledger's workloads are not
    /// the deployment's; [`FacilityError::Money`] on overflow.
    pub fn evaluate(
        self,
        ledger: &SiteLedger,
        deployment: &Deployment,
        prices: ModelPrices,
        capex: &[CapexPayment],
    ) -> Result<ModelPnl, FacilityError> {
        let compute = compute_flags(ledger, deployment)?;
        let mut lines = Operating::default();
        for (index, &is_compute) in compute.iter().enumerate() {
            let totals = ledger.workload_totals(index).copied().unwrap_or_default();
            self.add_workload(
                &mut lines,
                is_compute,
                &WorkloadLines::of_totals(&totals),
                prices,
            )?;
        }
        self.add_site_charges(&mut lines, &ledger.totals().money)?;
        let mut pnl = ModelPnl {
            model: self,
            revenue: lines.revenue,
            power_cost: lines.power_cost,
            hosting_paid: lines.hosting_paid,
            hardware_capex: Usd::ZERO,
            facility_capex: Usd::ZERO,
            asset_sales: Usd::ZERO,
            depreciation: Usd::ZERO,
            ebitda: Usd::ZERO,
        };
        self.book_assets(&mut pnl, ledger, deployment)?;
        if self.lines().facility_capex {
            let horizon = ledger.horizon();
            let inside = capex
                .iter()
                .filter(|p| p.at >= horizon.start() && p.at < horizon.end());
            pnl.facility_capex = pnl
                .facility_capex
                .checked_add(Usd::try_sum(inside.map(|p| p.amount))?)?;
        }
        pnl.ebitda = lines.margin()?;
        Ok(pnl)
    }

    /// The operator's cash flows under this model, year by year and month
    /// by month: [`Self::evaluate`]'s lines period by period, for
    /// [`crate::capital::Financing::evaluate`] to give each model's
    /// unlevered and levered, pre- and after-tax NPV, IRR and DSCR.
    ///
    /// Each year row's revenue, energy cost (power and hosting paid) and
    /// gross margin are the model's; its opex is the site's
    /// `opex_per_mw_year` of the live workloads when the model runs the
    /// facility (pays the power; none for asset-light, whose hosting rate
    /// covers it); its capex, asset sales and depreciation are those of
    /// the assets and `capex` payments the model carries. Over the
    /// horizon the rows sum to [`ModelPnl`]'s lines, EBITDA before opex
    /// being the gross margin. The interconnect (for a property tax per
    /// MW) is the site's when the model pays for the facility, else zero.
    /// Vertically integrated, with energy at a generation cost equal to
    /// the contract's price and no other power lines, the flows are the
    /// site's [`CashFlows::new`].
    ///
    /// # Errors
    /// As for [`Self::evaluate`] and [`CashFlows::new`].
    pub fn cash_flows(
        self,
        ledger: &SiteLedger,
        deployment: &Deployment,
        prices: ModelPrices,
        opex_per_mw_year: Usd,
        capex: &[CapexPayment],
    ) -> Result<CashFlows, FacilityError> {
        let model = self.lines();
        let compute = compute_flags(ledger, deployment)?;
        let opex = if model.power {
            opex_per_period(ledger, deployment, opex_per_mw_year)?
        } else {
            alloc::vec![Usd::ZERO; compute.len()]
        };
        let period = |t: usize, site: &MoneyLines<Usd>| -> Result<PeriodLines, FacilityError> {
            let mut lines = Operating::default();
            for (w, &is_compute) in compute.iter().enumerate() {
                if let Some(e) = ledger.entry(t, w) {
                    self.add_workload(
                        &mut lines,
                        is_compute,
                        &WorkloadLines::of_period(&e),
                        prices,
                    )?;
                }
            }
            self.add_site_charges(&mut lines, site)?;
            Ok(PeriodLines {
                revenue: lines.revenue,
                energy_cost: lines.power_cost.checked_add(lines.hosting_paid)?,
                gross_margin: lines.margin()?,
                opex: live_opex(ledger, &opex, t)?,
            })
        };
        let assets = self.carried_assets(ledger, deployment)?;
        let (capex, interconnect) = if model.facility_capex {
            (capex, deployment.site().interconnect())
        } else {
            (&[][..], Power::ZERO)
        };
        CashFlows::with_lines(ledger, period, capex, assets, interconnect)
    }
}

/// The two prices a business model sets on energy that a site's
/// simulation does not know.
///
/// ```
/// // Needs wattage-facility (in the wattage facade: wattage::facility).
/// use wattage_facility::business_model::ModelPrices;
///
/// let prices = ModelPrices {
///     hosting_rate: "$70/MWh".parse()?,
///     generation_cost: "$35/MWh".parse()?,
/// };
/// assert_eq!(prices.hosting_rate.to_string(), "$70/MWh");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ModelPrices {
    /// What a host charges per MWh of IT energy for compute it hosts (paid
    /// by an asset-light operator; earned by a colocation or
    /// infrastructure owner hosting compute it does not own).
    pub hosting_rate: EnergyPrice,
    /// What energy from the operator's own generation costs per MWh
    /// (power-integrated and vertically integrated models).
    pub generation_cost: EnergyPrice,
}

/// A model's operating lines, summed over workloads.
#[derive(Debug, Clone, Copy, Default)]
struct Operating {
    revenue: Usd,
    power_cost: Usd,
    hosting_paid: Usd,
}

impl Operating {
    /// Revenue − power − hosting paid.
    fn margin(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .revenue
            .checked_sub(self.power_cost)?
            .checked_sub(self.hosting_paid)?)
    }
}

/// One workload's lines as a model reads them: its money lines and the
/// energies a hosting rate or a generation cost is paid on.
#[derive(Debug, Clone, Copy)]
struct WorkloadLines {
    money: MoneyLines<Usd>,
    it_energy: Energy,
    energy: Energy,
}

impl WorkloadLines {
    const fn of_totals(t: &WorkloadTotals) -> Self {
        Self {
            money: t.money,
            it_energy: t.it_energy,
            energy: t.energy,
        }
    }

    const fn of_period(p: &WorkloadPeriod) -> Self {
        Self {
            money: p.money,
            it_energy: p.it_energy,
            energy: p.energy,
        }
    }
}

/// For each of the ledger's workloads, whether it is the operator's own
/// compute (self-mining, a GPU cloud).
fn compute_flags(ledger: &SiteLedger, deployment: &Deployment) -> Result<Vec<bool>, FacilityError> {
    ledger
        .workload_names()
        .iter()
        .map(|name| {
            let workload = deployment
                .assignment(name)
                .ok_or_else(|| FacilityError::WorkloadName {
                    name: name.clone(),
                    problem: "is in the ledger but not in the deployment",
                })?
                .workload();
            Ok(matches!(
                workload,
                Workload::SelfMining(_) | Workload::GpuCloud(_)
            ))
        })
        .collect()
}

impl BusinessModel {
    /// Adds one workload's revenue, power and hosting to `lines` as this
    /// model carries them.
    fn add_workload(
        self,
        lines: &mut Operating,
        is_compute: bool,
        w: &WorkloadLines,
        prices: ModelPrices,
    ) -> Result<(), FacilityError> {
        let model = self.lines();
        let hosted_fee = prices.hosting_rate.cost(w.it_energy)?;
        if is_compute {
            if model.compute {
                lines.revenue = lines.revenue.checked_add(w.money.revenue)?;
                if !model.power {
                    lines.hosting_paid = lines.hosting_paid.checked_add(hosted_fee)?;
                }
            } else if model.tenants {
                lines.revenue = lines.revenue.checked_add(hosted_fee)?;
            }
        } else if model.tenants {
            lines.revenue = lines.revenue.checked_add(w.money.revenue)?;
        }
        if model.power && (model.tenants || is_compute) {
            let energy = if model.generation {
                prices.generation_cost.cost(w.energy)?
            } else {
                w.money.net_energy_cost()?
            };
            lines.power_cost = lines.power_cost.checked_add(energy)?;
        }
        Ok(())
    }

    /// Adds the site's charges, payments and settlements to the power
    /// cost of a model that buys its power on the contract.
    fn add_site_charges(
        self,
        lines: &mut Operating,
        site: &MoneyLines<Usd>,
    ) -> Result<(), FacilityError> {
        let model = self.lines();
        if model.power && !model.generation {
            lines.power_cost = lines
                .power_cost
                .checked_add(site.demand_charge)?
                .checked_add(site.transmission_charge)?
                .checked_sub(site.demand_response)?
                .checked_sub(site.block_settlement)?
                .checked_sub(site.reserve_payment)?
                .checked_sub(site.charges_passed_through)?;
        }
        Ok(())
    }

    /// The plan's assets this model carries: those serving its own
    /// compute (miners, GPUs) when it owns the compute, the rest (halls,
    /// the site, tenants' halls) when it pays the facility capex.
    fn carried_assets(
        self,
        ledger: &SiteLedger,
        deployment: &Deployment,
    ) -> Result<Vec<Asset>, FacilityError> {
        let lines = self.lines();
        Ok(capital::plan_assets(ledger, deployment)?
            .into_iter()
            .filter(|asset| {
                if serves_compute(asset, deployment) {
                    lines.compute
                } else {
                    lines.facility_capex
                }
            })
            .collect())
    }

    /// Adds the assets this model carries inside the horizon to `pnl`:
    /// purchases as hardware capex (compute) or facility capex (the
    /// rest), sales as proceeds, and their book depreciation over the
    /// horizon.
    fn book_assets(
        self,
        pnl: &mut ModelPnl,
        ledger: &SiteLedger,
        deployment: &Deployment,
    ) -> Result<(), FacilityError> {
        let horizon = ledger.horizon();
        let (start, end) = (horizon.start().date_naive(), horizon.end().date_naive());
        for asset in self.carried_assets(ledger, deployment)? {
            let compute = serves_compute(&asset, deployment);
            for e in capital::events(core::slice::from_ref(&asset), end)? {
                if e.at < start {
                    continue;
                }
                match (e.kind, compute) {
                    (AssetEventKind::Purchase, true) => {
                        pnl.hardware_capex = pnl.hardware_capex.checked_add(e.amount)?;
                    }
                    (AssetEventKind::Purchase, false) => {
                        pnl.facility_capex = pnl.facility_capex.checked_add(e.amount)?;
                    }
                    (AssetEventKind::Sale, _) => {
                        pnl.asset_sales = pnl.asset_sales.checked_add(e.amount)?;
                    }
                }
            }
            let booked = capital::depreciation_between(&asset, start, end)?;
            pnl.depreciation = pnl.depreciation.checked_add(booked)?;
        }
        Ok(())
    }
}

/// Whether `asset` serves the operator's own compute.
fn serves_compute(asset: &Asset, deployment: &Deployment) -> bool {
    let is_compute = |name: &str| {
        matches!(
            deployment.assignment(name).map(|a| a.workload()),
            Some(Workload::SelfMining(_) | Workload::GpuCloud(_))
        )
    };
    match asset.serves() {
        Serves::Workload(w) => is_compute(w),
        Serves::Workloads(ws) => ws.iter().any(|w| is_compute(w)),
        _ => false,
    }
}

/// An operator's P&L for a site under one [`BusinessModel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ModelPnl {
    /// The model.
    pub model: BusinessModel,
    /// Revenue the operator earns.
    pub revenue: Usd,
    /// Power it pays for (net of credits and payments, with charges).
    pub power_cost: Usd,
    /// Hosting it pays for its machines elsewhere.
    pub hosting_paid: Usd,
    /// Its hardware capex: the assets serving its own compute (miners,
    /// GPUs, refreshes included) bought in the horizon.
    pub hardware_capex: Usd,
    /// Its facility capex: capex payments and the assets serving halls,
    /// the site or tenants, bought in the horizon.
    pub facility_capex: Usd,
    /// Proceeds of the assets it carries sold in the horizon.
    pub asset_sales: Usd,
    /// Book depreciation of the assets it carries over the horizon (not a
    /// cash flow).
    pub depreciation: Usd,
    /// Revenue − power − hosting paid.
    pub ebitda: Usd,
}

impl ModelPnl {
    /// EBITDA − all capex + asset sales: the horizon's cash.
    ///
    /// # Errors
    /// [`FacilityError::Money`] on overflow.
    pub fn cash(&self) -> Result<Usd, FacilityError> {
        Ok(self
            .ebitda
            .checked_sub(self.hardware_capex)?
            .checked_sub(self.facility_capex)?
            .checked_add(self.asset_sales)?)
    }

    /// EBITDA margin: EBITDA / revenue (`None` without revenue).
    #[must_use]
    pub fn ebitda_margin(&self) -> Option<Decimal> {
        self.ebitda.ratio(self.revenue).ok()
    }
}
