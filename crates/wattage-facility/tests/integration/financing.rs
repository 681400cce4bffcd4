//! A plan financed and taxed: NPV at each IRR is zero, leverage below the
//! unlevered return raises the return to equity, taxes follow MACRS.

use std::sync::OnceLock;

use crate::fixtures::{date, usd};
use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_facility::capital::{
    Asset, AssetKind, AssetSpec, Discounting, Financing, FinancingSpec, Price, Resale, Serves,
    TaxDepreciationSpec, TerminalValue,
};
use wattage_facility::deployment::Deployment;
use wattage_facility::horizon::Horizon;
use wattage_facility::power::{PowerContract, PowerSupply};
use wattage_facility::price_series::Resolution;
use wattage_facility::pue::Pue;
use wattage_facility::run::simulate_site;
use wattage_facility::site::{Hall, Site};
use wattage_facility::summary::CashFlows;
use wattage_facility::workload::{Colocation, Workload};
use wattage_facility::{ColocationLease, Curtailment, LeaseSpec, LeaseStructure};
use wattage_finance::debt::{Frequency, InterestRate, Repayment, TrancheSpec};
use wattage_finance::tax::{PropertyTax, TaxSpec};
use wattage_finance::{Taxes, Tranche, npv};
use wattage_units::Usd;

/// A 15 MW site whose 10 MW hall A is leased triple-net at $150/kW/month
/// from `start` for `term_months` (rising by `escalator` a year) and built
/// for $60M that day (a 20-year book life).
fn leased_hall(start: NaiveDate, term_months: u32, escalator: Decimal) -> Deployment {
    let site = Site::new("S", "15 MW".parse().unwrap())
        .unwrap()
        .with_hall(Hall::new("A", "10 MW".parse().unwrap(), Pue::constant(1.3).unwrap()).unwrap())
        .unwrap();
    let lease = ColocationLease::new(LeaseSpec {
        critical_it: "10 MW".parse().unwrap(),
        rate: "$150/kW/month".parse().unwrap(),
        escalator,
        term_months,
        start,
        structure: LeaseStructure::TripleNet,
    })
    .unwrap();
    let mut plan = Deployment::new(site);
    plan.assign(
        "tenant",
        "A",
        Workload::Colocation(Colocation::new(lease, Decimal::ONE).unwrap()),
    )
    .unwrap();
    plan.add_asset(
        Asset::new(AssetSpec {
            name: "hall A".into(),
            serves: Serves::Hall("A".into()),
            kind: AssetKind::Infrastructure {
                capacity: "10 MW".parse().unwrap(),
            },
            price: Price::Total(usd("$60M")),
            purchased: start,
            life_months: 240,
            residual: Usd::ZERO,
            resale: Resale::BookValue,
            refresh: None,
            sold_on: None,
        })
        .unwrap(),
    )
    .unwrap();
    plan
}

/// A 10 MW hall leased at $150/kW/month for five years, built for $60M on
/// the first day (15-year MACRS, 20-year book life), sold at the end for
/// a terminal value of $40M: the plan's flows, simulated once.
fn flows() -> &'static CashFlows {
    static FLOWS: OnceLock<CashFlows> = OnceLock::new();
    FLOWS.get_or_init(|| {
        let plan = leased_hall(date(2026, 1, 1), 60, Decimal::new(3, 2));
        let horizon = Horizon::calendar_years(
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            Resolution::Hourly,
            5,
        )
        .unwrap();
        let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()));
        let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
        CashFlows::new(&ledger, &plan, usd("$60,000"), &[]).unwrap()
    })
}

fn taxes() -> Taxes {
    Taxes::new(TaxSpec {
        federal_rate: Decimal::new(21, 2),
        state_rate: Decimal::new(5, 2),
        interest_limit: Some(Decimal::new(30, 2)),
        loss_limit: Some(Decimal::new(80, 2)),
        property_tax: PropertyTax::None,
    })
    .unwrap()
}

