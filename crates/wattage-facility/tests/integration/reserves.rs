//! Ancillary services: the settlement rule worked by hand, the two
//! evaluators agreeing with reserves, and an offer never lowering margin
//! where the decision may choose.

use crate::fixtures::within_a_cent;
use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::power::{
    ReserveCall, ReserveCalls, ReserveOffer, ReserveOfferSpec, ReserveService,
};
use wattage_facility::workload::Hosting;
use wattage_facility::{
    CurtailReason, Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PricePath,
    PriceSeries, Pue, Resolution, Site, SiteKernel, Workload, simulate_site,
};
use wattage_units::money::to_decimal;
use wattage_units::{EnergyPrice, Usd, unit};

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 8, 1, 5, 0, 0).unwrap()
}

fn series(prices: &[f64]) -> PriceSeries {
    let exact = prices
        .iter()
        .map(|&p| EnergyPrice::new(to_decimal("price", p).unwrap()).unwrap())
        .collect();
    PriceSeries::new(start(), Resolution::Hourly, exact).unwrap()
}

/// 10 MW of hosted miners at $70/MWh, PUE 1.0.
fn hosted(mw: u32, rate: &str) -> Deployment {
    let site = Site::new("S", "100 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "60 MW".parse().unwrap(), Pue::constant(1.0).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let it = format!("{mw} MW").parse().unwrap();
    plan.assign(
        "client",
        "A",
        Workload::Hosting(Hosting::new(it, rate.parse().unwrap()).unwrap()),
    )
    .unwrap();
    plan
}

fn offer(prices: &[f64], share: Decimal, calls: ReserveCalls) -> ReserveOffer {
    ReserveOffer::new(ReserveOfferSpec {
        service: ReserveService::Responsive,
        prices: series(prices),
        share,
        calls,
        controllable: false,
    })
    .unwrap()
}

#[test]
fn three_hours_of_responsive_reserve_settle_as_worked_by_hand() {
    // Prices $50, $90, $75; RRS $30/MW-h; half the load offered; 10% of
    // each hour called, so 5% of the energy is shed.
    let contract = PowerContract::new(PowerSupply::index(
        series(&[50.0, 90.0, 75.0]),
        "$0/MWh".parse().unwrap(),
    ))
    .with_reserves(offer(
        &[30.0; 3],
        Decimal::new(5, 1),
        ReserveCalls::Expected(Decimal::new(1, 1)),
    ));
    let horizon = Horizon::new(start(), Resolution::Hourly, 3).unwrap();
    let ledger = simulate_site(
        &hosted(10, "$70/MWh"),
        &contract,
        horizon,
        Curtailment::AboveBreakeven,
    )
    .unwrap();
    let lines: Vec<_> = ledger.workload_periods(0).collect();
    // Hour 1: running earns 700 − 500 = 200; offering 150 + 200 − 0.05 × 200 = 340.
    assert!(lines[0].reserve_offered);
    assert_eq!(
        lines[0].money.reserve_payment,
        "$150".parse::<Usd>().unwrap()
    );
    assert_eq!(lines[0].money.revenue, "$665".parse::<Usd>().unwrap());
    assert_eq!(lines[0].money.energy_cost, "$475".parse::<Usd>().unwrap());
    assert_eq!(lines[0].deployed_energy.get(unit::MEGAWATT_HOUR), 0.5);
    assert_eq!(
        lines[0].money.gross_margin().unwrap(),
        "$340".parse::<Usd>().unwrap()
    );
    // Hour 2: running loses 200; offering 150 − 200 + 10 = −40: curtailed.
    assert_eq!(lines[1].reason, Some(CurtailReason::Breakeven));
    // Hour 3: running loses 50, curtailing earns 0, offering 150 − 50 + 2.5 = 102.5.
    assert!(lines[2].reserve_offered);
    assert_eq!(
        lines[2].money.gross_margin().unwrap(),
        "$102.5".parse::<Usd>().unwrap()
    );
    let totals = ledger.workload_totals(0).unwrap();
    assert_eq!((totals.reserve_periods, totals.curtailed_periods), (2, 1));
    assert_eq!(
        ledger.totals().money.reserve_payment,
        "$300".parse::<Usd>().unwrap()
    );
    assert_eq!(
        ledger.totals().money.gross_margin().unwrap(),
        "$442.5".parse::<Usd>().unwrap()
    );
    // Always on never sheds load, so it never offers.
    let on = simulate_site(
        &hosted(10, "$70/MWh"),
        &contract,
        horizon,
        Curtailment::AlwaysOn,
    )
    .unwrap();
    assert_eq!(on.totals().money.reserve_payment, Usd::ZERO);
}

#[test]
fn a_called_hour_is_shed_for_the_part_the_call_covers() {
    // A 30-minute call in hour 2, all of the load offered. Calls given as
    // events are known when the period is decided, so hour 2 offers only
    // because its price ($200/MW-h) pays for the half hour shed.
    let call = ReserveCall {
        start: start() + TimeDelta::minutes(75),
        end: start() + TimeDelta::minutes(105),
    };
    let contract = PowerContract::new(PowerSupply::index(
        series(&[40.0; 3]),
        "$0/MWh".parse().unwrap(),
    ))
    .with_reserves(offer(
        &[5.0, 200.0, 5.0],
        Decimal::ONE,
        ReserveCalls::Events(vec![call]),
    ));
    let horizon = Horizon::new(start(), Resolution::Hourly, 3).unwrap();
    let ledger = simulate_site(
        &hosted(10, "$70/MWh"),
        &contract,
        horizon,
        Curtailment::AboveBreakeven,
    )
    .unwrap();
    let lines: Vec<_> = ledger.workload_periods(0).collect();
    assert!(lines.iter().all(|l| l.reserve_offered));
    assert_eq!(lines[1].energy.get(unit::MEGAWATT_HOUR), 5.0);
    assert_eq!(lines[1].deployed_energy.get(unit::MEGAWATT_HOUR), 5.0);
    // 2000 + (700 − 400) / 2 = 2150; the other hours 50 + 300.
    assert_eq!(
        lines[1].money.gross_margin().unwrap(),
        "$2150".parse::<Usd>().unwrap()
    );
    assert_eq!(
        lines[0].money.gross_margin().unwrap(),
        "$350".parse::<Usd>().unwrap()
    );
}

fn contract(prices: &[f64], sell_back: bool, reserves: Option<ReserveOffer>) -> PowerContract {
    let c = if sell_back {
        PowerContract::new(PowerSupply::fixed("$35/MWh".parse().unwrap()))
            .with_sell_back(series(prices))
            .unwrap()
    } else {
        PowerContract::new(PowerSupply::index(
            series(prices),
            "$2/MWh".parse().unwrap(),
        ))
    };
    match reserves {
        Some(offer) => c.with_reserves(offer),
        None => c,
    }
}

fn calls() -> impl Strategy<Value = ReserveCalls> {
    prop_oneof![
        (0u32..=100).prop_map(|c| ReserveCalls::Expected(Decimal::new(i64::from(c), 2))),
        prop::collection::vec((0i64..2000, 1i64..300), 0..6).prop_map(|v| ReserveCalls::Events(
            v.into_iter()
                .map(|(from, minutes)| ReserveCall {
                    start: start() + TimeDelta::minutes(from),
                    end: start() + TimeDelta::minutes(from + minutes),
                })
                .collect()
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_kernel_and_the_ledger_agree_with_reserves(
        prices in prop::collection::vec(-30.0f64..400.0, 24..200),
        reserve in prop::collection::vec(0.0f64..200.0, 200),
        share in 1u32..=100,
        calls in calls(),
        sell_back in any::<bool>(),
        policy in 0u8..3,
        mw in 1u32..40,
    ) {
        let offer = offer(&reserve, Decimal::new(i64::from(share), 2), calls);
        let contract = contract(&prices, sell_back, Some(offer));
        let policy = [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice("$90/MWh".parse().unwrap())][usize::from(policy)];
        let horizon = Horizon::new(start(), Resolution::Hourly, prices.len()).unwrap();
        let plan = hosted(mw, "$65/MWh");
        let exact = simulate_site(&plan, &contract, horizon, policy).unwrap();
        let fast = SiteKernel::new(&plan, &contract, horizon).unwrap()
            .run(&PricePath::new(&contract, horizon).unwrap(), policy);
        let (t, f) = (exact.totals(), fast.to_usd().unwrap());
        prop_assert!(within_a_cent(f.revenue, t.money.revenue), "revenue: {} against {}", f.revenue, t.money.revenue);
        prop_assert!(within_a_cent(f.energy_cost, t.money.energy_cost), "energy_cost: {} against {}", f.energy_cost, t.money.energy_cost);
        prop_assert!(within_a_cent(f.sell_back_credit, t.money.sell_back_credit), "sell_back_credit: {} against {}", f.sell_back_credit, t.money.sell_back_credit);
        prop_assert!(within_a_cent(f.reserve_payment, t.money.reserve_payment), "reserve_payment: {} against {}", f.reserve_payment, t.money.reserve_payment);
        prop_assert_eq!(fast.workloads[0].curtailed_periods, exact.workload_totals(0).unwrap().curtailed_periods);
    }

    #[test]
    fn an_offer_never_lowers_margin_when_the_decision_may_choose(
        prices in prop::collection::vec(-30.0f64..400.0, 24..200),
        reserve in prop::collection::vec(0.0f64..200.0, 200),
        share in 1u32..=100,
        calls in calls(),
        sell_back in any::<bool>(),
        strike in any::<bool>(),
    ) {
        let policy = if strike { Curtailment::AbovePrice("$90/MWh".parse().unwrap()) } else { Curtailment::AboveBreakeven };
        let horizon = Horizon::new(start(), Resolution::Hourly, prices.len()).unwrap();
        let plan = hosted(10, "$65/MWh");
        let offer = offer(&reserve, Decimal::new(i64::from(share), 2), calls);
        let with = simulate_site(&plan, &contract(&prices, sell_back, Some(offer)), horizon, policy).unwrap();
        let without = simulate_site(&plan, &contract(&prices, sell_back, None), horizon, policy).unwrap();
        prop_assert!(with.totals().money.gross_margin().unwrap() >= without.totals().money.gross_margin().unwrap());
        // Period by period too: offering is taken only where it pays more.
        for (a, b) in with.workload_periods(0).zip(without.workload_periods(0)) {
            prop_assert!(a.money.gross_margin().unwrap() >= b.money.gross_margin().unwrap());
        }
    }
}
