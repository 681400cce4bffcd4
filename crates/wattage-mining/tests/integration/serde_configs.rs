//! Network settings and operations read from JSON go through the
//! validating constructors; results serialize.

use wattage_mining::hashprice::Fees;
use wattage_mining::network_projection::{NetworkStart, PricePath, project_network};
use wattage_mining::network_response::ResponseModel;
use wattage_mining::operation::Operation;
use wattage_mining::operation_projection::{StepLength, project};
use wattage_mining::{CompactTarget, Difficulty, Target};

const PRICE: &str = r#"{ "compounding": { "start": "$62,242.32/BTC", "monthly_growth": 0.01 } }"#;

const OPERATION: &str = r#"{
    "hashrate": "270 TH/s",
    "efficiency": "13.5 J/TH",
    "power_price": "$45/MWh",
    "pool": { "scheme": "fpps", "fee": "0.025" },
    "uptime": "0.97"
}"#;

#[test]
fn price_path_and_operation_from_json() {
    let price: PricePath = serde_json::from_str(PRICE).unwrap();
    assert!(
        matches!(price, PricePath::Compounding { monthly_growth, .. } if monthly_growth == 0.01)
    );
    let op: Operation = serde_json::from_str(OPERATION).unwrap();
    assert_eq!(op.uptime(), "0.97".parse().unwrap());
    let step: StepLength = serde_json::from_str("\"month\"").unwrap();
    let start = NetworkStart::from_history(
        chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
        "$62,242.32/BTC".parse().unwrap(),
        "0.015 BTC".parse().unwrap(),
    )
    .unwrap();
    let model = ResponseModel::exogenous(0.03f64.ln_1p()).unwrap();
    let network = project_network(&start, &model, &price, 90).unwrap();
    let projection = project(&op, &network, step).unwrap();
    let json = serde_json::to_string(&projection).unwrap();
    assert!(json.contains("\"cumulative_cash_margin\""), "{json}");
    assert!(json.contains("\"start_date\":\"2026-06-15\""), "{json}");
    // Round trips.
    let again: PricePath = serde_json::from_str(&serde_json::to_string(&price).unwrap()).unwrap();
    assert_eq!(again, price);
    let again: NetworkStart =
        serde_json::from_str(&serde_json::to_string(&start).unwrap()).unwrap();
    assert_eq!(again, start);
    let again: Operation = serde_json::from_str(&serde_json::to_string(&op).unwrap()).unwrap();
    assert_eq!(again, op);
}

#[test]
fn invalid_json_values_are_rejected_with_the_value() {
    let e = serde_json::from_str::<Fees>(r#"{ "share_of_reward": "1" }"#).unwrap_err();
    assert!(e.to_string().contains("got 1"), "{e}");
    let bad_uptime = OPERATION.replace("\"0.97\"", "\"1.5\"");
    let e = serde_json::from_str::<Operation>(&bad_uptime).unwrap_err();
    assert!(
        e.to_string()
            .contains("uptime must be between 0 and 1, got 1.5"),
        "{e}"
    );
    let e = serde_json::from_str::<StepLength>("\"week\"").unwrap_err();
    assert!(e.to_string().contains("week"), "{e}");
    let e = serde_json::from_str::<Difficulty>("-3").unwrap_err();
    assert!(e.to_string().contains("got -3"), "{e}");
}

#[test]
fn consensus_values_serialize_readably() {
    let bits = CompactTarget::from_consensus(0x1703_4219);
    assert_eq!(serde_json::to_string(&bits).unwrap(), "386089497");
    let t = bits.to_target().unwrap();
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(
        json,
        "\"0x0000000000000000000342190000000000000000000000000000000000000000\""
    );
    assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), t);
    assert!(serde_json::from_str::<Target>("\"0x0\"").is_err());
}

#[test]
fn a_misspelt_optional_key_is_refused_naming_it_and_the_expected_ones() {
    // `uptime` has a default, so before unknown keys were refused the typo
    // silently meant 100 % uptime.
    let typo = OPERATION.replace("\"uptime\"", "\"uptme\"");
    let e = serde_json::from_str::<Operation>(&typo)
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown field `uptme`"), "{e}");
    assert!(e.contains("`uptime`") && e.contains("`hosting`"), "{e}");
    let typo = PRICE.replace("\"monthly_growth\"", "\"montly_growth\"");
    let e = serde_json::from_str::<PricePath>(&typo)
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown field `montly_growth`"), "{e}");
    assert!(e.contains("`monthly_growth`"), "{e}");
    let e = serde_json::from_str::<Fees>(r#"{ "per_blok": "0.1 BTC" }"#).unwrap_err();
    assert!(e.to_string().contains("per_blok"), "{e}");
}
