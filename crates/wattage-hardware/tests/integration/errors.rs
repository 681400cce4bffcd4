//! Every bad input gets an error that names the value and its unit.

use wattage_hardware::efficiency_curve::{AsicCurve, PowerCapCurve};
use wattage_hardware::system::system_power_per_device;
use wattage_hardware::{
    AcceleratorSpec, AsicSpec, Cluster, Cooling, Error, Fleet, OperatingMode, PeakSpec, Precision,
    ReleaseDate, Sparsity, System, catalog,
};
use wattage_units::{HashEfficiency, Power, unit};

fn spec(h: Option<f64>, p: Option<f64>, e: Option<f64>) -> AsicSpec {
    let mut s = AsicSpec::new(
        "Test",
        "Maker",
        ReleaseDate::year(2024).unwrap(),
        0.0,
        0.0,
        0.0,
    );
    s.hashrate_ths = h;
    s.power_w = p;
    s.efficiency_j_per_th = e;
    s
}

#[test]
fn inconsistent_asic_names_all_three_figures() {
    let err = spec(Some(270.0), Some(3000.0), Some(13.5))
        .validate()
        .unwrap_err();
    assert!(err.is_inconsistent());
    assert_eq!(
        err.to_string(),
        "Test: 270 TH/s x 13.5 J/TH = 3645 W, but the stated power is 3000 W (21.5% apart, tolerance 5%)"
    );
    // Within tolerance passes; a looser tolerance accepts more.
    assert!(
        spec(Some(270.0), Some(3700.0), Some(13.5))
            .validate()
            .is_ok()
    );
    assert!(
        spec(Some(270.0), Some(3000.0), Some(13.5))
            .validate_with_tolerance(0.25)
            .is_ok()
    );
    let err = spec(Some(270.0), Some(3000.0), Some(13.5))
        .validate_with_tolerance(-0.1)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "tolerance must be between 0 and 1, got -0.1 (fraction)"
    );
}

#[test]
fn two_figures_derive_the_third() {
    let m = spec(Some(200.0), Some(3500.0), None).validate().unwrap();
    assert_eq!(m.efficiency().get(unit::JOULE_PER_TERAHASH), 17.5);
    let m = spec(Some(200.0), None, Some(17.5)).validate().unwrap();
    assert_eq!(m.power().get(unit::WATT), 3500.0);
    let m = spec(None, Some(3500.0), Some(17.5)).validate().unwrap();
    assert_eq!(m.hashrate().get(unit::TERAHASH_PER_SECOND), 200.0);
    let err = spec(Some(200.0), None, None).validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Test: give at least two of hashrate (TH/s), power (W) and efficiency (J/TH)"
    );
}

#[test]
fn non_positive_and_non_finite_figures_are_named_with_units() {
    let err = spec(Some(-5.0), Some(3500.0), None).validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "hashrate must be finite and positive, got -5 TH/s"
    );
    let err = spec(Some(200.0), Some(f64::NAN), None)
        .validate()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "power must be finite and positive, got NaN W"
    );
    let err = spec(Some(200.0), None, Some(0.0)).validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "efficiency must be finite and positive, got 0 J/TH"
    );
    assert!(err.is_out_of_range());
    // Huge values that overflow in base units are caught too.
    let err = spec(Some(1e300), Some(1e300), None).validate().unwrap_err();
    assert!(err.is_out_of_range(), "{err}");
}

#[test]
fn blank_names_are_rejected() {
    let mut s = spec(Some(1.0), Some(1.0), None);
    s.model = "  ".into();
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "model name must not be empty"
    );
    let mut s = spec(Some(1.0), Some(1.0), None);
    s.manufacturer = String::new();
    assert_eq!(
        s.validate().unwrap_err(),
        Error::Empty {
            what: "manufacturer"
        }
    );
}