fn loan(principal: Usd, rate: Decimal, term_months: u32) -> Tranche {
    Tranche::new(TrancheSpec {
        principal,
        draws: vec![],
        rate: InterestRate::Fixed(rate),
        start: date(2026, 1, 1),
        term_months,
        frequency: Frequency::Yearly,
        repayment: Repayment::LevelPayment,
        upfront_fee: Decimal::ZERO,
        commitment_fee: Decimal::ZERO,
    })
    .unwrap()
}

fn financing(debt: Vec<Tranche>) -> Financing {
    Financing::new(FinancingSpec {
        debt,
        taxes: Some(taxes()),
        tax_depreciation: TaxDepreciationSpec::default(),
        terminal_value: TerminalValue::Amount(usd("$40M")),
        discount_rate: Decimal::new(8, 2),
        discounting: Discounting::Dated,
    })
    .unwrap()
}

fn npv_is_zero_at(rate: Decimal, series: &[Usd]) {
    let scale = series
        .iter()
        .map(|f| f.dollars().abs())
        .max()
        .unwrap_or(Decimal::ONE);
    let at = npv(rate, series).unwrap().dollars().abs();
    assert!(at <= scale * Decimal::new(1, 9), "NPV {at} at IRR {rate}");
}

/// Yearly discounting, the first year undiscounted: NPV at each IRR of
/// the year rows is zero.
#[test]
fn yearly_npv_at_each_irr_is_zero_levered_and_unlevered() {
    let mut spec = financing(vec![loan(usd("$36M"), Decimal::new(6, 2), 48)])
        .spec()
        .clone();
    spec.discounting = Discounting::Yearly(wattage_finance::Timing::YEARLY);
    let f = Financing::new(spec).unwrap().evaluate(flows()).unwrap();
    let series = |pick: fn(&wattage_facility::capital::FinancedYear) -> Usd| -> Vec<Usd> {
        f.years.iter().map(pick).collect()
    };
    for (returns, flows) in [
        (f.unlevered_pre_tax, series(|y| y.unlevered_pre_tax)),
        (f.unlevered_after_tax, series(|y| y.unlevered_after_tax)),
        (f.levered_pre_tax, series(|y| y.levered_pre_tax)),
        (f.levered_after_tax, series(|y| y.levered_after_tax)),
    ] {
        npv_is_zero_at(returns.irr.unwrap(), &flows);
        assert_eq!(returns.npv, npv(Decimal::new(8, 2), &flows).unwrap());
    }
}

/// Dated discounting: XNPV at each XIRR is zero (to a millionth of the
/// largest flow, the IRR being found to `f64` precision).
#[test]
fn dated_npv_at_each_irr_is_zero_levered_and_unlevered() {
    let financed = financing(vec![loan(usd("$36M"), Decimal::new(6, 2), 48)]);
    let f = financed.evaluate(flows()).unwrap();
    let four = |p: &wattage_facility::capital::PlanFinance| {
        [
            p.unlevered_pre_tax,
            p.unlevered_after_tax,
            p.levered_pre_tax,
            p.levered_after_tax,
        ]
    };
    for (i, returns) in four(&f).into_iter().enumerate() {
        let mut at_irr = financed.spec().clone();
        at_irr.discount_rate = returns.irr.unwrap();
        let again = Financing::new(at_irr).unwrap().evaluate(flows()).unwrap();
        let value = four(&again)[i].npv.dollars().abs();
        // $1 in the tens of millions: the XIRR's 15 significant digits.
        assert!(
            value < Decimal::ONE,
            "XNPV {value} at XIRR {:?}",
            returns.irr
        );
    }
    // DSCR in every year the loan is served; equity funds what it does not.
    assert_eq!(f.dscr.len(), 4);
    assert_eq!(
        Usd::try_sum(f.equity_contributions.iter().map(|d| d.amount)).unwrap(),
        usd("$24M")
    );
}

