//! Bitcoin Core `src/test/blockchain_tests.cpp` (bitcoin/bitcoin commit
//! 0083e015e84020d29cad18de1e19f44f2029a275): `GetDifficulty` vectors, which
//! Core compares with a tolerance of 0.00001 (`DoubleEquals`).

use wattage_mining::difficulty::core_get_difficulty;
use wattage_mining::{CompactTarget, Difficulty, Error, Target};

/// (Core test case, nBits, expected difficulty)
const GET_DIFFICULTY: &[(&str, u32, f64)] = &[
    ("get_difficulty_for_very_low_target", 0x1f11_1111, 0.000_001),
    ("get_difficulty_for_low_target", 0x1ef8_8f6f, 0.000_016),
    ("get_difficulty_for_mid_target", 0x1df8_8f6f, 0.004_023),
    ("get_difficulty_for_high_target", 0x1cf8_8f6f, 1.029_916),
    (
        "get_difficulty_for_very_high_target",
        0x1234_5678,
        5_913_134_931_067_755_359_633_408.0,
    ),
];

#[test]
fn get_difficulty_matches_core() {
    for &(name, bits, expected) in GET_DIFFICULTY {
        let d = core_get_difficulty(CompactTarget::from_consensus(bits)).unwrap();
        assert!(
            (d.get() - expected).abs() < 0.000_01,
            "{name}: got {}, expected {expected}",
            d.get()
        );
    }
}

#[test]
fn very_high_target_is_exact() {
    let d = core_get_difficulty(CompactTarget::from_consensus(0x1234_5678)).unwrap();
    assert_eq!(d.get(), 5_913_134_931_067_755_359_633_408.0);
    // The validated path agrees bit for bit (0x12345678 has no sign bit).
    let v = Difficulty::from_compact(CompactTarget::from_consensus(0x1234_5678)).unwrap();
    assert_eq!(v.get().to_bits(), d.get().to_bits());
}

#[test]
fn sign_bit_vectors_are_rejected_by_the_validated_path() {
    // Core's GetDifficulty reads 0x1cf88f6f's mantissa as unsigned, but as a
    // consensus target it is negative.
    for &(_, bits, _) in &GET_DIFFICULTY[1..4] {
        assert_eq!(
            Difficulty::from_compact(CompactTarget::from_consensus(bits)),
            Err(Error::NegativeCompact { bits })
        );
    }
}

#[test]
fn zero_mantissa_is_an_error_not_infinity() {
    assert_eq!(
        core_get_difficulty(CompactTarget::from_consensus(0x1d00_0000)),
        Err(Error::ZeroTarget { bits: 0x1d00_0000 })
    );
}

#[test]
fn difficulty_one_and_expected_hashes() {
    assert_eq!(Target::DIFFICULTY_ONE.difficulty(), Difficulty::ONE);
    // 2^256 / (0xffff x 2^208 + 1) = 4,295,032,833 (= 2^32 x 65536/65535, rounded down).
    assert_eq!(Target::DIFFICULTY_ONE.work().as_u64(), 4_295_032_833);
    assert_eq!(Difficulty::ONE.expected_hashes(), 4_294_967_296.0);
    assert_eq!(
        Difficulty::ONE.expected_hashes_exact().unwrap().as_u64(),
        4_295_032_833
    );
}

#[test]
fn bad_difficulties_are_typed_errors() {
    for v in [0.0, -3.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.0] {
        let e = Difficulty::new(v).unwrap_err();
        assert!(matches!(e, Error::InvalidDifficulty { .. }));
    }
    assert_eq!(
        Difficulty::new(-3.0).unwrap_err().to_string(),
        "difficulty must be positive and at most 2.7e67 (target 1), got -3"
    );
    // Out-of-range targets.
    assert!(matches!(
        Difficulty::new(1e-12).unwrap().to_target(),
        Err(Error::TargetOutOfRange { .. })
    ));
    // Above the difficulty of target 1 no target exists: rejected up front.
    assert!(matches!(
        Difficulty::new(1e70),
        Err(Error::InvalidDifficulty { .. })
    ));
    assert!(matches!(
        Difficulty::from_hashrate_hs(-1.0),
        Err(Error::InvalidHashrate { .. })
    ));
    assert!(Difficulty::ONE.hashrate_at_interval_hs(0.0).is_err());
}