#[test]
fn text_fields_say_what_was_expected() {
    assert_eq!(
        "steam".parse::<Cooling>().unwrap_err().to_string(),
        "cannot read \"steam\" as a cooling method (air, hydro, immersion)"
    );
    assert!(
        "fp12"
            .parse::<Precision>()
            .unwrap_err()
            .to_string()
            .contains("\"fp12\"")
    );
    assert!("half-sparse".parse::<Sparsity>().is_err());
    for bad in [
        "",
        "24",
        "2024-13",
        "2024-00",
        "2024-1-40",
        "1800",
        "20x4",
        "2024-01-01-01",
        "2024--01",
    ] {
        assert!(bad.parse::<ReleaseDate>().is_err(), "{bad:?}");
    }
    assert_eq!(
        "2024-1".parse::<ReleaseDate>().unwrap().to_string(),
        "2024-01"
    );
    assert_eq!(
        "2025-06-12 00:00:00"
            .parse::<ReleaseDate>()
            .unwrap()
            .to_string(),
        "2025-06"
    );
    assert_eq!(
        ReleaseDate::new(2024, Some(13)).unwrap_err().to_string(),
        "release month must be between 1 and 12, got 13 (month)"
    );
}

#[test]
fn accelerator_specs_are_checked() {
    let err = AcceleratorSpec::new("X", "Y").validate().unwrap_err();
    assert_eq!(
        err.to_string(),
        "list of peak throughput figures must not be empty"
    );

    let mut s = AcceleratorSpec::new("X", "Y");
    s.peaks.push(PeakSpec {
        precision: Precision::Fp64,
        ops_per_second: 1e12,
        sparsity: Sparsity::Sparse,
    });
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "FP64 has no sparse mode (2:4 structured sparsity applies to tensor precisions only)"
    );

    let mut s = AcceleratorSpec::new("X", "Y");
    s.peaks.push(PeakSpec {
        precision: Precision::Bf16,
        ops_per_second: 1e12,
        sparsity: Sparsity::Dense,
    });
    s.peaks.push(PeakSpec {
        precision: Precision::Bf16,
        ops_per_second: 2e12,
        sparsity: Sparsity::Sparse,
    });
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "X lists BF16/FP16 twice"
    );

    let mut s = AcceleratorSpec::new("X", "Y");
    s.peaks.push(PeakSpec {
        precision: Precision::Int8,
        ops_per_second: -1.0,
        sparsity: Sparsity::Dense,
    });
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "peak throughput must be finite and positive, got -1 OP/s"
    );

    let mut s = AcceleratorSpec::new("X", "Y");
    s.peaks.push(PeakSpec {
        precision: Precision::Bf16,
        ops_per_second: 1e12,
        sparsity: Sparsity::Dense,
    });
    s.board_power_w = Some(0.0);
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "board power must be finite and positive, got 0 W"
    );
}

#[test]
fn missing_figures_and_power_are_named() {
    let v5p = catalog::accelerator("TPU v5p").unwrap();
    assert_eq!(
        v5p.efficiency(Precision::Bf16).unwrap_err().to_string(),
        "Google TPU v5p has no published board power (TDP), so its efficiency is unknown"
    );
    assert_eq!(
        v5p.peak(Precision::Fp64).unwrap_err().to_string(),
        "Google TPU v5p has no published FP64 throughput figure"
    );
    let mut cluster = Cluster::new();
    cluster
        .add(catalog::accelerator("H100 SXM").unwrap(), 8)
        .add(v5p, 8);
    assert!(matches!(
        cluster.board_power(),
        Err(Error::MissingPower { .. })
    ));
    assert!(matches!(
        cluster.peak(Precision::Fp8, Sparsity::Dense),
        Err(Error::MissingFigure { .. })
    ));
}

