#![allow(clippy::unwrap_used)]

use alloc::format;

use proptest::prelude::*;
use wattage_hardware::catalog;
use wattage_hardware::operating_mode::MEASURED_H200_BF16_UTILIZATION;

use super::*;

fn h200(batch: u32) -> ThroughputSpec {
    let device = catalog::accelerator("H200 SXM").unwrap();
    ThroughputSpec::for_accelerator(
        &device,
        Precision::Bf16,
        MEASURED_H200_BF16_UTILIZATION,
        70e9,
        batch,
        1.0,
    )
    .unwrap()
}

fn serving(tokens_per_second: f64, pue: f64) -> Inference {
    Inference::new(InferenceSpec {
        tokens_per_second,
        board_power: Power::new(691.6, unit::WATT).unwrap(),
        system_overhead: 1.5,
        pue,
        power_price: "$45/MWh".parse().unwrap(),
        other_cost_per_gpu_hour: "$1.50".parse().unwrap(),
    })
    .unwrap()
}

/// The measured, not the nameplate, rate binds: the H200 BF16 matrix
/// products of 2026-11-25 sustained 667.7 TFLOP/s at 691.6 W
/// (`shared/data/measured_h200_matmul.json`; the measured share 667.7 /
/// 989.5 of the catalog's dense 989.5 TFLOP/s), so a 70B model is
/// compute-bound at about 667.7e12 / 1.4e11 = 4,769 tokens/s, where the
/// nameplate would claim 989.5e12 / 1.4e11 = 7,068.
#[test]
fn a_large_batch_is_bound_by_the_measured_flop_rate() {
    let spec = h200(512);
    assert_eq!(spec.tokens_per_second().unwrap().round(), 4_769.0);
    let nameplate = ThroughputSpec {
        utilization: 1.0,
        ..spec
    };
    assert_eq!(nameplate.tokens_per_second().unwrap().round(), 7_068.0);
}

/// A small batch is bandwidth-bound: 4.8 TB/s over 70 GB of FP8 weights
/// is 68.57 decoding steps a second, one token per sequence each.
#[test]
fn a_small_batch_is_bound_by_memory_bandwidth() {
    let spec = h200(8);
    assert_eq!(format!("{:.2}", spec.memory_bound().unwrap()), "548.57");
    assert_eq!(
        spec.tokens_per_second().unwrap(),
        spec.memory_bound().unwrap()
    );
}

#[test]
fn bad_inputs_are_refused_by_name() {
    let err = ThroughputSpec {
        parameters: 0.0,
        ..h200(8)
    }
    .tokens_per_second()
    .unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidInference {
                what: "model parameters",
                ..
            }
        ),
        "{err}"
    );
    let err = ThroughputSpec {
        utilization: 1.5,
        ..h200(8)
    }
    .tokens_per_second()
    .unwrap_err();
    assert!(
        matches!(
            err,
            FacilityError::InvalidInference {
                what: "utilization",
                ..
            }
        ),
        "{err}"
    );
    let mut spec = *serving(1000.0, 1.2).spec();
    spec.pue = 0.9;
    assert!(matches!(
        Inference::new(spec),
        Err(FacilityError::InvalidInference { what: "PUE", .. })
    ));
    spec.pue = 1.2;
    spec.tokens_per_second = f64::NAN;
    assert!(Inference::new(spec).is_err());
    assert!(
        serving(1000.0, 1.2)
            .cost_per_million_tokens(Decimal::ZERO)
            .is_err()
    );
}

/// The GPU-hour price implied per million tokens: $2.95/GPU-h (the May
/// 2026 H100 median of the domain brief, section 7) at 4,769 tokens/s,
/// fully busy, is $2.95 / 17.1684 million tokens.
#[test]
fn a_gpu_hour_price_per_million_tokens() {
    let rate = serving(4_769.0, 1.2);
    let price: GpuHourPrice = "$2.95/GPU-h".parse().unwrap();
    let per_million = rate
        .revenue_per_million_tokens(price, Decimal::ONE)
        .unwrap();
    assert_eq!(format!("{per_million:.4}"), "$0.1718");
}

proptest! {
    /// Cost per token falls as utilization rises: the hour costs the same,
    /// more tokens share it.
    #[test]
    fn cost_per_token_falls_as_utilization_rises(a in 1u32..=1000, b in 1u32..=1000, tps in 10.0f64..50_000.0) {
        let (low, high) = (a.min(b), a.max(b));
        let rate = serving(tps, 1.3);
        let cost = |permille: u32| rate.cost_per_million_tokens(Decimal::new(i64::from(permille), 3)).unwrap();
        prop_assert!(cost(high) <= cost(low));
    }

    /// Energy per token at the wall scales with PUE, in proportion.
    #[test]
    fn energy_per_token_scales_with_pue(pue in 1.0f64..3.0, tps in 10.0f64..50_000.0) {
        let base = serving(tps, 1.0).energy_per_token().get(unit::JOULE);
        let ratio = serving(tps, pue).energy_per_token().get(unit::JOULE) / base;
        prop_assert!((ratio - pue).abs() < 1e-12 * pue);
    }

    /// A bigger batch never decodes slower, and never beyond the compute bound.
    #[test]
    fn throughput_grows_with_batch_up_to_the_compute_bound(a in 1u32..4096, b in 1u32..4096) {
        let (small, large) = (a.min(b), a.max(b));
        let tps = |batch| h200(batch).tokens_per_second().unwrap();
        prop_assert!(tps(small) <= tps(large));
        prop_assert!(tps(large) <= h200(large).compute_bound().unwrap());
    }
}
