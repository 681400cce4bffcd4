//! One mining fleet in one hall: curtailment and exact ledgers (the cases
//! of the first release's single-workload kernel, now run through the one
//! engine, `simulate_site`).

use crate::fixtures::fleet_spec;
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::ledger::SiteLedger;
use wattage_facility::power::PowerSupply;
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::{
    Curtailment, Deployment, FacilityError, Hall, HashpricePath, Horizon, PowerContract, Pue,
    SelfMining, SelfMiningSpec, Site, Workload, simulate_site,
};
use wattage_units::{EnergyPrice, Hashprice, Power, Usd};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 1, 6, 0, 0).unwrap()
}

fn price_from_cents(cents: i64) -> EnergyPrice {
    EnergyPrice::new(Decimal::new(cents, 2)).unwrap()
}

/// A fleet of `hashrate` drawing `it_power`, paid `path` with no pool fee.
pub(crate) fn mining(hashrate: &str, it_power: &str, path: HashpricePath) -> SelfMining {
    SelfMining::new(fleet_spec(hashrate, it_power, path, "$100,000/BTC")).unwrap()
}

fn fleet(hashprice: &str) -> SelfMining {
    // 1 EH/s at 16 J/TH = 16 MW.
    mining(
        "1 EH/s",
        "16 MW",
        HashpricePath::Constant(hashprice.parse().unwrap()),
    )
}

fn index(cents: &[i64], resolution: Resolution) -> PowerSupply {
    let prices = cents.iter().map(|&c| price_from_cents(c)).collect();
    PowerSupply::index(
        PriceSeries::new(t0(), resolution, prices).unwrap(),
        price_from_cents(0),
    )
}