#[test]
fn curves_and_modes_reject_out_of_range_fractions() {
    let curve = AsicCurve::default();
    for bad in [0.0, -0.5, 1.6, f64::NAN, f64::INFINITY] {
        assert!(curve.power_fraction(bad).is_err(), "{bad}");
        assert!(
            PowerCapCurve::default().throughput_fraction(bad).is_err(),
            "{bad}"
        );
    }
    assert!(PowerCapCurve::default().throughput_fraction(1.01).is_err());
    assert_eq!(
        curve.power_fraction(2.0).unwrap_err().to_string(),
        "hashrate fraction must be in (0, 1.5], got 2 (fraction)"
    );
    assert!(AsicCurve::new(0.5).is_err());
    assert!(PowerCapCurve::new(1.5).is_err());
    let mut fleet = Fleet::new();
    let s9 = catalog::asic("S9").unwrap();
    assert!(
        fleet
            .add_in_mode(s9.clone(), 1, OperatingMode::PowerFraction(0.0))
            .is_err()
    );
    assert!(
        fleet
            .add_in_mode(s9, 1, OperatingMode::HashrateFraction(9.0))
            .is_err()
    );
    assert_eq!(fleet.machine_count(), 0);
    assert_eq!(
        fleet.efficiency().unwrap_err().to_string(),
        "fleet is empty"
    );
}

#[test]
fn systems_are_checked() {
    let p = Power::new(10.0, unit::KILOWATT).unwrap();
    assert!(System::new("S", "V", "A", 0, p, Cooling::Air).is_err());
    assert!(System::new("S", "V", "A", 8, Power::ZERO, Cooling::Air).is_err());
    assert!(System::new("", "V", "A", 8, p, Cooling::Air).is_err());
    let ok = System::new("My node", "Me", "NVIDIA H100 SXM", 4, p, Cooling::Air)
        .unwrap()
        .with_source("rack meter");
    assert_eq!(ok.power_per_device().get(unit::KILOWATT), 2.5);
    assert_eq!(ok.source(), "rack meter");
    assert!(system_power_per_device(p, 0.9).is_err());
    assert!(system_power_per_device(p, f64::NAN).is_err());

    // A ratio that overflows is an error with the value, not Ok(inf).
    let huge = Power::new(1e308, unit::WATT).unwrap();
    let rack = System::new("Rack", "V", "Tiny", 1, huge, Cooling::Air).unwrap();
    let mut tiny = AcceleratorSpec::new("Tiny", "V");
    tiny.board_power_w = Some(1e-10);
    tiny.peaks.push(PeakSpec {
        precision: Precision::Bf16,
        ops_per_second: 1e12,
        sparsity: Sparsity::Dense,
    });
    let tiny = tiny.validate().unwrap();
    let err = rack.overhead_factor(&tiny).unwrap_err();
    assert_eq!(
        err.to_string(),
        "overhead factor must be finite and positive, got inf (ratio)"
    );
}

#[test]
fn landauer_inputs_are_checked() {
    use wattage_hardware::landauer;
    assert_eq!(
        landauer::limit(-1.0).unwrap_err().to_string(),
        "temperature must be finite and positive, got -1 K"
    );
    let s9 = catalog::asic("S9").unwrap();
    assert!(landauer::hash_gap(s9.efficiency(), 300.0, 0.0).is_err());

    // Positive but so small that k_B·T·ln 2 underflows to zero: an error
    // naming the temperature, not a zero floor and an infinite ratio.
    let err = landauer::limit(1e-310).unwrap_err();
    assert!(err.to_string().contains("temperature"), "{err}");
    assert!(err.to_string().contains("K"), "{err}");
    let err = landauer::hash_gap(s9.efficiency(), 300.0, 1e-310).unwrap_err();
    assert!(
        err.to_string().starts_with("bits erased per operation"),
        "{err}"
    );
    // An energy per operation too large for a finite ratio to the floor.
    let absurd = HashEfficiency::new(1e300, unit::JOULE_PER_TERAHASH).unwrap();
    let err = landauer::hash_gap(absurd, 300.0, 1.0).unwrap_err();
    assert!(err.to_string().starts_with("energy per operation"), "{err}");
    // What the constructors return always has a finite ratio.
    for bits in [1e-100, 1.0, 1e6] {
        let g = landauer::hash_gap(s9.efficiency(), 1e-100, bits).unwrap();
        assert!(g.ratio().is_finite() && g.orders_of_magnitude().is_finite());
    }
}
