#![allow(clippy::unwrap_used)]

use alloc::string::ToString;
use alloc::{format, vec};

use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_units::{LeaseRate, Power, Usd, unit};

use super::*;
use crate::sla::SlaCredit;
use crate::workload::Workload;
use crate::{
    Curtailment, Deployment, Hall, Horizon, PowerContract, PowerSupply, PricePath, Pue, Resolution,
    Site, SiteKernel, simulate_site,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

fn usd(text: &str) -> Usd {
    text.parse().unwrap()
}

/// The flat rate at which `mw` for `months` is worth `value`, to the cent.
fn flat_rate(value: &str, mw_: f64, months: u32) -> LeaseRate {
    let rate = ColocationLease::implied_rate(usd(value), mw(mw_), months).unwrap();
    LeaseRate::new(rate.value().round_dp(2)).unwrap()
}

fn firm(name: &str, mw_: f64, rate: LeaseRate, start: NaiveDate) -> TrancheSpec {
    TrancheSpec {
        name: name.into(),
        critical_it: mw(mw_),
        rate,
        rent_commencement: start,
        free_rent_months: 0,
        rate_steps: Vec::new(),
        option: None,
    }
}

fn option(mut spec: TrancheSpec, by: NaiveDate, exercised: bool) -> TrancheSpec {
    spec.option = Some(ExpansionOption {
        exercise_by: by,
        exercised,
    });
    spec
}

fn lease(signed: NaiveDate, term_months: u32, tranches: Vec<TrancheSpec>) -> TranchedLeaseSpec {
    TranchedLeaseSpec {
        signed,
        term_months,
        escalator: Decimal::ZERO,
        structure: LeaseStructure::TripleNet,
        sla: None,
        tranches,
    }
}

fn within(value: Usd, target: &str, tolerance: Decimal) -> bool {
    let target = usd(target).dollars();
    ((value.dollars() - target) / target).abs() <= tolerance
}

/// Core Scientific -> CoreWeave, as announced in tranches. Core Scientific
/// press release "Core Scientific Announces Exercise of Final Contract
/// Option by CoreWeave" (2024-10-22, SEC EDGAR exhibit
/// corescientifichpcoption3re.htm): the 200 MW contract of 2024-06-03
/// (>$3.5B, domain brief section 7), options taking it to about 500 MW and
/// $8.7B over 12-year terms, the final one about 120 MW and $2.0B,
/// operational in the second half of 2026. The middle options (about 180
/// MW, $3.2B) are derived as the difference. Commencement dates and the
/// middle options' exercise date are estimates inside the announced windows.
#[test]
fn core_scientific_coreweave_reproduces_as_three_tranches() {
    let spec = lease(
        day(2024, 6, 3),
        144,
        vec![
            firm(
                "initial 200 MW",
                200.0,
                flat_rate("$3.5B", 200.0, 144),
                day(2025, 7, 1),
            ),
            option(
                firm(
                    "options 1-2",
                    180.0,
                    flat_rate("$3.2B", 180.0, 144),
                    day(2026, 1, 1),
                ),
                day(2024, 8, 31),
                true,
            ),
            option(
                firm(
                    "final option",
                    120.0,
                    flat_rate("$2.0B", 120.0, 144),
                    day(2026, 10, 1),
                ),
                day(2024, 10, 22),
                true,
            ),
        ],
    );
    let deal = TranchedLease::new(spec.clone()).unwrap();
    assert_eq!(deal.committed_capacity().get(unit::MEGAWATT), 500.0);
    let tolerance = Decimal::new(1, 4); // the cent-rounded rates
    assert!(within(deal.total_value().unwrap(), "$8.7B", tolerance));
    let first = deal.tranches()[0].lease().total_value().unwrap();
    assert!(within(first, "$3.5B", tolerance));
    // The domain brief's derived ~$122/kW-month for the first contract;
    // about $121 for the whole 500 MW.
    assert_eq!(
        format!("{:.0}", deal.tranches()[0].lease().starting_rate()),
        "$122/kW/month"
    );
    assert_eq!(
        format!("{:.0}", deal.implied_rate().unwrap()),
        "$121/kW/month"
    );

    // Had CoreWeave let its options lapse, only the first contract pays.
    let mut lapsed = spec;
    for t in &mut lapsed.tranches[1..] {
        if let Some(o) = &mut t.option {
            o.exercised = false;
        }
    }
    let lapsed = TranchedLease::new(lapsed).unwrap();
    assert_eq!(lapsed.total_value().unwrap(), first);
    assert_eq!(lapsed.workloads(Decimal::ONE).unwrap().len(), 1);
}

/// Galaxy Helios -> CoreWeave: 800 MW of critical IT on 15-year terms,
/// about $15B ("more than $1 billion in average annual revenue over 15
/// years"); the August 2025 release names a 260 MW second phase and an
/// exercised option for 133 MW (Galaxy press release "Galaxy Closes $1.4
/// Billion Project Financing Facility", 2025-08-15, as reported by
/// stocktitan.net/news/GLXY). The first phase is derived as 800 - 260 -
/// 133 = 407 MW; one rate for all, derived from the total.
#[test]
fn galaxy_helios_coreweave_reproduces_as_tranches() {
    let rate = flat_rate("$15B", 800.0, 180);
    let deal = TranchedLease::new(lease(
        day(2025, 3, 1),
        180,
        vec![
            firm("phase 1", 407.0, rate, day(2026, 3, 1)),
            option(
                firm("option 133 MW", 133.0, rate, day(2026, 9, 1)),
                day(2025, 8, 15),
                true,
            ),
            firm("phase 2", 260.0, rate, day(2027, 3, 1)),
        ],
    ))
    .unwrap();
    assert_eq!(deal.committed_capacity().get(unit::MEGAWATT), 800.0);
    assert!(within(
        deal.total_value().unwrap(),
        "$15B",
        Decimal::new(1, 4)
    ));
    assert_eq!(
        format!("{:.0}", deal.implied_rate().unwrap()),
        "$104/kW/month"
    );
}

/// The other deals of the domain brief's table (section 7) as one firm
/// tranche each: TeraWulf -> Fluidstack (200 MW, 10 y, $3.7B, ~$154),
/// Cipher -> Fluidstack at Barber Lake (168 MW, 10 y, $3.0B, ~$149).
#[test]
fn single_tranche_deals_reproduce_the_table() {
    for (value, mw_, months, derived) in
        [("$3.7B", 200.0, 120, "$154"), ("$3.0B", 168.0, 120, "$149")]
    {
        let deal = TranchedLease::new(lease(
            day(2025, 8, 1),
            months,
            vec![firm(
                "hall",
                mw_,
                flat_rate(value, mw_, months),
                day(2026, 1, 1),
            )],
        ))
        .unwrap();
        assert!(within(
            deal.total_value().unwrap(),
            value,
            Decimal::new(1, 4)
        ));
        assert_eq!(
            format!("{:.0}", deal.implied_rate().unwrap()),
            format!("{derived}/kW/month")
        );
    }
}

#[test]
fn escalators_and_free_rent_move_value_as_leases_write_them() {
    let rate = flat_rate("$3.5B", 200.0, 144);
    let flat = lease(
        day(2024, 6, 3),
        144,
        vec![firm("a", 200.0, rate, day(2025, 1, 1))],
    );
    let mut escalated = flat.clone();
    escalated.escalator = Decimal::new(3, 2);
    let mut free = flat.clone();
    free.tranches[0].free_rent_months = 6;
    let value = |spec: TranchedLeaseSpec| TranchedLease::new(spec).unwrap().total_value().unwrap();
    let base = value(flat);
    assert!(value(escalated) > base);
    // Six free months cost exactly six months of the flat rent.
    let month = Usd::new(Decimal::from(200_000))
        .checked_mul(rate.value())
        .unwrap();
    assert_eq!(
        value(free),
        base.checked_sub(month.checked_mul(Decimal::from(6)).unwrap())
            .unwrap()
    );
}

#[test]
fn invalid_tranches_are_refused_naming_the_tranche() {
    let rate = flat_rate("$1B", 50.0, 120);
    let signed = day(2026, 1, 1);
    let early = lease(
        signed,
        120,
        vec![firm("early", 50.0, rate, day(2025, 12, 31))],
    );
    let err = TranchedLease::new(early).unwrap_err();
    assert!(
        matches!(&err, FacilityError::TrancheDate { tranche, what: "rent commencement", .. } if tranche == "early"),
        "{err}"
    );

    let late = lease(
        signed,
        120,
        vec![option(
            firm("late", 50.0, rate, day(2026, 6, 1)),
            day(2026, 7, 1),
            true,
        )],
    );
    let err = TranchedLease::new(late).unwrap_err();
    assert!(
        err.to_string()
            .contains("after the tranche's rent commencement"),
        "{err}"
    );

    let mut falling = lease(signed, 120, vec![firm("falling", 50.0, rate, signed)]);
    falling.escalator = Decimal::new(-101, 2);
    let err = TranchedLease::new(falling).unwrap_err();
    assert!(
        matches!(&err, FacilityError::Tranche { tranche, .. } if tranche == "falling"),
        "{err}"
    );

    let mut free = lease(signed, 120, vec![firm("free", 50.0, rate, signed)]);
    free.tranches[0].free_rent_months = 121;
    let err = TranchedLease::new(free).unwrap_err();
    assert_eq!(
        err.to_string(),
        "tranche \"free\": 121 free-rent month(s) must be fewer than the 120-month term"
    );

    let twice = lease(
        signed,
        120,
        vec![firm("x", 50.0, rate, signed), firm("x", 50.0, rate, signed)],
    );
    assert!(matches!(
        TranchedLease::new(twice),
        Err(FacilityError::TrancheName { .. })
    ));
    assert!(matches!(
        TranchedLease::new(lease(signed, 120, vec![])),
        Err(FacilityError::TrancheName { .. })
    ));
}

/// Two tranches in two halls, one with free rent, one with steps and an
/// SLA credit, run through the exact ledger and the `f64` kernel: both
/// book the rent worked by hand.
#[test]
fn tranches_run_in_both_evaluators_and_agree_with_the_hand_sum() {
    let rate = LeaseRate::new(Decimal::from(100)).unwrap();
    let mut b = firm("b", 5.0, rate, day(2026, 7, 1));
    b.rate_steps = vec![RateStep {
        from_month: 3,
        rate: LeaseRate::new(Decimal::from(120)).unwrap(),
    }];
    let mut a = firm("a", 10.0, rate, day(2026, 1, 1));
    a.free_rent_months = 2;
    let deal = TranchedLease::new(lease(day(2025, 12, 1), 24, vec![a, b])).unwrap();
    let site = Site::new("S", "30 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "12 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap()
        .with_hall(Hall::new("B", "6 MW".parse().unwrap(), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let sla = SlaCredit::new(Decimal::new(999, 3), Decimal::new(1, 2), Decimal::new(1, 1)).unwrap();
    // Tranche a without downtime; b with 3 hours a month under the lease's SLA.
    assert!(
        deal.workloads_with_downtime(Decimal::ONE, Decimal::ONE)
            .is_err()
    ); // no SLA
    let a = deal.workloads(Decimal::ONE).unwrap().remove(0);
    let with_sla = TranchedLease::new(TranchedLeaseSpec {
        sla: Some(sla),
        ..deal.clone().into()
    })
    .unwrap();
    let b = with_sla
        .workloads_with_downtime(Decimal::ONE, Decimal::from(3))
        .unwrap()
        .remove(1);
    for ((name, tenant), hall) in [(a, "A"), (b, "B")] {
        plan.assign(&name, hall, Workload::Colocation(tenant))
            .unwrap();
    }
    let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let horizon = Horizon::calendar_years(start, Resolution::Hourly, 1).unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$40/MWh".parse().unwrap()));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    // a: 10,000 kW × $100 for 10 of 12 months of 2026.
    assert_eq!(
        ledger.workload_totals(0).unwrap().money.revenue.dollars()
            - ledger
                .workload_totals(0)
                .unwrap()
                .money
                .energy_cost
                .dollars(),
        Decimal::from(10_000_000)
    );
    // b from July: 3 months at $100, 3 at $120, each less the SLA credit:
    // 3 h down against 0.1 % of the month allowed (0.744 h in 31 days,
    // 0.72 h in 30), 1 % of rent an hour beyond.
    let credit = |rent: i64, hours: i64| {
        let beyond = Decimal::from(3) - Decimal::new(1, 3) * Decimal::from(hours);
        Decimal::from(rent) * Decimal::new(1, 2) * beyond
    };
    let expected_b = [
        (500_000, 744),
        (500_000, 744),
        (500_000, 720),
        (600_000, 744),
        (600_000, 720),
        (600_000, 744),
    ]
    .iter()
    .map(|&(rent, hours)| Decimal::from(rent) - credit(rent, hours))
    .sum::<Decimal>();
    let b_totals = ledger.workload_totals(1).unwrap();
    assert_eq!(
        b_totals.money.revenue.dollars() - b_totals.money.energy_cost.dollars(),
        expected_b
    );
    let fast = SiteKernel::new(&plan, &contract, horizon)
        .unwrap()
        .run(
            &PricePath::new(&contract, horizon).unwrap(),
            Curtailment::AboveBreakeven,
        )
        .to_usd()
        .unwrap();
    assert_eq!(
        fast.revenue.round_to_cents(),
        ledger.totals().money.revenue.round_to_cents()
    );
    assert_eq!(
        fast.energy_cost.round_to_cents(),
        ledger.totals().money.energy_cost.round_to_cents()
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_tranched_lease_reads_back_what_it_wrote() {
    let rate = flat_rate("$1B", 50.0, 120);
    let mut spec = lease(
        day(2026, 1, 1),
        120,
        vec![option(
            firm("x", 50.0, rate, day(2026, 6, 1)),
            day(2026, 3, 1),
            false,
        )],
    );
    spec.tranches[0].free_rent_months = 3;
    spec.sla = Some(
        SlaCredit::new(
            Decimal::new(9999, 4),
            Decimal::new(5, 2),
            Decimal::new(25, 2),
        )
        .unwrap(),
    );
    let deal = TranchedLease::new(spec).unwrap();
    let json = serde_json::to_string(&deal).unwrap();
    assert_eq!(serde_json::from_str::<TranchedLease>(&json).unwrap(), deal);
    let lease = deal.tranches()[0].lease();
    let json = serde_json::to_string(lease).unwrap();
    assert!(json.contains("\"free_rent_months\":3"), "{json}");
    assert_eq!(
        &serde_json::from_str::<ColocationLease>(&json).unwrap(),
        lease
    );
}

proptest::proptest! {
    /// Exercising an option never lowers a lease's value, and the lease is
    /// worth the sum of its committed tranches, each less its free months'
    /// rent (no escalator here, so every paid month is kW × rate).
    #[test]
    fn options_add_value_and_free_rent_costs_its_months(
        tranches in proptest::collection::vec((1u32..300, 80u32..200, 0u32..12, 0u32..36, proptest::bool::ANY), 1..5),
    ) {
        let signed = day(2026, 1, 1);
        let specs: Vec<TrancheSpec> = tranches
            .iter()
            .enumerate()
            .map(|(i, &(mw_, rate, free, offset, exercised))| {
                let starts = signed.checked_add_months(chrono::Months::new(offset)).unwrap();
                let mut t = firm(&format!("t{i}"), f64::from(mw_), LeaseRate::new(Decimal::from(rate)).unwrap(), starts);
                t.free_rent_months = free;
                if i > 0 {
                    t = option(t, signed, exercised);
                }
                t
            })
            .collect();
        let deal = TranchedLease::new(lease(signed, 120, specs.clone())).unwrap();
        let expected: Decimal = tranches
            .iter()
            .enumerate()
            .filter(|&(i, t)| i == 0 || t.4)
            .map(|(_, &(mw_, rate, free, _, _))| Decimal::from(mw_ * 1000 * rate) * Decimal::from(120 - free))
            .sum();
        proptest::prop_assert_eq!(deal.total_value().unwrap().dollars(), expected);
        let mut all = specs;
        for t in &mut all {
            if let Some(o) = &mut t.option {
                o.exercised = true;
            }
        }
        let all = TranchedLease::new(lease(signed, 120, all)).unwrap();
        proptest::prop_assert!(all.total_value().unwrap() >= deal.total_value().unwrap());
    }
}