/// Runs `fleet` alone in one hall of PUE `pue` for `periods` periods.
pub(crate) fn run_one(
    start: DateTime<Utc>,
    resolution: Resolution,
    periods: usize,
    supply: &PowerSupply,
    pue: &Pue,
    fleet: &SelfMining,
    policy: Curtailment,
) -> Result<SiteLedger, FacilityError> {
    let site = Site::new("site", "1000 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("hall", "100 MW".parse().unwrap(), pue.clone()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign("fleet", "hall", Workload::SelfMining(fleet.clone()))
        .unwrap();
    let horizon = Horizon::new(start, resolution, periods)?;
    simulate_site(&plan, &PowerContract::new(supply.clone()), horizon, policy)
}

fn margin(ledger: &SiteLedger) -> Usd {
    ledger.totals().money.gross_margin().unwrap()
}

fn curtailed(ledger: &SiteLedger) -> usize {
    ledger.workload_totals(0).unwrap().curtailed_periods
}

fn assert_totals_are_sums(ledger: &SiteLedger) {
    let e: Vec<_> = ledger.workload_periods(0).collect();
    let t = ledger.totals();
    assert_eq!(
        t.money.revenue,
        Usd::try_sum(e.iter().map(|x| x.money.revenue)).unwrap()
    );
    assert_eq!(
        t.money.energy_cost,
        Usd::try_sum(e.iter().map(|x| x.money.energy_cost)).unwrap()
    );
    assert_eq!(
        margin(ledger),
        Usd::try_sum(e.iter().map(|x| x.money.gross_margin().unwrap())).unwrap()
    );
    assert!(crate::same_mwh(
        crate::mwh(t.energy),
        e.iter().map(|x| crate::mwh(x.energy)).sum::<f64>()
    ));
    assert_eq!(
        margin(ledger),
        t.money.revenue.checked_sub(t.money.energy_cost).unwrap()
    );
}

#[test]
fn a_year_of_hours_at_a_fixed_price_matches_the_closed_form() {
    // 8,760 hours at $40/MWh, PUE 1.25: 16 MW × 1.25 = 20 MW facility.
    let supply = PowerSupply::fixed("$40/MWh".parse().unwrap());
    let pue = Pue::constant(1.25).unwrap();
    let ledger = run_one(
        t0(),
        Resolution::Hourly,
        8760,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AlwaysOn,
    )
    .unwrap();
    let t = ledger.totals();
    assert_eq!(crate::mwh(t.energy), f64::from(20 * 8760));
    assert_eq!(t.money.energy_cost, "$7,008,000".parse().unwrap());
    // $50/PH/day × 1000 PH × 365 days = $18.25M.
    assert_eq!(
        t.money.revenue.round_to_cents(),
        "$18,250,000".parse().unwrap()
    );
    assert_eq!(curtailed(&ledger), 0);
    assert_totals_are_sums(&ledger);
}

#[test]
fn curtailment_switches_off_above_breakeven_only() {
    // Breakeven at PUE 1: $50/PH/day × 1000 / (16 J/TH × 24) = $130.21/MWh.
    let supply = index(&[13_000, 13_100, -500, 900_000], Resolution::Hourly);
    let pue = Pue::constant(1.0).unwrap();
    let ledger = run_one(
        t0(),
        Resolution::Hourly,
        4,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AboveBreakeven,
    )
    .unwrap();
    let running: Vec<bool> = ledger.workload_periods(0).map(|e| e.running).collect();
    assert_eq!(running, [true, false, true, false]);
    let first = ledger.entry(0, 0).unwrap();
    let breakeven = first.money.revenue.dollars()
        / wattage_units::money::to_decimal("MWh", crate::mwh(first.energy)).unwrap();
    assert_eq!(
        format!("{:.2}", EnergyPrice::new(breakeven).unwrap()),
        "$130.21/MWh"
    );
    // A negative price is paid to consume: running earns revenue and the credit.
    let third = ledger.entry(2, 0).unwrap();
    assert!(third.money.gross_margin().unwrap() > third.money.revenue);
    assert_totals_are_sums(&ledger);

    let strike = run_one(
        t0(),
        Resolution::Hourly,
        4,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AbovePrice(price_from_cents(12_000)),
    )
    .unwrap();
    let running: Vec<bool> = strike.workload_periods(0).map(|e| e.running).collect();
    assert_eq!(running, [false, false, true, false]);
    assert!(margin(&strike) < margin(&ledger));
}

#[test]
fn fifteen_minute_periods_split_the_hour() {
    let supply = index(&[1_000, 2_000, 3_000, 4_000], Resolution::FifteenMinutes);
    let pue = Pue::constant(1.0).unwrap();
    let run = |resolution, periods| {
        run_one(
            t0(),
            resolution,
            periods,
            &supply,
            &pue,
            &fleet("$50/PH/day"),
            Curtailment::AlwaysOn,
        )
        .unwrap()
    };
    let quarters = run(Resolution::FifteenMinutes, 4);
    let hour = run(Resolution::Hourly, 1);
    assert_eq!(
        quarters.totals().money.energy_cost,
        hour.totals().money.energy_cost
    );
    assert_eq!(crate::mwh(quarters.totals().energy), 16.0);
    assert_eq!(
        quarters.totals().money.revenue.round_to_cents(),
        hour.totals().money.revenue.round_to_cents()
    );
}

#[test]
fn simulation_inputs_that_do_not_cover_the_run_are_errors() {
    let supply = index(&[1_000, 2_000], Resolution::Hourly);
    let pue = Pue::constant(1.1).unwrap();
    let run = |start, periods, fleet: &SelfMining, supply: &PowerSupply| {
        run_one(
            start,
            Resolution::Hourly,
            periods,
            supply,
            &pue,
            fleet,
            Curtailment::AlwaysOn,
        )
    };
    let err = run(t0(), 3, &fleet("$50/PH/day"), &supply).unwrap_err();
    assert!(matches!(err, FacilityError::OutsideSeries { .. }), "{err}");
    let short_path = mining(
        "1 EH/s",
        "16 MW",
        HashpricePath::PerPeriod(vec!["$50/PH/day".parse().unwrap()]),
    );
    let err = run(t0(), 2, &short_path, &supply).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid hashprice path: 1 hashprice(s), none for period 1"
    );
    let forever = PowerSupply::fixed(price_from_cents(1));
    let err = run(t0(), usize::MAX, &fleet("$50/PH/day"), &forever).unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidTerm {
                what: "number of simulated periods",
                ..
            }
        ),
        "{err}"
    );
    let half_past = Utc.with_ymd_and_hms(2023, 1, 1, 6, 30, 0).unwrap();
    assert!(matches!(
        run(half_past, 1, &fleet("$50/PH/day"), &supply),
        Err(FacilityError::Misaligned { .. })
    ));
    assert!(
        SelfMining::new(SelfMiningSpec {
            it_power: Power::ZERO,
            ..fleet_spec(
                "1 EH/s",
                "1 MW",
                HashpricePath::Constant("$1/PH/day".parse().unwrap()),
                "$100,000/BTC"
            )
        })
        .is_err()
    );
}

