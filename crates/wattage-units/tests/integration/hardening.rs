//! Regressions: money display at any precision, negative zero, extreme
//! values that must print as text that reads back, negative quantities
//! given to money computations, and the checked operator forms.

use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_units::{
    Btc, BtcHashprice, BtcPrice, CapexPerMw, EnergyPrice, GpuHourPrice, HashEfficiency, Hashcost,
    Hashes, Hashprice, Hashrate, LeaseRate, Measure, MoneyError, Power, QuantityError, Time, Usd,
    unit,
};

#[test]
fn money_displays_at_any_precision_without_panicking() {
    let total_supply = Btc::from_sat(2_100_000_000_000_000);
    assert_eq!(
        format!("{total_supply:.24}"),
        "21,000,000.000000000000000000000000 BTC"
    );
    assert_eq!(
        format!("{:.3}", Usd::new(Decimal::MAX)),
        "$79,228,162,514,264,337,593,543,950,335.000"
    );
    let price: EnergyPrice = "$123,456,789,012/MWh".parse().unwrap();
    assert_eq!(
        format!("{price:.20}"),
        "$123,456,789,012.00000000000000000000/MWh"
    );
    assert_eq!(format!("{:.0}", Usd::from_cents(250)), "$3");
    assert_eq!(format!("{:.1}", Usd::from_cents(-249)), "-$2.5");
}

#[test]
fn money_beyond_decimal_precision_pads_with_zeros() {
    let tiny = Usd::new(Decimal::new(1, 28));
    let text = format!("{tiny:.40}");
    assert_eq!(text, format!("$0.{}1{}", "0".repeat(27), "0".repeat(12)));
    assert_eq!(text.parse::<Usd>().unwrap(), tiny);
}

#[test]
fn the_largest_btc_amount_rounds_toward_zero_so_it_reads_back() {
    let max = Btc::from_sat(i64::MAX);
    let text = format!("{max:.2}");
    assert_eq!(text, "92,233,720,368.54 BTC");
    assert!(text.parse::<Btc>().is_ok());
    let min = Btc::from_sat(i64::MIN);
    assert_eq!(format!("{min:.0}"), "-92,233,720,368 BTC");
    // Ordinary amounts still round half away from zero.
    assert_eq!(format!("{:.2}", Btc::from_sat(1_500_000)), "0.02 BTC");
    assert_eq!(format!("{:.1}", Btc::from_sat(-5_000_000)), "-0.1 BTC");
}

#[test]
fn negative_zero_reads_as_zero_and_never_prints_a_sign() {
    for text in ["-0 EH/s", "-1e-400 EH/s", "-0.0 TH/s"] {
        let rate: Hashrate = text.parse().unwrap();
        assert_eq!(rate.base_value().to_bits(), 0.0f64.to_bits(), "{text}");
        assert_eq!(rate.to_string(), "0 H/s");
    }
    let zero = Hashrate::new(-0.0, unit::EXAHASH_PER_SECOND).unwrap();
    assert!(zero.base_value().is_sign_positive());
    // Energy may be negative, and its negative zero is still zero.
    let energy: wattage_units::Energy = "-0 MWh".parse().unwrap();
    assert_eq!(energy.to_string(), "0 J");
    // A negative zero made by an operator prints as zero too.
    assert_eq!((-Power::ZERO).to_string(), "0 W");
}

#[test]
fn the_longest_duration_prints_as_text_that_reads_back() {
    let longest = Time::try_from_base(f64::MAX).unwrap();
    let text = longest.to_string();
    assert_eq!(text, "5.69654e300 years");
    let back: Time = text.parse().unwrap();
    assert!(back <= longest);
    assert!(format!("{longest:.2}").parse::<Time>().is_ok());
    let largest_power = Power::try_from_base(f64::MAX).unwrap();
    assert!(largest_power.to_string().parse::<Power>().is_ok());
    let most_negative = Power::try_from_base(f64::MIN).unwrap();
    assert!(most_negative.to_string().parse::<Power>().is_ok());
}

#[test]
fn operators_are_unchecked_and_checked_forms_are_errors() {
    let zero_over_zero = Power::ZERO / Hashrate::ZERO;
    assert!(zero_over_zero.base_value().is_nan());
    assert!(matches!(
        Power::ZERO.checked_div(Hashrate::ZERO),
        Err(QuantityError::NotFinite { .. })
    ));
    let one_watt = Power::new(1.0, unit::WATT).unwrap();
    assert!(matches!(
        one_watt.checked_div(Hashrate::ZERO),
        Err(QuantityError::NotFinite { .. })
    ));
    let day = Time::new(1.0, unit::DAY).unwrap();
    assert!(matches!(
        Time::ZERO.checked_sub(day),
        Err(QuantityError::Negative { .. })
    ));
    let huge = Hashrate::try_from_base(f64::MAX).unwrap();
    let inefficient = HashEfficiency::try_from_base(f64::MAX).unwrap();
    assert!(huge.checked_mul(inefficient).is_err());
    assert!(huge.checked_add(huge).is_err());
    assert!(huge.checked_mul(2.0).is_err());
    let rate = Hashrate::new(270.0, unit::TERAHASH_PER_SECOND).unwrap();
    let efficiency = HashEfficiency::new(13.5, unit::JOULE_PER_TERAHASH).unwrap();
    assert_eq!(rate.checked_mul(efficiency).unwrap(), rate * efficiency);
    assert_eq!(
        (rate * efficiency).checked_div(rate).unwrap().to_string(),
        "13.5 J/TH"
    );
}

