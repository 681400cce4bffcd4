//! The catalog: size, coverage, sources, and that every entry passes the
//! same validation as user data.

use std::collections::HashSet;

use wattage_hardware::{Cooling, Precision, Sparsity, catalog};
use wattage_units::{HashEfficiency, unit};

#[test]
fn catalog_has_at_least_25_miners_from_2016_to_2026_and_20_accelerators() {
    let miners = catalog::asic_miners();
    assert!(miners.len() >= 25, "{} miners", miners.len());
    let years: HashSet<u16> = miners.iter().map(|m| m.release().year_number()).collect();
    assert_eq!(years.iter().min(), Some(&2016));
    assert_eq!(years.iter().max(), Some(&2026));
    assert!(catalog::accelerators().len() >= 20);
    assert_eq!(catalog::systems().len(), 3);
}

#[test]
fn every_miner_passes_user_validation_unchanged() {
    for m in catalog::asic_miners() {
        let revalidated = m
            .to_spec()
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", m.model()));
        assert_eq!(&revalidated, m);
        // Stricter than the default tolerance: the catalog agrees within 1 %.
        m.to_spec()
            .validate_with_tolerance(0.01)
            .unwrap_or_else(|e| panic!("{}: {e}", m.model()));
    }
}

#[test]
fn every_accelerator_passes_user_validation_unchanged() {
    for a in catalog::accelerators() {
        let revalidated = a
            .to_spec()
            .validate()
            .unwrap_or_else(|e| panic!("{}: {e}", a.name()));
        assert_eq!(&revalidated, a);
    }
}

#[test]
fn every_entry_names_its_sources() {
    for m in catalog::asic_miners() {
        assert!(m.source().len() > 10, "{}", m.model());
        assert_ne!(m.source(), "user-supplied");
    }
    for a in catalog::accelerators() {
        for s in [a.throughput_source(), a.power_source(), a.memory_source()] {
            assert!(s.len() > 10, "{}: {s:?}", a.name());
        }
        assert!(a.release().is_some(), "{}", a.name());
    }
    for s in catalog::systems() {
        assert!(s.source().len() > 10);
    }
}

#[test]
fn names_are_unique_even_after_normalization() {
    let mut seen = HashSet::new();
    for m in catalog::asic_miners() {
        let key: String = m.model().to_lowercase().split_whitespace().collect();
        assert!(seen.insert(key), "duplicate {}", m.model());
        // Each miner is found by its own name.
        assert_eq!(catalog::asic(m.model()).unwrap().model(), m.model());
    }
    for a in catalog::accelerators() {
        assert_eq!(catalog::accelerator(a.name()).unwrap().name(), a.name());
    }
    for s in catalog::systems() {
        assert_eq!(catalog::system(s.name()).unwrap().name(), s.name());
        // Every system holds a catalog accelerator with a board power.
        let acc = catalog::accelerator(s.accelerator()).unwrap();
        let factor = s.overhead_factor(&acc).unwrap();
        assert!(factor > 1.0 && factor < 2.5, "{}: {factor}", s.name());
    }
}

