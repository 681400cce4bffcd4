//! wattage-units: parsers, deserializers and constructors.

use proptest::prelude::*;
use wattage::units::*;

use super::{json_text, nasty_f64, unit_like_text};

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
