//! Properties, stated in the domain's words.

use proptest::prelude::*;
use wattage_hardware::efficiency_curve::{AsicCurve, PowerCapCurve};
use wattage_hardware::precision::convert_sparsity;
use wattage_hardware::{
    AsicMiner, AsicSpec, Cluster, Fleet, OperatingMode, PeakThroughput, Precision, ReleaseDate,
    Sparsity, catalog, load,
};
use wattage_units::{FlopRate, unit};

fn any_catalog_miner() -> impl Strategy<Value = AsicMiner> {
    (0..catalog::asic_miners().len()).prop_map(|i| catalog::asic_miners()[i].clone())
}

fn any_mode() -> impl Strategy<Value = OperatingMode> {
    prop_oneof![
        Just(OperatingMode::Nameplate),
        (0.05f64..=1.5).prop_map(OperatingMode::HashrateFraction),
        (0.05f64..=1.9).prop_map(OperatingMode::PowerFraction),
    ]
}

fn any_fleet_lines() -> impl Strategy<Value = Vec<(AsicMiner, u64, OperatingMode)>> {
    prop::collection::vec((any_catalog_miner(), 1u64..100_000, any_mode()), 1..12)
}

fn fleet_of(lines: &[(AsicMiner, u64, OperatingMode)]) -> Fleet {
    let mut fleet = Fleet::new();
    for (m, n, mode) in lines {
        fleet.add_in_mode(m.clone(), *n, *mode).unwrap();
    }
    fleet
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fleet_efficiency_lies_between_its_best_and_worst_member(lines in any_fleet_lines()) {
        let fleet = fleet_of(&lines);
        let j_per_th = |e: wattage_units::HashEfficiency| e.get(unit::JOULE_PER_TERAHASH);
        let members: Vec<f64> = fleet.entries().iter().map(|e| j_per_th(e.operating_point().efficiency)).collect();
        let best = members.iter().copied().fold(f64::INFINITY, f64::min);
        let worst = members.iter().copied().fold(0.0, f64::max);
        let fleet_eff = j_per_th(fleet.efficiency().unwrap());
        prop_assert!(fleet_eff >= best * (1.0 - 1e-12) && fleet_eff <= worst * (1.0 + 1e-12),
            "{best} <= {fleet_eff} <= {worst}");
    }

    #[test]
    fn adding_machines_never_lowers_total_power_or_hashrate(
        lines in any_fleet_lines(), extra in any_catalog_miner(), n in 0u64..10_000, mode in any_mode()
    ) {
        let mut fleet = fleet_of(&lines);
        let (h0, p0) = (fleet.total_hashrate().unwrap(), fleet.total_power().unwrap());
        fleet.add_in_mode(extra, n, mode).unwrap();
        prop_assert!(fleet.total_hashrate().unwrap() >= h0);
        prop_assert!(fleet.total_power().unwrap() >= p0);
    }

    #[test]
    fn fleet_shares_sum_to_one(lines in any_fleet_lines()) {
        let fleet = fleet_of(&lines);
        let by_year: f64 = fleet.hashrate_share_by_year().unwrap().iter().map(|(_, s)| s).sum();
        let by_model: f64 = fleet.hashrate_share_by_model().unwrap().iter().map(|(_, s)| s).sum();
        prop_assert!((by_year - 1.0).abs() < 1e-9 && (by_model - 1.0).abs() < 1e-9);
    }

    #[test]
    fn sparse_dense_sparse_round_trips(
        p in prop::sample::select(Precision::ALL.to_vec()),
        tflops in 1e-3f64..1e7,
        stated in prop_oneof![Just(Sparsity::Dense), Just(Sparsity::Sparse)],
    ) {
        let stated = if p.has_sparse_mode() { stated } else { Sparsity::Dense };
        let peak = PeakThroughput::new(p, FlopRate::new(tflops, unit::TERAFLOP_PER_SECOND).unwrap(), stated).unwrap();
        let dense = peak.in_sparsity(Sparsity::Dense).unwrap();
        prop_assert_eq!(dense.in_sparsity(stated).unwrap(), peak);
        if p.has_sparse_mode() {
            let sparse = peak.in_sparsity(Sparsity::Sparse).unwrap();
            prop_assert_eq!(sparse.in_sparsity(Sparsity::Dense).unwrap(), dense);
            prop_assert_eq!(sparse.rate().base_value(), 2.0 * dense.rate().base_value());
        }
        let x = tflops * 1e12;
        prop_assert_eq!(convert_sparsity(convert_sparsity(x, Sparsity::Sparse, Sparsity::Dense).unwrap(), Sparsity::Dense, Sparsity::Sparse).unwrap(), x);
    }

    #[test]
    fn a_sparsity_conversion_is_finite_or_an_error(x in proptest::num::f64::ANY) {
        for (from, to) in [(Sparsity::Dense, Sparsity::Sparse), (Sparsity::Sparse, Sparsity::Dense), (Sparsity::Dense, Sparsity::Dense)] {
            match convert_sparsity(x, from, to) {
                Ok(v) => prop_assert!(v.is_finite() && v >= 0.0 && x.is_finite() && x >= 0.0),
                Err(_) => prop_assert!(!x.is_finite() || x < 0.0 || (from, to) == (Sparsity::Dense, Sparsity::Sparse)),
            }
        }
    }

    #[test]
    fn asic_curve_power_and_j_per_th_rise_with_hashrate(
        k in 1.0f64..=3.0, a in 0.01f64..=1.5, b in 0.01f64..=1.5
    ) {
        let curve = AsicCurve::new(k).unwrap();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(curve.power_fraction(lo).unwrap() <= curve.power_fraction(hi).unwrap());
        prop_assert!(curve.efficiency_factor(lo).unwrap() <= curve.efficiency_factor(hi).unwrap() * (1.0 + 1e-12));
        // Underclocking never costs efficiency, overclocking never gains it.
        prop_assert!(curve.efficiency_factor(lo.min(1.0)).unwrap() <= 1.0 + 1e-12);
        prop_assert!(curve.efficiency_factor(hi.max(1.0)).unwrap() >= 1.0 - 1e-12);
        // The inverse inverts.
        let p = curve.power_fraction(a).unwrap();
        prop_assert!((curve.hashrate_fraction(p).unwrap() - a).abs() < 1e-9);
    }

    #[test]
    fn a_capped_gpu_loses_less_throughput_than_power(
        b in 0.01f64..=1.0, a in 0.01f64..=1.0, c in 0.01f64..=1.0
    ) {
        let curve = PowerCapCurve::new(b).unwrap();
        let (lo, hi) = if a <= c { (a, c) } else { (c, a) };
        let (t_lo, t_hi) = (curve.throughput_fraction(lo).unwrap(), curve.throughput_fraction(hi).unwrap());
        prop_assert!(t_lo <= t_hi);
        prop_assert!(t_lo >= lo * (1.0 - 1e-12));
        // FLOP per joule never falls as the cap tightens.
        prop_assert!(curve.efficiency_factor(lo).unwrap() >= curve.efficiency_factor(hi).unwrap() * (1.0 - 1e-12));
        prop_assert!((curve.power_fraction(t_lo).unwrap() - lo).abs() < 1e-9);
    }

    #[test]
    fn operating_points_keep_power_equal_hashrate_times_efficiency(m in any_catalog_miner(), mode in any_mode()) {
        let point = mode.apply(&m, &AsicCurve::default()).unwrap();
        let implied = (point.hashrate * point.efficiency).get(unit::WATT);
        prop_assert!((implied - point.power.get(unit::WATT)).abs() <= 1e-9 * implied);
    }

    #[test]
    fn cluster_totals_scale_with_counts(n in 0u64..100_000, m in 0u64..100_000) {
        let h100 = catalog::accelerator("H100 SXM").unwrap();
        let mut one = Cluster::new();
        one.add(h100.clone(), n).add(h100.clone(), m);
        let mut two = Cluster::new();
        two.add(h100, n + m);
        let (a, b) = (one.peak(Precision::Bf16, Sparsity::Dense).unwrap(), two.peak(Precision::Bf16, Sparsity::Dense).unwrap());
        prop_assert!((a.base_value() - b.base_value()).abs() <= 1e-9 * b.base_value().max(1.0));
        prop_assert_eq!(one.device_count(), n + m);
    }

    #[test]
    fn user_specs_that_validate_are_internally_consistent(
        h in 1e-3f64..1e6, e in 1e-3f64..1e4, wobble in -0.2f64..0.2
    ) {
        let p = h * e * (1.0 + wobble);
        let spec = AsicSpec::new("M", "X", ReleaseDate::year(2024).unwrap(), h, p, e);
        let deviation = (h * e - p).abs() / p;
        match spec.validate() {
            Ok(m) => {
                prop_assert!(deviation <= 0.05 + 1e-12);
                let implied = (m.hashrate() * m.efficiency()).get(unit::WATT);
                prop_assert!((implied - m.power().get(unit::WATT)).abs() <= 0.0501 * m.power().get(unit::WATT));
            }
            Err(err) => {
                prop_assert!(err.is_inconsistent());
                prop_assert!(deviation > 0.05 - 1e-12);
            }
        }
    }

    #[test]
    fn loaders_never_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = load::asics_from_csv(&text);
        let _ = load::accelerators_from_epoch_csv(&text);
        let _ = load::accelerators_from_csv(&text);
    }

    #[test]
    fn loaders_never_panic_on_csv_like_text(
        rows in prop::collection::vec(prop::collection::vec("[a-zA-Z0-9 .,\"#+/()-]{0,12}|inf|-1e999|1e15|2024-13-01", 0..8), 0..8)
    ) {
        let header = "Hardware name,Release date,Tensor-FP16/BF16 performance (FLOP/s),TDP (W),model,manufacturer,release,hashrate_ths,power_w\n";
        let body: String = rows.iter().map(|r| r.join(",") + "\n").collect();
        let text = format!("{header}{body}");
        if let Ok(l) = load::accelerators_from_epoch_csv(&text) {
            // Every data row is accounted for: used or rejected.
            prop_assert!(l.items.len() + l.rejected.len() <= rows.len() + body.matches('\n').count());
        }
        let _ = load::asics_from_csv(&text);
        let _ = load::accelerators_from_csv(&text);
    }

    #[test]
    fn lookups_never_panic(q in any::<String>()) {
        let _ = catalog::asic(&q);
        let _ = catalog::accelerator(&q);
        let _ = catalog::system(&q);
        let _ = q.parse::<ReleaseDate>();
    }
}
