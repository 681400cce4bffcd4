//! Demand charges and the 4CP tag: every load is validated, and no
//! infinity or negative charge comes back in an `Ok`.

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use wattage_facility::FacilityError;
use wattage_facility::power::{DemandCharge, FourCp};
use wattage_units::{Power, Usd, unit};

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

fn four_cp() -> FourCp {
    let peaks = [(6, 27), (7, 19), (8, 20), (9, 5)]
        .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap());
    FourCp::new(peaks).unwrap()
}

/// Issue 15: each load was checked, their sum was not.
#[test]
fn the_4cp_tag_of_huge_loads_is_their_finite_mean() {
    let huge = Power::new(1e308, unit::WATT).unwrap();
    let tag = four_cp()
        .tag_from_loads([huge, huge, Power::ZERO, Power::ZERO])
        .unwrap();
    assert!(tag.base_value().is_finite());
    assert_eq!(tag.get(unit::WATT), 5e307);
    let most = Power::new(f64::MAX, unit::WATT).unwrap();
    let tag = four_cp().tag_from_loads([most; 4]).unwrap();
    assert_eq!(tag.get(unit::WATT), f64::MAX);
}

#[test]
fn a_4cp_tag_refuses_negative_and_non_finite_loads() {
    let negative = Power::ZERO - mw(1.0);
    let err = four_cp()
        .tag_from_loads([mw(1.0), negative, mw(1.0), mw(1.0)])
        .unwrap_err();
    assert!(
        matches!(err, FacilityError::InvalidPower { value, .. } if value == negative),
        "{err}"
    );
    let infinite = Power::new(f64::MAX, unit::WATT).unwrap() * 10.0;
    assert!(four_cp().tag_from_loads([infinite; 4]).is_err());
}

/// Issue 15: `annual_charge(-1 MW, ..)` was -$50,000.
#[test]
fn the_annual_4cp_charge_refuses_a_negative_tag_or_rate() {
    let rate: Usd = "$50".parse().unwrap();
    let err = FourCp::annual_charge(Power::ZERO - mw(1.0), rate).unwrap_err();
    assert!(matches!(err, FacilityError::InvalidPower { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "4CP tag must be finite and non-negative, got -1 MW"
    );
    assert!(FourCp::annual_charge(Power::new(f64::MAX, unit::WATT).unwrap() * 10.0, rate).is_err());
    let err = FourCp::annual_charge(mw(1.0), -rate).unwrap_err();
    assert!(matches!(err, FacilityError::Money(_)), "{err}");
    assert_eq!(
        FourCp::annual_charge(mw(1.0), rate).unwrap(),
        Usd::new(Decimal::from(50_000))
    );
    // A negative zero tag is a zero charge, not a "-$0".
    let zero = FourCp::annual_charge(mw(0.0) * -1.0, rate).unwrap();
    assert!(!zero.is_negative() && zero.dollars().is_zero());
}

#[test]
fn a_demand_charge_checks_every_load_not_only_the_peak() {
    let charge = DemandCharge::per_kw_month("$8.50".parse().unwrap()).unwrap();
    // A NaN load is not silently skipped by the maximum.
    let nan = mw(1.0) * f64::NAN;
    let err = charge.for_loads(&[mw(40.0), nan]).unwrap_err();
    assert!(matches!(err, FacilityError::InvalidPower { .. }), "{err}");
    let negative = Power::ZERO - mw(5.0);
    assert!(charge.for_loads(&[mw(40.0), negative]).is_err());
    assert!(
        charge
            .charge(Power::new(f64::MAX, unit::WATT).unwrap() * 10.0)
            .is_err()
    );
    assert!(charge.charge(negative).is_err());
    assert_eq!(charge.for_loads(&[]).unwrap(), Usd::ZERO);
    assert_eq!(
        charge.for_loads(&[mw(40.0), mw(49.5)]).unwrap(),
        Usd::new(Decimal::from(420_750))
    );
    // The largest power is too many kW for money: an error, not a panic.
    assert!(matches!(
        charge.charge(Power::new(f64::MAX, unit::WATT).unwrap()),
        Err(FacilityError::Money(_))
    ));
}