fn backwards(days: f64) -> Time {
    Time::ZERO - Time::new(days, unit::DAY).unwrap()
}

#[test]
fn a_negative_lease_capacity_or_period_is_an_error_not_a_rent() {
    let rate: LeaseRate = "$150/kW/month".parse().unwrap();
    let minus_one_mw = Power::new(-1.0, unit::MEGAWATT).unwrap();
    let err = rate.rent(minus_one_mw, backwards(30.0)).unwrap_err();
    assert!(matches!(
        err,
        MoneyError::Quantity(QuantityError::Negative { .. })
    ));
    assert!(err.to_string().contains("leased capacity"), "{err}");
    let one_mw = Power::new(1.0, unit::MEGAWATT).unwrap();
    let err = rate.rent(one_mw, backwards(30.0)).unwrap_err();
    assert!(err.to_string().contains("rental period"), "{err}");
    assert!(
        LeaseRate::implied_by_contract(Usd::from_cents(100), minus_one_mw, backwards(30.0))
            .is_err()
    );
    // A zero-length period is a zero rent.
    assert_eq!(rate.rent(one_mw, Time::ZERO).unwrap(), Usd::ZERO);
}

#[test]
fn a_negative_billing_period_earns_nothing_it_is_an_error() {
    let price: GpuHourPrice = "$2/GPU-h".parse().unwrap();
    let hour_back = Time::ZERO - Time::new(1.0, unit::HOUR).unwrap();
    assert!(matches!(
        price.revenue(8, hour_back),
        Err(MoneyError::Quantity(_))
    ));
    let capex: CapexPerMw = "$10M/MW".parse().unwrap();
    assert!(
        capex
            .capex(Power::new(-5.0, unit::MEGAWATT).unwrap())
            .is_err()
    );
    let hashprice: Hashprice = "$50/PH/day".parse().unwrap();
    let rate = Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap();
    assert!(hashprice.revenue_over(rate, backwards(1.0)).is_err());
    let btc_hashprice: BtcHashprice = "50000 sat/PH/day".parse().unwrap();
    assert!(btc_hashprice.revenue(rate * backwards(1.0)).is_err());
    let negative_work = Hashes::ZERO - Hashes::new(1.0, unit::HASH).unwrap();
    assert!(hashprice.revenue(negative_work).is_err());
    let energy_price: EnergyPrice = "$50/MWh".parse().unwrap();
    let negative_efficiency =
        HashEfficiency::ZERO - HashEfficiency::new(1.0, unit::JOULE_PER_TERAHASH).unwrap();
    assert!(energy_price.hashcost(negative_efficiency).is_err());
}

/// Every money and price type at one value, formatted with `precision`.
fn all_money_texts(value: Decimal, sats: i64, precision: usize) -> Vec<String> {
    let mut texts = vec![
        format!("{:.precision$}", Usd::new(value)),
        format!("{:.precision$}", Btc::from_sat(sats)),
    ];
    let abs = value.abs();
    if let Ok(p) = BtcPrice::new(abs.max(Decimal::ONE)) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = EnergyPrice::new(value) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = Hashprice::new(abs) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = Hashcost::new(value) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = BtcHashprice::new(abs) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = LeaseRate::new(abs) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = GpuHourPrice::new(abs) {
        texts.push(format!("{p:.precision$}"));
    }
    if let Ok(p) = CapexPerMw::new(abs) {
        texts.push(format!("{p:.precision$}"));
    }
    texts
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::new(1, 28)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28
        )
            .prop_map(|(lo, mid, hi, neg, s)| Decimal::from_parts(lo, mid, hi, neg, s)),
    ]
}

proptest! {
    #[test]
    fn money_at_every_precision_prints_the_requested_places(
        value in any_decimal(),
        sats in prop_oneof![Just(i64::MAX), Just(i64::MIN), any::<i64>()],
    ) {
        for precision in 0..=40usize {
            for text in all_money_texts(value, sats, precision) {
                let number = text.trim_start_matches(['-', '$']);
                let decimals = number
                    .split_once('.')
                    .map_or(0, |(_, rest)| rest.chars().take_while(char::is_ascii_digit).count());
                prop_assert_eq!(decimals, precision, "{}", text);
            }
        }
    }

    #[test]
    fn an_amount_shown_with_decimals_reads_back_within_its_rounding(
        value in any_decimal(),
        sats in any::<i64>(),
        precision in 0usize..=40,
    ) {
        let usd = Usd::new(value);
        let read: Usd = format!("{usd:.precision$}").parse().unwrap();
        let places = u32::try_from(precision.min(28)).unwrap();
        let step = Decimal::new(1, places);
        prop_assert!((read.dollars() - usd.dollars()).abs() <= step, "{} -> {}", usd, read);
        let btc = Btc::from_sat(sats);
        let read: Btc = format!("{btc:.precision$}").parse().unwrap();
        let step_sat = 10i128.pow(8u32.saturating_sub(places));
        prop_assert!((i128::from(read.to_sat()) - i128::from(btc.to_sat())).abs() <= step_sat);
    }

    #[test]
    fn a_rent_is_never_negative(kw in -1e9f64..1e9, days in -1e5f64..1e5) {
        let rate: LeaseRate = "$150/kW/month".parse().unwrap();
        let capacity = Power::new(kw, unit::KILOWATT).unwrap();
        let period = Time::ZERO + Time::new(days.abs(), unit::DAY).unwrap() * days.signum();
        if let Ok(rent) = rate.rent(capacity, period) {
            prop_assert!(!rent.is_negative());
        } else {
            prop_assert!(kw < 0.0 || days < 0.0);
        }
    }
}