#[test]
fn required_models_are_present() {
    for q in [
        "S9",
        "S19 XP Hyd",
        "S21 Pro",
        "S21+ Hyd",
        "M66S",
        "S21 XP",
        "S23 Hyd",
        "A16XP",
        "Sealminer A2 Hyd",
    ] {
        catalog::asic(q).unwrap_or_else(|e| panic!("{e}"));
    }
    for q in [
        "A100",
        "H100 SXM",
        "H100 PCIe",
        "H200",
        "B200",
        "B300",
        "GB200",
        "GB300",
        "L40S",
        "MI250X",
        "MI300X",
        "MI325X",
        "MI350X",
        "MI355X",
        "TPU v4",
        "TPU v5e",
        "TPU v5p",
        "TPU v6e",
        "TPU v7",
        "Trainium2",
        "Gaudi 3",
    ] {
        catalog::accelerator(q).unwrap_or_else(|e| panic!("{e}"));
    }
    for q in ["DGX H100", "DGX B200", "GB200 NVL72"] {
        catalog::system(q).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn lookup_is_tolerant_of_case_spacing_and_spelling() {
    let a = catalog::asic("s21 xp hyd").unwrap();
    for q in [
        "S21XPHyd",
        "antminer s21 xp hydro",
        "  Antminer  S21-XP  Hyd ",
        "Bitmain Antminer S21 XP Hyd",
    ] {
        assert_eq!(catalog::asic(q).unwrap(), a, "{q}");
    }
    // `+` is significant.
    assert_eq!(
        catalog::asic("s21+ hyd").unwrap().model(),
        "Antminer S21+ Hyd"
    );
    assert_eq!(
        catalog::asic("s21 hyd").unwrap().model(),
        "Antminer S21 Hyd"
    );
    assert_eq!(
        catalog::accelerator("tpu v7").unwrap().name(),
        "Google TPU v7 Ironwood"
    );
    assert_eq!(
        catalog::accelerator("amd mi300x").unwrap().name(),
        "AMD Instinct MI300X"
    );
}

#[test]
fn misses_suggest_close_names() {
    let err = catalog::asic("S21 XPP").unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(
        err.suggestions().first().map(String::as_str),
        Some("Antminer S21 XP")
    );
    assert!(
        err.to_string().contains("did you mean \"Antminer S21 XP\""),
        "{err}"
    );

    // Ambiguous prefixes list the candidates.
    let err = catalog::accelerator("H100").unwrap_err();
    assert_eq!(err.suggestions(), ["NVIDIA H100 SXM", "NVIDIA H100 PCIe"]);

    let err = catalog::system("zzzz").unwrap_err();
    assert!(err.suggestions().is_empty());
    assert_eq!(err.to_string(), "no system named \"zzzz\" in the catalog");
    assert!(catalog::asic("").is_err());
}

#[test]
fn a_very_long_query_is_a_plain_miss() {
    // No catalog name is within the suggestion distance of a 1 MB query, so
    // the look-up answers without comparing it edit by edit.
    let long = "qz ".repeat(350_000);
    let err = catalog::asic(&long).unwrap_err();
    assert!(err.is_not_found());
    assert!(err.suggestions().is_empty());
    assert!(catalog::accelerator(&long).unwrap_err().is_not_found());
}

#[test]
fn filters_by_year_cooling_and_efficiency() {
    let y2023: Vec<_> = catalog::asics_released_in(2023).collect();
    assert!(y2023.iter().any(|m| m.model() == "Antminer S21"));
    assert!(y2023.iter().all(|m| m.release().year_number() == 2023));

    let immersion: Vec<_> = catalog::asics_cooled_by(Cooling::Immersion).collect();
    assert!(!immersion.is_empty());
    assert!(immersion.iter().all(|m| m.cooling() == Cooling::Immersion));

    let limit = HashEfficiency::new(15.0, unit::JOULE_PER_TERAHASH).unwrap();
    let efficient: Vec<_> = catalog::asics_at_most(limit).collect();
    assert!(efficient.iter().all(|m| m.efficiency() <= limit));
    assert!(efficient.iter().all(|m| m.release().year_number() >= 2024));

    let sorted = catalog::asics_by_efficiency();
    assert_eq!(sorted.first().unwrap().model(), "Antminer S23 Hyd");
    assert_eq!(sorted.last().unwrap().model(), "Antminer S9");

    assert_eq!(catalog::accelerators_by("amd").count(), 5);
    assert_eq!(catalog::accelerators_by("Google").count(), 5);
    assert!(catalog::accelerators_released_in(2025).count() >= 5);
}

#[test]
fn sparse_figures_are_twice_dense_in_every_entry() {
    for a in catalog::accelerators() {
        for p in a.peaks() {
            let dense = a.peak_rate(p.precision(), Sparsity::Dense).unwrap();
            if p.precision().has_sparse_mode() {
                let sparse = a.peak_rate(p.precision(), Sparsity::Sparse).unwrap();
                assert_eq!(sparse / dense, 2.0, "{} {}", a.name(), p.precision());
            } else {
                assert!(a.peak_rate(p.precision(), Sparsity::Sparse).is_err());
            }
        }
    }
}

#[test]
fn lower_precisions_are_never_slower_than_higher_ones() {
    // A sanity check on the transcription: dense FP8 >= BF16 >= TF32 >= FP32.
    let order = [
        Precision::Fp32,
        Precision::Tf32,
        Precision::Bf16,
        Precision::Fp8,
        Precision::Fp4,
    ];
    for a in catalog::accelerators() {
        let rates: Vec<f64> = order
            .iter()
            .filter_map(|p| a.peak_rate(*p, Sparsity::Dense).ok())
            .map(|r| r.get(unit::FLOP_PER_SECOND))
            .collect();
        assert!(
            rates.windows(2).all(|w| w[1] >= w[0]),
            "{}: {rates:?}",
            a.name()
        );
    }
}

#[test]
fn epoch_attribution_is_shipped() {
    assert!(catalog::EPOCH_ATTRIBUTION.contains("CC-BY 4.0"));
    assert!(
        catalog::accelerators()
            .iter()
            .any(|a| a.throughput_source().contains("Epoch AI"))
    );
}
