//! Power markets as they settle: demand response paid on availability,
//! fixed blocks as financial swaps, 4CP avoidance decided before the fact,
//! lease pass-through lines, sub-hourly prices and fleet availability.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::power::{FinancialBlock, PowerContract, PowerSupply};
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::workload::{SelfMining, SelfMiningSpec, Workload};
use rust_decimal::prelude::ToPrimitive;
use wattage_facility::kernel::{PricePath, SiteKernel};
use wattage_facility::{Curtailment, FacilityError, HashpricePath};
use wattage_mining::payout::Pool;
use wattage_units::{EnergyPrice, Usd};

pub(crate) fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 7, 1, 5, 0, 0).unwrap()
}

pub(crate) fn dollars(d: i64) -> EnergyPrice {
    EnergyPrice::new(Decimal::from(d)).unwrap()
}

/// 1 EH/s drawing 20 MW at PUE 1.0 for `hashprice`: at $53.568/PH/day it
/// earns $2,232 an hour on 20 MWh, a breakeven of $111.6/MWh.
pub(crate) fn fleet_plan(hashprice: &str) -> Deployment {
    let site = Site::new("S", "50 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("mining", "40 MW".parse().unwrap(), Pue::constant(1.0).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let fleet = SelfMining::new(SelfMiningSpec {
        hashrate: "1 EH/s".parse().unwrap(),
        it_power: "20 MW".parse().unwrap(),
        pool: Pool::fpps(Decimal::ZERO).unwrap(),
        hashprice: HashpricePath::Constant(hashprice.parse().unwrap()),
        btc_price: "$100,000/BTC".parse().unwrap(),
        uptime: Decimal::ONE,
        degradation_per_year: Decimal::ZERO,
    })
    .unwrap();
    plan.assign("fleet", "mining", Workload::SelfMining(fleet))
        .unwrap();
    plan
}

pub(crate) fn hourly_index(prices: &[i64]) -> PowerSupply {
    let series = PriceSeries::new(
        start(),
        Resolution::Hourly,
        prices.iter().map(|&p| dollars(p)).collect(),
    )
    .unwrap();
    PowerSupply::index(series, dollars(0))
}

#[test]
fn demand_response_is_paid_only_while_the_load_is_available() {
    // Four hours, the two $900 hours curtailed: a 30 MW commitment at $10
    // is paid for the two hours the fleet ran and could be called off,
    // 30 × $10 × 2 = $600 (it was paid $1,200, all four hours, before).
    let contract = PowerContract::new(hourly_index(&[30, 900, 900, 30]))
        .with_demand_response("30 MW".parse().unwrap(), dollars(10))
        .unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    // The fleet draws 20 MW: grow it to 40 MW so the commitment binds.
    let mut plan = plan;
    plan.assign("fleet 2", "mining", plan.assignments()[0].workload().clone())
        .unwrap();
    let horizon = Horizon::new(start(), Resolution::Hourly, 4).unwrap();
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.workload_totals(0).unwrap().curtailed_periods, 2);
    assert_eq!(ledger.totals().demand_response, "$600".parse::<Usd>().unwrap());
    let paid: Vec<Usd> = ledger.periods().unwrap().iter().map(|p| p.demand_response).collect();
    assert_eq!(paid, ["$300", "$0", "$0", "$300"].map(|u| u.parse::<Usd>().unwrap()));
    // Always on, all four hours are available.
    let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    assert_eq!(on.totals().demand_response, "$1,200".parse::<Usd>().unwrap());
}

