//! wattage-units: parsers, deserializers and constructors.

use proptest::prelude::*;
use wattage::units::*;

use rust_decimal::Decimal;

use super::{check, check_size, json_text, nasty_f64, raw, unit_like_text};

fn parse_all(text: &str) {
    fn quantity<Q: Measure + core::str::FromStr + serde::de::DeserializeOwned>(text: &str) {
        if let Ok(q) = text.parse::<Q>() {
            assert!(q.base_value().is_finite(), "{text:?}");
            assert!(!Q::NON_NEGATIVE || q.base_value() >= 0.0, "{text:?}");
        }
        if let Ok(q) = serde_json::from_str::<Q>(text) {
            assert!(q.base_value().is_finite(), "{text:?}");
        }
    }
    quantity::<Time>(text);
    quantity::<Energy>(text);
    quantity::<Power>(text);
    quantity::<Frequency>(text);
    quantity::<Hashes>(text);
    quantity::<Hashrate>(text);
    quantity::<HashEfficiency>(text);
    quantity::<Flops>(text);
    quantity::<FlopRate>(text);
    quantity::<ComputeEfficiency>(text);
    let _ = text.parse::<Usd>();
    let _ = text.parse::<Btc>();
    let _ = text.parse::<BtcPrice>();
    let _ = text.parse::<EnergyPrice>();
    let _ = text.parse::<Hashprice>();
    let _ = text.parse::<Hashcost>();
    let _ = text.parse::<BtcHashprice>();
    let _ = text.parse::<LeaseRate>();
    let _ = text.parse::<GpuHourPrice>();
    let _ = text.parse::<CapexPerMw>();
    if let Ok(share) = text.parse::<Share>() {
        assert!(
            (Decimal::ZERO..=Decimal::ONE).contains(&share.fraction()),
            "{text:?}"
        );
    }
    let _ = serde_json::from_str::<Share>(text);
    let _ = serde_json::from_str::<Usd>(text);
    let _ = serde_json::from_str::<EnergyPrice>(text);
    let _ = serde_json::from_str::<LeaseRate>(text);
}

proptest! {
    #[test]
    fn parsers_and_deserializers_never_panic(text in unit_like_text()) {
        parse_all(&text);
        parse_all(&format!("{text:?}")); // as a JSON string
    }

    #[test]
    fn json_documents_never_panic(json in json_text()) {
        parse_all(&json);
    }

    #[test]
    fn constructors_never_hold_non_finite_values(value in nasty_f64()) {
        fn check<Q: Measure>(value: f64) {
            if let Ok(q) = Q::try_from_base(value) {
                assert!(q.base_value().is_finite());
            }
            for unit in Q::UNITS {
                let _ = unit.factor();
            }
        }
        check::<Time>(value);
        check::<Energy>(value);
        check::<Power>(value);
        check::<Hashrate>(value);
        check::<HashEfficiency>(value);
        check::<FlopRate>(value);
        check::<ComputeEfficiency>(value);
        if let Ok(h) = Hashrate::new(value, unit::EXAHASH_PER_SECOND) {
            prop_assert!(h.base_value().is_finite());
        }
        // Money from f64 never holds a non-finite value (it cannot) and never panics.
        let _ = Usd::from_f64(value);
        let _ = EnergyPrice::from_f64(value);
        let _ = Hashprice::from_f64(value);
        // Cross products with extreme quantities are errors, not panics.
        let price = EnergyPrice::from_f64(45.0).unwrap();
        if let Ok(energy) = Energy::new(value, unit::MEGAWATT_HOUR) {
            let _ = price.cost(energy);
        }
        if let Ok(rate) = Hashrate::new(value, unit::TERAHASH_PER_SECOND) {
            let _ = Hashprice::from_f64(55.0).unwrap().revenue_over(rate, Time::new(1.0, unit::YEAR).unwrap());
        }
    }
}

#[test]
fn toml_documents_never_panic() {
    for doc in [
        "a = \"NaN kW\"",
        "a = 1e400",
        "a = \"\"",
        "a = [1, \"2 MW\"]",
        "[x]\ny = \"-5 EH/s\"",
    ] {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Doc {
            a: Power,
        }
        let _ = toml::from_str::<Doc>(doc);
    }
}

