//! NPV, IRR and payback against worked examples and invariants.

use proptest::prelude::*;
use rust_decimal::Decimal;
use wattage_finance::FinanceError;
use wattage_finance::{discounted_payback_period, irr, npv, payback_period};
use wattage_units::Usd;

fn usd(dollars: i64) -> Usd {
    Usd::new(Decimal::from(dollars))
}

fn flows(dollars: &[i64]) -> Vec<Usd> {
    dollars.iter().map(|&d| usd(d)).collect()
}

#[test]
fn npv_matches_the_spreadsheet_convention() {
    // Microsoft's NPV() example: NPV(10%, -10000, 3000, 4200, 6800) = $1,188.44,
    // which discounts the first flow too; ours does not, so divide by 1.1.
    let rate = Decimal::new(1, 1);
    let ours = npv(rate, &flows(&[-10_000, 3_000, 4_200, 6_800])).unwrap();
    let spreadsheet = ours.checked_div(Decimal::new(11, 1)).unwrap();
    assert_eq!(spreadsheet.round_to_cents(), Usd::from_cents(118_844));
    assert_eq!(npv(rate, &[]).unwrap(), Usd::ZERO);
    assert_eq!(npv(rate, &flows(&[-5])).unwrap(), usd(-5));
}

#[test]
fn npv_rejects_rates_at_or_below_minus_one() {
    let err = npv(Decimal::NEGATIVE_ONE, &flows(&[1, 2])).unwrap_err();
    assert_eq!(
        err,
        FinanceError::InvalidRate {
            what: "discount rate",
            rate: Decimal::NEGATIVE_ONE
        }
    );
    assert_eq!(
        err.to_string(),
        "discount rate must be above -1 (-100%) per period, got -1"
    );
    assert!(npv(Decimal::new(-15, 1), &flows(&[1])).is_err());
}

#[test]
fn npv_overflow_is_an_error_not_a_panic() {
    let huge = Usd::new(Decimal::MAX);
    assert!(matches!(
        npv(Decimal::ZERO, &[huge, huge]),
        Err(FinanceError::Money(_))
    ));
    // A loss beyond `Decimal`'s range, however it is summed.
    let owed = Usd::new(Decimal::MIN);
    assert!(matches!(
        npv(Decimal::new(-5, 1), &[owed, owed]),
        Err(FinanceError::Money(_))
    ));
}

/// Issue 15: a discount factor that leaves `Decimal`'s range used to make
/// representable NPVs fail.
#[test]
fn npv_over_a_thousand_periods_at_a_huge_rate_is_about_the_first_flows() {
    // 1 + 1/1001 + 1/1001^2 + ...: about $1.000999, although 1001^400 is
    // far beyond `Decimal`.
    let many = vec![usd(1); 400];
    let value = npv(Decimal::from(1_000), &many).unwrap().dollars();
    let expected = Decimal::ONE + Decimal::ONE / Decimal::from(1_000);
    assert!((value - expected).abs() < Decimal::new(1, 12), "{value}");
}

/// Horner's rule overflows on the way (the value at period 1 of the flows
/// from then on is 1.1 × MAX) although the NPV is 0.11 × MAX.
#[test]
fn npv_whose_horner_sum_overflows_on_the_way_is_still_returned() {
    let most = Usd::new(Decimal::MAX);
    let value = npv(Decimal::from(9), &[Usd::ZERO, most, most]).unwrap();
    let expected = Decimal::MAX / Decimal::from(10) + Decimal::MAX / Decimal::from(100);
    assert!((value.dollars() - expected).abs() < Decimal::ONE, "{value}");
}

#[test]
fn npv_of_a_long_annuity_is_returned_not_an_overflow() {
    // -$1,000 then $100 a year for 999 years at 8%: 100 × (1 - 1.08^-999) / 0.08 - 1000 = $250.
    let mut flows = vec![usd(-1_000)];
    flows.extend(std::iter::repeat_n(usd(100), 999));
    let value = npv(Decimal::new(8, 2), &flows).unwrap();
    assert_eq!(value.round_to_cents(), usd(250));
    // Discounted payback of the same flows: 1.08^-n = 0.2, n = 20.9 years.
    let payback = discounted_payback_period(Decimal::new(8, 2), &flows)
        .unwrap()
        .unwrap();
    assert!(
        payback > Decimal::from(20) && payback < Decimal::from(21),
        "{payback}"
    );
}

