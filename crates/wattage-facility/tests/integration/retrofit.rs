//! Retrofit phases: order, overlaps, and the capacity of a converted hall.

use chrono::{DateTime, TimeZone, Utc};
use wattage_facility::FacilityError;
use wattage_facility::deployment::Deployment;
use wattage_facility::pue::Pue;
use wattage_facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::CapexPayment;
use wattage_facility::workload::{Hosting, Workload};

fn at(year: i32, month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0).unwrap()
}

fn hosting(mw: &str) -> Workload {
    Workload::Hosting(Hosting::new(mw.parse().unwrap(), "$60/MWh".parse().unwrap()).unwrap())
}

/// Two 40 MW halls at PUE 1.05, each hosting 40 MW of miners.
fn base() -> Deployment {
    let site = Site::new("S", "100 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "40 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap()
        .with_hall(Hall::new("B", "40 MW".parse().unwrap(), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap();
    let mut deployment = Deployment::new(site);
    for hall in ["A", "B"] {
        deployment
            .assign(format!("miners-{hall}"), hall, hosting("40 MW"))
            .unwrap();
    }
    deployment
}

fn phase(name: &str, hall: &str, construction: DateTime<Utc>, live: DateTime<Utc>) -> Conversion {
    Conversion {
        displaced: Displaced::Sell,
        assets: vec![],
        hall: hall.into(),
        construction_from: construction,
        live_from: live,
        name: name.into(),
        workload: hosting("30 MW"),
        pue: Pue::constant(1.3).unwrap(),
        capex: vec![CapexPayment {
            at: construction,
            amount: "$100M".parse().unwrap(),
        }],
    }
}

/// Issue 15: the earlier phase's window collapsed to empty, so it never
/// went live, but its capex was still returned.
#[test]
fn overlapping_phases_of_one_hall_are_refused_naming_both() {
    let first = phase("ai-1", "B", at(2026, 1), at(2027, 1));
    let second = phase("ai-2", "B", at(2026, 6), at(2027, 6));
    for plan in [
        RetrofitPlan::new(base())
            .with(first.clone())
            .with(second.clone()),
        RetrofitPlan::new(base()).with(second).with(first),
    ] {
        let err = plan.apply().unwrap_err();
        assert_eq!(
            err,
            FacilityError::OverlappingPhases {
                hall: "B".into(),
                first: "ai-1".into(),
                first_live: at(2027, 1),
                second: "ai-2".into(),
                second_construction: at(2026, 6),
            }
        );
        let message = err.to_string();
        assert!(
            message.contains("\"ai-1\"") && message.contains("\"ai-2\""),
            "{message}"
        );
    }
    // Construction of the next phase starting the instant the first goes
    // live would leave it an empty window too.
    let err = RetrofitPlan::new(base())
        .with(phase("ai-1", "B", at(2026, 1), at(2027, 1)))
        .with(phase("ai-2", "B", at(2027, 1), at(2027, 6)))
        .apply()
        .unwrap_err();
    assert!(
        matches!(err, FacilityError::OverlappingPhases { .. }),
        "{err}"
    );
}

#[test]
fn out_of_order_phases_are_applied_in_date_order() {
    // Hall B converted twice (a second generation), added latest first,
    // and hall A in between.
    let plan = RetrofitPlan::new(base())
        .with(phase("ai-2", "B", at(2029, 1), at(2029, 6)))
        .with(phase("ai-A", "A", at(2027, 1), at(2027, 6)))
        .with(phase("ai-1", "B", at(2026, 1), at(2027, 1)));
    let (deployment, capex) = plan.apply().unwrap();
    let window = |name: &str| deployment.assignment(name).unwrap().window();
    assert_eq!(window("miners-B").until, Some(at(2026, 1)));
    assert_eq!(window("miners-A").until, Some(at(2027, 1)));
    // Every phase goes live for a while: none lost.
    assert_eq!(window("ai-1").from, Some(at(2027, 1)));
    assert_eq!(window("ai-1").until, Some(at(2029, 1)));
    assert_eq!(window("ai-2").from, Some(at(2029, 6)));
    assert_eq!(window("ai-2").until, None);
    assert_eq!(window("ai-A").from, Some(at(2027, 6)));
    let dates: Vec<_> = capex.iter().map(|p| p.at).collect();
    assert_eq!(dates, [at(2026, 1), at(2027, 1), at(2029, 1)]);
    // The phases themselves are kept as added.
    assert_eq!(plan.phases()[0].name, "ai-2");
}

/// Issue 15: a PUE lower than the hall's let more IT into it than its IT
/// capacity (14 MW into a 10 MW hall at PUE 1.4 with a PUE of 1.0).
#[test]
fn a_lower_pue_never_lets_more_it_into_a_hall_than_its_capacity() {
    let site = Site::new("S", "20 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("H", "10 MW".parse().unwrap(), Pue::constant(1.4).unwrap()).unwrap())
        .unwrap();
    let mut deployment = Deployment::new(site);
    deployment.assign("miners", "H", hosting("10 MW")).unwrap();
    let mut conversion = phase("ai", "H", at(2026, 1), at(2026, 6));
    conversion.pue = Pue::constant(1.0).unwrap();
    conversion.workload = hosting("14 MW");
    let err = RetrofitPlan::new(deployment.clone())
        .with(conversion.clone())
        .apply()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "hall \"H\" cannot carry 14 MW of IT load: its IT capacity is 10 MW"
    );
    // Up to the IT capacity fits at the lower PUE.
    conversion.workload = hosting("10 MW");
    let (converted, _) = RetrofitPlan::new(deployment)
        .with(conversion)
        .apply()
        .unwrap();
    assert_eq!(converted.assignment("ai").unwrap().pue().peak(), 1.0);
}

/// Issue 15: empty site and hall names were accepted.
#[test]
fn blank_site_and_hall_names_are_refused() {
    let capacity = "10 MW".parse().unwrap();
    for name in ["", "  ", "\t\n"] {
        let err = Site::new(name, capacity).unwrap_err();
        assert_eq!(
            err,
            FacilityError::BlankName {
                what: "site",
                name: name.into()
            }
        );
        let err = Hall::new(name, capacity, Pue::constant(1.1).unwrap()).unwrap_err();
        assert!(
            matches!(err, FacilityError::BlankName { what: "hall", .. }),
            "{err}"
        );
    }
    assert_eq!(
        Site::new("", capacity).unwrap_err().to_string(),
        "a site needs a name that is not blank, got \"\""
    );
    assert!(Site::new("S", capacity).is_ok());
}
