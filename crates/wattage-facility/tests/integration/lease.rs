//! Colocation leases pinned to the public deals table (domain brief, section 7).

use crate::fixtures::usd;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use wattage_facility::FacilityError;
use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
use wattage_units::{LeaseRate, Power, Usd, unit};

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
}

/// (deal, IT MW, term years, value, $/kW-month in the table).
const DEALS: [(&str, f64, u32, &str, u32); 5] = [
    ("Core Scientific -> CoreWeave", 200.0, 12, "$3.5B", 122),
    ("TeraWulf -> Fluidstack", 200.0, 10, "$3.7B", 154),
    ("Galaxy Helios -> CoreWeave", 800.0, 15, "$15B", 104),
    (
        "Cipher -> Fluidstack (Barber Lake)",
        168.0,
        10,
        "$3.0B",
        149,
    ),
    ("IREN -> Microsoft (GPU cloud)", 200.0, 5, "$9.7B", 808),
];

#[test]
fn deals_table_rates_follow_from_value_term_and_megawatts() {
    for (deal, it, years, value, table_rate) in DEALS {
        let rate = ColocationLease::implied_rate(usd(value), mw(it), years * 12).unwrap();
        assert_eq!(
            rate.value().round(),
            Decimal::from(table_rate),
            "{deal}: {rate}"
        );
        // A flat lease at that rate is worth the deal's value.
        let lease = ColocationLease::new(LeaseSpec {
            critical_it: mw(it),
            rate,
            escalator: Decimal::ZERO,
            term_months: years * 12,
            start: start(),
            structure: LeaseStructure::TripleNet,
        })
        .unwrap();
        let difference = lease
            .total_value()
            .unwrap()
            .checked_sub(usd(value))
            .unwrap();
        assert!(
            difference.dollars().abs() < Decimal::ONE,
            "{deal}: off by {difference}"
        );
    }
}

#[test]
fn colocation_deals_earn_1_2_to_2_1_million_per_mw_year() {
    // Domain brief: colocation leases in the deals table earn $1.2-2.1M per MW-year.
    for (deal, it, years, value, _) in &DEALS[..4] {
        let rate = ColocationLease::implied_rate(usd(value), mw(*it), years * 12).unwrap();
        let lease = ColocationLease::new(LeaseSpec {
            critical_it: mw(*it),
            rate,
            escalator: Decimal::ZERO,
            term_months: years * 12,
            start: start(),
            structure: LeaseStructure::Gross,
        })
        .unwrap();
        let per_mw = lease.first_year_rent_per_mw().unwrap();
        assert!(
            per_mw >= usd("$1.2M") && per_mw <= usd("$2.1M"),
            "{deal}: {per_mw}"
        );
    }
}

#[test]
fn escalated_lease_reaches_the_same_value_from_a_lower_start() {
    let value = usd("$3.5B");
    let escalator = Decimal::new(3, 2);
    let rate = ColocationLease::starting_rate_for_value(value, mw(200.0), 144, escalator).unwrap();
    let flat = ColocationLease::implied_rate(value, mw(200.0), 144).unwrap();
    assert!(rate < flat, "{rate} vs {flat}");
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: mw(200.0),
        rate,
        escalator,
        term_months: 144,
        start: start(),
        structure: LeaseStructure::TripleNet,
    })
    .unwrap();
    let total = lease.total_value().unwrap();
    assert_eq!(total.round_to_cents(), value, "{total}");
    assert_eq!(
        lease.average_rate().unwrap().value().round_dp(6),
        flat.value().round_dp(6)
    );
}

#[test]
fn schedule_steps_up_each_lease_year_and_sums_to_the_total() {
    let rate: LeaseRate = "$100/kW/month".parse().unwrap();
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: mw(10.0),
        rate,
        escalator: Decimal::new(5, 2),
        term_months: 30,
        start: NaiveDate::from_ymd_opt(2024, 11, 30).unwrap(),
        structure: LeaseStructure::Gross,
    })
    .unwrap();
    let schedule = lease.schedule().unwrap();
    assert_eq!(schedule.len(), 30);
    assert_eq!(schedule[0].rent, usd("$1,000,000"));
    assert_eq!(schedule[11].rent, usd("$1,000,000"));
    assert_eq!(schedule[12].rent, usd("$1,050,000"));
    assert_eq!(schedule[24].rent, usd("$1,102,500"));
    assert_eq!(schedule[24].rate.to_string(), "$110.25/kW/month");
    // Month dates clamp to month ends.
    assert_eq!(
        schedule[3].starts,
        NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
    );
    let sum = Usd::try_sum(schedule.iter().map(|m| m.rent)).unwrap();
    assert_eq!(sum, lease.total_value().unwrap());
    assert_eq!(
        sum,
        usd("$12,000,000")
            .checked_add(usd("$12,600,000"))
            .unwrap()
            .checked_add(usd("$6,615,000"))
            .unwrap()
    );
}

