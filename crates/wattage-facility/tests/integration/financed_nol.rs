//! A financed plan whose first year's bonus depreciation makes a net
//! operating loss, carried over the next two years and used within the
//! 80 % limit. The plan is `tests/data/financed_nol_plan.json`; the Python
//! package's test of the `Financing` binding reads the same file and
//! checks the same figures.

use rust_decimal::Decimal;
use serde_json::Value;
use wattage_facility::Curtailment;
use wattage_facility::capital::Financing;
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::power::PowerContract;
use wattage_facility::run::simulate_site;
use wattage_facility::summary::CashFlows;
use wattage_units::Usd;

const PLAN: &str = include_str!("../data/financed_nol_plan.json");

fn part<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap()
}

fn dollars(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn a_bonus_loss_is_carried_two_years_and_used_within_the_80_percent_limit() {
    let plan: Value = serde_json::from_str(PLAN).unwrap();
    let site = &plan["site"];
    let deployment: Deployment = part(&site["deployment"]);
    let horizon: Horizon = part(&site["horizon"]);
    let contract: PowerContract = part(&site["contract"]);
    let curtailment: Curtailment = part(&site["curtailment"]);
    let opex: Usd = part(&site["opex_per_mw_year"]);
    let financing: Financing = part(&plan["financing"]);
    let ledger = simulate_site(&deployment, &contract, horizon, curtailment).unwrap();
    let flows = CashFlows::new(&ledger, &deployment, opex, &[]).unwrap();
    let taxes = financing.evaluate(&flows).unwrap().taxes;
    let got: Vec<[Decimal; 5]> = taxes
        .iter()
        .map(|t| {
            [
                t.adjusted_taxable_income.dollars(),
                t.loss_used.dollars(),
                t.loss_carried.dollars(),
                t.taxable_income.dollars(),
                t.income_tax.dollars(),
            ]
        })
        .collect();
    // 2026: the hall's $75M written off against about $32.8M of EBITDA.
    // 2027: 80 % of the year's income offset by the carried loss, to the
    // cent; 2028: the rest of the loss, under the limit.
    let want = [
        [
            dollars("-42241190.790554414784394250461"),
            Decimal::ZERO,
            dollars("42241190.790554414784394250461"),
            Decimal::ZERO,
            Decimal::ZERO,
        ],
        [
            dollars("32758809.209445585215605749539"),
            dollars("26207047.37"),
            dollars("16034143.420554414784394250461"),
            dollars("6551761.839445585215605749539"),
            dollars("1375869.99"),
        ],
        [
            dollars("32758809.209445585215605749539"),
            dollars("16034143.420554414784394250461"),
            Decimal::ZERO,
            dollars("16724665.788891170431211499078"),
            dollars("3512179.82"),
        ],
    ];
    assert_eq!(got, want);
    assert_eq!(
        taxes.iter().map(|t| t.year).collect::<Vec<_>>(),
        [2026, 2027, 2028]
    );
}
