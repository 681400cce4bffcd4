use super::{PropertyTax, TaxSpec, TaxYearInput, Taxes};
use crate::FinanceError;
use alloc::vec::Vec;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_units::{Power, Usd, unit};

fn usd(d: i64) -> Usd {
    Usd::new(Decimal::from(d))
}

fn spec() -> TaxSpec {
    TaxSpec {
        federal_rate: Decimal::new(21, 2),
        state_rate: Decimal::ZERO,
        interest_limit: Some(Decimal::new(30, 2)),
        loss_limit: Some(Decimal::new(80, 2)),
        property_tax: PropertyTax::None,
    }
}

fn input(year: i32, ebitda: i64, depreciation: i64, interest: i64) -> TaxYearInput {
    TaxYearInput {
        year,
        ebitda: usd(ebitda),
        tax_depreciation: usd(depreciation),
        interest: usd(interest),
        capacity: Power::new(50.0, unit::MEGAWATT).unwrap(),
        asset_value: usd(2_000_000),
        cash_flow_before_taxes: usd(ebitda - interest),
    }
}

#[test]
fn interest_beyond_thirty_percent_of_ati_is_carried_and_deducted_later() {
    let taxes = Taxes::new(spec()).unwrap();
    let rows = taxes
        .years(&[input(2026, 1_000, 0, 500), input(2027, 1_000, 0, 0)])
        .unwrap();
    assert_eq!(rows[0].interest_deducted, usd(300));
    assert_eq!(rows[0].interest_carried, usd(200));
    assert_eq!(rows[0].taxable_income, usd(700));
    assert_eq!(rows[0].income_tax, usd(147));
    assert_eq!(rows[0].after_tax_cash_flow, usd(353));
    assert_eq!(rows[1].interest_deducted, usd(200));
    assert_eq!(rows[1].interest_carried, Usd::ZERO);
}

#[test]
fn losses_offset_at_most_eighty_percent_of_later_income() {
    let taxes = Taxes::new(spec()).unwrap();
    let rows = taxes
        .years(&[
            input(2026, 0, 1_000, 0),
            input(2027, 1_000, 0, 0),
            input(2028, 1_000, 0, 0),
        ])
        .unwrap();
    assert_eq!(rows[0].loss_carried, usd(1_000));
    assert_eq!(rows[0].income_tax, Usd::ZERO);
    assert_eq!(rows[1].loss_used, usd(800));
    assert_eq!(rows[1].taxable_income, usd(200));
    assert_eq!(rows[2].loss_used, usd(200));
    assert_eq!(rows[2].loss_carried, Usd::ZERO);
    let mut unlimited = spec();
    unlimited.loss_limit = None;
    let rows = Taxes::new(unlimited)
        .unwrap()
        .years(&[input(2026, 0, 1_000, 0), input(2027, 1_000, 0, 0)])
        .unwrap();
    assert_eq!(rows[1].taxable_income, Usd::ZERO);
}

#[test]
fn state_tax_is_deductible_from_the_federal_base() {
    let mut s = spec();
    s.state_rate = Decimal::new(10, 2);
    // 0.10 + 0.21 x 0.90 = 0.289.
    assert_eq!(Taxes::new(s).unwrap().combined_rate(), Decimal::new(289, 3));
}

#[test]
fn property_tax_per_mw_year_or_on_value_is_deducted_first() {
    let mut s = spec();
    s.property_tax = PropertyTax::PerMwYear(usd(10_000));
    let rows = Taxes::new(s)
        .unwrap()
        .years(&[input(2026, 1_000_000, 0, 0)])
        .unwrap();
    assert_eq!(rows[0].property_tax, usd(500_000));
    assert_eq!(rows[0].adjusted_taxable_income, usd(500_000));
    s.property_tax = PropertyTax::ShareOfValue(Decimal::new(2, 2));
    let rows = Taxes::new(s)
        .unwrap()
        .years(&[input(2026, 1_000_000, 0, 0)])
        .unwrap();
    assert_eq!(rows[0].property_tax, usd(40_000));
}

#[test]
fn rates_outside_zero_to_one_are_refused_by_name() {
    let mut s = spec();
    s.federal_rate = Decimal::ONE;
    assert!(matches!(
        Taxes::new(s),
        Err(FinanceError::FractionOutOfRange {
            what: "federal tax rate",
            ..
        })
    ));
    let mut s = spec();
    s.state_rate = Decimal::new(-1, 2);
    assert!(matches!(
        Taxes::new(s),
        Err(FinanceError::FractionOutOfRange {
            what: "state tax rate",
            ..
        })
    ));
    let mut s = spec();
    s.property_tax = PropertyTax::PerMwYear(usd(-1));
    assert!(matches!(
        Taxes::new(s),
        Err(FinanceError::NegativeAmount { .. })
    ));
    let taxes = Taxes::new(spec()).unwrap();
    assert!(matches!(
        taxes.years(&[input(2026, 1, 0, -1)]),
        Err(FinanceError::NegativeAmount {
            what: "interest",
            ..
        })
    ));
}

proptest! {
    #[test]
    fn tax_is_never_negative_and_losses_used_never_exceed_losses_made(
        years in proptest::collection::vec((-1_000_000i64..1_000_000, 0i64..500_000, 0i64..300_000), 1..12),
        federal in 0i64..50, state in 0i64..15,
    ) {
        let mut s = spec();
        s.federal_rate = Decimal::new(federal, 2);
        s.state_rate = Decimal::new(state, 2);
        let taxes = Taxes::new(s).unwrap();
        let inputs: Vec<TaxYearInput> = years.iter().enumerate()
            .map(|(k, &(e, d, i))| input(2026 + k as i32, e, d, i)).collect();
        let rows = taxes.years(&inputs).unwrap();
        let mut made = Usd::ZERO;
        let mut used = Usd::ZERO;
        for row in &rows {
            prop_assert!(!row.income_tax.is_negative());
            prop_assert!(!row.taxable_income.is_negative());
            prop_assert!(!row.loss_carried.is_negative());
            used = used.checked_add(row.loss_used).unwrap();
            let before = row.adjusted_taxable_income.checked_sub(row.interest_deducted).unwrap();
            if before.is_negative() {
                made = made.checked_sub(before).unwrap();
            }
            prop_assert!(used <= made);
            prop_assert_eq!(made.checked_sub(used).unwrap(), row.loss_carried);
        }
    }
}