#[test]
fn gross_landlord_pays_power_triple_net_does_not() {
    let rate: LeaseRate = "$150/kW/month".parse().unwrap();
    let power_bill = usd("$2,000,000");
    let gross = ColocationLease::new(LeaseSpec {
        critical_it: mw(20.0),
        rate,
        escalator: Decimal::ZERO,
        term_months: 120,
        start: start(),
        structure: LeaseStructure::Gross,
    })
    .unwrap();
    let net = ColocationLease::new(LeaseSpec {
        critical_it: mw(20.0),
        rate,
        escalator: Decimal::ZERO,
        term_months: 120,
        start: start(),
        structure: LeaseStructure::TripleNet,
    })
    .unwrap();
    assert_eq!(
        gross.landlord_net(0, power_bill).unwrap(),
        usd("$1,000,000")
    );
    assert_eq!(net.landlord_net(0, power_bill).unwrap(), usd("$3,000,000"));
}

#[test]
fn invalid_lease_terms_are_errors() {
    let rate: LeaseRate = "$150/kW/month".parse().unwrap();
    let err = ColocationLease::new(LeaseSpec {
        critical_it: mw(20.0),
        rate,
        escalator: Decimal::ZERO,
        term_months: 0,
        start: start(),
        structure: LeaseStructure::Gross,
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid lease term in months: 0 (must be 1 to 1200)"
    );
    assert!(
        ColocationLease::new(LeaseSpec {
            critical_it: mw(20.0),
            rate,
            escalator: Decimal::ZERO,
            term_months: 1201,
            start: start(),
            structure: LeaseStructure::Gross
        })
        .is_err()
    );
    assert!(ColocationLease::implied_rate(usd("$1"), mw(1.0), u32::MAX).is_err());
    let err = ColocationLease::new(LeaseSpec {
        critical_it: mw(20.0),
        rate,
        escalator: Decimal::NEGATIVE_ONE,
        term_months: 12,
        start: start(),
        structure: LeaseStructure::Gross,
    })
    .unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidTerm {
                what: "annual escalator",
                ..
            }
        ),
        "{err}"
    );
    assert!(matches!(
        ColocationLease::new(LeaseSpec {
            critical_it: mw(0.0),
            rate,
            escalator: Decimal::ZERO,
            term_months: 12,
            start: start(),
            structure: LeaseStructure::Gross
        }),
        Err(FacilityError::InvalidPower { .. })
    ));
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: mw(20.0),
        rate,
        escalator: Decimal::ZERO,
        term_months: 12,
        start: start(),
        structure: LeaseStructure::Gross,
    })
    .unwrap();
    let err = lease.rent_in_month(12).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid lease month: 12 (the term has months 0 to 11)"
    );
    assert!(ColocationLease::implied_rate(usd("-$1"), mw(1.0), 12).is_err());
}

#[test]
fn leases_whose_escalated_rent_overflows_are_rejected_when_built() {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use wattage_facility::FacilityError;
    use wattage_facility::lease::{ColocationLease, LeaseSpec, LeaseStructure};
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let build = |escalator: Decimal| {
        ColocationLease::new(LeaseSpec {
            critical_it: "100 MW".parse().unwrap(),
            rate: "$150/kW/month".parse().unwrap(),
            escalator,
            term_months: 1200,
            start,
            structure: LeaseStructure::TripleNet,
        })
    };
    assert!(build(Decimal::new(3, 2)).is_ok());
    // +10,000% a year for a century overflows any Decimal: an error now, not mid-simulation.
    assert!(matches!(
        build(Decimal::from(100)),
        Err(FacilityError::Money(_))
    ));
}
