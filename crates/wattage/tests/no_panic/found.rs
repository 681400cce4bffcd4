//! The cases the no-panic issue (#15) found, one test each, with the
//! inputs it named: each now returns a typed error, a finite value or the
//! right answer.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use rust_decimal::Decimal;
use wattage::facility::FacilityError;
use wattage::facility::deployment::{AssignmentSpec, Deployment};
use wattage::facility::power::FourCp;
use wattage::facility::price_series::iso::ercot::{Hub, read_hub_lmp};
use wattage::facility::pue::Pue;
use wattage::facility::retrofit::{Conversion, Displaced, RetrofitPlan};
use wattage::facility::site::{Hall, Site};
use wattage::facility::summary::CapexPayment;
use wattage::facility::workload::{Hosting, Workload};
use wattage::finance::{FinanceError, npv};
use wattage::hardware::efficiency_curve::PowerCapCurve;
use wattage::mining::cbeci::network_power;
use wattage::mining::halving::average_block_interval;
use wattage::mining::hashprice::{Fees, NetworkState};
use wattage::mining::operation::Operation;
use wattage::mining::{BlockHeight, Difficulty};
use wattage::units::{
    Btc, BtcPrice, EnergyPrice, GpuHourPrice, HashEfficiency, Hashrate, LeaseRate, Measure, Power,
    Time, Usd, unit,
};

use super::{AllFinite, check};

fn mw(value: f64) -> Power {
    Power::new(value, unit::MEGAWATT).unwrap()
}

fn day() -> Time {
    Time::new(1.0, unit::DAY).unwrap()
}

fn state() -> NetworkState {
    NetworkState::new(
        Difficulty::new(125e12).unwrap(),
        Btc::from_sat(312_500_000),
        Fees::ZERO,
    )
    .unwrap()
}

fn four_cp() -> FourCp {
    FourCp::new(
        [(6, 27), (7, 19), (8, 20), (9, 5)]
            .map(|(m, d)| Utc.with_ymd_and_hms(2023, m, d, 21, 45, 0).unwrap()),
    )
    .unwrap()
}

fn at(year: i32, month: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, 1, 0, 0, 0).unwrap()
}

#[test]
fn money_shown_with_a_precision_beyond_decimals_capacity_does_not_panic() {
    let all_bitcoin = Btc::from_sat(2_100_000_000_000_000);
    assert_eq!(
        format!("{all_bitcoin:.24}"),
        "21,000,000.000000000000000000000000 BTC"
    );
    let most = Usd::new(Decimal::MAX);
    let shown = format!("{most:.3}");
    assert_eq!(shown.parse::<Usd>().unwrap(), most, "{shown}");
    let price: EnergyPrice = "$123,456,789,012/MWh".parse().unwrap();
    let shown = format!("{price:.20}");
    assert_eq!(shown.parse::<EnergyPrice>().unwrap(), price, "{shown}");
}

#[test]
fn the_4cp_tag_of_two_1e308_w_loads_is_finite() {
    let huge = Power::new(1e308, unit::WATT).unwrap();
    let tag = four_cp().tag_from_loads([huge, huge, Power::ZERO, Power::ZERO]);
    check("4CP tag", &tag);
    assert_eq!(tag.unwrap().get(unit::WATT), 5e307);
}

#[test]
fn cbeci_at_1e308_hashes_a_second_is_finite_or_an_error() {
    let at = |revenue: &str, j_th: f64| {
        network_power(
            Hashrate::new(1e308, unit::HASH_PER_SECOND).unwrap(),
            &[HashEfficiency::new(j_th, unit::JOULE_PER_TERAHASH).unwrap()],
            revenue.parse().unwrap(),
            "$50/MWh".parse().unwrap(),
        )
    };
    // 1e308 H/s at 20 J/TH draws 2e297 W, a finite power.
    let ordinary = at("$50/PH/day", 20.0);
    check("CBECI power", &ordinary);
    assert!(ordinary.is_ok(), "{ordinary:?}");
    // A revenue that makes 1e15 J/TH profitable: 1e311 W is not finite.
    let overflowing = at("$1,000,000,000,000,000/PH/day", 1e15);
    check("CBECI power", &overflowing);
    assert!(overflowing.is_err(), "{overflowing:?}");
}

#[test]
fn a_power_cap_at_the_smallest_fraction_is_an_error_not_infinity() {
    // 5e-324^(1e-9 - 1) is about 2e323: beyond f64.
    let factor = PowerCapCurve::new(1e-9).unwrap().efficiency_factor(5e-324);
    assert!(factor.is_err(), "{factor:?}");
    // 5e-324^(0.5 - 1) is about 4.5e161: finite, and returned.
    for exponent in [0.5, 0.9, 1.0] {
        let factor = PowerCapCurve::new(exponent)
            .unwrap()
            .efficiency_factor(5e-324);
        check("efficiency factor", &factor);
        assert!(factor.is_ok(), "{exponent}: {factor:?}");
    }
}

