//! Regressions: curve factors, Landauer gaps and efficiency gains that left
//! the finite range inside an `Ok`, and spec figures that did not read back.

use wattage_hardware::compare::hash_efficiency_gain;
use wattage_hardware::efficiency_curve::{AsicCurve, PowerCapCurve};
use wattage_hardware::landauer::hash_gap;
use wattage_hardware::{AsicSpec, Error, ReleaseDate, catalog};
use wattage_units::{HashEfficiency, Measure, unit};

#[test]
fn a_power_cap_factor_that_would_overflow_is_an_error() {
    let flat = PowerCapCurve::new(1e-9).unwrap();
    assert!(matches!(
        flat.efficiency_factor(5e-324),
        Err(Error::OutOfRange { .. })
    ));
    assert!(flat.power_fraction(0.5).is_err()); // 0.5^(1e9) underflows to 0
    let default = PowerCapCurve::default();
    assert!(default.efficiency_factor(5e-324).unwrap().is_finite());
    assert!(AsicCurve::new(3.0).unwrap().power_fraction(5e-324).is_err());
}

#[test]
fn a_landauer_gap_whose_ratio_underflows_is_an_error() {
    let tiny = HashEfficiency::try_from_base(1e-308).unwrap();
    assert!(hash_gap(tiny, 300.0, 1e300).is_err());
    let s21 = HashEfficiency::new(17.5, unit::JOULE_PER_TERAHASH).unwrap();
    let gap = hash_gap(s21, 300.0, 1.0).unwrap();
    assert!(gap.orders_of_magnitude().is_finite());
}

#[test]
fn an_efficiency_gain_whose_inverse_overflows_is_an_error() {
    let tiny = HashEfficiency::try_from_base(1e-300).unwrap();
    let huge = HashEfficiency::try_from_base(1e300).unwrap();
    assert!(hash_efficiency_gain(tiny, huge).is_err());
    assert!(hash_efficiency_gain(huge, tiny).is_err());
    let gain = hash_efficiency_gain(
        HashEfficiency::new(98.0, unit::JOULE_PER_TERAHASH).unwrap(),
        HashEfficiency::new(9.8, unit::JOULE_PER_TERAHASH).unwrap(),
    )
    .unwrap();
    assert!((gain.percent_less_energy() - 90.0).abs() < 1e-9);
}

#[test]
fn a_miner_spec_reads_back_to_the_same_miner() {
    for miner in catalog::asic_miners() {
        assert_eq!(&miner.to_spec().validate().unwrap(), miner);
    }
    let spec = AsicSpec::new(
        "Extreme",
        "Maker",
        ReleaseDate::year(2030).unwrap(),
        1.21961890025384e242,
        1e308,
        1e308 / 1.21961890025384e242,
    );
    let miner = spec.validate().unwrap();
    assert_eq!(miner.to_spec().validate().unwrap(), miner);
}

#[test]
fn system_power_from_a_negative_board_power_is_an_error() {
    use wattage_hardware::system::system_power_per_device;
    use wattage_units::Power;
    let minus_700_w = Power::ZERO - Power::new(700.0, unit::WATT).unwrap();
    assert!(system_power_per_device(minus_700_w, 1.3).is_err());
    assert!(system_power_per_device(Power::ZERO, 1.3).is_err());
    let per_gpu = system_power_per_device(Power::new(700.0, unit::WATT).unwrap(), 1.3).unwrap();
    assert!((per_gpu.get(unit::WATT) - 910.0).abs() < 1e-9);
}

#[test]
fn figures_that_agree_near_the_largest_power_are_consistent() {
    // h x e rounds above f64::MAX although h x e = p exactly in reals.
    let h = 7.033_440_981_078_104e237;
    let p = f64::MAX;
    let spec = AsicSpec::new(
        "Extreme",
        "Maker",
        ReleaseDate::year(2030).unwrap(),
        h,
        p,
        p / h,
    );
    let miner = spec.validate().unwrap();
    assert_eq!(miner.to_spec().validate().unwrap(), miner);
    // Figures that disagree are still refused there.
    let off = AsicSpec::new(
        "Off",
        "Maker",
        ReleaseDate::year(2030).unwrap(),
        h,
        p,
        2.0 * p / h,
    );
    assert!(off.validate().is_err());
}

#[test]
fn an_efficiency_gain_whose_percentage_overflows_is_an_error() {
    let a = HashEfficiency::try_from_base(1e300).unwrap();
    let b = HashEfficiency::try_from_base(1e-7).unwrap();
    // The ratio 1e307 is finite; 100 times it is not.
    assert!(hash_efficiency_gain(a, b).is_err());
}
