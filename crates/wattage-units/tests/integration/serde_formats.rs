//! Serde: unit strings in JSON and TOML, validated on the way in.

use serde::{Deserialize, Serialize};
use wattage_units::{EnergyPrice, HashEfficiency, Hashrate, Power, Usd};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Site {
    capacity: Power,
    fleet_hashrate: Hashrate,
    efficiency: HashEfficiency,
    power_price: EnergyPrice,
    budget: Usd,
}

#[test]
fn json_writes_unit_strings_and_reads_them_back_exactly() {
    let site = Site {
        capacity: "150 MW".parse().unwrap(),
        fleet_hashrate: "9.5 EH/s".parse().unwrap(),
        efficiency: "17.5 J/TH".parse().unwrap(),
        power_price: "$45/MWh".parse().unwrap(),
        budget: "$1,250,000.50".parse().unwrap(),
    };
    let json = serde_json::to_string(&site).unwrap();
    assert_eq!(
        json,
        r#"{"capacity":"150 MW","fleet_hashrate":"9.5 EH/s","efficiency":"17.5 J/TH","power_price":"$45/MWh","budget":"$1250000.5"}"#
    );
    assert_eq!(serde_json::from_str::<Site>(&json).unwrap(), site);
}

#[test]
fn toml_round_trips() {
    let text = r#"
capacity = "150 MW"
fleet_hashrate = "950EH/s"
efficiency = "17.5 W/TH/s"
power_price = "4.5 c/kWh"
budget = "$2M"
"#;
    let site: Site = toml::from_str(text).unwrap();
    assert_eq!(site.power_price.to_string(), "$45/MWh");
    let again: Site = toml::from_str(&toml::to_string(&site).unwrap()).unwrap();
    assert_eq!(again, site);
}

#[test]
fn deserialization_validates_like_parsing() {
    assert!(serde_json::from_str::<Hashrate>(r#""-5 TH/s""#).is_err());
    assert!(serde_json::from_str::<Hashrate>(r#""NaN TH/s""#).is_err());
    assert!(serde_json::from_str::<Hashrate>("5.0").is_err());
    assert!(serde_json::from_str::<EnergyPrice>(r#""$45""#).is_err());
    let err = serde_json::from_str::<HashEfficiency>(r#""17.5 J/TB""#).unwrap_err();
    assert!(err.to_string().contains("unknown unit \"J/TB\""), "{err}");
}

#[test]
fn shares_serialize_as_text_and_read_text_or_a_fraction() {
    use wattage_units::Share;
    let fee: Share = "2.5%".parse().unwrap();
    assert_eq!(serde_json::to_string(&fee).unwrap(), r#""2.5%""#);
    assert_eq!(serde_json::from_str::<Share>(r#""2.5%""#).unwrap(), fee);
    assert_eq!(serde_json::from_str::<Share>("0.025").unwrap(), fee);
    assert_eq!(serde_json::from_str::<Share>("1").unwrap(), Share::ALL);
    assert!(serde_json::from_str::<Share>("2").is_err());
    assert!(serde_json::from_str::<Share>("-0.1").is_err());
    #[derive(Deserialize)]
    struct Pool {
        #[allow(dead_code)]
        fee: Share,
    }
    assert!(toml::from_str::<Pool>("fee = \"2%\"").is_ok());
    assert!(toml::from_str::<Pool>("fee = 0.02").is_ok());
}

#[test]
fn money_serializes_in_the_plain_form() {
    let budget: Usd = "$1,250,000.5".parse().unwrap();
    assert_eq!(serde_json::to_string(&budget).unwrap(), r#""$1250000.5""#);
}
