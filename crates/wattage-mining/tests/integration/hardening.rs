//! Regressions: results that left the finite range inside an `Ok`, and
//! negative durations priced as if they were positive.

use chrono::DateTime;
use wattage_mining::cbeci::network_power;
use wattage_mining::halving::average_block_interval;
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_mining::operation::Operation;
use wattage_mining::payout::Pool;
use wattage_mining::{BlockHeight, Difficulty, Error};
use wattage_units::{Btc, BtcPrice, EnergyPrice, HashEfficiency, Hashrate, Measure, Time, unit};

fn state() -> NetworkState {
    NetworkState::new(
        Difficulty::new(125e12).unwrap(),
        Btc::from_sat(312_500_000),
        Fees::ZERO,
    )
    .unwrap()
}

fn s21_xp() -> Operation {
    Operation::new(
        "270 TH/s".parse().unwrap(),
        "13.5 J/TH".parse().unwrap(),
        "$45/MWh".parse().unwrap(),
    )
}

#[test]
fn cbeci_at_an_absurd_network_hashrate_is_an_error_not_infinite_power() {
    // 1e308 H/s at 1e13 J/TH (10 J/H) draws more than f64::MAX watts; a
    // hashprice of $1e15/PH/day keeps that machine profitable.
    let network = Hashrate::new(1e308, unit::HASH_PER_SECOND).unwrap();
    let fleet = [HashEfficiency::new(1e13, unit::JOULE_PER_TERAHASH).unwrap()];
    let revenue =
        wattage_units::Hashprice::new(rust_decimal::Decimal::from(10u64.pow(15))).unwrap();
    let estimate = network_power(network, &fleet, revenue, "$50/MWh".parse().unwrap());
    assert!(
        matches!(estimate, Err(Error::InvalidHashrate { .. })),
        "{estimate:?}"
    );
    let zero = network_power(Hashrate::ZERO, &fleet, revenue, "$50/MWh".parse().unwrap());
    assert!(zero.is_err());
}

#[test]
fn blocks_a_day_at_the_largest_hashrate_is_an_error() {
    let largest = Hashrate::try_from_base(f64::MAX).unwrap();
    assert!(matches!(
        state().blocks_per_day(largest),
        Err(Error::InvalidHashrate { .. })
    ));
    let negative = Hashrate::ZERO - Hashrate::new(1.0, unit::EXAHASH_PER_SECOND).unwrap();
    assert!(state().blocks_per_day(negative).is_err());
    assert_eq!(state().blocks_per_day(Hashrate::ZERO).unwrap(), 0.0);
}

#[test]
fn operation_power_at_extreme_inputs_is_an_error() {
    let huge = Operation::new(
        Hashrate::try_from_base(f64::MAX).unwrap(),
        HashEfficiency::try_from_base(f64::MAX).unwrap(),
        "$45/MWh".parse().unwrap(),
    );
    assert!(matches!(huge.power(), Err(Error::Quantity(_))));
    let negative = Operation::new(
        "270 TH/s".parse().unwrap(),
        HashEfficiency::ZERO - "13.5 J/TH".parse::<HashEfficiency>().unwrap(),
        "$45/MWh".parse().unwrap(),
    );
    assert!(negative.power().is_err());
    let price: BtcPrice = "$100,000/BTC".parse().unwrap();
    let day = Time::new(1.0, unit::DAY).unwrap();
    assert!(negative.evaluate(&state(), price, day).is_err());
}

#[test]
fn a_negative_period_earns_nothing_it_is_an_error() {
    let price: BtcPrice = "$100,000/BTC".parse().unwrap();
    let backwards = Time::ZERO - Time::new(1.0, unit::DAY).unwrap();
    let result = s21_xp().evaluate(&state(), price, backwards);
    assert!(matches!(result, Err(Error::Quantity(_))), "{result:?}");
    let payout =
        Pool::FPPS_NO_FEE.expected_payout(&state(), "270 TH/s".parse().unwrap(), backwards, None);
    assert!(payout.is_err());
    assert!(
        state()
            .expected_btc("270 TH/s".parse().unwrap(), backwards)
            .is_err()
    );
    // Zero is a valid period, and earns zero.
    let none = s21_xp().evaluate(&state(), price, Time::ZERO).unwrap();
    assert_eq!(none.mined(), Btc::ZERO);
    let _: EnergyPrice = "$45/MWh".parse().unwrap();
}

#[test]
fn an_average_block_interval_below_a_nanosecond_is_an_error_not_zero() {
    let t0 = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let t1 = DateTime::from_timestamp_nanos(t0.timestamp_nanos_opt().unwrap() + 1);
    let average = average_block_interval(BlockHeight::new(0), t0, BlockHeight::new(144), t1);
    assert!(
        matches!(average, Err(Error::NonPositiveDuration { .. })),
        "{average:?}"
    );
    let t2 = DateTime::from_timestamp_nanos(t0.timestamp_nanos_opt().unwrap() + 144);
    let one_ns =
        average_block_interval(BlockHeight::new(0), t0, BlockHeight::new(144), t2).unwrap();
    assert_eq!(one_ns.num_nanoseconds(), Some(1));
}

#[test]
fn a_depreciation_life_that_is_not_a_finite_positive_time_is_an_error() {
    let capex = wattage_units::Usd::from_cents(50_000_000);
    let nan_life = Time::ZERO * f64::NAN;
    assert!(s21_xp().with_capex(capex, nan_life).is_err());
    let endless = Time::try_from_base(f64::MAX).unwrap() * 2.0;
    assert!(s21_xp().with_capex(capex, endless).is_err());
    assert!(
        s21_xp()
            .with_capex(capex, Time::new(3.0, unit::YEAR).unwrap())
            .is_ok()
    );
}
