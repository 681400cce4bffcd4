//! Halving and retarget date estimates.

use wattage_mining::chrono::{DateTime, TimeDelta, Utc};
use wattage_mining::halving::{
    estimate_next_halving, estimate_next_retarget, estimate_time_of_height,
};
use wattage_mining::{BlockHeight, Error};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

#[test]
fn the_2024_halving_from_a_month_before() {
    // Block 835,801 was mined about 2024-03-20; at 600 s a block the
    // remaining 4,199 blocks take 29.16 days, close to the real 2024-04-20.
    let est = estimate_next_halving(
        BlockHeight::new(835_801),
        utc("2024-03-20T12:00:00Z"),
        TimeDelta::seconds(600),
    )
    .unwrap();
    assert_eq!(est.height, BlockHeight::new(840_000));
    assert_eq!(est.blocks_remaining, 4_199);
    assert_eq!(est.subsidy_before_sat, 625_000_000);
    assert_eq!(est.subsidy_after_sat, 312_500_000);
    assert_eq!(est.epoch.get(), 4);
    assert_eq!(
        est.eta,
        utc("2024-03-20T12:00:00Z") + TimeDelta::seconds(4_199 * 600)
    );
    assert_eq!(est.eta.date_naive().to_string(), "2024-04-18");
}

#[test]
fn the_next_halving_is_1_050_000() {
    let est = estimate_next_halving(
        BlockHeight::new(925_000),
        utc("2025-11-25T00:00:00Z"),
        TimeDelta::seconds(595),
    )
    .unwrap();
    assert_eq!(est.height, BlockHeight::new(1_050_000));
    assert_eq!(est.blocks_remaining, 125_000);
    assert_eq!(est.subsidy_after_sat, 156_250_000);
    // 125,000 x 595 s = 860.8 days: spring 2028.
    assert_eq!(est.eta.date_naive().to_string(), "2028-04-03");
}

#[test]
fn halving_bad_inputs_are_typed_errors() {
    let now = utc("2025-01-01T00:00:00Z");
    assert_eq!(
        estimate_next_halving(BlockHeight::new(6_930_000), now, TimeDelta::seconds(600)),
        Err(Error::PastLastHalving { height: 6_930_000 })
    );
    // The last halving that changes anything (1 sat -> 0) is still estimated.
    let last =
        estimate_next_halving(BlockHeight::new(6_929_999), now, TimeDelta::seconds(600)).unwrap();
    assert_eq!((last.subsidy_before_sat, last.subsidy_after_sat), (1, 0));
    assert!(matches!(
        estimate_next_halving(BlockHeight::new(1), now, TimeDelta::zero()),
        Err(Error::NonPositiveDuration { .. })
    ));
    assert!(matches!(
        estimate_next_halving(BlockHeight::new(1), now, TimeDelta::seconds(-600)),
        Err(Error::NonPositiveDuration { .. })
    ));
    assert!(matches!(
        estimate_time_of_height(
            BlockHeight::new(10),
            now,
            BlockHeight::new(9),
            TimeDelta::seconds(600)
        ),
        Err(Error::HeightOrder { .. })
    ));
    // Far beyond chrono's range: an error, not a panic.
    assert!(matches!(
        estimate_time_of_height(
            BlockHeight::new(0),
            now,
            BlockHeight::new(u32::MAX),
            TimeDelta::days(365_000)
        ),
        Err(Error::DateOutOfRange { .. })
    ));
}

#[test]
fn retarget_estimate_with_on_time_blocks_shows_the_off_by_one() {
    // Exactly 600 s blocks: Core measures 2,015 intervals against 2,016, so
    // the difficulty still rises by 2016/2015 - 1 = 0.0496%... per period.
    let start = utc("2024-04-11T00:00:00Z");
    let tip = BlockHeight::new(838_656 + 100);
    let est = estimate_next_retarget(tip, start + TimeDelta::seconds(100 * 600), start).unwrap();
    assert_eq!(est.height, BlockHeight::new(840_672));
    assert_eq!(est.average_interval, TimeDelta::seconds(600));
    assert_eq!(est.projected_timespan_secs, 1_209_000.0);
    assert!((est.difficulty_change - (1_209_600.0 / 1_209_000.0 - 1.0)).abs() < 1e-15);
    assert_eq!(est.eta, start + TimeDelta::seconds(2016 * 600));
}

#[test]
fn retarget_estimate_is_clamped() {
    let start = utc("2024-04-11T00:00:00Z");
    let tip = BlockHeight::new(838_656 + 10);
    // 10 blocks in 10 s: the clamp limits the rise to 4x (+300%).
    let est = estimate_next_retarget(tip, start + TimeDelta::seconds(10), start).unwrap();
    assert!((est.difficulty_change - 3.0).abs() < 1e-12);
    // The tip as the first block of the period: nothing observed yet.
    assert!(estimate_next_retarget(BlockHeight::new(838_656), start, start).is_err());
    // Time going backwards is an error.
    assert!(estimate_next_retarget(tip, start - TimeDelta::seconds(1), start).is_err());
}
