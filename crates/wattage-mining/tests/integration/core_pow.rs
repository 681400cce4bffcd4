//! Bitcoin Core `src/test/pow_tests.cpp` (bitcoin/bitcoin; the four
//! `get_next_work*` cases are unchanged since commit
//! 90d4d89230434493c3b1e9174abed2609ba74cf1; the `PermittedDifficultyTransition`
//! checks and the `CheckProofOfWork_test_*` cases are from later revisions of
//! the same file).

use wattage_mining::retarget::{
    TimespanClamp, calculate_next_work_required, check_proof_of_work,
    permitted_difficulty_transition,
};
use wattage_mining::{
    BlockHeight, CompactTarget, ConsensusParams, Error, U256, compact::encode_compact,
};

/// One `CalculateNextWorkRequired` vector.
struct NextWork {
    /// The Core test case name.
    name: &'static str,
    /// `nLastRetargetTime`: time of the period's first block.
    first_time: i64,
    /// `pindexLast.nHeight`.
    last_height: u32,
    /// `pindexLast.nTime`.
    last_time: i64,
    /// `pindexLast.nBits`.
    last_bits: u32,
    /// The expected result.
    expected: u32,
    /// How the timespan is clamped (ours, derived from the inputs).
    clamp: TimespanClamp,
    /// Whether the pow limit caps the result (ours, derived from the inputs).
    capped: bool,
}

const NEXT_WORK: &[NextWork] = &[
    NextWork {
        name: "get_next_work",
        first_time: 1_261_130_161, // Block #30240
        last_height: 32_255,
        last_time: 1_262_152_739, // Block #32255
        last_bits: 0x1d00_ffff,
        expected: 0x1d00_d86a,
        clamp: TimespanClamp::Within,
        capped: false,
    },
    NextWork {
        name: "get_next_work_pow_limit",
        first_time: 1_231_006_505, // Block #0
        last_height: 2_015,
        last_time: 1_233_061_996, // Block #2015
        last_bits: 0x1d00_ffff,
        expected: 0x1d00_ffff,
        clamp: TimespanClamp::Within,
        capped: true,
    },
    NextWork {
        name: "get_next_work_lower_limit_actual",
        first_time: 1_279_008_237, // Block #66528
        last_height: 68_543,
        last_time: 1_279_297_671, // Block #68543
        last_bits: 0x1c05_a3f4,
        expected: 0x1c01_68fd,
        clamp: TimespanClamp::RaisedToMinimum,
        capped: false,
    },
    NextWork {
        name: "get_next_work_upper_limit_actual",
        first_time: 1_263_163_443, // NOTE: Not an actual block time
        last_height: 46_367,
        last_time: 1_269_211_443, // Block #46367
        last_bits: 0x1c38_7f6f,
        expected: 0x1d00_e1fd,
        clamp: TimespanClamp::LoweredToMaximum,
        capped: false,
    },
];

#[test]
fn calculate_next_work_required_matches_core() {
    let p = ConsensusParams::MAINNET;
    for v in NEXT_WORK {
        let r = calculate_next_work_required(
            &p,
            CompactTarget::from_consensus(v.last_bits),
            v.first_time,
            v.last_time,
        )
        .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(r.new_bits.to_consensus(), v.expected, "{}", v.name);
        assert_eq!(r.clamp, v.clamp, "{}", v.name);
        assert_eq!(r.capped_at_pow_limit, v.capped, "{}", v.name);
        assert_eq!(r.actual_timespan, v.last_time - v.first_time, "{}", v.name);
        // The next block is a retarget block, so next_work_required agrees.
        let next = wattage_mining::retarget::next_work_required(
            &p,
            BlockHeight::new(v.last_height),
            CompactTarget::from_consensus(v.last_bits),
            v.first_time,
            v.last_time,
        )
        .unwrap();
        assert_eq!(next.to_consensus(), v.expected, "{}", v.name);
    }
}

#[test]
fn permitted_difficulty_transition_matches_core() {
    let p = ConsensusParams::MAINNET;
    for v in NEXT_WORK {
        let h = BlockHeight::new(v.last_height + 1);
        let old = CompactTarget::from_consensus(v.last_bits);
        let permitted =
            permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(v.expected));
        assert_eq!(permitted, Ok(true), "{}", v.name);
    }
    // get_next_work_lower_limit_actual: reducing nBits further is not permitted.
    let h = BlockHeight::new(68_544);
    let old = CompactTarget::from_consensus(0x1c05_a3f4);
    assert_eq!(
        permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(0x1c01_68fc)),
        Ok(false)
    );
    // get_next_work_upper_limit_actual: increasing nBits further is not permitted.
    let h = BlockHeight::new(46_368);
    let old = CompactTarget::from_consensus(0x1c38_7f6f);
    assert_eq!(
        permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(0x1d00_e1fe)),
        Ok(false)
    );
    // Off a retarget height nBits must not change.
    let h = BlockHeight::new(46_369);
    assert_eq!(
        permitted_difficulty_transition(&p, h, old, CompactTarget::from_consensus(0x1d00_e1fd)),
        Ok(false)
    );
    assert_eq!(permitted_difficulty_transition(&p, h, old, old), Ok(true));
    // Regtest allows minimum-difficulty blocks: anything goes.
    assert_eq!(
        permitted_difficulty_transition(
            &ConsensusParams::REGTEST,
            h,
            old,
            CompactTarget::from_consensus(0x207f_ffff)
        ),
        Ok(true)
    );
}

