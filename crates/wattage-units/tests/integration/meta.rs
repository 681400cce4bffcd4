//! Trait implementations users rely on; a change cannot silently drop them.

use wattage_units::*;

fn assert_value_type<
    T: Send
        + Sync
        + Copy
        + Clone
        + core::fmt::Debug
        + core::fmt::Display
        + PartialEq
        + PartialOrd
        + Default
        + 'static,
>() {
}
fn assert_money_type<
    T: Send
        + Sync
        + Copy
        + core::fmt::Debug
        + core::fmt::Display
        + core::str::FromStr
        + Eq
        + Ord
        + core::hash::Hash
        + 'static,
>() {
}
fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}

#[test]
fn quantities_are_plain_values() {
    assert_value_type::<Time>();
    assert_value_type::<Energy>();
    assert_value_type::<Power>();
    assert_value_type::<Frequency>();
    assert_value_type::<Hashes>();
    assert_value_type::<Hashrate>();
    assert_value_type::<HashEfficiency>();
    assert_value_type::<Flops>();
    assert_value_type::<FlopRate>();
    assert_value_type::<ComputeEfficiency>();
}

#[test]
fn money_types_are_plain_values() {
    assert_money_type::<Usd>();
    assert_money_type::<Btc>();
    assert_money_type::<BtcPrice>();
    assert_money_type::<EnergyPrice>();
    assert_money_type::<Hashprice>();
    assert_money_type::<Hashcost>();
    assert_money_type::<BtcHashprice>();
    assert_money_type::<LeaseRate>();
    assert_money_type::<GpuHourPrice>();
    assert_money_type::<CapexPerMw>();
}

#[test]
fn errors_are_thread_safe_std_errors() {
    assert_error::<QuantityError>();
    assert_error::<ParseError>();
    assert_error::<MoneyError>();
}

#[test]
fn typed_quantities_cost_no_space() {
    assert_eq!(
        core::mem::size_of::<Hashrate>(),
        core::mem::size_of::<f64>()
    );
    assert_eq!(core::mem::size_of::<Power>(), core::mem::size_of::<f64>());
}

fn assert_auto_units_ascend<Q: Measure>() {
    let factors: Vec<f64> = Q::UNITS
        .iter()
        .filter(|u| u.is_auto())
        .map(|u| u.factor())
        .collect();
    assert!(!factors.is_empty(), "{} has no automatic unit", Q::NAME);
    assert!(
        factors.windows(2).all(|w| w[0] < w[1]),
        "{} auto units out of order",
        Q::NAME
    );
    assert!(
        Q::UNITS
            .iter()
            .any(|u| u.factor() == 1.0 && u.symbol() == Q::BASE_UNIT.symbol())
    );
}

#[test]
fn unit_tables_are_well_formed() {
    // Automatic display relies on ascending order; exact text on a base unit.
    assert_auto_units_ascend::<Time>();
    assert_auto_units_ascend::<Energy>();
    assert_auto_units_ascend::<Power>();
    assert_auto_units_ascend::<Frequency>();
    assert_auto_units_ascend::<Hashes>();
    assert_auto_units_ascend::<Hashrate>();
    assert_auto_units_ascend::<HashEfficiency>();
    assert_auto_units_ascend::<Flops>();
    assert_auto_units_ascend::<FlopRate>();
    assert_auto_units_ascend::<ComputeEfficiency>();
}
