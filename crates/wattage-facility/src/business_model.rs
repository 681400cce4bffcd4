//! Business models: which lines of cost and revenue the operator carries.

use rust_decimal::Decimal;
use wattage_units::{EnergyPrice, Usd};

use crate::FacilityError;
use crate::capital::{self, AssetEventKind, Serves};
use crate::deployment::Deployment;
use crate::ledger::SiteLedger;
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
    /// `hosting_rate` prices IT energy of compute loads hosted by (or for)
    /// someone else; `generation_cost` prices energy from the operator's
    /// own generation; `capex` is the facility capex paid as cash (a
    /// retrofit's schedule). The deployment's assets (and each GPU cloud's
    /// GPUs, [`capital::plan_assets`]) are counted too: those serving its
    /// own compute as hardware capex when the model owns the compute,
    /// the others as facility capex when it pays for the facility, so an
    /// asset-light miner carries its machines.
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
        hosting_rate: EnergyPrice,
        generation_cost: EnergyPrice,
        capex: &[CapexPayment],
    ) -> Result<ModelPnl, FacilityError> {
        let lines = self.lines();
        let mut pnl = ModelPnl {
            model: self,
            revenue: Usd::ZERO,
            power_cost: Usd::ZERO,
            hosting_paid: Usd::ZERO,
            hardware_capex: Usd::ZERO,
            facility_capex: Usd::ZERO,
            asset_sales: Usd::ZERO,
            depreciation: Usd::ZERO,
            ebitda: Usd::ZERO,
        };
        for (index, name) in ledger.workload_names().iter().enumerate() {
            let workload = deployment
                .assignment(name)
                .ok_or_else(|| FacilityError::WorkloadName {
                    name: name.clone(),
                    problem: "is in the ledger but not in the deployment",
                })?
                .workload();
            let totals = ledger.workload_totals(index).copied().unwrap_or_default();
            let hosted_fee = hosting_rate.cost(totals.it_energy)?;
            let is_compute = matches!(workload, Workload::SelfMining(_) | Workload::GpuCloud(_));
            if is_compute {
                if lines.compute {
                    pnl.revenue = pnl.revenue.checked_add(totals.money.revenue)?;
                    if !lines.power {
                        pnl.hosting_paid = pnl.hosting_paid.checked_add(hosted_fee)?;
                    }
                } else if lines.tenants {
                    pnl.revenue = pnl.revenue.checked_add(hosted_fee)?;
                }
            } else if lines.tenants {
                pnl.revenue = pnl.revenue.checked_add(totals.money.revenue)?;
            }
            let counts_power = lines.power && (lines.tenants || is_compute);
            if counts_power {
                let energy = if lines.generation {
                    generation_cost.cost(totals.energy)?
                } else {
                    totals.money.net_energy_cost()?
                };
                pnl.power_cost = pnl.power_cost.checked_add(energy)?;
            }
        }
        if lines.power && !lines.generation {
            let site = ledger.totals();
            pnl.power_cost = pnl
                .power_cost
                .checked_add(site.money.demand_charge)?
                .checked_add(site.money.transmission_charge)?
                .checked_sub(site.money.demand_response)?
                .checked_sub(site.money.block_settlement)?
                .checked_sub(site.money.reserve_payment)?
                .checked_sub(site.money.charges_passed_through)?;
        }
        self.book_assets(&mut pnl, ledger, deployment)?;
        if lines.facility_capex {
            let horizon = ledger.horizon();
            let inside = capex
                .iter()
                .filter(|p| p.at >= horizon.start() && p.at < horizon.end());
            pnl.facility_capex = pnl
                .facility_capex
                .checked_add(Usd::try_sum(inside.map(|p| p.amount))?)?;
        }
        pnl.ebitda = pnl
            .revenue
            .checked_sub(pnl.power_cost)?
            .checked_sub(pnl.hosting_paid)?;
        Ok(pnl)
    }
}

impl BusinessModel {
    /// Adds the plan's assets inside the horizon to the lines this model
    /// carries: those serving its own compute (miners, GPUs) when it owns
    /// the compute, the rest (halls, the site, tenants' halls) when it
    /// pays the facility capex. Purchases are capex, sales are proceeds,
    /// and their book depreciation over the horizon is counted.
    fn book_assets(
        self,
        pnl: &mut ModelPnl,
        ledger: &SiteLedger,
        deployment: &Deployment,
    ) -> Result<(), FacilityError> {
        let lines = self.lines();
        let horizon = ledger.horizon();
        let (start, end) = (horizon.start().date_naive(), horizon.end().date_naive());
        let is_compute = |name: &str| {
            matches!(
                deployment.assignment(name).map(|a| a.workload()),
                Some(Workload::SelfMining(_) | Workload::GpuCloud(_))
            )
        };
        for asset in capital::plan_assets(ledger, deployment)? {
            let compute = match asset.serves() {
                Serves::Workload(w) => is_compute(w),
                Serves::Workloads(ws) => ws.iter().any(|w| is_compute(w)),
                _ => false,
            };
            let carried = if compute {
                lines.compute
            } else {
                lines.facility_capex
            };
            if !carried {
                continue;
            }
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