/// 15-year MACRS (Publication 946, Table A-1, 15-year column: 5.00% in the
/// first year, 9.50% in the second) on the $60M hall, and tax at the
/// combined 24.95% on what is left of the first year's income.
#[test]
fn tax_depreciation_is_macrs_and_income_tax_the_combined_rate() {
    let f = financing(vec![]).evaluate(flows()).unwrap();
    assert_eq!(f.years[0].tax_depreciation, usd("$3,000,000"));
    assert_eq!(f.years[1].tax_depreciation, usd("$5,700,000"));
    let taxable = f.years[0].ebitda.checked_sub(usd("$3,000,000")).unwrap();
    let expected = taxable
        .checked_mul(Decimal::new(2495, 4))
        .unwrap()
        .round_to_cents();
    assert_eq!(f.years[0].unlevered_tax, expected);
    // Without debt the levered flows are the unlevered ones.
    assert_eq!(f.levered_after_tax, f.unlevered_after_tax);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// Debt at a rate below the unlevered return raises the return to
    /// equity: before tax against the pre-tax IRR, after tax against the
    /// after-tax IRR (interest, deductible or not, costs at most its
    /// rate after tax).
    #[test]
    fn leverage_below_the_unlevered_irr_raises_the_levered_irr(
        share in 10u32..=80,
        rate_share in 0u32..=95,
        term_years in 2u32..=5,
        after_tax in proptest::bool::ANY,
    ) {
        let unlevered = financing(vec![]).evaluate(flows()).unwrap();
        let pick = |p: &wattage_facility::capital::PlanFinance, levered: bool| {
            match (levered, after_tax) {
                (false, false) => p.unlevered_pre_tax.irr,
                (false, true) => p.unlevered_after_tax.irr,
                (true, false) => p.levered_pre_tax.irr,
                (true, true) => p.levered_after_tax.irr,
            }
            .unwrap()
        };
        let irr = pick(&unlevered, false);
        prop_assume!(irr > Decimal::ZERO);
        let rate = (irr * Decimal::from(rate_share) / Decimal::ONE_HUNDRED).round_dp(6);
        let principal = Usd::new(Decimal::from(60_000_000u64 * u64::from(share) / 100));
        let f = financing(vec![loan(principal, rate, term_years * 12)]).evaluate(flows()).unwrap();
        prop_assert!(pick(&f, true) > irr, "levered {} vs unlevered {irr} at {rate}", pick(&f, true));
    }
}

fn monthly(first_flow: wattage_finance::timing::FirstFlow) -> Discounting {
    Discounting::Yearly(wattage_finance::Timing {
        period: wattage_finance::timing::Period::Month,
        first_flow,
    })
}

fn four(p: &wattage_facility::capital::PlanFinance) -> [wattage_facility::capital::Returns; 4] {
    [
        p.unlevered_pre_tax,
        p.unlevered_after_tax,
        p.levered_pre_tax,
        p.levered_after_tax,
    ]
}

const SERIES: [(bool, bool); 4] = [(false, false), (false, true), (true, false), (true, true)];

fn one_month_loan(year: i32) -> Tranche {
    Tranche::new(TrancheSpec {
        principal: usd("$5M"),
        draws: vec![],
        rate: InterestRate::Fixed(Decimal::new(6, 2)),
        start: date(year, 12, 1),
        term_months: 1,
        frequency: Frequency::Monthly,
        repayment: Repayment::Bullet,
        upfront_fee: Decimal::new(1, 2),
        commitment_fee: Decimal::ZERO,
    })
    .unwrap()
}

