//! Invariants of site simulations, stated in domain words.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::Curtailment;
use wattage_facility::deployment::{AssignmentSpec, Deployment, Window};
use wattage_facility::finance::{irr, npv};
use wattage_facility::horizon::Horizon;
use wattage_facility::lease::LeaseStructure;
use wattage_facility::power::PowerContract;
use wattage_facility::power::PowerSupply;
use wattage_facility::price_series::{PriceSeries, Resolution};
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::workload::{Hosting, Workload};
use wattage_units::{Power, Usd, unit};

use crate::site_run::{assert_totals_are_sums, cents, index, lease, miners, t0};

fn plan(pue_mining_permille: u32, pue_ai_permille: u32, structure: LeaseStructure) -> Deployment {
    let site = Site::new("P", "200 MW".parse().unwrap())
        .unwrap()
        .with_hall(
            Hall::new(
                "mining",
                "60 MW".parse().unwrap(),
                Pue::constant(f64::from(pue_mining_permille) / 1000.0).unwrap(),
            )
            .unwrap(),
        )
        .unwrap()
        .with_hall(
            Hall::new(
                "ai",
                "45 MW".parse().unwrap(),
                Pue::constant(f64::from(pue_ai_permille) / 1000.0).unwrap(),
            )
            .unwrap(),
        )
        .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign("fleet", "mining", miners("$48.5/PH/day"))
        .unwrap();
    plan.assign(
        "hosted",
        "mining",
        Workload::Hosting(
            Hosting::new("30 MW".parse().unwrap(), "$71/MWh".parse().unwrap()).unwrap(),
        ),
    )
    .unwrap();
    plan.assign(
        "tenant",
        "ai",
        lease(structure, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
    )
    .unwrap();
    plan
}

fn structure(triple_net: bool) -> LeaseStructure {
    if triple_net {
        LeaseStructure::TripleNet
    } else {
        LeaseStructure::Gross
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn energy_bought_is_workload_it_energy_times_pue(
        prices in prop::collection::vec(-5_000_i64..300_000, 1..120),
        pue_mining in 1_000_u32..1_300,
        pue_ai in 1_000_u32..1_600,
        triple_net: bool,
        policy in 0_u8..3,
    ) {
        let policy = [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(cents(10_000))][usize::from(policy)];
        let plan = plan(pue_mining, pue_ai, structure(triple_net));
        let horizon = Horizon::new(t0(), Resolution::Hourly, prices.len()).unwrap();
        let ledger = simulate_site(&plan, &index(&prices), horizon, policy).unwrap();
        let pues = [pue_mining, pue_mining, pue_ai].map(|p| f64::from(p) / 1000.0);
        let mut expected = 0.0;
        for (w, pue) in pues.iter().enumerate() {
            for p in ledger.workload_periods(w) {
                let it = crate::mwh(p.it_energy);
                prop_assert!(crate::same_mwh(crate::mwh(p.energy), it * pue));
                expected += it * pue;
            }
        }
        prop_assert!(crate::same_mwh(crate::mwh(ledger.totals().energy), expected));
        assert_totals_are_sums(&ledger);
    }

    #[test]
    fn perfect_foresight_curtailment_never_lowers_margin(
        prices in prop::collection::vec(-5_000_i64..300_000, 1..150),
        hashprice_cents in 2_000_i64..9_000,
        sell_back: bool,
        fixed_cents in 1_000_i64..8_000,
    ) {
        let contract = if sell_back {
            let market = PriceSeries::new(t0(), Resolution::Hourly, prices.iter().map(|&c| cents(c)).collect()).unwrap();
            PowerContract::new(PowerSupply::fixed(cents(fixed_cents))).with_sell_back(market).unwrap()
        } else {
            index(&prices)
        };
        let mut plan = plan(1_050, 1_250, LeaseStructure::Gross);
        let hp = format!("${}/PH/day", Decimal::new(hashprice_cents, 2));
        let mut fresh = Deployment::new(plan.site().clone());
        fresh.assign("fleet", "mining", miners(&hp)).unwrap();
        fresh.assign("tenant", "ai", plan.assignment("tenant").unwrap().workload().clone()).unwrap();
        plan = fresh;
        let horizon = Horizon::new(t0(), Resolution::Hourly, prices.len()).unwrap();
        let on = simulate_site(&plan, &contract, horizon, Curtailment::AlwaysOn).unwrap();
        let flexible = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        prop_assert!(flexible.totals().money.gross_margin().unwrap() >= on.totals().money.gross_margin().unwrap());
        for t in 0..prices.len() {
            let f = flexible.entry(t, 0).unwrap().money.gross_margin().unwrap();
            let a = on.entry(t, 0).unwrap().money.gross_margin().unwrap();
            prop_assert!(f >= a);
            prop_assert!(!flexible.entry(t, 0).unwrap().money.curtailment_value.is_negative());
        }
        // The firm lease never curtails.
        prop_assert_eq!(flexible.workload_totals(1).unwrap().curtailed_periods, 0);
    }

    #[test]
    fn allocations_never_exceed_capacity(
        loads in prop::collection::vec((1_u32..60, 0_u8..2, prop::option::of(0_i64..48), prop::option::of(0_i64..48)), 1..12),
    ) {
        let site = Site::new("P", "150 MW".parse().unwrap()).unwrap()
            .with_hall(Hall::new("a", "60 MW".parse().unwrap(), Pue::constant(1.1).unwrap()).unwrap()).unwrap()
            .with_hall(Hall::new("b", "70 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap()).unwrap();
        let mut plan = Deployment::new(site);
        for (i, (mw, hall, from, len)) in loads.iter().enumerate() {
            let hall = if *hall == 0 { "a" } else { "b" };
            let from_t = from.map(|h| t0() + chrono::TimeDelta::hours(h));
            let until = match (from_t, len) {
                (Some(f), Some(l)) => Some(f + chrono::TimeDelta::hours(*l)),
                (None, Some(l)) => Some(t0() + chrono::TimeDelta::hours(*l)),
                _ => None,
            };
            let w = Workload::Hosting(Hosting::new(Power::new(f64::from(*mw), unit::MEGAWATT).unwrap(), "$60/MWh".parse().unwrap()).unwrap());
            let _ = plan.add(AssignmentSpec::new(format!("w{i}"), hall, w).during(Window { from: from_t, until }));
        }
        // At every hour, the IT load live in each hall is within its capacity.
        for h in -1..100 {
            let at = t0() + chrono::TimeDelta::hours(h);
            for hall in plan.site().halls() {
                let live: f64 = plan.assignments().iter()
                    .filter(|a| a.hall() == hall.name() && a.window().contains(at))
                    .map(|a| a.workload().it_power().get(unit::MEGAWATT))
                    .sum();
                prop_assert!(live <= hall.it_capacity().get(unit::MEGAWATT) * (1.0 + 1e-9));
            }
        }
    }

    #[test]
    fn ledger_totals_are_the_exact_sums_of_their_periods(
        prices in prop::collection::vec(-5_000_i64..300_000, 1..200),
        triple_net: bool,
        strike in 0_i64..50_000,
    ) {
        let plan = plan(1_070, 1_330, structure(triple_net));
        let horizon = Horizon::new(t0(), Resolution::Hourly, prices.len()).unwrap();
        for policy in [Curtailment::AlwaysOn, Curtailment::AboveBreakeven, Curtailment::AbovePrice(cents(strike))] {
            let ledger = simulate_site(&plan, &index(&prices), horizon, policy).unwrap();
            assert_totals_are_sums(&ledger);
        }
    }

    #[test]
    fn npv_at_zero_is_the_sum_and_npv_at_the_irr_is_zero(
        investment in 1_000_i64..10_000_000,
        returns_permille in prop::collection::vec(0_i64..1_000, 1..30),
    ) {
        // Each year returns up to the investment: IRRs from -100% to 100%.
        let returns: Vec<i64> = returns_permille.iter().map(|p| investment * p / 1000).collect();
        let mut flows = vec![Usd::from_cents(-investment * 100)];
        flows.extend(returns.iter().map(|&r| Usd::from_cents(r * 100)));
        prop_assert_eq!(npv(Decimal::ZERO, &flows).unwrap(), Usd::try_sum(flows.iter().copied()).unwrap());
        if let Ok(rate) = irr(&flows) {
            let at_irr = npv(rate, &flows).unwrap().to_f64();
            let scale = flows.iter().map(|f| f.to_f64().abs()).sum::<f64>();
            prop_assert!(at_irr.abs() <= 1e-6 * scale, "NPV {} at IRR {}", at_irr, rate);
        } else {
            // No IRR only when nothing comes back.
            prop_assert!(returns.iter().all(|&r| r == 0));
        }
    }
}
