use super::*;
use alloc::vec;
use proptest::prelude::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn usd(dollars: i64) -> Usd {
    Usd::new(Decimal::from(dollars))
}

fn spec(
    rate: Decimal,
    repayment: Repayment,
    frequency: Frequency,
    term_months: u32,
) -> TrancheSpec {
    TrancheSpec {
        principal: usd(1_000_000),
        draws: vec![],
        rate: InterestRate::Fixed(rate),
        start: date(2026, 1, 1),
        term_months,
        frequency,
        repayment,
        upfront_fee: Decimal::ZERO,
        commitment_fee: Decimal::ZERO,
    }
}

#[test]
fn a_level_payment_matches_the_published_annuity_factor() {
    // "Appendix A Interest Tables", Table A-5, Present Value of Ordinary
    // Annuity of $1 per Period (issuhub.com/view/index/4291?pageIndex=722):
    // n = 10, i = 10%: 6.14457, so the level payment per $1 is 1 / 6.14457.
    let loan = Tranche::new(spec(
        Decimal::new(10, 2),
        Repayment::LevelPayment,
        Frequency::Yearly,
        120,
    ))
    .unwrap();
    let schedule = loan.schedule().unwrap();
    assert_eq!(schedule.periods().len(), 10);
    let payment = schedule.periods()[0].debt_service().unwrap();
    let implied_pv = usd(1_000_000).ratio(payment).unwrap();
    assert!(
        (implied_pv - Decimal::new(614_457, 5)).abs() < Decimal::new(1, 5),
        "{implied_pv}"
    );
    // Every payment but the last (which repays what rounding left) is level.
    for p in &schedule.periods()[..9] {
        assert_eq!(p.debt_service().unwrap(), payment);
    }
    let last = schedule.periods()[9].debt_service().unwrap();
    // (within a cent per period, compounded)
    assert!(
        (last.dollars() - payment.dollars()).abs() < Decimal::new(20, 2),
        "{last} {payment}"
    );
    assert_eq!(schedule.total(|p| p.principal).unwrap(), usd(1_000_000));
}

#[test]
fn a_five_percent_ten_year_annuity_pays_0_1295_per_dollar() {
    // Blocher et al., Cost Management 9e (McGraw-Hill), Table 2 "Present
    // Value of Annuity of $1" (ezto.mheducation.com/extMedia/bne/accounting/
    // blocher_9e/ch12_table_2.htm): 5%, 10 periods: 7.722 (7.7217 to four
    // decimals), so the level payment per $1 is 1 / 7.7217 = 0.1295.
    let loan = Tranche::new(spec(
        Decimal::new(5, 2),
        Repayment::LevelPayment,
        Frequency::Yearly,
        120,
    ))
    .unwrap();
    let payment = loan.schedule().unwrap().periods()[0]
        .debt_service()
        .unwrap();
    let per_dollar = payment.ratio(usd(1_000_000)).unwrap();
    assert_eq!(per_dollar.round_dp(4), Decimal::new(1_295, 4));
    let factor = usd(1_000_000).ratio(payment).unwrap();
    assert_eq!(factor.round_dp(3), Decimal::new(7_722, 3));
    assert_eq!(factor.round_dp(4), Decimal::new(77_217, 4));
}

#[test]
fn zero_interest_pays_no_interest_and_level_principal_is_level() {
    let loan = Tranche::new(spec(
        Decimal::ZERO,
        Repayment::LevelPrincipal,
        Frequency::Monthly,
        24,
    ))
    .unwrap();
    let schedule = loan.schedule().unwrap();
    assert_eq!(schedule.total(|p| p.interest).unwrap(), Usd::ZERO);
    assert_eq!(
        schedule.periods()[0].principal,
        Usd::new(Decimal::new(4_166_667, 2))
    );
    assert_eq!(schedule.total(|p| p.principal).unwrap(), usd(1_000_000));
}

#[test]
fn a_bullet_pays_interest_then_everything_at_maturity() {
    let loan = Tranche::new(spec(
        Decimal::new(8, 2),
        Repayment::Bullet,
        Frequency::Yearly,
        36,
    ))
    .unwrap();
    let s = loan.schedule().unwrap();
    let principal: Vec<Usd> = s.periods().iter().map(|p| p.principal).collect();
    assert_eq!(principal, vec![Usd::ZERO, Usd::ZERO, usd(1_000_000)]);
    assert!(s.periods().iter().all(|p| p.interest == usd(80_000)));
    let years = debt_years(&[s]).unwrap();
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        vec![2026, 2027, 2028]
    );
    let cover = dscr_by_year(&years, &[(2026, usd(120_000)), (2029, usd(1))]).unwrap();
    assert_eq!(cover[0].dscr, Some(Decimal::new(15, 1)));
    assert_eq!(cover[1].dscr, None);
}

