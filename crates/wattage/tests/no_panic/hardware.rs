//! wattage-hardware: loaders, look-ups, specs, fleets, curves, operating
//! modes, comparisons and the Landauer floor. Every `Ok` is checked finite.

use proptest::prelude::*;
use wattage::hardware::compare::{
    best_efficiency_by_year, compute_efficiency_gain, hash_efficiency_gain, miner_gain,
};
use wattage::hardware::landauer::{compute_gap, hash_gap, limit};
use wattage::hardware::load::{
    SpecFile, accelerators_from_csv, accelerators_from_epoch_csv, asics_from_csv,
};
use wattage::hardware::operating_mode::accelerator_at_cap;
use wattage::hardware::system::system_power_per_device;
use wattage::hardware::{
    AcceleratorSpec, AsicCurve, AsicSpec, Cluster, Fleet, OperatingMode, PeakSpec, PowerCapCurve,
    Precision, ReleaseDate, Sparsity, catalog,
};
use wattage::units::{ComputeEfficiency, HashEfficiency, Power, unit};

use super::{AllFinite, check, json_text, nasty_f64, raw, unit_like_text};

fn counts() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        Just(1u64),
        Just(u64::MAX),
        any::<u64>(),
        0u64..100_000
    ]
}

fn mode() -> impl Strategy<Value = OperatingMode> {
    prop_oneof![
        Just(OperatingMode::Nameplate),
        nasty_f64().prop_map(OperatingMode::HashrateFraction),
        nasty_f64().prop_map(OperatingMode::PowerFraction),
        (0.0f64..1.6).prop_map(OperatingMode::HashrateFraction),
    ]
}