#[test]
fn check_proof_of_work_negative_target() {
    // nBits = powLimit.GetCompact(true)
    let p = ConsensusParams::MAINNET;
    let bits = encode_compact(p.pow_limit().to_u256(), true);
    assert_eq!(bits.to_consensus(), 0x1d80_ffff);
    let r = check_proof_of_work(U256::one(), bits, &p);
    assert_eq!(r, Err(Error::NegativeCompact { bits: 0x1d80_ffff }));
}

#[test]
fn check_proof_of_work_overflow_target() {
    // nBits = ~0x00800000
    let p = ConsensusParams::MAINNET;
    let bits = CompactTarget::from_consensus(!0x0080_0000u32);
    assert_eq!(
        check_proof_of_work(U256::one(), bits, &p),
        Err(Error::CompactOverflow { bits: 0xff7f_ffff })
    );
}

#[test]
fn check_proof_of_work_too_easy_target() {
    // nBits = (powLimit * 2).GetCompact()
    let p = ConsensusParams::MAINNET;
    let bits = encode_compact(p.pow_limit().to_u256() * 2, false);
    let r = check_proof_of_work(U256::one(), bits, &p);
    assert!(matches!(r, Err(Error::TargetAboveLimit { .. })), "{r:?}");
    let msg = r.unwrap_err().to_string();
    assert!(msg.contains("target 0x00000001ffff0000"), "{msg}");
}

#[test]
fn check_proof_of_work_bigger_hash_than_target() {
    // nBits = powLimit.GetCompact(); hash = powLimit * 2
    let p = ConsensusParams::MAINNET;
    let bits = encode_compact(p.pow_limit().to_u256(), false);
    assert_eq!(
        check_proof_of_work(p.pow_limit().to_u256() * 2, bits, &p),
        Ok(false)
    );
}

#[test]
fn check_proof_of_work_zero_target() {
    // nBits = arith_uint256(0).GetCompact(); hash = 0
    let p = ConsensusParams::MAINNET;
    let bits = encode_compact(U256::zero(), false);
    assert_eq!(
        check_proof_of_work(U256::zero(), bits, &p),
        Err(Error::ZeroTarget { bits: 0 })
    );
}

#[test]
fn check_proof_of_work_real_blocks() {
    let p = ConsensusParams::MAINNET;
    // Genesis block hash and nBits.
    let genesis = U256::from_str_radix(
        "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
        16,
    )
    .unwrap();
    assert_eq!(
        check_proof_of_work(genesis, CompactTarget::DIFFICULTY_ONE, &p),
        Ok(true)
    );
    // Block 840,000 (the 2024 halving) against its nBits 0x17034219.
    let h840k = U256::from_str_radix(
        "0000000000000000000320283a032748cef8227873ff4872689bf23f1cda83a5",
        16,
    )
    .unwrap();
    assert_eq!(
        check_proof_of_work(h840k, CompactTarget::from_consensus(0x1703_4219), &p),
        Ok(true)
    );
    // ... but not against a target 2^40 times harder.
    assert_eq!(
        check_proof_of_work(h840k, CompactTarget::from_consensus(0x1203_4219), &p),
        Ok(false)
    );
}

#[test]
fn chain_params_main_sanity() {
    // sanity_check_chainparams: genesis nBits is positive, does not overflow
    // and is below powLimit; powLimit x 4 x timespan does not overflow.
    let p = ConsensusParams::MAINNET;
    let d = CompactTarget::DIFFICULTY_ONE.decode();
    assert!(!d.negative && !d.overflow && !d.value.is_zero());
    assert!(p.pow_limit().to_u256() >= d.value);
    assert_eq!(p.pow_target_timespan() % p.pow_target_spacing(), 0);
    let targ_max = U256::MAX / U256::from(u64::from(p.pow_target_timespan()) * 4);
    assert!(p.pow_limit().to_u256() < targ_max);
}

#[test]
fn regtest_never_retargets() {
    let p = ConsensusParams::REGTEST;
    let bits = CompactTarget::from_consensus(0x207f_ffff);
    let r = calculate_next_work_required(&p, bits, 0, 1).unwrap();
    assert_eq!(r.new_bits, bits);
}