#[test]
fn npv_at_a_rate_near_minus_one_is_returned_not_a_division_by_zero() {
    // 1e-20 / (1e-7)^5 = 1e15: (1e-7)^5 is below `Decimal`'s smallest step,
    // but the NPV is not.
    let rate = Decimal::new(-9_999_999, 7);
    let tiny = Usd::new(Decimal::new(1, 20));
    let flows = [Usd::ZERO, Usd::ZERO, Usd::ZERO, Usd::ZERO, Usd::ZERO, tiny];
    let value = npv(rate, &flows).unwrap().dollars();
    let expected = Decimal::from(1_000_000_000_000_000_i64);
    assert!(
        (value - expected).abs() <= expected * Decimal::new(1, 20),
        "{value}"
    );
    let discounted = discounted_payback_period(rate, &[usd(-1), Usd::ZERO, tiny]).unwrap();
    // -1 + 1e-20 / 1e-14 = -1 + 1e-6: never pays back.
    assert_eq!(discounted, None);
    let discounted =
        discounted_payback_period(rate, &[usd(-1), Usd::ZERO, Usd::ZERO, tiny]).unwrap();
    // -1 + 1e-20 / 1e-21 = 9: pays back during the third period.
    let d = discounted.unwrap();
    assert!(d > Decimal::from(2) && d < Decimal::from(3), "{d}");
}

/// A cumulative loss beyond `Decimal`'s range, later recovered, still
/// pays back (the running sum used to overflow).
#[test]
fn payback_after_a_loss_beyond_decimal_range_is_found() {
    let most = Usd::new(Decimal::MAX);
    let least = Usd::new(Decimal::MIN);
    let flows = [least, least, most, most, most];
    assert_eq!(payback_period(&flows).unwrap(), Some(Decimal::from(3)));
    let flows = [least, least, least, most, most, most, usd(1)];
    assert_eq!(payback_period(&flows).unwrap(), Some(Decimal::from(5)));
    // Owed beyond the range, then a third of the last flow is needed.
    let third = Usd::new(Decimal::MAX / Decimal::from(3));
    let flows = [least, least, most, third, third, most];
    let period = payback_period(&flows).unwrap().unwrap();
    assert!(
        period > Decimal::from(4) && period < Decimal::from(5),
        "{period}"
    );
    assert_eq!(payback_period(&[least; 100]).unwrap(), None);
}

#[test]
fn irr_of_a_long_annuity_is_found() {
    // -$1,000 then $100 a year for 999 years: a perpetuity at 10%.
    let mut flows = vec![usd(-1_000)];
    flows.extend(std::iter::repeat_n(usd(100), 999));
    let rate = irr(&flows).unwrap();
    assert!(
        (rate - Decimal::new(1, 1)).abs() < Decimal::new(1, 9),
        "{rate}"
    );
}

#[test]
fn irr_of_worked_examples() {
    // One period: 10% exactly.
    assert_eq!(irr(&flows(&[-100, 110])).unwrap(), Decimal::new(1, 1));
    // Microsoft's IRR() example: -70,000 then 12,000 ... 26,000 gives 8.66%.
    let rate = irr(&flows(&[-70_000, 12_000, 15_000, 18_000, 21_000, 26_000])).unwrap();
    assert_eq!(rate.round_dp(4), Decimal::new(866, 4));
    // A loss: IRR below zero.
    let rate = irr(&flows(&[-100, 50])).unwrap();
    assert_eq!(rate, Decimal::new(-5, 1));
}

#[test]
fn irr_of_a_near_total_loss_is_found() {
    // $1,000 in, $1 back a period later: (1 + r) = 1 / 1,000, r = -99.9%,
    // the grid's former lowest rate, where the NPV rounds to just below zero.
    let rate = irr(&flows(&[-1_000, 1])).unwrap();
    assert!(
        (rate - Decimal::new(-999, 3)).abs() < Decimal::new(1, 9),
        "{rate}"
    );
    // $1 back on $100,000: r = -99.999%.
    let rate = irr(&flows(&[-100_000, 1])).unwrap();
    assert!(
        (rate - Decimal::new(-99_999, 5)).abs() < Decimal::new(1, 9),
        "{rate}"
    );
}

