//! Spot checks against datasheets and public claims.

use wattage_hardware::efficiency_curve::PowerCapCurve;
use wattage_hardware::operating_mode::{
    MEASURED_H200_BF16_UTILIZATION, MEASURED_H200_FP32_UTILIZATION, MEASURED_H200_TF32_UTILIZATION,
    accelerator_at_cap,
};
use wattage_hardware::{Precision, Sparsity, catalog, compare, landauer};
use wattage_units::unit;

#[test]
fn h100_sxm_dense_bf16_is_989_tflops_at_700_w() {
    let h100 = catalog::accelerator("NVIDIA H100 SXM").unwrap();
    let bf16 = h100.peak(Precision::Bf16).unwrap();
    assert_eq!(bf16.sparsity(), Sparsity::Sparse); // as the datasheet states it
    assert_eq!(bf16.rate().get(unit::TERAFLOP_PER_SECOND), 1979.0);
    let dense = bf16.dense().get(unit::TERAFLOP_PER_SECOND);
    assert!((dense - 989.0).abs() < 1.0, "{dense}");
    assert_eq!(h100.board_power().unwrap().get(unit::WATT), 700.0);
    let eff = h100
        .efficiency(Precision::Bf16)
        .unwrap()
        .get(unit::TERAFLOPS_PER_WATT);
    assert!((eff - 989.5 / 700.0).abs() < 1e-12);
    // FP8: 3,958 sparse is 1,979 dense.
    assert_eq!(
        h100.peak_rate(Precision::Fp8, Sparsity::Dense)
            .unwrap()
            .get(unit::TERAFLOP_PER_SECOND),
        1979.0
    );
}

#[test]
fn s21_xp_is_270_ths_at_13_5_j_per_th() {
    let m = catalog::asic("Antminer S21 XP").unwrap();
    assert_eq!(m.hashrate().get(unit::TERAHASH_PER_SECOND), 270.0);
    assert_eq!(m.efficiency().get(unit::JOULE_PER_TERAHASH), 13.5);
    assert_eq!(m.power().get(unit::WATT), 3645.0);
}

#[test]
fn leading_edge_2026_is_about_900_percent_more_efficient_than_2016() {
    let s9 = catalog::asic("S9").unwrap();
    let s23 = catalog::asic("S23 Hyd").unwrap();
    assert_eq!(s9.efficiency().get(unit::JOULE_PER_TERAHASH), 98.0);
    assert_eq!(s23.efficiency().get(unit::JOULE_PER_TERAHASH), 9.5);
    let gain = compare::miner_gain(&s9, &s23).unwrap();
    assert!((gain.ratio() - 98.0 / 9.5).abs() < 1e-12);
    // 931.6 %: "about 900 %".
    assert!(
        (900.0..950.0).contains(&gain.percent_better()),
        "{}",
        gain.percent_better()
    );
    assert!((gain.percent_less_energy() - 90.3).abs() < 0.1);
    // Reversed, the S9 is worse.
    assert!(compare::miner_gain(&s23, &s9).unwrap().percent_better() < 0.0);
}

#[test]
fn best_j_per_th_trend_runs_2016_to_2026_and_never_worsens() {
    let trend = compare::best_efficiency_by_year(catalog::asic_miners()).unwrap();
    let years: Vec<u16> = trend.iter().map(|y| y.year).collect();
    assert_eq!(years, (2016..=2026).collect::<Vec<_>>());
    assert_eq!(trend[0].miner.model(), "Antminer S9");
    // 2017 and 2018 had no new catalog release: the S9 stays the best available.
    assert_eq!(trend[1].miner.model(), "Antminer S9");
    assert!(!trend[1].new_this_year);
    assert!(
        trend
            .windows(2)
            .all(|w| w[1].miner.efficiency() <= w[0].miner.efficiency())
    );
    assert_eq!(trend.last().unwrap().miner.model(), "Antminer S23 Hyd");
}

#[test]
fn landauer_bound_is_2_87e_21_joules_at_300_k() {
    let e = landauer::limit(300.0).unwrap().get(unit::JOULE);
    assert!((e - 2.87e-21).abs() < 0.005e-21, "{e}");
    assert_eq!(landauer::LANDAUER_300K_J, e);
    // Colder surroundings lower the floor proportionally.
    let cold = landauer::limit(150.0).unwrap().get(unit::JOULE);
    assert!((cold * 2.0 - e).abs() < 1e-35);
}

