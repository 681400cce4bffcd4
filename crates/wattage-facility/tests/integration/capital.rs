//! Assets in a plan: the three regressions of the capital release, and
//! retrofits that sell or move their miners.

use crate::fixtures::{capital_fleet, date, usd, utc};
use rust_decimal::Decimal;
use wattage_facility::capital::{
    Asset, AssetEventKind, AssetKind, AssetSpec, Price, Resale, ResaleCurve, Serves,
};
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::power::{PowerContract, PowerSupply};
use wattage_facility::price_series::Resolution;
use wattage_facility::pue::Pue;
use wattage_facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::{CashFlows, Summary};
use wattage_facility::workload::{Colocation, GpuCloud, GpuCloudSpec, Workload};
use wattage_facility::{ColocationLease, Curtailment, LeaseSpec, LeaseStructure};
use wattage_units::Usd;

fn contract() -> PowerContract {
    PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()))
}

/// 1 EH/s at 13.5 J/TH (13.5 MW), $52/PH/day, FPPS 2%, BTC $100,000.
fn fleet() -> Workload {
    Workload::SelfMining(capital_fleet())
}

/// The fleet's miners at $12 per TH/s, on a three-year book life.
fn miners(serves: &str, resale: Resale) -> Asset {
    Asset::new(AssetSpec {
        name: "miners".into(),
        serves: Serves::Workload(serves.into()),
        kind: AssetKind::Miners {
            units: 3_704,
            hashrate: "1 EH/s".parse().unwrap(),
            efficiency: "13.5 J/TH".parse().unwrap(),
        },
        price: Price::PerTerahash(Decimal::from(12)),
        purchased: date(2026, 1, 1),
        life_months: 36,
        residual: Usd::ZERO,
        resale,
        refresh: None,
        sold_on: None,
    })
    .unwrap()
}

