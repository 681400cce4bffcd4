//! A site simulation on a projected and on Monte Carlo hashprice curves
//! (wattage-mining's network projection and Monte Carlo).

use crate::fixtures::{fleet_spec, one_hall_site};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::power::{PowerContract, PowerSupply};
use wattage_facility::price_series::Resolution;
use wattage_facility::run::simulate_site;
use wattage_facility::workload::{SelfMining, Workload};
use wattage_facility::{Curtailment, HashpricePath};
use wattage_mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
use wattage_mining::network_projection::{NetworkStart, PricePath, project_network};
use wattage_mining::network_response::{ResponseModel, ResponseSpec};
use wattage_units::Usd;

fn start() -> NetworkStart {
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    NetworkStart::from_history(
        date,
        "$105,000/BTC".parse().unwrap(),
        "0.03 BTC".parse().unwrap(),
    )
    .unwrap()
}

fn revenue_on(path: HashpricePath) -> Usd {
    let mut plan = Deployment::new(one_hall_site("50 MW", "40 MW", 1.05));
    let mining = SelfMining::new(fleet_spec("1 EH/s", "16 MW", path, "$105,000/BTC")).unwrap();
    plan.assign("fleet", "mining", Workload::SelfMining(mining))
        .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let t0 = Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap();
    let horizon = Horizon::new(t0, Resolution::Hourly, 24 * 180).unwrap();
    simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn)
        .unwrap()
        .totals()
        .money
        .revenue
}

#[test]
fn a_site_runs_on_a_projected_hashprice_curve() {
    let model = ResponseModel::try_from(ResponseSpec::default()).unwrap();
    let projection = project_network(
        &start(),
        &model,
        &PricePath::Constant(start().btc_price),
        180,
    )
    .unwrap();
    let path = HashpricePath::from_projection(&projection);
    // 1 EH/s earns the sum of the daily hashprices x 1,000 PH/s.
    let expected: Decimal = projection
        .daily_hashprices()
        .iter()
        .map(|h| h.value())
        .sum::<Decimal>()
        * Decimal::from(1000);
    let revenue = revenue_on(path);
    assert!(
        (revenue.dollars() - expected).abs() < Decimal::ONE,
        "{revenue} vs {expected}"
    );
}

#[test]
fn a_sweep_over_monte_carlo_paths_spreads_the_revenue() {
    let spec = NetworkMonteCarloSpec {
        paths: 6,
        days: 180,
        seed: 21,
        ..Default::default()
    };
    let mc = NetworkMonteCarlo::new(
        spec,
        ResponseModel::try_from(ResponseSpec::default()).unwrap(),
    )
    .unwrap();
    let mut revenues: Vec<Usd> = mc
        .paths(&start())
        .unwrap()
        .iter()
        .map(|p| revenue_on(HashpricePath::from_monte_carlo_path(p).unwrap()))
        .collect();
    revenues.sort();
    assert!(
        revenues[5].dollars() > revenues[0].dollars() * Decimal::new(11, 1),
        "{revenues:?}"
    );
}