/// Any finite base value, the extremes among them.
fn finite_base() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(-5e-324),
        Just(0.0),
        Just(-0.0),
        Just(1e308),
        proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
    ]
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Wrapped<T> {
    value: T,
}

/// Display, precision display, exact text, JSON and TOML of one value all
/// read back.
fn quantity_round_trips<Q>(base: f64)
where
    Q: Measure
        + core::fmt::Display
        + core::fmt::Debug
        + core::str::FromStr<Err = ParseError>
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let Ok(q) = Q::try_from_base(base) else {
        assert!(
            Q::NON_NEGATIVE && base < 0.0,
            "{} rejected {base:e}",
            Q::NAME
        );
        return;
    };
    let shown = q.to_string();
    assert!(!shown.starts_with("-0 "), "{shown}");
    let read: Q = shown
        .parse()
        .unwrap_or_else(|e| panic!("{} {base:e}: {shown:?} does not read back: {e}", Q::NAME));
    let (a, b) = (read.base_value(), q.base_value());
    if b.abs() >= 1e-290 {
        assert!((a - b).abs() <= 1e-5 * b.abs(), "{shown}: {a:e} vs {b:e}");
    }
    for decimals in [0usize, 2, 7] {
        let shown = format!("{q:.decimals$}");
        assert!(shown.parse::<Q>().is_ok(), "{shown:?}");
    }
    // JSON and TOML write the exact text form (`to_exact_string`).
    let json = serde_json::to_string(&q).unwrap();
    let from_json: Q = serde_json::from_str(&json).unwrap();
    assert_eq!(
        from_json.base_value().to_bits(),
        q.base_value().to_bits(),
        "{json}"
    );
    let toml_text = toml::to_string(&Wrapped { value: q }).unwrap();
    let from_toml: Wrapped<Q> = toml::from_str(&toml_text).unwrap();
    assert_eq!(
        from_toml.value.base_value().to_bits(),
        q.base_value().to_bits(),
        "{toml_text}"
    );
}

