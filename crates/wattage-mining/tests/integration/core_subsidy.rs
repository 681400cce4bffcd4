//! Bitcoin Core `src/test/validation_tests.cpp`: `block_subsidy_test`
//! (`TestBlockSubsidyHalvings` for intervals 210,000, 150 and 1,000) and
//! `subsidy_limit_test`.

use wattage_mining::subsidy::{self, MAX_SUPPLY_SAT, block_subsidy_sat, total_issued_sat};
use wattage_mining::{BlockHeight, ConsensusParams, Target};

const COIN: u64 = 100_000_000;

fn halvings_for_interval(params: &ConsensusParams) {
    let max_halvings = 64u32;
    let initial = 50 * COIN;
    let mut previous = initial * 2; // for height == 0
    for halvings in 0..max_halvings {
        let height = BlockHeight::new(halvings * params.subsidy_halving_interval());
        let s = params.block_subsidy_sat(height);
        assert!(s <= initial);
        assert_eq!(s, previous / 2, "halving {halvings}");
        previous = s;
    }
    let past = BlockHeight::new(max_halvings * params.subsidy_halving_interval());
    assert_eq!(params.block_subsidy_sat(past), 0);
}

#[test]
fn block_subsidy_test() {
    halvings_for_interval(&ConsensusParams::MAINNET); // As in main
    halvings_for_interval(&ConsensusParams::REGTEST); // As in regtest
    let other = ConsensusParams::new(1_000, Target::MAINNET_POW_LIMIT, 1_209_600, 600).unwrap();
    halvings_for_interval(&other); // Just another interval
}

#[test]
fn subsidy_limit_test() {
    // Core's loop: heights 0, 1000, ..., 13,999,000, each subsidy counted 1000 times.
    let mut sum: u64 = 0;
    for height in (0..14_000_000u32).step_by(1000) {
        let s = block_subsidy_sat(BlockHeight::new(height));
        assert!(s <= 50 * COIN);
        sum += s * 1000;
        assert!(sum <= 21_000_000 * COIN); // MoneyRange
    }
    assert_eq!(sum, 2_099_999_997_690_000);
    // The closed form gives the same total without a loop.
    assert_eq!(
        total_issued_sat(BlockHeight::new(13_999_999)),
        2_099_999_997_690_000
    );
    assert_eq!(MAX_SUPPLY_SAT, 2_099_999_997_690_000);
}

#[test]
fn closed_form_total_matches_summing_every_height_near_epoch_edges() {
    // Check the closed form against a running sum over heights, sampled
    // around every epoch edge (a full loop over 14M heights is not needed).
    for epoch in 0..40u32 {
        let edge = epoch * 210_000;
        let start = edge.saturating_sub(3);
        let mut running = if start == 0 {
            0
        } else {
            total_issued_sat(BlockHeight::new(start - 1))
        };
        for h in start..edge + 3 {
            running += block_subsidy_sat(BlockHeight::new(h));
            assert_eq!(total_issued_sat(BlockHeight::new(h)), running, "height {h}");
        }
    }
}

#[test]
fn last_non_zero_subsidy() {
    assert_eq!(block_subsidy_sat(BlockHeight::new(6_929_999)), 1);
    assert_eq!(block_subsidy_sat(BlockHeight::new(6_930_000)), 0);
    assert_eq!(BlockHeight::LAST_SUBSIDY, BlockHeight::new(6_929_999));
    assert_eq!(
        ConsensusParams::MAINNET.last_subsidy_height(),
        Some(BlockHeight::new(6_929_999))
    );
    assert_eq!(total_issued_sat(BlockHeight::LAST_SUBSIDY), MAX_SUPPLY_SAT);
    assert_eq!(total_issued_sat(BlockHeight::new(u32::MAX)), MAX_SUPPLY_SAT);
    assert_eq!(block_subsidy_sat(BlockHeight::new(u32::MAX)), 0);
}

#[test]
fn known_subsidies() {
    let btc = |h: u32| block_subsidy_sat(BlockHeight::new(h));
    assert_eq!(btc(0), 50 * COIN);
    assert_eq!(btc(210_000), 25 * COIN);
    assert_eq!(btc(420_000), 1_250_000_000);
    assert_eq!(btc(630_000), 625_000_000);
    assert_eq!(btc(840_000), 312_500_000);
    assert_eq!(btc(1_050_000), 156_250_000);
}

#[test]
fn issued_between() {
    let a = BlockHeight::new(839_999);
    let b = BlockHeight::new(840_000);
    assert_eq!(
        subsidy::issued_between_sat(a, b).unwrap(),
        625_000_000 + 312_500_000
    );
    assert!(subsidy::issued_between_sat(b, a).is_err());
    assert_eq!(
        subsidy::issued_between_sat(BlockHeight::GENESIS, BlockHeight::GENESIS).unwrap(),
        50 * COIN
    );
}