#[test]
fn machines_sit_many_orders_of_magnitude_above_landauer() {
    let s23 = catalog::asic("S23 Hyd").unwrap();
    let g = landauer::hash_gap(s23.efficiency(), 300.0, 1.0).unwrap();
    // 9.5e-12 J per hash over 2.871e-21 J: 3.3e9.
    assert!((g.ratio() - 9.5e-12 / landauer::LANDAUER_300K_J).abs() / g.ratio() < 1e-12);
    assert!((g.orders_of_magnitude() - 9.52).abs() < 0.01);
    // Assuming more erased bits per hash narrows the gap proportionally.
    let g1000 = landauer::hash_gap(s23.efficiency(), 300.0, 1000.0).unwrap();
    assert!((g.ratio() / g1000.ratio() - 1000.0).abs() < 1e-6);

    let h100 = catalog::accelerator("H100 SXM").unwrap();
    let c = landauer::compute_gap(h100.efficiency(Precision::Bf16).unwrap(), 300.0, 1.0).unwrap();
    // 1/1.41e12 J per FLOP = 7.1e-13 J: about 2.5e8 times the bound.
    assert!(
        (c.orders_of_magnitude() - 8.39).abs() < 0.01,
        "{}",
        c.orders_of_magnitude()
    );
}

#[test]
fn measured_h200_sustains_two_thirds_of_nameplate_at_its_limit() {
    let h200 = catalog::accelerator("H200 SXM").unwrap();
    let nameplate = h200
        .efficiency(Precision::Bf16)
        .unwrap()
        .get(unit::TERAFLOPS_PER_WATT);
    let at_limit = accelerator_at_cap(
        &h200,
        Precision::Bf16,
        1.0,
        MEASURED_H200_BF16_UTILIZATION,
        &PowerCapCurve::default(),
    )
    .unwrap();
    let sustained = (at_limit.throughput / at_limit.power).get(unit::TERAFLOPS_PER_WATT);
    // Datasheet 1.41 TFLOPS/W; measured 667.7 TFLOP/s at the 700 W limit.
    assert!((nameplate - 1.41).abs() < 0.01);
    assert!((at_limit.throughput.get(unit::TERAFLOP_PER_SECOND) - 667.7).abs() < 0.5);
    let ratio = sustained / nameplate;
    assert!((ratio - 2.0 / 3.0).abs() < 0.02, "{ratio}");
}

#[test]
fn measured_h200_utilizations_give_back_the_measured_throughput_on_the_catalog_peak() {
    // shared/data/measured_h200_matmul.json: BF16 667.7, TF32 346.8, FP32 51.1 TFLOP/s.
    let h200 = catalog::accelerator("H200 SXM").unwrap();
    for (precision, utilization, measured) in [
        (Precision::Bf16, MEASURED_H200_BF16_UTILIZATION, 667.7),
        (Precision::Tf32, MEASURED_H200_TF32_UTILIZATION, 346.8),
        (Precision::Fp32, MEASURED_H200_FP32_UTILIZATION, 51.1),
    ] {
        let full = accelerator_at_cap(
            &h200,
            precision,
            1.0,
            utilization,
            &PowerCapCurve::default(),
        )
        .unwrap();
        let sustained = full.throughput.get(unit::TERAFLOP_PER_SECOND);
        assert!(
            (sustained - measured).abs() < 1e-9,
            "{precision:?}: {sustained} against {measured}"
        );
    }
}

#[test]
fn dgx_and_nvl72_power_per_gpu() {
    let dgx = catalog::system("DGX H100").unwrap();
    assert_eq!(dgx.devices(), 8);
    assert_eq!(dgx.max_power().get(unit::KILOWATT), 10.2);
    assert_eq!(dgx.power_per_device().get(unit::WATT), 1275.0);
    let b200 = catalog::system("DGX B200").unwrap();
    assert_eq!(b200.max_power().get(unit::KILOWATT), 14.3);
    let nvl = catalog::system("GB200 NVL72").unwrap();
    assert_eq!(nvl.devices(), 72);
    assert!((nvl.power_per_device().get(unit::WATT) - 1666.67).abs() < 0.01);
    assert_eq!(nvl.systems_for(73), 2);
}
