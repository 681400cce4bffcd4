//! The unit algebra of domain.md section 3, with real figures.

use wattage_units::{
    ComputeEfficiency, Energy, FlopRate, Flops, HashEfficiency, Hashes, Hashrate, Power, Time, unit,
};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[test]
fn hashrate_times_efficiency_is_power() {
    let rate = Hashrate::new(270.0, unit::TERAHASH_PER_SECOND).unwrap();
    let efficiency = HashEfficiency::new(13.5, unit::JOULE_PER_TERAHASH).unwrap();
    let power: Power = rate * efficiency;
    assert!(close(power.get(unit::WATT), 3645.0));
    let back: HashEfficiency = power / rate;
    assert!(close(back.get(unit::JOULE_PER_TERAHASH), 13.5));
    let rate_back: Hashrate = power / efficiency;
    assert!(close(rate_back.get(unit::TERAHASH_PER_SECOND), 270.0));
}

#[test]
fn power_times_time_is_energy() {
    let energy: Energy =
        Power::new(1.0, unit::MEGAWATT).unwrap() * Time::new(1.0, unit::HOUR).unwrap();
    assert!(close(energy.get(unit::MEGAWATT_HOUR), 1.0));
    let year: Energy =
        Power::new(1.0, unit::GIGAWATT).unwrap() * Time::new(1.0, unit::YEAR).unwrap();
    assert!(close(year.get(unit::TERAWATT_HOUR), 8.766));
}

#[test]
fn energy_over_hashes_is_efficiency() {
    let work: Hashes =
        Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap() * Time::new(1.0, unit::DAY).unwrap();
    assert!(close(work.get(unit::HASH), 8.64e19));
    let energy = Energy::new(480.0, unit::KILOWATT_HOUR).unwrap();
    let efficiency: HashEfficiency = energy / work;
    // 480 kWh over 1 PH/s-day is 20 kW per PH/s: 20 J/TH.
    assert!(close(efficiency.get(unit::JOULE_PER_TERAHASH), 20.0 / 1.0));
}

#[test]
fn flop_rate_over_power_is_compute_efficiency() {
    // H100 SXM: 989 TFLOP/s dense BF16 at 700 W.
    let peak = FlopRate::new(989.0, unit::TERAFLOP_PER_SECOND).unwrap();
    let tdp = Power::new(700.0, unit::WATT).unwrap();
    let efficiency: ComputeEfficiency = peak / tdp;
    assert!(close(
        efficiency.get(unit::TERAFLOPS_PER_WATT),
        989.0 / 700.0
    ));
    let again: FlopRate = tdp * efficiency;
    assert!(close(again.get(unit::TERAFLOP_PER_SECOND), 989.0));
    let work: Flops = peak * Time::new(1.0, unit::SECOND).unwrap();
    assert!(close(work.get(unit::TERAFLOP), 989.0));
}

#[test]
fn ratios_of_like_quantities_are_numbers() {
    let s9 = HashEfficiency::new(98.0, unit::JOULE_PER_TERAHASH).unwrap();
    let s23 = HashEfficiency::new(9.5, unit::JOULE_PER_TERAHASH).unwrap();
    let ratio: f64 = s9 / s23;
    // "about 900% more efficient": ratio about 10.3.
    assert!(ratio > 10.0 && ratio < 10.5);
}

#[test]
fn sums_and_scaling() {
    let a = Power::new(1.5, unit::MEGAWATT).unwrap();
    let b = Power::new(500.0, unit::KILOWATT).unwrap();
    let total: Power = [a, b].iter().sum();
    assert!(close(total.get(unit::MEGAWATT), 2.0));
    assert!(close((total * 2.0).get(unit::MEGAWATT), 4.0));
    assert!(close((total / 4.0).get(unit::KILOWATT), 500.0));
    assert!(close((a - b).get(unit::MEGAWATT), 1.0));
    assert!(close((-a).get(unit::MEGAWATT), -1.5));
    assert_eq!(a.max(b), a);
    assert_eq!(a.min(b), b);
}

#[test]
fn constants_build_at_compile_time() {
    const S21_XP: HashEfficiency =
        wattage_units::const_quantity!(HashEfficiency::new(13.5, unit::JOULE_PER_TERAHASH));
    const RATE: Hashrate =
        wattage_units::const_quantity!(Hashrate::new(270.0, unit::TERAHASH_PER_SECOND));
    assert!(close((RATE * S21_XP).get(unit::KILOWATT), 3.645));
}

#[test]
fn constructors_reject_invalid_values() {
    assert!(Hashrate::new(f64::NAN, unit::TERAHASH_PER_SECOND).is_err());
    assert!(Hashrate::new(-1.0, unit::TERAHASH_PER_SECOND).is_err());
    assert!(HashEfficiency::new(f64::INFINITY, unit::JOULE_PER_TERAHASH).is_err());
    // Finite in the unit but infinite in base units.
    assert!(Energy::new(1e300, unit::TERAWATT_HOUR).is_err());
    // Energy and power may be negative (net export).
    assert!(Power::new(-5.0, unit::MEGAWATT).is_ok());
    let err = Hashrate::new(-2.0, unit::EXAHASH_PER_SECOND).unwrap_err();
    assert_eq!(
        err.to_string(),
        "hashrate must not be negative, got -2 EH/s"
    );
    assert_eq!(err.quantity(), "hashrate");
}

#[test]
fn checked_catches_arithmetic_that_leaves_the_valid_range() {
    use wattage_units::Measure;
    let a = Hashrate::new(1.0, unit::TERAHASH_PER_SECOND).unwrap();
    let b = Hashrate::new(2.0, unit::TERAHASH_PER_SECOND).unwrap();
    assert!((a - b).checked().is_err());
    assert!((b - a).checked().is_ok());
    assert!((Hashrate::ZERO / 0.0).checked().is_err());
}

#[test]
fn uom_layer_round_trips() {
    let rate = Hashrate::new(950.0, unit::EXAHASH_PER_SECOND).unwrap();
    let raw = rate.into_uom();
    assert_eq!(Hashrate::from_uom(raw).unwrap(), rate);
}