/// A site with no workload whose every flow falls in December: capex
/// paid, refunded, debt drawn and repaid, property tax and the terminal
/// value. Discounted monthly at (1 + r)^(1/12), each at the end of its
/// month, a flow in the twelfth month of year k is discounted (1 + r)^k,
/// as the yearly end-of-period convention (Excel's `NPV`) does.
#[test]
fn monthly_end_of_period_is_yearly_end_of_period_when_flows_fall_in_december() {
    let site = Site::new("S", "15 MW".parse().unwrap()).unwrap();
    let plan = Deployment::new(site);
    let horizon = Horizon::calendar_years(
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        Resolution::Hourly,
        4,
    )
    .unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let capex = [
        (2026, "$10M"),
        (2027, "$2M"),
        (2028, "-$3M"),
        (2029, "-$1M"),
    ]
    .map(|(y, amount)| wattage_facility::summary::CapexPayment {
        at: Utc.with_ymd_and_hms(y, 12, 15, 0, 0, 0).unwrap(),
        amount: usd(amount),
    });
    let flows = CashFlows::new(&ledger, &plan, Usd::ZERO, &capex).unwrap();
    let mut spec = FinancingSpec {
        debt: vec![one_month_loan(2026), one_month_loan(2028)],
        taxes: Some(
            Taxes::new(TaxSpec {
                property_tax: PropertyTax::PerMwYear(usd("$10,000")),
                ..*taxes().spec()
            })
            .unwrap(),
        ),
        tax_depreciation: TaxDepreciationSpec::default(),
        terminal_value: TerminalValue::Amount(usd("$20M")),
        discount_rate: Decimal::new(9, 2),
        discounting: Discounting::Yearly(wattage_finance::Timing::EXCEL_NPV),
    };
    let yearly = Financing::new(spec.clone())
        .unwrap()
        .evaluate(&flows)
        .unwrap();
    spec.discounting = monthly(wattage_finance::timing::FirstFlow::EndOfFirstPeriod);
    let by_month = Financing::new(spec).unwrap();
    let monthly = by_month.evaluate(&flows).unwrap();
    assert_eq!(yearly.years[0].fees, usd("$50,000"));
    assert_eq!(yearly.years[1].unlevered_tax, usd("$150,000"));
    for ((y, m), (levered, after_tax)) in four(&yearly).into_iter().zip(four(&monthly)).zip(SERIES)
    {
        let months = by_month
            .monthly_series(&flows, &monthly, levered, after_tax)
            .unwrap();
        assert_eq!(months.len(), 48);
        assert!(
            months
                .iter()
                .enumerate()
                .all(|(i, v)| i % 12 == 11 || *v == Usd::ZERO)
        );
        let gap = (y.npv.dollars() - m.npv.dollars()).abs();
        assert!(gap < Decimal::new(1, 4), "{} vs {}", y.npv, m.npv);
        let (yi, mi) = (y.irr.unwrap(), m.irr.unwrap());
        assert!((yi - mi).abs() < Decimal::new(1, 8), "{yi} vs {mi}");
    }
}

/// Monthly discounting of the leased hall with monthly debt service: each
/// year's months sum to its row, the NPV is the months discounted at
/// (1 + r)^(m / 12) (checked in `f64`), and the NPV at each IRR is zero.
#[test]
fn monthly_discounting_sums_to_the_years_and_is_zero_at_its_irr() {
    let monthly_loan = Tranche::new(TrancheSpec {
        frequency: Frequency::Monthly,
        ..loan(usd("$36M"), Decimal::new(6, 2), 48).spec().clone()
    })
    .unwrap();
    let mut spec = financing(vec![monthly_loan]).spec().clone();
    spec.discounting = monthly(wattage_finance::timing::FirstFlow::Today);
    let financed = Financing::new(spec.clone()).unwrap();
    let f = financed.evaluate(flows()).unwrap();
    for (returns, (levered, after_tax)) in four(&f).into_iter().zip(SERIES) {
        let months = financed
            .monthly_series(flows(), &f, levered, after_tax)
            .unwrap();
        assert_eq!(months.len(), 60);
        for (k, y) in f.years.iter().enumerate() {
            let year = Usd::try_sum(months[k * 12..k * 12 + 12].iter().copied()).unwrap();
            let row = match (levered, after_tax) {
                (false, false) => y.unlevered_pre_tax,
                (false, true) => y.unlevered_after_tax,
                (true, false) => y.levered_pre_tax,
                (true, true) => y.levered_after_tax,
            };
            assert_eq!(year, row, "year {k}");
        }
        let expected: f64 = months
            .iter()
            .enumerate()
            .map(|(m, v)| {
                let v: f64 = v.dollars().try_into().unwrap();
                v / 1.08f64.powf(m as f64 / 12.0)
            })
            .sum();
        let npv: f64 = returns.npv.dollars().try_into().unwrap();
        assert!((npv - expected).abs() < 1e-3, "{npv} vs {expected}");
        let mut at_irr = spec.clone();
        at_irr.discount_rate = returns.irr.unwrap();
        let again = Financing::new(at_irr).unwrap().evaluate(flows()).unwrap();
        let i = SERIES
            .iter()
            .position(|s| *s == (levered, after_tax))
            .unwrap();
        let zero = four(&again)[i].npv.dollars().abs();
        assert!(zero < Decimal::ONE, "NPV {zero} at IRR {:?}", returns.irr);
    }
}