fn two_halls() -> Site {
    Site::new("S", "40 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "18 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap()
        .with_hall(Hall::new("B", "18 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap()
}

/// Regression: a 10-year horizon on a 5-year GPU life wrote off twice
/// the capex (the summary took capex / life for every live year, while
/// the cash flows bought the GPUs once).
#[test]
fn gpu_depreciation_stops_at_the_end_of_life_and_totals_the_capex_once() {
    let cloud = GpuCloud::new(GpuCloudSpec {
        accelerator: "H100 SXM".into(),
        count: 100,
        power_per_device: "1.275 kW".parse().unwrap(),
        price: "$2.95/GPU-h".parse().unwrap(),
        utilization: Decimal::new(70, 2),
        capex_per_gpu: usd("$30,000"),
        life_years: 5,
    })
    .unwrap();
    let mut plan = Deployment::new(two_halls());
    plan.assign("cloud", "A", Workload::GpuCloud(cloud))
        .unwrap();
    let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 10).unwrap();
    let ledger = simulate_site(&plan, &contract(), horizon, Curtailment::AboveBreakeven).unwrap();
    let summary = Summary::new(&ledger, &plan, usd("$50,000")).unwrap();
    // 100 × $30,000 = $3M of GPUs, written off once (was $6M).
    assert_eq!(
        summary.workload("cloud").unwrap().depreciation,
        usd("$3,000,000")
    );
    assert_eq!(summary.depreciation, usd("$3,000,000"));
    let flows = CashFlows::new(&ledger, &plan, usd("$50,000"), &[]).unwrap();
    let rows = flows.rows();
    assert_eq!(rows[0].capex, usd("$3,000,000"));
    let booked = Usd::try_sum(rows.iter().map(|r| r.depreciation)).unwrap();
    assert_eq!(booked, usd("$3,000,000"));
    assert!(rows[5..].iter().all(|r| r.depreciation == Usd::ZERO));
    // 2026 has 365 of the life's 1,826 days.
    assert_eq!(rows[0].depreciation, usd("$599,671.41"));
}

/// Regression: the all-in cost per BTC left out the miners' own
/// depreciation. At $12/TH on a three-year life it is about 40% of the
/// all-in cost of this fleet.
#[test]
fn all_in_cost_per_btc_includes_the_miners_depreciation() {
    let mut plan = Deployment::new(two_halls());
    plan.assign("fleet", "A", fleet()).unwrap();
    plan.add_asset(miners("fleet", Resale::BookValue)).unwrap();
    let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 1).unwrap();
    let ledger = simulate_site(&plan, &contract(), horizon, Curtailment::AboveBreakeven).unwrap();
    let summary = Summary::new(&ledger, &plan, usd("$50,000")).unwrap();
    let w = summary.workload("fleet").unwrap();
    // $12 × 1,000,000 TH/s = $12M over 1,096 days; 365 of them in 2026,
    // to the cent: 12,000,000 × 365 / 1,096 = 3,996,350.36.
    assert_eq!(w.depreciation, usd("$3,996,350.36"));
    let btc = w.btc_mined.to_btc();
    let net_energy = w
        .money
        .energy_cost
        .checked_sub(w.money.sell_back_credit)
        .unwrap();
    let direct = net_energy.checked_div(btc).unwrap();
    assert_eq!(w.energy_cost_per_btc, Some(direct));
    let all_in = net_energy
        .checked_add(w.opex)
        .unwrap()
        .checked_add(w.depreciation)
        .unwrap()
        .checked_div(btc)
        .unwrap();
    assert_eq!(w.all_in_cost_per_btc, Some(all_in));
    assert_eq!(summary.all_in_cost_per_btc, Some(all_in));
    // Without the miners the all-in cost was short by about 40%.
    let without = net_energy
        .checked_add(w.opex)
        .unwrap()
        .checked_div(btc)
        .unwrap();
    let short = Decimal::ONE - without.ratio(all_in).unwrap();
    assert!(
        short > Decimal::new(38, 2) && short < Decimal::new(40, 2),
        "{short}"
    );
}

fn lease_conversion(displaced: Displaced) -> Conversion {
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "14 MW".parse().unwrap(),
        rate: "$150/kW/month".parse().unwrap(),
        escalator: Decimal::new(3, 2),
        term_months: 120,
        start: date(2027, 7, 1),
        structure: LeaseStructure::TripleNet,
    })
    .unwrap();
    Conversion {
        hall: "A".into(),
        construction_from: utc(2026, 7, 1),
        live_from: utc(2027, 7, 1),
        name: "tenant".into(),
        workload: Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap()),
        pue: Pue::constant(1.3).unwrap(),
        capex: vec![],
        displaced,
        assets: vec![],
    }
}

/// Regression: a retrofit dropped the miners at construction start with
/// no resale or redeployment value. Sold, they fetch the used-miner
/// curve's price that day: 13.5 J/TH is in the under-19 J/TH band ($15/TH
/// on 2025-06-01), which has lost 40% × 395 / 365.25 of it by 2026-07-01.
#[test]
fn a_retrofit_sells_the_displaced_miners_at_the_resale_curve() {
    let mut base = Deployment::new(two_halls());
    base.assign("fleet", "A", fleet()).unwrap();
    let curve = ResaleCurve::default_shape();
    base.add_asset(miners("fleet", Resale::Curve(curve.clone())))
        .unwrap();
    let (plan, _) = RetrofitPlan::new(base)
        .with(lease_conversion(Displaced::Sell))
        .apply()
        .unwrap();
    let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 2).unwrap();
    let ledger = simulate_site(&plan, &contract(), horizon, Curtailment::AboveBreakeven).unwrap();
    let flows = CashFlows::new(&ledger, &plan, usd("$50,000"), &[]).unwrap();
    let sale = flows
        .asset_events()
        .iter()
        .find(|e| e.kind == AssetEventKind::Sale)
        .unwrap();
    assert_eq!(sale.at, date(2026, 7, 1));
    let left = Decimal::ONE - Decimal::new(4, 1) * Decimal::from(395) / Decimal::new(36525, 2);
    let expected = Usd::new(Decimal::from(15_000_000) * left);
    assert_eq!(sale.amount, expected);
    assert_eq!(flows.rows()[0].asset_sales, expected);
    assert!(expected > usd("$8,500,000") && expected < usd("$8,520,000"));
    // Book depreciation stops on the day of the sale: 181 of 1,096 days.
    assert_eq!(flows.rows()[0].depreciation, usd("$1,981,751.82"));
    assert_eq!(flows.rows()[1].depreciation, Usd::ZERO);
}

