//! The workload added by following "Adding a workload" in the book's
//! design note: a firm tenant paying a flat fee per hour for its power
//! envelope, whoever pays the energy (here the operator). It exists in the
//! crate's tests only, and runs through both evaluators like any other.

use wattage_units::{Btc, Power, Usd};

use super::Model;
use crate::FacilityError;
use crate::schedule::{Earning, LoadContext, RevenueRule, Terms, mul};

/// A firm load of `it_power` paying `fee_per_hour`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FlatFee {
    pub(crate) it_power: Power,
    pub(crate) fee_per_hour: Usd,
}

impl Model for FlatFee {
    fn kind(&self) -> &'static str {
        "flat fee"
    }

    fn it_power(&self) -> Power {
        self.it_power
    }

    fn interruptible(&self) -> bool {
        false
    }

    fn lower(&self, context: &LoadContext<'_>) -> Result<Terms, FacilityError> {
        let usd = mul(self.fee_per_hour.dollars(), context.hours, "flat fee")?;
        Ok(context.terms(
            RevenueRule::Constant(Earning {
                usd,
                btc: Btc::ZERO,
            }),
            false,
        ))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::workload::{Hosting, Workload};
    use crate::{
        Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PricePath, PriceSeries,
        Pue, Resolution, Site, SiteKernel, simulate_site,
    };

    #[test]
    fn an_added_workload_runs_in_both_evaluators() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let site = Site::new("S", "50 MW".parse().unwrap())
            .unwrap()
            .with_hall(
                Hall::new("A", "20 MW".parse().unwrap(), Pue::constant(1.25).unwrap()).unwrap(),
            )
            .unwrap()
            .with_hall(
                Hall::new("B", "20 MW".parse().unwrap(), Pue::constant(1.1).unwrap()).unwrap(),
            )
            .unwrap();
        let mut plan = Deployment::new(site);
        let tenant = FlatFee {
            it_power: "8 MW".parse().unwrap(),
            fee_per_hour: "$1,000".parse().unwrap(),
        };
        plan.assign("tenant", "A", Workload::FlatFee(tenant))
            .unwrap();
        plan.assign(
            "miners",
            "B",
            Workload::Hosting(
                Hosting::new("10 MW".parse().unwrap(), "$80/MWh".parse().unwrap()).unwrap(),
            ),
        )
        .unwrap();
        let prices = ["$30/MWh", "$900/MWh", "$40/MWh", "$35.5/MWh"]
            .iter()
            .map(|p| p.parse().unwrap())
            .collect();
        let series = PriceSeries::new(start, Resolution::Hourly, prices).unwrap();
        let contract = PowerContract::new(PowerSupply::index(series, "$0/MWh".parse().unwrap()));
        let horizon = Horizon::new(start, Resolution::Hourly, 4).unwrap();
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        let tenant = ledger.workload_totals(0).unwrap();
        // Firm: four hours at $1,000, 10 MWh an hour bought at every price.
        assert_eq!(tenant.money.revenue, "$4,000".parse().unwrap());
        assert_eq!(tenant.curtailed_periods, 0);
        assert_eq!(tenant.money.energy_cost, "$10,055".parse().unwrap());
        // The hosted miners sit out the $900 hour.
        assert_eq!(ledger.workload_totals(1).unwrap().curtailed_periods, 1);
        let fast = SiteKernel::new(&plan, &contract, horizon).unwrap().run(
            &PricePath::new(&contract, horizon).unwrap(),
            Curtailment::AboveBreakeven,
        );
        let fast = fast.to_usd().unwrap();
        assert_eq!(
            fast.revenue.round_to_cents(),
            ledger.totals().money.revenue.round_to_cents()
        );
        assert_eq!(
            fast.energy_cost.round_to_cents(),
            ledger.totals().money.energy_cost.round_to_cents()
        );
        assert_eq!(
            Workload::FlatFee(FlatFee {
                it_power: "1 MW".parse().unwrap(),
                fee_per_hour: Usd::ZERO
            })
            .kind(),
            "flat fee"
        );
    }
}