proptest! {
    #[test]
    fn perfect_foresight_curtailment_never_lowers_margin(
        cents in prop::collection::vec(-5_000_i64..500_000, 1..200),
        hashprice_cents in 1_000_i64..10_000,
        pue_permille in 1_000_u32..1_600,
    ) {
        let supply = index(&cents, Resolution::Hourly);
        let pue = Pue::constant(f64::from(pue_permille) / 1000.0).unwrap();
        let hashprice = Hashprice::new(Decimal::new(hashprice_cents, 2)).unwrap();
        let workload = mining("500 PH/s", "9 MW", HashpricePath::Constant(hashprice));
        let n = cents.len();
        let run = |policy| run_one(t0(), Resolution::Hourly, n, &supply, &pue, &workload, policy).unwrap();
        let always = run(Curtailment::AlwaysOn);
        let flexible = run(Curtailment::AboveBreakeven);
        prop_assert!(margin(&flexible) >= margin(&always));
        let periods = flexible.periods().unwrap();
        for ((f, a), site) in flexible.workload_periods(0).zip(always.workload_periods(0)).zip(&periods) {
            let (fm, am) = (f.money.gross_margin().unwrap(), a.money.gross_margin().unwrap());
            prop_assert!(fm >= am && !fm.is_negative());
            // Running exactly when the price is at most the breakeven.
            let breakeven_margin = a.money.revenue.checked_sub(a.money.energy_cost).unwrap();
            prop_assert_eq!(f.running, !breakeven_margin.is_negative(), "price {}", site.price);
        }
    }

    #[test]
    fn ledger_totals_are_the_exact_sums_of_periods(
        cents in prop::collection::vec(-5_000_i64..500_000, 1..200),
        strike_cents in 0_i64..100_000,
    ) {
        let supply = index(&cents, Resolution::Hourly);
        let pue = Pue::constant(1.17).unwrap();
        for policy in [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(price_from_cents(strike_cents))] {
            let ledger = run_one(t0(), Resolution::Hourly, cents.len(), &supply, &pue, &fleet("$47.31/PH/day"), policy).unwrap();
            let e: Vec<_> = ledger.workload_periods(0).collect();
            let t = ledger.totals();
            prop_assert_eq!(t.money.revenue, Usd::try_sum(e.iter().map(|x| x.money.revenue)).unwrap());
            prop_assert_eq!(t.money.energy_cost, Usd::try_sum(e.iter().map(|x| x.money.energy_cost)).unwrap());
            prop_assert_eq!(margin(&ledger), Usd::try_sum(e.iter().map(|x| x.money.gross_margin().unwrap())).unwrap());
            prop_assert_eq!(margin(&ledger), t.money.revenue.checked_sub(t.money.energy_cost).unwrap());
        }
    }
}

#[test]
fn a_deployment_with_another_hashprice_pays_its_fleets_that_path_only() {
    let supply = PowerSupply::fixed("$40/MWh".parse().unwrap());
    let site = Site::new("site", "1000 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "hall",
                "100 MW".parse().unwrap(),
                Pue::constant(1.1).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign("fleet", "hall", Workload::SelfMining(fleet("$50/PH/day")))
        .unwrap();
    let half = plan
        .with_mining_hashprice(&HashpricePath::Constant("$25/PH/day".parse().unwrap()))
        .unwrap();
    assert_eq!(half.assignments().len(), 1);
    assert_eq!(half.assignments()[0].name(), "fleet");
    assert_eq!(half.assignments()[0].pue(), plan.assignments()[0].pue());
    let horizon = Horizon::new(t0(), Resolution::Hourly, 24).unwrap();
    let run = |d: &Deployment| {
        simulate_site(
            d,
            &PowerContract::new(supply.clone()),
            horizon,
            Curtailment::AlwaysOn,
        )
        .unwrap()
        .totals()
    };
    let (full, halved) = (run(&plan), run(&half));
    assert_eq!(
        full.money.revenue.dollars() / halved.money.revenue.dollars(),
        Decimal::from(2)
    );
    assert_eq!(full.money.energy_cost, halved.money.energy_cost);
}
