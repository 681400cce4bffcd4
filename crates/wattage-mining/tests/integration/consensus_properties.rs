//! Invariants of the consensus arithmetic, stated in domain words.

use proptest::prelude::*;
use wattage_mining::compact::encode_compact;
use wattage_mining::difficulty::core_get_difficulty;
use wattage_mining::retarget::{
    calculate_next_work_required, check_proof_of_work, permitted_difficulty_transition,
};
use wattage_mining::subsidy::{block_subsidy_sat, total_issued_sat};
use wattage_mining::{BlockHeight, CompactTarget, ConsensusParams, Difficulty, Target, U256};

fn any_u256() -> impl Strategy<Value = U256> {
    (any::<[u64; 4]>(), 0usize..256).prop_map(|(limbs, shift)| U256(limbs) >> shift)
}

/// A normalized compact target: exponent 3..=32, mantissa with a non-zero
/// top byte and no sign bit (what `GetCompact` produces for targets >= 2^16).
fn normalized_compact() -> impl Strategy<Value = CompactTarget> {
    (3u32..=32, 0x0001_0000u32..=0x007f_ffff)
        .prop_map(|(e, m)| CompactTarget::from_consensus((e << 24) | m))
}

/// A valid mainnet `nBits`: a normalized target at most the pow limit.
fn mainnet_bits() -> impl Strategy<Value = CompactTarget> {
    normalized_compact().prop_filter("within the mainnet pow limit", |b| {
        b.to_target().is_ok_and(|t| t <= Target::MAINNET_POW_LIMIT)
    })
}

proptest! {
    #[test]
    fn subsidies_never_increase_with_height(a in any::<u32>(), b in any::<u32>()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(block_subsidy_sat(BlockHeight::new(lo)) >= block_subsidy_sat(BlockHeight::new(hi)));
    }

    #[test]
    fn total_issued_grows_by_each_blocks_subsidy(h in 1u32..) {
        let before = total_issued_sat(BlockHeight::new(h - 1));
        let after = total_issued_sat(BlockHeight::new(h));
        prop_assert_eq!(after - before, block_subsidy_sat(BlockHeight::new(h)));
        prop_assert!(after <= wattage_mining::subsidy::MAX_SUPPLY_SAT);
    }

    #[test]
    fn normalized_compacts_round_trip(bits in normalized_compact()) {
        let target = bits.to_target().unwrap();
        prop_assert_eq!(target.to_compact(), bits);
        prop_assert!(bits.is_normalized());
    }

    #[test]
    fn target_to_compact_rounds_down_by_less_than_one_mantissa_step(v in any_u256()) {
        prop_assume!(!v.is_zero());
        let target = Target::new(v).unwrap();
        let bits = target.to_compact();
        let back = bits.to_target().unwrap();
        prop_assert!(back <= target);
        prop_assert_eq!(back.to_compact(), bits);
        let exponent = usize::from(bits.exponent());
        let step = if exponent > 3 { U256::one() << (8 * (exponent - 3)) } else { U256::one() };
        prop_assert!(target.to_u256() - back.to_u256() < step);
    }

    #[test]
    fn parsing_any_nbits_never_panics(raw in any::<u32>(), hash in any_u256(), t0 in any::<i64>(), t1 in any::<i64>()) {
        let bits = CompactTarget::from_consensus(raw);
        let decoded = bits.decode();
        let validated = bits.to_target();
        prop_assert_eq!(validated.is_ok(), !decoded.negative && !decoded.overflow && !decoded.value.is_zero());
        let _ = core_get_difficulty(bits);
        let _ = Difficulty::from_compact(bits);
        let p = ConsensusParams::MAINNET;
        let _ = check_proof_of_work(hash, bits, &p);
        let _ = calculate_next_work_required(&p, bits, t0, t1);
        let _ = permitted_difficulty_transition(&p, BlockHeight::new(2016), bits, bits);
        let _ = bits.to_string().parse::<CompactTarget>();
    }

    #[test]
    fn validated_difficulty_equals_cores_get_difficulty(raw in any::<u32>()) {
        let bits = CompactTarget::from_consensus(raw);
        // Below exponent 3 SetCompact drops mantissa bytes that GetDifficulty
        // still reads; compare where the encoding is lossless.
        let e = u32::from(bits.exponent());
        let lossless = e >= 3 || bits.mantissa() & ((1u32 << (8 * (3 - e))) - 1) == 0;
        prop_assume!(lossless);
        if let Ok(d) = Difficulty::from_compact(bits) {
            let core = core_get_difficulty(bits);
            // Core's loop can underflow to 0 or overflow where the exact
            // quotient is still representable only at the extremes.
            if let Ok(core) = core {
                prop_assert_eq!(core.get().to_bits(), d.get().to_bits());
            }
        }
    }

    #[test]
    fn retarget_results_stay_within_the_clamp(old in mainnet_bits(), first in 1_231_006_505i64..2_000_000_000, span in -10_000_000i64..20_000_000) {
        let p = ConsensusParams::MAINNET;
        let r = calculate_next_work_required(&p, old, first, first + span).unwrap();
        let old_t = old.to_target().unwrap().to_u256();
        let new_t = r.new_bits.to_target().unwrap().to_u256();
        // At most 4x easier (and never above the pow limit) ...
        prop_assert!(new_t <= old_t * 4);
        prop_assert!(new_t <= p.pow_limit().to_u256());
        // ... and at most 4x harder, up to the compact rounding of old / 4.
        let quarter = encode_compact(old_t / 4, false).decode().value;
        prop_assert!(new_t >= quarter);
        prop_assert!(r.clamped_timespan >= 302_400 && r.clamped_timespan <= 4_838_400);
        // Core's own check agrees.
        prop_assert!(permitted_difficulty_transition(&p, BlockHeight::new(2016), old, r.new_bits).unwrap());
        // In difficulty terms, the change is within [1/4, 4] (plus compact rounding).
        let d_old = Difficulty::from_compact(old).unwrap().get();
        let d_new = Difficulty::from_compact(r.new_bits).unwrap().get();
        prop_assert!(d_new / d_old <= 4.0 * (1.0 + 1e-4));
        prop_assert!(d_new / d_old >= 0.25 * (1.0 - 1e-9));
    }

    #[test]
    fn work_is_exactly_two_pow_256_over_target_plus_one(v in any_u256()) {
        prop_assume!(!v.is_zero());
        let t = Target::new(v).unwrap();
        let w = t.work();
        // w = floor(2^256 / (t + 1)) <=> w (t+1) <= 2^256 < (w+1)(t+1)
        let two256 = primitive_types::U512::one() << 256;
        let t1 = primitive_types::U512::from(v) + 1;
        let w512 = primitive_types::U512::from(w);
        prop_assert!(w512 * t1 <= two256);
        prop_assert!((w512 + 1) * t1 > two256);
    }

    #[test]
    fn difficulty_to_target_inverts_target_to_difficulty(bits in mainnet_bits()) {
        let t = bits.to_target().unwrap();
        let d = t.difficulty();
        let back = d.to_target().unwrap();
        // Within the f64's relative precision of the original target.
        let diff = if back > t { back.to_u256() - t.to_u256() } else { t.to_u256() - back.to_u256() };
        prop_assert!(diff <= (t.to_u256() >> 50) + 1);
        prop_assert_eq!(d.to_compact().unwrap(), bits);
    }
}
