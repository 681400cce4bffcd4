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

fn two_draw_loan(start: NaiveDate, frequency: Frequency, draws: Vec<Draw>) -> Tranche {
    let principal = Usd::try_sum(draws.iter().map(|d| d.amount)).unwrap();
    Tranche::new(TrancheSpec {
        principal,
        draws,
        rate: InterestRate::Fixed(Decimal::new(7, 2)),
        start,
        term_months: 36,
        frequency,
        repayment: Repayment::LevelPayment,
        upfront_fee: Decimal::ZERO,
        commitment_fee: Decimal::ZERO,
    })
    .unwrap()
}

/// Two tranches (one yearly from January, one monthly from April) drawing
/// on different dates: in every period of the merged grid equity + debt
/// drawn = uses, and the equity is the uses less the debt.
#[test]
fn equity_of_two_tranches_drawing_on_different_dates() {
    let on = |m, d| date(2026, m, d);
    let a = two_draw_loan(
        on(1, 1),
        Frequency::Yearly,
        vec![
            Draw {
                date: on(1, 15),
                amount: usd(3_000_000),
            },
            Draw {
                date: on(9, 1),
                amount: usd(1_000_000),
            },
        ],
    );
    let b = two_draw_loan(
        on(4, 1),
        Frequency::Monthly,
        vec![Draw {
            date: on(5, 10),
            amount: usd(2_000_000),
        }],
    );
    let uses = [
        (on(1, 20), 5_000_000),
        (on(5, 1), 2_500_000),
        (on(9, 30), 1_000_000),
        (date(2025, 12, 1), 700_000),
    ]
    .map(|(date, d)| Draw {
        date,
        amount: usd(d),
    });
    let periods = equity_by_period(&uses, &[a, b]).unwrap();
    for p in &periods {
        assert_eq!(p.equity.checked_add(p.drawn).unwrap(), p.uses, "{p:?}");
    }
    let total = |f: fn(&EquityPeriod) -> Usd| Usd::try_sum(periods.iter().map(f)).unwrap();
    assert_eq!(total(|p| p.uses), usd(9_200_000));
    assert_eq!(total(|p| p.drawn), usd(6_000_000));
    assert_eq!(total(|p| p.equity), usd(3_200_000));
    // The grid: January to April is the yearly tranche's alone; from
    // April, monthly pieces; the December use is outside both terms.
    assert_eq!(periods[0].start, date(2025, 12, 1));
    assert!(!periods[0].covered);
    assert_eq!(periods[1].start, on(1, 1));
    assert_eq!(periods[1].end, on(4, 1));
    // January's uses less the January draw: $2M of equity on 1 January.
    assert_eq!(periods[1].equity, usd(2_000_000));
    // May: $2.5M of uses and the monthly tranche's $2M.
    let may = periods.iter().find(|p| p.start == on(5, 1)).unwrap();
    assert_eq!((may.drawn, may.equity), (usd(2_000_000), usd(500_000)));
}

proptest! {
    /// Any two tranches, each draw matched by at least as large a use on
    /// its date, plus uses anywhere: equity + drawn = uses in every
    /// period, and the totals balance.
    #[test]
    fn equity_plus_debt_is_the_uses_in_every_period(
        offset in 0u32..24,
        yearly in proptest::bool::ANY,
        draws in proptest::collection::vec((0u32..30, 0u32..28, 1i64..5_000_000, 0i64..1_000_000), 1..6),
        extra in proptest::collection::vec((0u32..60, 1i64..2_000_000), 0..4),
    ) {
        let start_a = date(2026, 1, 1);
        let start_b = add_months("test", start_a, offset).unwrap();
        let mut a_draws = Vec::new();
        let mut b_draws = Vec::new();
        let mut uses = Vec::new();
        for (i, (months, day, amount, more)) in draws.into_iter().enumerate() {
            let start = if i % 2 == 0 { start_a } else { start_b };
            let on = add_months("test", start, months).unwrap() + chrono::Days::new(u64::from(day));
            let draw = Draw { date: on, amount: usd(amount) };
            uses.push(Draw { date: on, amount: usd(amount + more) });
            if i % 2 == 0 { a_draws.push(draw) } else { b_draws.push(draw) }
        }
        for (months, amount) in extra {
            uses.push(Draw { date: add_months("test", start_a, months).unwrap(), amount: usd(amount) });
        }
        let mut tranches = vec![two_draw_loan(start_a, Frequency::Yearly, a_draws)];
        if !b_draws.is_empty() {
            let frequency = if yearly { Frequency::Yearly } else { Frequency::Monthly };
            tranches.push(two_draw_loan(start_b, frequency, b_draws));
        }
        let periods = equity_by_period(&uses, &tranches).unwrap();
        for p in &periods {
            prop_assert_eq!(p.equity.checked_add(p.drawn).unwrap(), p.uses);
        }
        let sum = |it: &mut dyn Iterator<Item = Usd>| Usd::try_sum(it).unwrap();
        let uses_total = sum(&mut uses.iter().map(|u| u.amount));
        let debt_total = sum(&mut tranches.iter().flat_map(|t| t.draws()).map(|d| d.amount));
        prop_assert_eq!(sum(&mut periods.iter().map(|p| p.uses)), uses_total);
        prop_assert_eq!(sum(&mut periods.iter().map(|p| p.equity)), uses_total.checked_sub(debt_total).unwrap());
    }
}

#[test]
fn plan_years_start_on_the_first_day() {
    let first = date(2026, 7, 1);
    assert_eq!(plan_year(first, date(2026, 7, 1)), 2026);
    assert_eq!(plan_year(first, date(2027, 6, 30)), 2026);
    assert_eq!(plan_year(first, date(2027, 7, 1)), 2027);
    assert_eq!(plan_year(first, date(2026, 6, 30)), 2025);
    assert_eq!(plan_year(date(2026, 1, 1), date(2030, 12, 31)), 2030);
    // A leap day start: the next plan years start on 28 February.
    let leap = date(2028, 2, 29);
    assert_eq!(plan_year(leap, date(2029, 2, 28)), 2029);
    assert_eq!(plan_year(leap, date(2029, 2, 27)), 2028);
    // Yearly periods from 1 July are summed in the plan year they end in.
    let loan = Tranche::new(TrancheSpec {
        start: first,
        ..spec(Decimal::new(5, 2), Repayment::Bullet, Frequency::Yearly, 24)
    })
    .unwrap();
    let years = debt_years_from(&[loan.schedule().unwrap()], first).unwrap();
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2026, 2027]
    );
    assert_eq!(years[1].principal, usd(1_000_000));
    let calendar = debt_years(&[loan.schedule().unwrap()]).unwrap();
    assert_eq!(
        calendar.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2027, 2028]
    );
}
