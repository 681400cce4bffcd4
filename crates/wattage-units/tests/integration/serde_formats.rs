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
