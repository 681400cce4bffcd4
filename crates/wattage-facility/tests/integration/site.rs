//! Sites, halls and PUE.

use chrono::{TimeZone, Utc};
use wattage_facility::FacilityError;
use wattage_facility::pue::Pue;
use wattage_facility::site::{Hall, Site};
use wattage_units::{Power, unit};

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

#[test]
fn pue_rejects_values_below_one_and_non_finite() {
    for bad in [0.99, 0.0, -1.2, f64::NAN, f64::INFINITY] {
        let err = Pue::constant(bad).unwrap_err();
        assert!(
            matches!(err, FacilityError::InvalidPue { .. }),
            "{bad}: {err}"
        );
    }
    assert_eq!(
        Pue::constant(0.9).unwrap_err().to_string(),
        "PUE must be finite and at least 1, got 0.9"
    );
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        Pue::hourly(start, vec![1.1, 0.5]),
        Err(FacilityError::InvalidPue { value: 0.5 })
    );
    assert!(matches!(
        Pue::hourly(start, vec![]),
        Err(FacilityError::EmptySeries { .. })
    ));
    let half_past = Utc.with_ymd_and_hms(2024, 1, 1, 0, 30, 0).unwrap();
    assert!(matches!(
        Pue::hourly(half_past, vec![1.1]),
        Err(FacilityError::Misaligned { .. })
    ));
}

#[test]
fn hourly_pue_covers_its_hours_only() {
    let start = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
    let pue = Pue::hourly(start, vec![1.1, 1.4]).unwrap();
    assert_eq!(pue.at(start).unwrap(), 1.1);
    assert_eq!(
        pue.at(start + chrono::TimeDelta::minutes(119)).unwrap(),
        1.4
    );
    let err = pue.at(start + chrono::TimeDelta::hours(2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2024-07-01 02:00:00 UTC is outside the series, which covers 2024-07-01 00:00:00 UTC to 2024-07-01 02:00:00 UTC"
    );
    assert!(pue.at(start - chrono::TimeDelta::seconds(1)).is_err());
    assert_eq!(
        pue.facility_power(mw(10.0), start + chrono::TimeDelta::hours(1))
            .unwrap(),
        mw(14.0)
    );
    // Sizing uses the peak PUE: 140 MW gross carries 100 MW of IT at 1.4.
    assert!((pue.it_power(mw(140.0)).get(unit::MEGAWATT) - 100.0).abs() < 1e-9);
}

#[test]
fn gross_to_it_matches_the_lease_deal_ratios() {
    // Domain brief: interconnect MW / PUE = IT MW; AI deals run 1.25-1.45 gross-to-IT.
    let site = Site::new("campus", mw(250.0)).unwrap();
    let it = site.available_it_capacity(&Pue::constant(1.25).unwrap());
    assert!((it.get(unit::MEGAWATT) - 200.0).abs() < 1e-9);
    // A hall of exactly that IT capacity fits despite f64 rounding.
    let site = site
        .with_hall(Hall::new("all", it, Pue::constant(1.25).unwrap()).unwrap())
        .unwrap();
    assert!(site.headroom().get(unit::MEGAWATT) < 1e-9);
}

#[test]
fn over_capacity_names_hall_load_and_capacity() {
    let mut site = Site::new("Rockdale", mw(100.0)).unwrap();
    site.add_hall(Hall::new("A", mw(60.0), Pue::constant(1.1).unwrap()).unwrap())
        .unwrap();
    let err = site
        .add_hall(Hall::new("B", mw(30.0), Pue::constant(1.2).unwrap()).unwrap())
        .unwrap_err();
    match &err {
        FacilityError::OverCapacity {
            hall,
            load,
            capacity,
        } => {
            assert_eq!(hall, "B");
            assert!((load.get(unit::MEGAWATT) - 102.0).abs() < 1e-9);
            assert_eq!(*capacity, mw(100.0));
        }
        other => panic!("expected OverCapacity, got {other}"),
    }
    assert!(
        err.to_string().contains("\"B\"") && err.to_string().contains("100 MW"),
        "{err}"
    );
    // The rejected hall was not added; one that fits still is.
    assert_eq!(site.halls().len(), 1);
    site.add_hall(Hall::new("B", mw(30.0), Pue::constant(1.1).unwrap()).unwrap())
        .unwrap();
    assert_eq!(site.it_capacity(), mw(90.0));
    assert!((site.peak_facility_load().get(unit::MEGAWATT) - 99.0).abs() < 1e-9);
    assert_eq!(
        site.add_hall(Hall::new("A", mw(0.5), Pue::constant(1.0).unwrap()).unwrap()),
        Err(FacilityError::DuplicateHall { hall: "A".into() })
    );
    assert!(site.hall("B").is_some() && site.hall("C").is_none());
}

#[test]
fn hourly_pue_hall_is_sized_at_its_peak() {
    let start = Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap();
    let summer = Pue::hourly(start, vec![1.05, 1.5, 1.1]).unwrap();
    let hall = Hall::new("air", mw(10.0), summer).unwrap();
    assert!((hall.peak_facility_load().get(unit::MEGAWATT) - 15.0).abs() < 1e-9);
    let site = Site::new("s", mw(14.0)).unwrap();
    assert!(matches!(
        site.with_hall(hall),
        Err(FacilityError::OverCapacity { .. })
    ));
}

#[test]
fn invalid_capacities_and_allocations_are_rejected() {
    assert!(matches!(
        Site::new("s", mw(0.0)),
        Err(FacilityError::InvalidPower { .. })
    ));
    assert!(matches!(
        Site::new("s", mw(-5.0)),
        Err(FacilityError::InvalidPower { .. })
    ));
    let pue = Pue::constant(1.2).unwrap();
    assert!(matches!(
        Hall::new("h", mw(0.0), pue.clone()),
        Err(FacilityError::InvalidPower { .. })
    ));
    let hall = Hall::new("h", mw(10.0), pue).unwrap();
    assert!((hall.allocate(mw(10.0)).unwrap().get(unit::MEGAWATT) - 12.0).abs() < 1e-9);
    assert_eq!(
        hall.allocate(mw(10.5)),
        Err(FacilityError::HallOverCapacity {
            hall: "h".into(),
            load: mw(10.5),
            capacity: mw(10.0)
        })
    );
    assert!(matches!(
        hall.allocate(mw(-1.0)),
        Err(FacilityError::InvalidPower { .. })
    ));
}

/// A hall whose IT capacity is finite but whose facility load at peak PUE
/// is not was accepted, and its `peak_facility_load` was infinite.
#[test]
fn a_hall_whose_facility_load_overflows_is_refused() {
    let huge = Power::new(1.2e308, unit::WATT).unwrap();
    let err = Hall::new("A", huge, Pue::constant(2.0).unwrap()).unwrap_err();
    assert!(
        matches!(err, FacilityError::InvalidPower { what, .. } if what.starts_with("hall facility load")),
        "{err}"
    );
    let hall = Hall::new("A", huge, Pue::constant(1.0).unwrap()).unwrap();
    assert_eq!(hall.peak_facility_load(), huge);
    assert_eq!(hall.allocate(huge).unwrap(), huge);
}