#[test]
fn a_fixed_block_does_not_hide_the_marginal_price() {
    // A $300 hour under a 75% block at $40 (15 of the fleet's 20 MW). A
    // load-following blend priced the hour at 0.75 × 40 + 0.25 × 300 =
    // $105, below the fleet's $111.6 breakeven, and kept mining at a loss.
    // Settled financially the marginal MWh costs $300: the fleet curtails
    // and the block still pays 15 MW × ($300 − $40) = $3,900.
    let contract = PowerContract::new(hourly_index(&[300]))
        .with_block(FinancialBlock::new("15 MW".parse().unwrap(), dollars(40)).unwrap())
        .unwrap();
    let horizon = Horizon::new(start(), Resolution::Hourly, 1).unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.workload_totals(0).unwrap().curtailed_periods, 1);
    let t = ledger.totals();
    assert_eq!(t.block_settlement, "$3,900".parse::<Usd>().unwrap());
    assert_eq!(t.gross_margin().unwrap(), "$3,900".parse::<Usd>().unwrap());
    // Mining through it would have earned $2,232 − 20 × $300 + $3,900 = $132.
    let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
    // (Revenue enters money from the f64 hashrate to 15 digits: to the cent.)
    let margin = on.totals().gross_margin().unwrap().dollars().round_dp(2);
    assert_eq!(margin, Decimal::from(132));
}

#[test]
fn a_spike_inside_an_hour_is_decided_at_the_prices_own_resolution() {
    // 15-minute prices $30, $30, $30, $300 on an hourly horizon. The hour
    // averages $97.5, below the fleet's $111.6 breakeven: deciding on the
    // mean, the fleet ran through the $300 quarter. Decided per quarter it
    // sits out that quarter only.
    let quarters = [30, 30, 30, 300].map(dollars).to_vec();
    let series = PriceSeries::new(start(), Resolution::FifteenMinutes, quarters).unwrap();
    let contract = PowerContract::new(PowerSupply::index(series, dollars(0)));
    let hourly = Horizon::new(start(), Resolution::Hourly, 1).unwrap();
    let plan = fleet_plan("$53.568/PH/day");
    let ledger = simulate_site(&plan, &contract, hourly, Curtailment::AboveBreakeven).unwrap();
    assert_eq!(ledger.horizon().resolution(), Resolution::FifteenMinutes);
    assert_eq!(ledger.len(), 4);
    let fleet = ledger.workload_totals(0).unwrap();
    assert_eq!(fleet.curtailed_periods, 1);
    assert_eq!(fleet.curtailed_hours, Decimal::new(25, 2));
    // 5 MWh a quarter at $30 for three quarters.
    assert_eq!(fleet.energy_cost, "$450".parse::<Usd>().unwrap());
    // The kernel decides on the same quarters.
    let kernel = SiteKernel::new(&plan, &contract, hourly).unwrap();
    let path = PricePath::new(&contract, hourly).unwrap();
    let fast = kernel.run(&path, Curtailment::AboveBreakeven);
    assert_eq!(kernel.periods(), 4);
    assert!((fast.workloads[0].energy_cost - 450.0).abs() < 1e-6);
}

fn available_fleet(uptime: Decimal, degradation: Decimal) -> Deployment {
    let mut plan = fleet_plan("$48/PH/day");
    let fleet = SelfMining::new(SelfMiningSpec {
        hashrate: "1 EH/s".parse().unwrap(),
        it_power: "20 MW".parse().unwrap(),
        pool: Pool::fpps(Decimal::ZERO).unwrap(),
        hashprice: HashpricePath::Constant("$48/PH/day".parse().unwrap()),
        btc_price: "$100,000/BTC".parse().unwrap(),
        uptime,
        degradation_per_year: degradation,
    })
    .unwrap();
    plan = Deployment::new(plan.site().clone());
    plan.assign("fleet", "mining", Workload::SelfMining(fleet))
        .unwrap();
    plan
}