/// A horizon starting on 1 July: the financing's years are the plan's,
/// July to June. A yearly loan closed on 1 July is served in each plan
/// year (on a calendar basis its first payment, on 1 July 2027, would
/// fall in 2027), and the hall bought on 1 July takes its first MACRS
/// year in the first plan year.
#[test]
fn plan_years_start_on_the_horizons_first_day() {
    let plan = leased_hall(date(2026, 7, 1), 36, Decimal::ZERO);
    let start = Utc.with_ymd_and_hms(2026, 7, 1, 0, 0, 0).unwrap();
    let horizon = Horizon::calendar_years(start, Resolution::Hourly, 3).unwrap();
    let contract = PowerContract::new(PowerSupply::fixed("$45/MWh".parse().unwrap()));
    let ledger = simulate_site(&plan, &contract, horizon, Curtailment::AboveBreakeven).unwrap();
    let flows = CashFlows::new(&ledger, &plan, usd("$60,000"), &[]).unwrap();
    let loan = Tranche::new(TrancheSpec {
        start: date(2026, 7, 1),
        repayment: Repayment::LevelPrincipal,
        ..loan(usd("$30M"), Decimal::new(5, 2), 36).spec().clone()
    })
    .unwrap();
    let f = financing(vec![loan]).evaluate(&flows).unwrap();
    let years: Vec<i32> = f.years.iter().map(|y| y.year).collect();
    assert_eq!(years, [2026, 2027, 2028]);
    assert_eq!(f.years[0].drawn, usd("$30M"));
    assert_eq!(f.years[0].interest, usd("$1,500,000"));
    assert_eq!(f.years[0].principal, usd("$10M"));
    assert_eq!(f.years[2].principal, usd("$10M"));
    assert_eq!(f.years[0].tax_depreciation, usd("$3,000,000"));
    assert_eq!(f.years[1].tax_depreciation, usd("$5,700,000"));
    // Every year's lease revenue, July to June, is twelve months of rent.
    assert_eq!(f.years[0].ebitda, f.years[1].ebitda);
    assert_eq!(
        f.dscr.iter().map(|d| d.year).collect::<Vec<_>>(),
        [2026, 2027, 2028]
    );
}

/// Regression: equity was measured on the first tranche's periods, the
/// other tranches' draws netted against its uses wherever they fell. The
/// $60M hall is paid on 1 January 2026; a second lender's $10M arrives on
/// 1 July, after the spend, so it funds none of it: equity puts in $30M on
/// 1 January (it was $20M, as if July's money had been there in January).
#[test]
fn a_later_tranche_does_not_fund_capex_spent_before_it_draws() {
    let first = loan(usd("$30M"), Decimal::new(6, 2), 48);
    let second = Tranche::new(TrancheSpec {
        start: date(2026, 7, 1),
        ..loan(usd("$10M"), Decimal::new(6, 2), 36).spec().clone()
    })
    .unwrap();
    let f = financing(vec![first, second]).evaluate(flows()).unwrap();
    assert_eq!(
        f.equity_contributions,
        vec![wattage_finance::debt::Draw {
            date: date(2026, 1, 1),
            amount: usd("$30M")
        }]
    );
    // Drawn on the same day, both fund it: $20M of equity.
    let same_day = Tranche::new(TrancheSpec {
        start: date(2026, 1, 1),
        ..loan(usd("$10M"), Decimal::new(6, 2), 36).spec().clone()
    })
    .unwrap();
    let first = loan(usd("$30M"), Decimal::new(6, 2), 48);
    let f = financing(vec![first, same_day]).evaluate(flows()).unwrap();
    let equity = Usd::try_sum(f.equity_contributions.iter().map(|d| d.amount)).unwrap();
    assert_eq!(equity, usd("$20M"));
}