#[test]
fn irr_errors_without_a_sign_change() {
    for bad in [&[-100, -5][..], &[100, 5], &[0, 0, 0]] {
        let err = irr(&flows(bad)).unwrap_err();
        assert!(
            matches!(err, FinanceError::NoSignChange { .. }),
            "{bad:?}: {err}"
        );
        assert!(
            err.to_string()
                .starts_with("no IRR: NPV does not change sign between rate -0.999"),
            "{err}"
        );
    }
    assert_eq!(
        irr(&flows(&[-100])),
        Err(FinanceError::TooFewCashFlows { needed: 2, got: 1 })
    );
}

#[test]
fn payback_interpolates_within_the_period() {
    assert_eq!(
        payback_period(&flows(&[-1000, 300, 400, 500])).unwrap(),
        Some(Decimal::new(26, 1))
    );
    assert_eq!(
        payback_period(&flows(&[-1000, 1000])).unwrap(),
        Some(Decimal::ONE)
    );
    assert_eq!(
        payback_period(&flows(&[50, -10])).unwrap(),
        Some(Decimal::ZERO)
    );
    assert_eq!(payback_period(&flows(&[-1000, 300, 300])).unwrap(), None);
    assert_eq!(payback_period(&[]).unwrap(), None);
    // Discounting delays payback: at 10%, 300/1.1 + 400/1.21 + 500/1.331 = 978.2 < 1000.
    let d = discounted_payback_period(Decimal::new(1, 1), &flows(&[-1000, 300, 400, 500])).unwrap();
    assert_eq!(d, None);
    let d = discounted_payback_period(Decimal::new(1, 1), &flows(&[-1000, 300, 400, 500, 100]))
        .unwrap();
    let d = d.unwrap();
    assert!(d > Decimal::from(3) && d < Decimal::from(4), "{d}");
}

proptest! {
    /// The NPV summed by Horner's rule is the sum of the flows discounted
    /// one by one, to within rounding.
    #[test]
    fn npv_is_the_sum_of_the_discounted_flows(
        cents in prop::collection::vec(-1_000_000_000_000_i64..1_000_000_000_000, 1..60),
        rate_bp in -9_000_i64..100_000,
    ) {
        let rate = Decimal::new(rate_bp, 4);
        let flows: Vec<Usd> = cents.iter().map(|&c| Usd::from_cents(c)).collect();
        // The discounted flows one by one, in `f64`.
        let growth = 1.0 + rate_bp as f64 / 1e4;
        let terms: Vec<f64> = cents
            .iter()
            .zip(0_i32..)
            .map(|(&c, t)| c as f64 / 100.0 / growth.powi(t))
            .collect();
        let scale: f64 = terms.iter().map(|t| t.abs()).sum();
        prop_assume!(scale < 1e27);
        let value = npv(rate, &flows).unwrap().to_f64();
        let reference: f64 = terms.iter().sum();
        prop_assert!((value - reference).abs() <= scale * 1e-9 + 1e-12, "{} vs {}", value, reference);
    }

    #[test]
    fn npv_at_zero_rate_is_the_exact_sum(cents in prop::collection::vec(-1_000_000_000_000_i64..1_000_000_000_000, 0..40)) {
        let flows: Vec<Usd> = cents.iter().map(|&c| Usd::from_cents(c)).collect();
        prop_assert_eq!(npv(Decimal::ZERO, &flows).unwrap(), Usd::try_sum(flows.iter().copied()).unwrap());
    }

    #[test]
    fn npv_at_the_irr_is_about_zero(
        investment in 1_000_i64..10_000_000_000,
        returns in prop::collection::vec(5_u32..=50, 1..20),
    ) {
        // An investment, then returns of 5% to 50% of it each period: one sign change.
        let mut flows = vec![usd(-investment)];
        flows.extend(returns.iter().map(|&pct| usd(investment * i64::from(pct) / 100)));
        let rate = irr(&flows).unwrap();
        let residual = npv(rate, &flows).unwrap().dollars().abs();
        let tolerance = Decimal::from(investment) * Decimal::new(1, 6);
        prop_assert!(residual <= tolerance, "rate {} leaves NPV {} on {:?}", rate, residual, flows);
    }
}