#[test]
fn a_fleets_uptime_scales_revenue_and_energy_and_degradation_compounds() {
    let day = Horizon::new(start(), Resolution::Hourly, 24).unwrap();
    let flat = PowerContract::new(PowerSupply::fixed(dollars(30)));
    // 95% up: 1,000 PH/s × $48 × 0.95 = $45,600 a day on 20 MW × 0.95 × 24 h.
    let plan = available_fleet(Decimal::new(95, 2), Decimal::ZERO);
    let ledger = simulate_site(&plan, &flat, day, Curtailment::AlwaysOn).unwrap();
    let fleet = ledger.workload_totals(0).unwrap();
    assert_eq!(fleet.revenue.dollars().round_dp(2), Decimal::from(45_600));
    assert_eq!(fleet.energy_mwh, Decimal::from(456));
    // Losing 10% a year: a day's revenue 365 days on is 0.9^(365/365.25)
    // of the first day's, about 0.9001; the power drawn does not fall.
    let year = Horizon::new(start(), Resolution::Hourly, 24 * 366).unwrap();
    let plan = available_fleet(Decimal::ONE, Decimal::new(1, 1));
    let ledger = simulate_site(&plan, &flat, year, Curtailment::AlwaysOn).unwrap();
    let periods: Vec<_> = ledger.workload_periods(0).collect();
    let day_revenue = |d: usize| -> f64 {
        periods[d * 24..(d + 1) * 24]
            .iter()
            .map(|p| p.revenue.dollars().to_f64().unwrap())
            .sum()
    };
    let ratio = day_revenue(365) / day_revenue(0);
    assert!((ratio - 0.9_f64.powf(365.0 / 365.25)).abs() < 1e-9, "{ratio}");
    assert!(day_revenue(200) < day_revenue(100));
    assert_eq!(periods[24 * 365].energy_mwh, periods[0].energy_mwh);
    // Out of range.
    assert!(matches!(
        SelfMining::new(SelfMiningSpec {
            hashrate: "1 EH/s".parse().unwrap(),
            it_power: "20 MW".parse().unwrap(),
            pool: Pool::fpps(Decimal::ZERO).unwrap(),
            hashprice: HashpricePath::Constant("$48/PH/day".parse().unwrap()),
            btc_price: "$100,000/BTC".parse().unwrap(),
            uptime: Decimal::new(11, 1),
            degradation_per_year: Decimal::ZERO,
        }),
        Err(FacilityError::InvalidShare { what: "fleet uptime", .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// A financially settled block changes the site's cash in every period
    /// by exactly (index − fixed) × volume × hours, whatever the load does,
    /// and never changes what the load does.
    #[test]
    fn a_block_changes_cash_by_its_spread_whatever_the_load_does(
        prices in prop::collection::vec(-50_i64..2_000, 1..48),
        volume_mw in 1_u32..60,
        fixed in -20_i64..200,
        hashprice in 20_u32..90,
        policy in 0_u8..3,
    ) {
        let policy = [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(dollars(100))][usize::from(policy)];
        let plan = fleet_plan(&format!("${hashprice}/PH/day"));
        let horizon = Horizon::new(start(), Resolution::Hourly, prices.len()).unwrap();
        let bare = PowerContract::new(hourly_index(&prices));
        let block = FinancialBlock::new(format!("{volume_mw} MW").parse().unwrap(), dollars(fixed)).unwrap();
        let hedged = bare.clone().with_block(block).unwrap();
        let a = simulate_site(&plan, &bare, horizon, policy).unwrap();
        let b = simulate_site(&plan, &hedged, horizon, policy).unwrap();
        prop_assert_eq!(a.workload_totals(0), b.workload_totals(0));
        let (pa, pb) = (a.periods().unwrap(), b.periods().unwrap());
        let mut total = Decimal::ZERO;
        for (t, (x, y)) in pa.iter().zip(&pb).enumerate() {
            let spread = Decimal::from(prices[t] - fixed) * Decimal::from(volume_mw);
            let change = y.gross_margin().unwrap().checked_sub(x.gross_margin().unwrap()).unwrap();
            prop_assert_eq!(change.dollars(), spread);
            total += spread;
        }
        let change = b.totals().gross_margin().unwrap().checked_sub(a.totals().gross_margin().unwrap()).unwrap();
        prop_assert_eq!(change.dollars(), total);
    }
}