proptest! {
    #[test]
    fn loaders_never_panic(text in "\\PC{0,200}", header in prop_oneof![
        Just("model,manufacturer,release_year,hashrate_ths,power_w,efficiency_j_per_th,cooling,source\n"),
        Just("Hardware name,Manufacturer,Release date,TDP (W),FP32 (single precision) performance (FLOP/s),Tensor-FP16/BF16 performance (FLOP/s)\n"),
        Just(""),
    ]) {
        let csv = format!("{header}{text}");
        check("miner CSV", &asics_from_csv(&csv));
        check("accelerator CSV", &accelerators_from_csv(&csv));
        check("Epoch AI CSV", &accelerators_from_epoch_csv(&csv));
    }

    #[test]
    fn look_ups_never_panic(query in unit_like_text()) {
        let _ = catalog::asic(&query);
        let _ = catalog::accelerator(&query);
        let _ = catalog::system(&query);
        let _ = query.parse::<ReleaseDate>();
        let _ = query.parse::<Precision>();
        let _ = query.parse::<Sparsity>();
        let _ = query.parse::<wattage::hardware::Cooling>();
        prop_assert!(catalog::accelerators_by(&query).all(|a| a.all_finite()));
    }

    #[test]
    fn catalog_filters_hold_finite_devices(year in any::<u16>()) {
        prop_assert!(catalog::accelerators_released_in(year).all(|a| a.all_finite()));
        for precision in Precision::ALL {
            let ranked = catalog::accelerators_by_efficiency(precision);
            prop_assert!(ranked.iter().all(|(a, e)| a.all_finite() && e.all_finite()));
        }
    }

    #[test]
    fn miner_specs_validate_or_fail(hashrate in nasty_f64(), power in nasty_f64(), efficiency in nasty_f64(), tolerance in nasty_f64()) {
        let spec = AsicSpec::new("Test", "Maker", ReleaseDate::year(2024).unwrap(), hashrate, power, efficiency);
        check("miner", &spec.clone().validate());
        check("miner with tolerance", &spec.clone().validate_with_tolerance(tolerance));
        let mut two = spec;
        two.efficiency_j_per_th = None;
        check("miner from two figures", &two.validate());
    }

    #[test]
    fn accelerator_specs_validate_or_fail(ops in nasty_f64(), watts in nasty_f64(), memory in nasty_f64(), sparse in any::<bool>()) {
        let mut spec = AcceleratorSpec::new("Chip", "Vendor");
        spec.board_power_w = Some(watts);
        spec.memory_bytes = Some(memory);
        spec.memory_bandwidth_bytes_per_s = Some(memory);
        spec.peaks = vec![PeakSpec {
            precision: Precision::Bf16,
            ops_per_second: ops,
            sparsity: if sparse { Sparsity::Sparse } else { Sparsity::Dense },
        }];
        let device = spec.validate();
        check("accelerator", &device);
        if let Ok(device) = device {
            for precision in Precision::ALL {
                check("efficiency", &device.efficiency(precision));
                check("peak rate", &device.peak_rate(precision, Sparsity::Dense));
                check("sparse peak", &device.peak_rate(precision, Sparsity::Sparse));
            }
        }
    }

    #[test]
    fn spec_files_validate_to_finite_devices(json in json_text()) {
        if let Ok(file) = serde_json::from_str::<SpecFile>(&json) {
            let (miners, accelerators) = file.validate();
            prop_assert!(miners.all_finite() && accelerators.all_finite());
        }
        let _ = serde_json::from_str::<AsicSpec>(&json);
        let _ = serde_json::from_str::<AcceleratorSpec>(&json);
        let _ = serde_json::from_str::<wattage::hardware::AsicMiner>(&json);
        let _ = serde_json::from_str::<wattage::hardware::Accelerator>(&json);
        let _ = serde_json::from_str::<AsicCurve>(&json);
        let _ = serde_json::from_str::<PowerCapCurve>(&json);
    }

    #[test]
    fn devices_round_trip_through_json_and_toml(index in any::<prop::sample::Index>(), ths in nasty_f64(), watts in nasty_f64()) {
        let miners = catalog::asic_miners();
        let miner = miners[index.index(miners.len())].clone();
        let json = serde_json::to_string(&miner).unwrap();
        prop_assert_eq!(&serde_json::from_str::<wattage::hardware::AsicMiner>(&json).unwrap(), &miner);
        let toml_text = toml::to_string(&miner).unwrap();
        prop_assert_eq!(&toml::from_str::<wattage::hardware::AsicMiner>(&toml_text).unwrap(), &miner);
        let accelerators = catalog::accelerators();
        let device = accelerators[index.index(accelerators.len())].clone();
        let json = serde_json::to_string(&device).unwrap();
        prop_assert_eq!(&serde_json::from_str::<wattage::hardware::Accelerator>(&json).unwrap(), &device);
        let toml_text = toml::to_string(&device).unwrap();
        prop_assert_eq!(&toml::from_str::<wattage::hardware::Accelerator>(&toml_text).unwrap(), &device);
        // A miner at extreme but valid figures reads back as itself.
        let extreme = AsicSpec::new("Extreme", "Maker", ReleaseDate::year(2030).unwrap(), ths, watts, watts / ths);
        // TOML reads the figures back exactly. serde_json parses floats to
        // within an ulp unless its `float_roundtrip` feature is on, so JSON
        // is held to that.
        if let Ok(miner) = extreme.validate() {
            let toml_text = toml::to_string(&miner).unwrap();
            prop_assert_eq!(toml::from_str::<AsicSpec>(&toml_text).unwrap(), miner.to_spec());
            prop_assert_eq!(&toml::from_str::<wattage::hardware::AsicMiner>(&toml_text).unwrap(), &miner);
            let close = |a: f64, b: f64| (a - b).abs() <= 4.5e-16 * a.abs().max(b.abs());
            let json = serde_json::to_string(&miner).unwrap();
            let back = serde_json::from_str::<wattage::hardware::AsicMiner>(&json).unwrap();
            prop_assert!(close(back.hashrate().base_value(), miner.hashrate().base_value()), "{:?}", back);
            prop_assert!(close(back.power().base_value(), miner.power().base_value()), "{:?}", back);
            prop_assert!(close(back.efficiency().base_value(), miner.efficiency().base_value()), "{:?}", back);
        }
    }

    #[test]
    fn accelerators_at_extreme_figures_round_trip(ops in nasty_f64(), watts in nasty_f64(), memory in nasty_f64()) {
        let mut spec = AcceleratorSpec::new("Extreme", "Vendor");
        spec.board_power_w = Some(watts);
        spec.memory_bytes = Some(memory);
        spec.peaks = vec![
            PeakSpec { precision: Precision::Fp8, ops_per_second: ops, sparsity: Sparsity::Dense },
            PeakSpec { precision: Precision::Fp64, ops_per_second: ops / 64.0, sparsity: Sparsity::Dense },
        ];
        if let Ok(device) = spec.validate() {
            let toml_text = toml::to_string(&device).unwrap();
            prop_assert_eq!(&toml::from_str::<wattage::hardware::Accelerator>(&toml_text).unwrap(), &device);
            let json = serde_json::to_string(&device).unwrap();
            let back = serde_json::from_str::<wattage::hardware::Accelerator>(&json).unwrap();
            prop_assert!(back.all_finite());
            prop_assert_eq!(back.name(), device.name());
        }
    }

    #[test]
    fn curves_are_finite_or_an_error(k in nasty_f64(), b in nasty_f64(), x in nasty_f64(), small in 0.0f64..1e-300) {
        for curve in [AsicCurve::new(k), Ok(AsicCurve::default()), AsicCurve::new(3.0), AsicCurve::new(1.0)].into_iter().flatten() {
            for v in [x, small] {
                check("ASIC power fraction", &curve.power_fraction(v));
                check("ASIC hashrate fraction", &curve.hashrate_fraction(v));
                check("ASIC efficiency factor", &curve.efficiency_factor(v));
            }
        }
        for curve in [PowerCapCurve::new(b), Ok(PowerCapCurve::default()), Ok(PowerCapCurve::MEMORY_BOUND), PowerCapCurve::new(5e-324)].into_iter().flatten() {
            for v in [x, small, 5e-324] {
                check("throughput fraction", &curve.throughput_fraction(v));
                check("cap power fraction", &curve.power_fraction(v));
                check("cap efficiency factor", &curve.efficiency_factor(v));
            }
        }
    }

    #[test]
    fn fleets_and_clusters_total_to_finite_values(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), counts(), mode()), 0..6),
        cap in nasty_f64(), utilization in nasty_f64(),
    ) {
        let miners = catalog::asic_miners();
        let accelerators = catalog::accelerators();
        let systems = catalog::systems();
        let mut fleet = Fleet::new();
        let mut cluster = Cluster::new();
        for (index, count, mode) in &picks {
            let miner = miners[index.index(miners.len())].clone();
            let _ = fleet.add_in_mode(miner, *count, *mode);
            let device = accelerators[index.index(accelerators.len())].clone();
            check("accelerator at a cap", &accelerator_at_cap(&device, Precision::Bf16, cap, utilization, &PowerCapCurve::default()));
            let system = &systems[index.index(systems.len())];
            check("system power", &system.power_for_devices(*count));
            check("overhead factor", &system.overhead_factor(&device));
            if index.index(2) == 0 {
                cluster.add_in_system(device, *count, system);
            } else {
                cluster.add(device, *count);
            }
        }
        check("fleet hashrate", &fleet.total_hashrate());
        check("fleet power", &fleet.total_power());
        check("fleet J/TH", &fleet.efficiency());
        check("share by year", &fleet.hashrate_share_by_year());
        check("share by model", &fleet.hashrate_share_by_model());
        for precision in Precision::ALL {
            check("cluster peak", &cluster.peak(precision, Sparsity::Dense));
            check("cluster efficiency", &cluster.efficiency(precision));
        }
        check("board power", &cluster.board_power());
        check("facility power", &cluster.facility_power());
        check("best by year", &best_efficiency_by_year(picks.iter().map(|(i, _, _)| &miners[i.index(miners.len())])).map(|v| v.len()));
    }

    #[test]
    fn comparisons_and_floors_are_finite_or_an_error(a in nasty_f64(), b in nasty_f64(), kelvin in nasty_f64(), bits in nasty_f64()) {
        let j = HashEfficiency::new(1.0, unit::JOULE_PER_TERAHASH).unwrap();
        let f = ComputeEfficiency::new(1.0, unit::FLOPS_PER_WATT).unwrap();
        check("hash gain", &hash_efficiency_gain(raw(j, a), raw(j, b)));
        check("compute gain", &compute_efficiency_gain(raw(f, a), raw(f, b)));
        let miners = catalog::asic_miners();
        check("miner gain", &miner_gain(&miners[0], &miners[miners.len() - 1]));
        check("Landauer limit", &limit(kelvin));
        check("hash gap", &hash_gap(raw(j, a), kelvin, bits));
        check("compute gap", &compute_gap(raw(f, a), kelvin, bits));
        check("system power per device", &system_power_per_device(raw(Power::new(1.0, unit::WATT).unwrap(), a), b));
    }
}