#[test]
fn draws_fees_floating_rates_and_equity() {
    let mut s = spec(
        Decimal::ZERO,
        Repayment::LevelPrincipal,
        Frequency::Yearly,
        48,
    );
    s.rate = InterestRate::Floating {
        index: vec![Decimal::new(4, 2), Decimal::new(3, 2)],
        spread: Decimal::new(2, 2),
    };
    s.draws = vec![
        Draw {
            date: date(2026, 3, 1),
            amount: usd(400_000),
        },
        Draw {
            date: date(2027, 6, 1),
            amount: usd(600_000),
        },
    ];
    s.upfront_fee = Decimal::new(1, 2);
    s.commitment_fee = Decimal::new(5, 3);
    let sched = Tranche::new(s).unwrap().schedule().unwrap();
    let p = sched.periods();
    // 2026: 400k drawn at 6%, interest only; 1% upfront on 1M plus 0.5% on 600k undrawn.
    assert_eq!(p[0].interest, usd(24_000));
    assert_eq!(p[0].principal, Usd::ZERO);
    assert_eq!(p[0].fees, usd(13_000));
    // 2027: the last draw, so repayment starts: 1M at 5% over 3 periods.
    assert_eq!(p[1].interest, usd(50_000));
    assert_eq!(p[1].principal, Usd::new(Decimal::new(33_333_333, 2)));
    assert_eq!(sched.total(|p| p.principal).unwrap(), usd(1_000_000));
    let uses = [Draw {
        date: date(2026, 2, 1),
        amount: usd(500_000),
    }];
    let equity = equity_contributions(&uses, &sched).unwrap();
    assert_eq!(
        equity,
        vec![Draw {
            date: date(2026, 1, 1),
            amount: usd(100_000)
        }]
    );
}

#[test]
fn invalid_terms_are_typed_errors() {
    let base = spec(Decimal::new(5, 2), Repayment::Bullet, Frequency::Yearly, 12);
    let mut s = base.clone();
    s.principal = Usd::ZERO;
    assert!(matches!(
        Tranche::new(s),
        Err(FinanceError::NonPositiveAmount {
            what: "principal",
            ..
        })
    ));
    let mut s = base.clone();
    s.term_months = 0;
    assert!(matches!(
        Tranche::new(s),
        Err(FinanceError::ZeroMonths { .. })
    ));
    let mut s = base.clone();
    s.draws = vec![Draw {
        date: date(2027, 1, 1),
        amount: usd(1),
    }];
    assert_eq!(
        Tranche::new(s),
        Err(FinanceError::DrawOutsideTerm {
            date: date(2027, 1, 1),
            start: date(2026, 1, 1),
            maturity: date(2027, 1, 1)
        })
    );
    let mut s = base.clone();
    s.rate = InterestRate::Fixed(Decimal::NEGATIVE_ONE);
    assert!(matches!(
        Tranche::new(s),
        Err(FinanceError::InvalidRate { .. })
    ));
    let mut s = base.clone();
    s.term_months = 24;
    s.rate = InterestRate::Floating {
        index: vec![Decimal::ZERO, Decimal::new(-2, 0)],
        spread: Decimal::ZERO,
    };
    assert!(matches!(
        Tranche::new(s),
        Err(FinanceError::InvalidRate { .. })
    ));
    let mut s = base;
    s.draws = vec![Draw {
        date: date(2026, 1, 1),
        amount: usd(2_000_000),
    }];
    assert!(matches!(
        Tranche::new(s),
        Err(FinanceError::OverDrawn { .. })
    ));
}

fn repayment() -> impl Strategy<Value = Repayment> {
    prop_oneof![
        Just(Repayment::LevelPayment),
        Just(Repayment::LevelPrincipal),
        Just(Repayment::Bullet)
    ]
}

proptest! {
    #[test]
    fn principal_repaid_always_equals_principal_drawn(
        cents in 1i64..100_000_000_000,
        rate_bp in 0i64..3_000,
        term in 1u32..=240,
        monthly in any::<bool>(),
        how in repayment(),
        draw_months in proptest::collection::vec(0u32..240, 0..4),
    ) {
        let principal = Usd::from_cents(cents);
        let start = date(2026, 1, 31);
        let draws: Vec<Draw> = draw_months
            .iter()
            .filter(|&&m| m < term)
            .map(|&m| Draw {
                date: crate::calendar::add_months("t", start, m).unwrap(),
                amount: Usd::from_cents((cents / 4).max(1)),
            })
            .collect();
        let frequency = if monthly { Frequency::Monthly } else { Frequency::Yearly };
        let loan = Tranche::new(TrancheSpec {
            principal,
            draws,
            rate: InterestRate::Fixed(Decimal::new(rate_bp, 4)),
            start,
            term_months: term,
            frequency,
            repayment: how,
            upfront_fee: Decimal::ZERO,
            commitment_fee: Decimal::new(5, 3),
        }).unwrap();
        let s = loan.schedule().unwrap();
        let drawn = s.total(|p| p.drawn).unwrap();
        prop_assert_eq!(s.total(|p| p.principal).unwrap(), drawn);
        prop_assert_eq!(s.periods().last().unwrap().closing_balance, Usd::ZERO);
        prop_assert!(s.periods().iter().all(|p| !p.principal.is_negative() && !p.interest.is_negative()));
    }
}
