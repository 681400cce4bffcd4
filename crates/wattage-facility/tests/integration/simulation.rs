//! The simulation kernel: curtailment and exact ledgers.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::FacilityError;
use wattage_facility::contract::PowerSupply;
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::simulation::{Curtailment, HashpricePath, Ledger, MiningWorkload, simulate};
use wattage_units::{EnergyPrice, Hashprice, Power, Usd};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 1, 1, 6, 0, 0).unwrap()
}

fn price_from_cents(cents: i64) -> EnergyPrice {
    EnergyPrice::new(Decimal::new(cents, 2)).unwrap()
}

fn fleet(hashprice: &str) -> MiningWorkload {
    // 1 EH/s at 16 J/TH = 16 MW.
    MiningWorkload::new(
        "1 EH/s".parse().unwrap(),
        "16 MW".parse().unwrap(),
        HashpricePath::Constant(hashprice.parse().unwrap()),
    )
    .unwrap()
}

fn index(cents: &[i64], resolution: Resolution) -> PowerSupply {
    let prices = cents.iter().map(|&c| price_from_cents(c)).collect();
    PowerSupply::index(
        PriceSeries::new(t0(), resolution, prices).unwrap(),
        price_from_cents(0),
    )
}

fn assert_totals_are_sums(ledger: &Ledger) {
    let e = ledger.entries();
    let t = ledger.totals();
    assert_eq!(
        t.revenue,
        Usd::try_sum(e.iter().map(|x| x.revenue)).unwrap()
    );
    assert_eq!(
        t.energy_cost,
        Usd::try_sum(e.iter().map(|x| x.energy_cost)).unwrap()
    );
    assert_eq!(t.margin, Usd::try_sum(e.iter().map(|x| x.margin)).unwrap());
    assert_eq!(
        t.energy_mwh,
        e.iter().map(|x| x.energy_mwh).sum::<Decimal>()
    );
    assert_eq!(t.margin, t.revenue.checked_sub(t.energy_cost).unwrap());
}