#[test]
fn blocks_a_day_at_the_largest_hashrate_is_an_error() {
    let most = Hashrate::new(f64::MAX, unit::HASH_PER_SECOND).unwrap();
    let blocks = state().blocks_per_day(most);
    check("blocks a day", &blocks);
    assert!(blocks.is_err(), "{blocks:?}");
}

#[test]
fn an_operations_power_at_extreme_inputs_is_an_error() {
    let op = Operation::new(
        Hashrate::new(f64::MAX, unit::HASH_PER_SECOND).unwrap(),
        HashEfficiency::new(1e20, unit::JOULE_PER_TERAHASH).unwrap(),
        "$45/MWh".parse().unwrap(),
    );
    let power = op.power();
    check("operation power", &power);
    assert!(power.is_err(), "{power:?}");
}

#[test]
fn zero_power_over_zero_hashrate_has_a_checked_form() {
    let quotient = Power::ZERO.checked_div(Hashrate::ZERO);
    assert!(quotient.is_err(), "{quotient:?}");
    let unchecked: HashEfficiency = Power::ZERO / Hashrate::ZERO;
    assert!(unchecked.checked().is_err());
}

fn overlap_plan(second_from: DateTime<Utc>, second_live: DateTime<Utc>) -> RetrofitPlan {
    let site = Site::new("S", mw(100.0))
        .unwrap()
        .with_hall(Hall::new("B", mw(47.0), Pue::constant(1.05).unwrap()).unwrap())
        .unwrap();
    let mut base = Deployment::new(site);
    let hosting =
        |mw_| Workload::Hosting(Hosting::new(mw(mw_), "$60/MWh".parse().unwrap()).unwrap());
    base.assign("miners", "B", hosting(47.0)).unwrap();
    let phase = |name: &str, from, live, amount: &str| Conversion {
        hall: "B".into(),
        construction_from: from,
        live_from: live,
        name: name.into(),
        workload: hosting(40.0),
        pue: Pue::constant(1.2).unwrap(),
        capex: vec![CapexPayment {
            at: from,
            amount: amount.parse().unwrap(),
        }],
        displaced: Displaced::Sell,
        assets: vec![],
    };
    // The later phase is added first: out of date order.
    RetrofitPlan::new(base)
        .with(phase("second", second_from, second_live, "$2M"))
        .with(phase("first", at(2026, 1), at(2027, 1), "$1M"))
}

#[test]
fn overlapping_retrofit_phases_are_an_error_naming_both() {
    let err = overlap_plan(at(2026, 7), at(2028, 1)).apply().unwrap_err();
    assert!(
        matches!(&err, FacilityError::OverlappingPhases { first, second, .. } if first == "first" && second == "second"),
        "{err}"
    );
}

#[test]
fn out_of_order_retrofit_phases_are_applied_in_date_order() {
    let (deployment, capex) = overlap_plan(at(2027, 7), at(2028, 1)).apply().unwrap();
    let first = deployment.assignment("first").unwrap().window();
    assert_eq!(
        (first.from, first.until),
        (Some(at(2027, 1)), Some(at(2027, 7)))
    );
    let second = deployment.assignment("second").unwrap().window();
    assert_eq!(second.from, Some(at(2028, 1)));
    let dates: Vec<_> = capex.iter().map(|c| c.at).collect();
    assert_eq!(dates, [at(2026, 1), at(2027, 7)]);
}

#[test]
fn negative_durations_are_errors_where_they_are_used() {
    let op = Operation::new(
        "270 TH/s".parse().unwrap(),
        "13.5 J/TH".parse().unwrap(),
        "$45/MWh".parse().unwrap(),
    );
    let price: BtcPrice = "$100,000/BTC".parse().unwrap();
    assert!(op.evaluate(&state(), price, Time::ZERO - day()).is_err());
    let rate: LeaseRate = "$130/kW/month".parse().unwrap();
    assert!(
        rate.rent(Power::ZERO - mw(1.0), Time::ZERO - day() * 30.0)
            .is_err()
    );
    assert!(rate.rent(mw(1.0), Time::ZERO - day() * 30.0).is_err());
    assert!(rate.rent(Power::ZERO - mw(1.0), day() * 30.0).is_err());
    let gpu: GpuHourPrice = "$2/GPU-h".parse().unwrap();
    let hour = Time::new(1.0, unit::HOUR).unwrap();
    assert!(gpu.revenue(8, Time::ZERO - hour).is_err());
    assert!(FourCp::annual_charge(Power::ZERO - mw(1.0), "$50".parse().unwrap()).is_err());
}

