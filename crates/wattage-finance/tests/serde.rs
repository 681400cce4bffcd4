//! Specs deserialize through their validating constructors and refuse
//! unknown fields.
#![cfg(feature = "serde")]

use wattage_finance::debt::Tranche;
use wattage_finance::{FinanceError, StraightLine, Taxes};

#[test]
fn a_straight_line_round_trips_and_is_validated() {
    let text = r#"{"cost":"$1,500","residual":"$0","in_service":"2026-01-01","life_months":24}"#;
    let asset: StraightLine = serde_json::from_str(text).unwrap();
    assert_eq!(asset.spec().life_months, 24);
    let back: StraightLine = serde_json::from_str(&serde_json::to_string(&asset).unwrap()).unwrap();
    assert_eq!(back, asset);
    let zero = r#"{"cost":"$1,500","residual":"$0","in_service":"2026-01-01","life_months":0}"#;
    let err = serde_json::from_str::<StraightLine>(zero).unwrap_err();
    assert!(
        err.to_string().contains(
            &FinanceError::ZeroMonths {
                what: "book life",
                months: 0
            }
            .to_string()
        ),
        "{err}"
    );
    let extra =
        r#"{"cost":"$1","residual":"$0","in_service":"2026-01-01","life_months":1,"salvage":"$0"}"#;
    assert!(serde_json::from_str::<StraightLine>(extra).is_err());
}

#[test]
fn a_tranche_and_taxes_deserialize_with_their_checks() {
    let loan = r#"{"principal":"$1,000,000","draws":[],"rate":{"fixed":"0.05"},"start":"2026-01-01",
        "term_months":120,"frequency":"yearly","repayment":"level_payment","upfront_fee":"0.01","commitment_fee":"0"}"#;
    let tranche: Tranche = serde_json::from_str(loan).unwrap();
    assert_eq!(tranche.schedule().unwrap().periods().len(), 10);
    let bad = loan.replace("\"0.05\"", "\"-1\"");
    assert!(
        serde_json::from_str::<Tranche>(&bad)
            .unwrap_err()
            .to_string()
            .contains("interest rate")
    );
    let taxes = r#"{"federal_rate":"0.21","state_rate":"0.05","interest_limit":"0.3","loss_limit":"0.8","property_tax":"none"}"#;
    let t: Taxes = serde_json::from_str(taxes).unwrap();
    assert_eq!(t.combined_rate().to_string(), "0.2495");
    let over = taxes.replace("\"0.21\"", "\"1.2\"");
    assert!(serde_json::from_str::<Taxes>(&over).is_err());
}