/// Moved instead, the miners run on in hall B from construction start,
/// their asset serving them there; nothing is sold.
#[test]
fn a_retrofit_can_move_the_displaced_miners_to_another_hall() {
    let mut base = Deployment::new(two_halls());
    base.assign("fleet", "A", fleet()).unwrap();
    base.add_asset(miners("fleet", Resale::BookValue)).unwrap();
    let (plan, _) = RetrofitPlan::new(base)
        .with(lease_conversion(Displaced::Redeploy { hall: "B".into() }))
        .apply()
        .unwrap();
    let moved = plan.assignment("fleet (moved to B)").unwrap();
    assert_eq!(moved.hall(), "B");
    assert_eq!(moved.window().from, Some(utc(2026, 7, 1)));
    assert!(plan.assets()[0].serves().workload("fleet (moved to B)"));
    assert!(plan.assets()[0].serves().workload("fleet"));
    let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 1).unwrap();
    let ledger = simulate_site(&plan, &contract(), horizon, Curtailment::AboveBreakeven).unwrap();
    let flows = CashFlows::new(&ledger, &plan, usd("$50,000"), &[]).unwrap();
    assert!(
        flows
            .asset_events()
            .iter()
            .all(|e| e.kind == AssetEventKind::Purchase)
    );
    let summary = Summary::new(&ledger, &plan, usd("$50,000")).unwrap();
    let split = summary
        .workload("fleet")
        .unwrap()
        .depreciation
        .checked_add(summary.workload("fleet (moved to B)").unwrap().depreciation)
        .unwrap();
    assert_eq!(split, usd("$3,996,350.36"));
}

/// A hall that has no room refuses the move, naming the hall.
#[test]
fn a_move_into_a_full_hall_is_refused() {
    let mut base = Deployment::new(two_halls());
    base.assign("fleet", "A", fleet()).unwrap();
    base.assign("other", "B", fleet()).unwrap();
    let err = RetrofitPlan::new(base)
        .with(lease_conversion(Displaced::Redeploy { hall: "B".into() }))
        .apply()
        .unwrap_err();
    assert!(err.to_string().contains("hall \"B\""), "{err}");
}

/// Regression: `BusinessModel` counted only GPU capex, so asset-light
/// mining had no hardware cost. Its miners are now its hardware capex.
#[test]
fn asset_light_mining_carries_its_miners() {
    use wattage_facility::business_model::{BusinessModel, ModelPrices};
    let mut plan = Deployment::new(two_halls());
    plan.assign("fleet", "A", fleet()).unwrap();
    plan.add_asset(miners("fleet", Resale::BookValue)).unwrap();
    let horizon = Horizon::calendar_years(utc(2026, 1, 1), Resolution::Hourly, 1).unwrap();
    let ledger = simulate_site(&plan, &contract(), horizon, Curtailment::AboveBreakeven).unwrap();
    let rate = "$60/MWh".parse().unwrap();
    let rate = ModelPrices {
        hosting_rate: rate,
        generation_cost: rate,
    };
    let light = BusinessModel::AssetLight
        .evaluate(&ledger, &plan, rate, &[])
        .unwrap();
    assert_eq!(light.hardware_capex, usd("$12,000,000"));
    assert_eq!(light.depreciation, usd("$3,996,350.36"));
    assert_eq!(
        light.cash().unwrap(),
        light.ebitda.checked_sub(usd("$12,000,000")).unwrap()
    );
    // A colocation operator hosts the fleet and owns none of it.
    let colo = BusinessModel::Colocation
        .evaluate(&ledger, &plan, rate, &[])
        .unwrap();
    assert_eq!(colo.hardware_capex, Usd::ZERO);
    assert_eq!(colo.depreciation, Usd::ZERO);
}