#[test]
fn a_year_of_hours_at_a_fixed_price_matches_the_closed_form() {
    // 8,760 hours at $40/MWh, PUE 1.25: 16 MW × 1.25 = 20 MW facility.
    let supply = PowerSupply::fixed("$40/MWh".parse().unwrap());
    let pue = Pue::constant(1.25).unwrap();
    let ledger = simulate(
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
    assert_eq!(t.energy_mwh, Decimal::from(20 * 8760));
    assert_eq!(t.energy_cost, "$7,008,000".parse().unwrap());
    // $50/PH/day × 1000 PH × 365 days = $18.25M.
    assert_eq!(t.revenue.round_to_cents(), "$18,250,000".parse().unwrap());
    assert_eq!(ledger.curtailed_periods(), 0);
    assert_totals_are_sums(&ledger);
}

#[test]
fn curtailment_switches_off_above_breakeven_only() {
    // Breakeven at PUE 1: $50/PH/day × 1000 / (16 J/TH × 24) = $130.21/MWh.
    let supply = index(&[13_000, 13_100, -500, 900_000], Resolution::Hourly);
    let pue = Pue::constant(1.0).unwrap();
    let ledger = simulate(
        t0(),
        Resolution::Hourly,
        4,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AboveBreakeven,
    )
    .unwrap();
    let running: Vec<bool> = ledger.entries().iter().map(|e| e.running).collect();
    assert_eq!(running, [true, false, true, false]);
    assert_eq!(
        format!("{:.2}", ledger.entries()[0].breakeven),
        "$130.21/MWh"
    );
    // A negative price is paid to consume: running earns revenue and the credit.
    assert!(ledger.entries()[2].margin > ledger.entries()[2].revenue);
    assert_totals_are_sums(&ledger);

    let strike = simulate(
        t0(),
        Resolution::Hourly,
        4,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AbovePrice(price_from_cents(12_000)),
    )
    .unwrap();
    let running: Vec<bool> = strike.entries().iter().map(|e| e.running).collect();
    assert_eq!(running, [false, false, true, false]);
    assert!(strike.totals().margin < ledger.totals().margin);
}

#[test]
fn fifteen_minute_periods_split_the_hour() {
    let supply = index(&[1_000, 2_000, 3_000, 4_000], Resolution::FifteenMinutes);
    let pue = Pue::constant(1.0).unwrap();
    let quarters = simulate(
        t0(),
        Resolution::FifteenMinutes,
        4,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AlwaysOn,
    )
    .unwrap();
    let hour = simulate(
        t0(),
        Resolution::Hourly,
        1,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AlwaysOn,
    )
    .unwrap();
    assert_eq!(quarters.totals().energy_cost, hour.totals().energy_cost);
    assert_eq!(quarters.totals().energy_mwh, Decimal::from(16));
    assert_eq!(
        quarters.totals().revenue.round_to_cents(),
        hour.totals().revenue.round_to_cents()
    );
}

#[test]
fn simulation_inputs_that_do_not_cover_the_run_are_errors() {
    let supply = index(&[1_000, 2_000], Resolution::Hourly);
    let pue = Pue::constant(1.1).unwrap();
    let err = simulate(
        t0(),
        Resolution::Hourly,
        3,
        &supply,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AlwaysOn,
    )
    .unwrap_err();
    assert!(matches!(err, FacilityError::OutsideSeries { .. }), "{err}");
    let short_path = MiningWorkload::new(
        "1 EH/s".parse().unwrap(),
        "16 MW".parse().unwrap(),
        HashpricePath::PerPeriod(vec!["$50/PH/day".parse().unwrap()]),
    )
    .unwrap();
    let err = simulate(
        t0(),
        Resolution::Hourly,
        2,
        &supply,
        &pue,
        &short_path,
        Curtailment::AlwaysOn,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid hashprice path: 1 hashprice(s), none for period 1"
    );
    let forever = PowerSupply::fixed(price_from_cents(1));
    let err = simulate(
        t0(),
        Resolution::Hourly,
        usize::MAX,
        &forever,
        &pue,
        &fleet("$50/PH/day"),
        Curtailment::AlwaysOn,
    )
    .unwrap_err();
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
        simulate(
            half_past,
            Resolution::Hourly,
            1,
            &supply,
            &pue,
            &fleet("$50/PH/day"),
            Curtailment::AlwaysOn
        ),
        Err(FacilityError::Misaligned { .. })
    ));
    assert!(
        MiningWorkload::new(
            "1 EH/s".parse().unwrap(),
            Power::ZERO,
            HashpricePath::Constant("$1/PH/day".parse().unwrap())
        )
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
        let workload = MiningWorkload::new("500 PH/s".parse().unwrap(), "9 MW".parse().unwrap(), HashpricePath::Constant(hashprice)).unwrap();
        let n = cents.len();
        let always = simulate(t0(), Resolution::Hourly, n, &supply, &pue, &workload, Curtailment::AlwaysOn).unwrap();
        let flexible = simulate(t0(), Resolution::Hourly, n, &supply, &pue, &workload, Curtailment::AboveBreakeven).unwrap();
        prop_assert!(flexible.totals().margin >= always.totals().margin);
        for (f, a) in flexible.entries().iter().zip(always.entries()) {
            prop_assert!(f.margin >= a.margin && !f.margin.is_negative());
            prop_assert_eq!(f.running, f.price <= f.breakeven);
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
            let ledger = simulate(t0(), Resolution::Hourly, cents.len(), &supply, &pue, &fleet("$47.31/PH/day"), policy).unwrap();
            let e = ledger.entries();
            let t = ledger.totals();
            prop_assert_eq!(t.revenue, Usd::try_sum(e.iter().map(|x| x.revenue)).unwrap());
            prop_assert_eq!(t.energy_cost, Usd::try_sum(e.iter().map(|x| x.energy_cost)).unwrap());
            prop_assert_eq!(t.margin, Usd::try_sum(e.iter().map(|x| x.margin)).unwrap());
            prop_assert_eq!(t.margin, t.revenue.checked_sub(t.energy_cost).unwrap());
        }
    }
}