#[test]
fn npv_returns_representable_answers() {
    let mut tiny = vec![Usd::ZERO; 5];
    tiny.push(Usd::new(Decimal::new(1, 20)));
    let value = npv(Decimal::new(-9_999_999, 7), &tiny).unwrap();
    let expected = Decimal::from(1_000_000_000_000_000_i64);
    assert!((value.dollars() - expected).abs() < Decimal::ONE, "{value}");
    let mut long = vec![Usd::new(Decimal::from(-1000))];
    long.extend(core::iter::repeat_n(Usd::new(Decimal::from(100)), 999));
    let value = npv(Decimal::new(8, 2), &long).unwrap();
    // 100/0.08 × (1 - 1.08^-999) - 1000 = 250 (1.08^-999 is below 1e-33).
    assert!(
        (value.dollars() - Decimal::from(250)).abs() < Decimal::new(1, 6),
        "{value}"
    );
    assert!(matches!(
        npv(Decimal::NEGATIVE_ONE, &tiny),
        Err(FinanceError::InvalidRate { .. })
    ));
}

#[test]
fn negative_zero_reads_as_zero_and_shows_without_a_sign() {
    for text in ["-0 EH/s", "-1e-400 EH/s"] {
        let rate: Hashrate = text.parse().unwrap();
        assert!(rate.base_value().is_sign_positive(), "{text}");
        assert_eq!(rate.to_string(), "0 H/s", "{text}");
    }
    assert_eq!((Power::ZERO * -1.0).to_string(), "0 W");
}

#[test]
fn extreme_values_read_back_what_they_show() {
    // Display rounds to six figures (down, here: rounding up would leave
    // f64's range); the exact form reads back bit for bit.
    let longest = Time::new(f64::MAX, unit::SECOND).unwrap();
    let shown = longest.to_string();
    assert_eq!(shown, "5.69654e300 years");
    assert!(shown.parse::<Time>().unwrap() <= longest);
    assert_eq!(longest.to_exact_string().parse::<Time>().unwrap(), longest);
    let most = Btc::from_sat(i64::MAX);
    for shown in [format!("{most:.2}"), most.to_string()] {
        assert!(shown.parse::<Btc>().is_ok(), "{shown}");
    }
    let least = Btc::from_sat(i64::MIN);
    assert!(format!("{least:.2}").parse::<Btc>().is_ok());
}

const HUB_HEADER: &str = "UTC Timestamp (Interval Ending),West LMP\n";

#[test]
fn the_lmp_reader_refuses_a_garbled_time_or_an_unbalanced_quote() {
    let good = format!("{HUB_HEADER}2021-01-01 05:15:00,15.1\n2021-01-01 05:30:00,15.2\n");
    assert_eq!(read_hub_lmp(good.as_bytes(), Hub::West).unwrap().len(), 2);
    let zulu = format!("{HUB_HEADER}2021-01-01 05:15:00Z,15.1\n");
    assert_eq!(read_hub_lmp(zulu.as_bytes(), Hub::West).unwrap().len(), 1);
    let garbled = format!("{HUB_HEADER}2021-01-01 05:15:00ZZZ,15.1\n");
    assert!(read_hub_lmp(garbled.as_bytes(), Hub::West).is_err());
    for field in ["15.1\"", "\"15.1", "1\"5.1"] {
        let text = format!("{HUB_HEADER}2021-01-01 05:15:00,{field}\n");
        let read = read_hub_lmp(text.as_bytes(), Hub::West);
        assert!(read.is_err(), "{field}: {read:?}");
    }
}

#[test]
fn blank_site_and_hall_names_are_refused() {
    for name in ["", " ", "\t\n"] {
        assert!(Site::new(name, mw(10.0)).is_err(), "{name:?}");
        assert!(
            Hall::new(name, mw(10.0), Pue::constant(1.1).unwrap()).is_err(),
            "{name:?}"
        );
    }
}

#[test]
fn an_average_block_interval_below_a_nanosecond_is_an_error() {
    let t0 = DateTime::from_timestamp(1_000_000, 0).unwrap();
    let t1 = t0 + TimeDelta::nanoseconds(1);
    let average = average_block_interval(BlockHeight::new(0), t0, BlockHeight::new(144), t1);
    assert!(average.is_err(), "{average:?}");
}

#[test]
fn a_lower_pue_override_does_not_stretch_a_halls_it_capacity() {
    let site = Site::new("S", mw(100.0))
        .unwrap()
        .with_hall(Hall::new("A", mw(10.0), Pue::constant(1.4).unwrap()).unwrap())
        .unwrap();
    let mut plan = Deployment::new(site);
    let fourteen = Workload::Hosting(Hosting::new(mw(14.0), "$60/MWh".parse().unwrap()).unwrap());
    let spec = AssignmentSpec::new("dense", "A", fourteen).with_pue(Pue::constant(1.0).unwrap());
    let err = plan.add(spec).unwrap_err();
    assert!(
        matches!(err, FacilityError::HallOverCapacity { .. }),
        "{err}"
    );
    let ten = Workload::Hosting(Hosting::new(mw(10.0), "$60/MWh".parse().unwrap()).unwrap());
    let spec = AssignmentSpec::new("fits", "A", ten).with_pue(Pue::constant(1.0).unwrap());
    assert!(plan.add(spec).is_ok());
}

#[test]
fn the_finite_check_sees_inside_results() {
    assert!(!f64::NAN.all_finite());
    assert!(!vec![1.0, f64::INFINITY].all_finite());
    assert!(Some(1.0).all_finite());
}
