//! Public functions never panic on any input and never return a NaN or an
//! infinity inside `Ok` (money is `Decimal`, so "finite" is by type; these
//! check that nothing panics on extreme rates, amounts and dates).

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_finance::debt::{Frequency, InterestRate, Repayment, Tranche, TrancheSpec};
use wattage_finance::straight_line::straight_line_between;
use wattage_finance::tax::{PropertyTax, TaxSpec, TaxYearInput, Taxes};
use wattage_finance::{
    DatedAmount, MacrsClass, StraightLine, StraightLineSpec, Timing, exit_multiple, irr_with,
    macrs_schedule, npv_with, perpetuity_growth, xirr, xnpv,
};
use wattage_units::{Power, Usd, unit};

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::NEGATIVE_ONE),
        Just(Decimal::ZERO),
        (-2_000i64..2_000).prop_map(|bp| Decimal::new(bp, 3)),
    ]
}

fn usd() -> impl Strategy<Value = Usd> {
    decimal().prop_map(Usd::new)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (-200_000i64..200_000).prop_filter_map("a calendar date", |d| {
            NaiveDate::from_ymd_opt(2000, 1, 1)?.checked_add_signed(chrono::Duration::days(d))
        }),
        Just(NaiveDate::MAX),
        Just(NaiveDate::MIN),
    ]
}

fn timing() -> impl Strategy<Value = Timing> {
    prop_oneof![
        Just(Timing::YEARLY),
        Just(Timing::MONTHLY),
        Just(Timing::EXCEL_NPV)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn discounting_never_panics(
        rate in decimal(),
        t in timing(),
        flows in proptest::collection::vec((date(), usd()), 0..8),
    ) {
        let amounts: Vec<Usd> = flows.iter().map(|f| f.1).collect();
        let dated: Vec<DatedAmount> = flows.iter().map(|&(date, amount)| DatedAmount { date, amount }).collect();
        let _ = npv_with(t, rate, &amounts);
        let _ = irr_with(t, &amounts);
        let _ = xnpv(rate, &dated);
        let _ = xirr(&dated);
        if let Some(last) = amounts.last() {
            let _ = perpetuity_growth(*last, rate, Decimal::new(2, 2));
            let _ = exit_multiple(*last, rate);
        }
    }

    #[test]
    fn depreciation_never_panics(
        cost in usd(), residual in usd(), in_service in date(), life in any::<u32>(),
        from in date(), to in date(), basis in usd(), bonus in decimal(),
        span in (decimal(), decimal(), decimal()),
    ) {
        if let Ok(asset) = StraightLine::new(StraightLineSpec { cost, residual, in_service, life_months: life }) {
            let _ = asset.expense_between(from, to);
            let _ = asset.book_value_at(to);
        }
        for class in MacrsClass::ALL {
            let _ = macrs_schedule(basis, class, bonus);
        }
        let _ = straight_line_between(basis, span.0, span.1, span.2);
    }

    #[test]
    fn debt_and_tax_never_panic(
        principal in usd(), rate in decimal(), start in date(), term in 0u32..600,
        monthly in any::<bool>(), fee in decimal(),
        draws in proptest::collection::vec((date(), usd()), 0..3),
        ebitda in usd(), dep in usd(), interest in usd(), mw in -1e9f64..1e9,
    ) {
        for repayment in [Repayment::LevelPayment, Repayment::LevelPrincipal, Repayment::Bullet] {
            let spec = TrancheSpec {
                principal,
                draws: draws.iter().map(|&(date, amount)| DatedAmount { date, amount }).collect(),
                rate: InterestRate::Floating { index: vec![rate, Decimal::ZERO], spread: fee },
                start,
                term_months: term,
                frequency: if monthly { Frequency::Monthly } else { Frequency::Yearly },
                repayment,
                upfront_fee: fee,
                commitment_fee: fee,
            };
            if let Ok(t) = Tranche::new(spec) {
                let _ = t.schedule();
            }
        }
        let taxes = Taxes::new(TaxSpec {
            federal_rate: Decimal::new(21, 2),
            state_rate: fee,
            interest_limit: Some(Decimal::new(3, 1)),
            loss_limit: Some(Decimal::new(8, 1)),
            property_tax: PropertyTax::PerMwYear(Usd::from_cents(1_000_000)),
        });
        if let Ok(taxes) = taxes {
            let input = TaxYearInput {
                year: 2026,
                ebitda,
                tax_depreciation: dep,
                interest,
                capacity: Power::new(mw, unit::MEGAWATT).unwrap_or(Power::new(0.0, unit::MEGAWATT).unwrap()),
                asset_value: dep,
                cash_flow_before_taxes: ebitda,
            };
            let _ = taxes.years(&[input, input]);
        }
    }
}