/// Exact display, JSON and TOML of a money value read back equal.
fn money_round_trips<M>(value: M)
where
    M: core::fmt::Display
        + core::fmt::Debug
        + PartialEq
        + core::str::FromStr<Err = ParseError>
        + serde::Serialize
        + serde::de::DeserializeOwned,
{
    let shown = value.to_string();
    let read: M = shown.parse().unwrap_or_else(|e| panic!("{shown:?}: {e}"));
    assert_eq!(read, value, "{shown}");
    let json = serde_json::to_string(&value).unwrap();
    assert_eq!(serde_json::from_str::<M>(&json).unwrap(), value, "{json}");
    let toml_text = toml::to_string(&Wrapped { value: &value }).unwrap();
    let back: Wrapped<M> = toml::from_str(&toml_text).unwrap();
    assert_eq!(back.value, value, "{toml_text}");
    for precision in 0..=40usize {
        let rounded = format!("{value:.precision$}");
        let read = rounded.parse::<M>();
        // Only a BTC price (which must be positive) can fail to read back,
        // when it rounds to zero at this precision.
        let rounds_to_zero = !rounded.contains(|c: char| ('1'..='9').contains(&c));
        assert!(
            read.is_ok() || rounds_to_zero,
            "{rounded:?} does not read back"
        );
    }
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
    fn every_quantity_reads_back_what_it_displays(base in finite_base()) {
        quantity_round_trips::<Time>(base);
        quantity_round_trips::<Energy>(base);
        quantity_round_trips::<Power>(base);
        quantity_round_trips::<Frequency>(base);
        quantity_round_trips::<Hashes>(base);
        quantity_round_trips::<Hashrate>(base);
        quantity_round_trips::<HashEfficiency>(base);
        quantity_round_trips::<Flops>(base);
        quantity_round_trips::<FlopRate>(base);
        quantity_round_trips::<ComputeEfficiency>(base);
    }

    #[test]
    fn every_amount_and_price_reads_back_at_every_precision(value in any_decimal(), sats in any::<i64>()) {
        money_round_trips(Usd::new(value));
        money_round_trips(Btc::from_sat(sats));
        money_round_trips(Btc::from_sat(i64::MAX));
        money_round_trips(Btc::from_sat(i64::MIN));
        if let Ok(p) = BtcPrice::new(value) { money_round_trips(p); }
        if let Ok(p) = EnergyPrice::new(value) { money_round_trips(p); }
        if let Ok(p) = Hashprice::new(value) { money_round_trips(p); }
        if let Ok(p) = Hashcost::new(value) { money_round_trips(p); }
        if let Ok(p) = BtcHashprice::new(value) { money_round_trips(p); }
        if let Ok(p) = LeaseRate::new(value) { money_round_trips(p); }
        if let Ok(p) = GpuHourPrice::new(value) { money_round_trips(p); }
        if let Ok(p) = CapexPerMw::new(value) { money_round_trips(p); }
    }

    #[test]
    fn checked_operators_never_hold_invalid_values(a in nasty_f64(), b in nasty_f64()) {
        let day = Time::new(1.0, unit::DAY).unwrap();
        let rate = Hashrate::new(1.0, unit::EXAHASH_PER_SECOND).unwrap();
        let efficiency = HashEfficiency::new(1.0, unit::JOULE_PER_TERAHASH).unwrap();
        let watt = Power::new(1.0, unit::WATT).unwrap();
        let (ta, tb) = (raw(day, a), raw(day, b));
        let (ha, hb) = (raw(rate, a), raw(rate, b));
        check_size("time + time", &ta.checked_add(tb));
        check_size("time - time", &ta.checked_sub(tb));
        check_size("time x f64", &ta.checked_mul(b));
        check_size("time / f64", &ta.checked_div(b));
        check("hashrate x J/TH", &ha.checked_mul(raw(efficiency, b)));
        check_size("hashrate x time", &ha.checked_mul(tb));
        check_size("power / hashrate", &raw(watt, a).checked_div(hb));
        check("power / hashrate", &raw(watt, a).checked_div(hb));
        check("power x time", &raw(watt, a).checked_mul(tb));
        check("power - power", &raw(watt, a).checked_sub(raw(watt, b)));
        check_size("energy / hashes", &(raw(watt, a) * day).checked_div(ha * day));
    }

    #[test]
    fn money_from_sizes_is_never_negative_or_a_panic(a in nasty_f64(), b in nasty_f64(), gpus in any::<u32>()) {
        let kw = raw(Power::new(1.0, unit::KILOWATT).unwrap(), a);
        let days = raw(Time::new(1.0, unit::DAY).unwrap(), b);
        let rate: LeaseRate = "$150/kW/month".parse().unwrap();
        if let Ok(rent) = rate.rent(kw, days) {
            prop_assert!(!rent.is_negative(), "{rent} for {kw} over {days:?}");
        }
        let _ = LeaseRate::implied_by_contract(Usd::from_cents(1_000_000), kw, days);
        let gpu: GpuHourPrice = "$2.95/GPU-h".parse().unwrap();
        if let Ok(revenue) = gpu.revenue(gpus, days) {
            prop_assert!(!revenue.is_negative());
        }
        let capex: CapexPerMw = "$10M/MW".parse().unwrap();
        if let Ok(c) = capex.capex(kw) {
            prop_assert!(!c.is_negative());
        }
        let hashprice: Hashprice = "$50/PH/day".parse().unwrap();
        let hashrate = raw(Hashrate::new(1.0, unit::PETAHASH_PER_SECOND).unwrap(), a);
        if let Ok(r) = hashprice.revenue_over(hashrate, days) {
            prop_assert!(!r.is_negative());
        }
        let btc_hashprice: BtcHashprice = "50000 sat/PH/day".parse().unwrap();
        if let Ok(r) = btc_hashprice.revenue(hashrate * days) {
            prop_assert!(r >= Btc::ZERO);
        }
        let energy_price: EnergyPrice = "$45/MWh".parse().unwrap();
        let _ = energy_price.cost(kw * days);
        let efficiency = raw(HashEfficiency::new(1.0, unit::JOULE_PER_TERAHASH).unwrap(), b);
        let _ = energy_price.hashcost(efficiency);
        let price: BtcPrice = "$100,000/BTC".parse().unwrap();
        let _ = price.btc_for(Usd::from_f64(a).unwrap_or(Usd::ZERO));
        let _ = price.value_of(Btc::from_sat(gpus.into()));
        let _ = hashprice.margin(energy_price.hashcost(HashEfficiency::new(20.0, unit::JOULE_PER_TERAHASH).unwrap()).unwrap());
    }
}
