//! Projections, Monte Carlo and CBECI.

use rust_decimal::Decimal;
use wattage_mining::cbeci::{network_power, trailing_mean_hashprice};
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_mining::montecarlo::MonteCarlo;
use wattage_mining::operation::Operation;
use wattage_mining::projection::{Path, Scenario, StepLength, project};
use wattage_mining::subsidy::block_subsidy;
use wattage_mining::{BlockHeight, Difficulty, Error};
use wattage_units::{Btc, BtcPrice, EnergyPrice, HashEfficiency, Time, Usd, unit};

/// Mid-2026 from `shared/data/bitcoin/`: retarget epoch 473 (height
/// 953,568, nBits 0x170240c3, difficulty 124,932,866,006,548.16), the BTC
/// price on 2026-07-14 ($62,242.32) and 2.19 BTC of fees on 2026-08-16,
/// about 0.015 BTC a block.
fn mid_2026(steps: u32, step: StepLength) -> Scenario {
    let difficulty =
        Difficulty::from_compact(wattage_mining::CompactTarget::from_consensus(0x1702_40c3))
            .unwrap();
    assert!((difficulty.get() - 124_932_866_006_548.16).abs() < 0.05);
    Scenario::new(
        BlockHeight::new(953_568),
        difficulty,
        "$62,242.32/BTC".parse().unwrap(),
        Fees::per_block("0.015 BTC".parse().unwrap()).unwrap(),
        steps,
        step,
    )
    .unwrap()
}

fn s21xp(power: &str) -> Operation {
    Operation::new(
        "270 TH/s".parse().unwrap(),
        "13.5 J/TH".parse().unwrap(),
        power.parse().unwrap(),
    )
}

/// "What does an S21 XP earn over 36 months if hashrate grows 3% a month
/// and the price is flat? When does it stop covering $45/MWh?" The figures
/// were checked by an independent computation (plain floating point, same
/// formulas): 0.08088 BTC, $5,034.33 revenue, month index 22.
#[test]
fn s21_xp_over_36_months() {
    let scenario = mid_2026(36, StepLength::Month)
        .with_difficulty_growth(0.03)
        .unwrap();
    let op = s21xp("$45/MWh");
    let p = project(&op, &scenario, &scenario.deterministic_path().unwrap()).unwrap();
    let total = p.total().unwrap();
    assert!(
        (total.mined().to_btc_f64() - 0.080_882_74).abs() < 2e-8,
        "{}",
        total.mined()
    );
    assert!(
        (total.revenue.to_f64() - 5_034.33).abs() < 0.01,
        "{}",
        total.revenue
    );
    // 3.645 kW for 36 x 730.5 h = 95.8562 MWh at $45 = $4,313.53.
    assert!((total.energy.get(unit::MEGAWATT_HOUR) - 95.856_21).abs() < 1e-5);
    assert!(
        (total.power_cost.to_f64() - 4_313.53).abs() < 0.005,
        "{}",
        total.power_cost
    );
    assert!(
        (p.total_cash_margin().to_f64() - 720.80).abs() < 0.01,
        "{}",
        p.total_cash_margin()
    );
    // Stops covering $45/MWh in the month of the 2028 halving...
    let power: EnergyPrice = "$45/MWh".parse().unwrap();
    assert_eq!(p.first_step_revenue_per_mwh_below(power).unwrap(), Some(22));
    assert_eq!(p.first_unprofitable_step().unwrap(), Some(22));
    let halving_month = &p.steps()[22];
    assert!(halving_month.start_height < BlockHeight::new(1_050_000));
    assert!(halving_month.end_height > BlockHeight::new(1_050_000));
    // ... and without the halving it would last until index 27: $97.1/MWh / 1.03^27 < $45.
    let no_halving_revenue = p.steps()[0].economics.revenue_per_mwh().unwrap().to_f64();
    assert!(
        (no_halving_revenue - 97.13).abs() < 0.01,
        "{no_halving_revenue}"
    );
    assert!((no_halving_revenue / 1.03f64.powi(26) - 45.0) > 0.0);
    assert!((no_halving_revenue / 1.03f64.powi(27) - 45.0) < 0.0);
    // Steps tile the heights without gaps.
    for w in p.steps().windows(2) {
        assert_eq!(w[0].end_height, w[1].start_height);
    }
    assert_eq!(
        p.steps().last().unwrap().end_height,
        BlockHeight::new(953_568 + 36 * 4_383)
    );
}

#[test]
fn a_step_across_the_halving_is_paid_at_both_subsidies() {
    // One day that starts 72 blocks before the 2028 halving.
    let day = |h: u32| {
        Scenario::new(
            BlockHeight::new(h),
            Difficulty::new(150e12).unwrap(),
            "$100,000/BTC".parse().unwrap(),
            Fees::ZERO,
            1,
            StepLength::Day,
        )
        .unwrap()
    };
    let op = s21xp("$45/MWh");
    let mined = |h: u32| {
        let s = day(h);
        project(&op, &s, &s.deterministic_path().unwrap())
            .unwrap()
            .total_mined()
            .unwrap()
            .to_sat()
    };
    let before = mined(1_000_000);
    let after = mined(1_100_000);
    let across = mined(1_050_000 - 72);
    assert_eq!(before, 2 * after);
    assert!(
        (across - (before + after) / 2).abs() <= 1,
        "{across} vs {}",
        (before + after) / 2
    );
}

#[test]
fn daily_and_monthly_steps_agree() {
    let monthly = mid_2026(12, StepLength::Month);
    let days = (12.0f64 * 30.4375) as u32; // 365 days, a little short of 12 months
    let daily = mid_2026(days, StepLength::Day);
    let op = s21xp("$45/MWh");
    let m = project(&op, &monthly, &monthly.deterministic_path().unwrap()).unwrap();
    let d = project(&op, &daily, &daily.deterministic_path().unwrap()).unwrap();
    let ratio = d.total_mined().unwrap().to_btc_f64() / m.total_mined().unwrap().to_btc_f64();
    // Each step's payout is rounded to a satoshi: about 2,200 sat a day, so
    // the daily sum may differ by up to 0.5 / 2,200 relative.
    assert!((ratio - 365.0 / 365.25).abs() < 2.5e-4, "{ratio}");
}

#[test]
fn flat_scenario_matches_the_network_state() {
    let s = mid_2026(3, StepLength::Month);
    let op = s21xp("$45/MWh");
    let p = project(&op, &s, &s.deterministic_path().unwrap()).unwrap();
    let state = NetworkState::new(
        s.start_difficulty(),
        block_subsidy(s.start_height()),
        s.fees(),
    )
    .unwrap();
    let month = Time::new(1.0, unit::MONTH).unwrap();
    let direct = op.evaluate(&state, s.start_price(), month).unwrap();
    for step in p.steps() {
        assert_eq!(step.economics.mined(), direct.mined());
        assert_eq!(step.economics.revenue, direct.revenue);
    }
}

#[test]
fn payback_and_roi() {
    let s = mid_2026(36, StepLength::Month);
    let op = s21xp("$30/MWh")
        .with_capex(
            "$1,500".parse().unwrap(),
            Time::new(36.0, unit::MONTH).unwrap(),
        )
        .unwrap();
    let p = project(&op, &s, &s.deterministic_path().unwrap()).unwrap();
    let step = p.payback_step().unwrap();
    assert!(p.steps()[step].cumulative_cash_margin >= "$1,500".parse().unwrap());
    assert!(step == 0 || p.steps()[step - 1].cumulative_cash_margin < "$1,500".parse().unwrap());
    let roi = p.roi().unwrap();
    let expected = (p.total_cash_margin().to_f64() - 1_500.0) / 1_500.0;
    assert!((rust_decimal::prelude::ToPrimitive::to_f64(&roi).unwrap() - expected).abs() < 1e-12);
    // Depreciation over the 36-month life adds up to the capex.
    let dep = p.total().unwrap().depreciation;
    assert!((dep.to_f64() - 1_500.0).abs() < 1e-6, "{dep}");
}

/// Regression: depreciation used to be booked as capex x step / life on
/// every step with no cap, so 48 months of a $1,500 machine on a 24-month
/// life booked $3,000. It stops when the life ends.
#[test]
fn depreciation_stops_at_the_end_of_the_life() {
    let s = mid_2026(48, StepLength::Month);
    let op = s21xp("$30/MWh")
        .with_capex(
            "$1,500".parse().unwrap(),
            Time::new(24.0, unit::MONTH).unwrap(),
        )
        .unwrap();
    let p = project(&op, &s, &s.deterministic_path().unwrap()).unwrap();
    let dep = p.total().unwrap().depreciation;
    assert_eq!(dep.round_to_cents(), "$1,500".parse().unwrap(), "{dep}");
    // Each of the first 24 months books $62.50; the last 24 book nothing.
    let per_step = p.steps()[0].economics.depreciation;
    assert!((per_step.to_f64() - 62.5).abs() < 1e-9, "{per_step}");
    assert!(
        p.steps()[24..]
            .iter()
            .all(|s| s.economics.depreciation == Usd::ZERO)
    );
}

#[test]
fn monte_carlo_is_seeded_and_centred_on_the_deterministic_path() {
    let s = mid_2026(12, StepLength::Month)
        .with_difficulty_growth(0.03)
        .unwrap();
    let op = s21xp("$45/MWh");
    // Without volatility every path is the deterministic one.
    let flat = MonteCarlo::new(5, 1).unwrap().run(&op, &s).unwrap();
    let det = project(&op, &s, &s.deterministic_path().unwrap()).unwrap();
    let last = flat.cumulative_cash_margin.last().unwrap();
    assert_eq!(last.p05, det.total_cash_margin());
    assert_eq!(last.p95, det.total_cash_margin());
    // With volatility: reproducible, ordered, different for another seed.
    let mc = MonteCarlo::new(400, 7)
        .unwrap()
        .with_price_volatility(0.18)
        .unwrap()
        .with_difficulty_volatility(0.03)
        .unwrap();
    let a = mc.run(&op, &s).unwrap();
    assert_eq!(a, mc.run(&op, &s).unwrap());
    let b = MonteCarlo::new(400, 8)
        .unwrap()
        .with_price_volatility(0.18)
        .unwrap()
        .with_difficulty_volatility(0.03)
        .unwrap();
    assert_ne!(a, b.run(&op, &s).unwrap());
    for band in &a.cumulative_cash_margin {
        assert!(
            band.p05 <= band.p25
                && band.p25 <= band.p50
                && band.p50 <= band.p75
                && band.p75 <= band.p95
        );
    }
    // The first step has the start price on every path.
    assert_eq!(a.btc_price[0].p05, s.start_price());
    assert_eq!(a.btc_price[0].p95, s.start_price());
    // The mean price follows the (flat) deterministic path, so the median
    // sits below it by exp(-sigma^2 k / 2): 0.837 after 11 steps.
    let median_last = a.btc_price.last().unwrap().p50.to_f64();
    let expected_median = 62_242.32 * (-0.18f64 * 0.18 / 2.0 * 11.0).exp();
    assert!(
        (median_last / expected_median - 1.0).abs() < 0.1,
        "{median_last} vs {expected_median}"
    );
    // The median margin is near the deterministic one; the bands are wide.
    let det_margin = det.total_cash_margin().to_f64();
    let last = a.cumulative_cash_margin.last().unwrap();
    assert!(
        (last.p50.to_f64() - det_margin).abs() < 0.25 * det_margin.abs() + 20.0,
        "{} vs {det_margin}",
        last.p50
    );
    assert!(last.p95.to_f64() - last.p05.to_f64() > 100.0);
    assert_eq!(a.paths, 400);
    // Bad settings.
    assert!(matches!(
        MonteCarlo::new(0, 1),
        Err(Error::OutOfRange { value: 0.0, .. })
    ));
    assert!(
        MonteCarlo::new(1, 1)
            .unwrap()
            .with_price_volatility(f64::NAN)
            .is_err()
    );
}

#[test]
fn bad_scenario_settings_name_the_value() {
    let msg = |e: Error| e.to_string();
    assert_eq!(
        msg(mid_2026(3, StepLength::Month)
            .with_price_growth(12.0)
            .unwrap_err()),
        "price growth per step must be finite, above -1 (-100%) and at most 10 (+1000%), \
         got 12 (fraction per step)"
    );
    assert!(
        msg(mid_2026(3, StepLength::Month)
            .with_difficulty_growth(-1.5)
            .unwrap_err())
        .starts_with("difficulty growth per step must be")
    );
    let s = mid_2026(3, StepLength::Month);
    let too_many = Scenario::new(
        s.start_height(),
        s.start_difficulty(),
        s.start_price(),
        s.fees(),
        100_001,
        StepLength::Day,
    )
    .unwrap_err();
    assert_eq!(
        msg(too_many),
        "the number of steps must be between 1 and 100,000, got 100001 (steps)"
    );
    assert_eq!(
        msg(MonteCarlo::new(2_000_000, 1).unwrap_err()),
        "the number of paths must be between 1 and 1,000,000, got 2000000 (paths)"
    );
    let mc = MonteCarlo::new(1, 1).unwrap();
    assert_eq!(
        msg(mc.with_difficulty_volatility(2.5).unwrap_err()),
        "difficulty volatility must be finite and between 0 and 2, got 2.5 (per step)"
    );
    let long = mid_2026(100_000, StepLength::Day);
    assert_eq!(
        msg(MonteCarlo::new(1_000, 1).unwrap().paths(&long).unwrap_err()),
        "paths x steps must be at most 20,000,000 (memory for the bands), \
         got 100000000 (path steps)"
    );
}

#[test]
fn paths_must_fit_the_scenario() {
    let s = mid_2026(3, StepLength::Month);
    let short = Path::new(
        vec![s.start_price()],
        vec![s.start_difficulty()],
        vec![s.fees()],
    )
    .unwrap();
    assert!(matches!(
        project(&s21xp("$45/MWh"), &s, &short),
        Err(Error::InvalidScenario { .. })
    ));
    assert!(Path::new(vec![], vec![], vec![]).is_err());
    assert!(
        Scenario::new(
            BlockHeight::new(0),
            Difficulty::ONE,
            "$1/BTC".parse::<BtcPrice>().unwrap(),
            Fees::ZERO,
            0,
            StepLength::Day
        )
        .is_err()
    );
    assert!(
        mid_2026(3, StepLength::Month)
            .with_price_growth(-1.0)
            .is_err()
    );
    assert!(
        mid_2026(3, StepLength::Month)
            .with_difficulty_growth(f64::INFINITY)
            .is_err()
    );
}

#[test]
fn cbeci_bounds() {
    let fleet: Vec<HashEfficiency> = [17.5, 21.5, 29.5, 38.0, 98.0]
        .into_iter()
        .map(|j| HashEfficiency::new(j, unit::JOULE_PER_TERAHASH).unwrap())
        .collect();
    let network = "800 EH/s".parse().unwrap();
    // $40/PH/day at $50/MWh: threshold 33.3 J/TH, so 17.5, 21.5 and 29.5 are profitable.
    let est = network_power(
        network,
        &fleet,
        "$40/PH/day".parse().unwrap(),
        "$50/MWh".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(est.profitable, 3);
    assert!((est.threshold.get(unit::JOULE_PER_TERAHASH) - 33.333_333_333_333).abs() < 1e-9);
    let gw = |p: wattage_units::Power| p.get(unit::GIGAWATT);
    assert!((gw(est.power.lower) - 800e6 * 17.5 * 1.01 / 1e9).abs() < 1e-9);
    assert!((gw(est.power.best) - 800e6 * (17.5 + 21.5 + 29.5) / 3.0 * 1.10 / 1e9).abs() < 1e-9);
    assert!((gw(est.power.upper) - 800e6 * 29.5 * 1.20 / 1e9).abs() < 1e-9);
    let energy = est.annual_energy().unwrap();
    assert!(
        (energy.best.get(unit::TERAWATT_HOUR) - gw(est.power.best) * 8_766.0 / 1_000.0).abs()
            < 1e-9
    );
    // CCAF's 2024 figure: 138 TWh at a fleet average of 28.2 J/TH means
    // 138e12 Wh / 8,766 h / 28.2 J/TH = 558 EH/s.
    let only_avg = [HashEfficiency::new(28.2 / 1.10, unit::JOULE_PER_TERAHASH).unwrap()];
    let est = network_power(
        "558.2 EH/s".parse().unwrap(),
        &only_avg,
        "$50/PH/day".parse().unwrap(),
        "$50/MWh".parse().unwrap(),
    )
    .unwrap();
    assert!((est.annual_energy().unwrap().best.get(unit::TERAWATT_HOUR) - 138.0).abs() < 0.1);
    // Nothing profitable, or a free-power world: typed errors.
    assert!(matches!(
        network_power(
            network,
            &fleet,
            "$1/PH/day".parse().unwrap(),
            "$50/MWh".parse().unwrap()
        ),
        Err(Error::NotEnoughData { .. })
    ));
    assert!(
        network_power(
            network,
            &fleet,
            "$40/PH/day".parse().unwrap(),
            EnergyPrice::new(Decimal::ZERO).unwrap()
        )
        .is_err()
    );
    assert!(
        network_power(
            network,
            &[],
            "$40/PH/day".parse().unwrap(),
            "$50/MWh".parse().unwrap()
        )
        .is_err()
    );
    // 14-day smoothing.
    let days: Vec<wattage_units::Hashprice> = (1..=20)
        .map(|k| wattage_units::Hashprice::new(Decimal::from(k)).unwrap())
        .collect();
    assert_eq!(
        trailing_mean_hashprice(&days, 14).unwrap().value(),
        Decimal::new(135, 1)
    );
    let _ = Usd::ZERO;
    let _ = Btc::ZERO;
}

#[test]
fn the_catalog_s21_xp_is_the_one_in_the_question() {
    let miner = wattage_hardware::catalog::asic("Antminer S21 XP").unwrap();
    let from_catalog = Operation::from_miner(&miner, 1, "$45/MWh".parse().unwrap()).unwrap();
    let explicit = s21xp("$45/MWh");
    let s = mid_2026(36, StepLength::Month)
        .with_difficulty_growth(0.03)
        .unwrap();
    let path = s.deterministic_path().unwrap();
    let a = project(&from_catalog, &s, &path).unwrap();
    let b = project(&explicit, &s, &path).unwrap();
    assert_eq!(a.total_mined().unwrap(), b.total_mined().unwrap());
    assert_eq!(a.total_cash_margin(), b.total_cash_margin());
}

#[test]
fn cbeci_on_the_hardware_catalog() {
    let miners = wattage_hardware::catalog::asic_miners();
    // $50/PH/day at CBECI's $0.05/kWh: machines up to 41.7 J/TH are profitable.
    let est = wattage_mining::cbeci::network_power_from_catalog(
        "650 EH/s".parse().unwrap(),
        miners,
        "$50/PH/day".parse().unwrap(),
        wattage_mining::cbeci::CBECI_DEFAULT_PRICE.parse().unwrap(),
    )
    .unwrap();
    let profitable: Vec<f64> = miners
        .iter()
        .map(|m| m.efficiency().get(unit::JOULE_PER_TERAHASH))
        .filter(|j| *j <= 50.0 / (50.0 * 0.024))
        .collect();
    assert_eq!(est.profitable, profitable.len());
    assert!(
        est.profitable < miners.len(),
        "the S9 generation is not profitable"
    );
    let best = profitable.iter().min_by(|a, b| a.total_cmp(b)).unwrap();
    assert!((est.power.lower.get(unit::WATT) - 650e6 * best * 1.01).abs() < 1.0);
}

#[test]
fn a_custom_fee_path_moves_revenue() {
    let s = mid_2026(4, StepLength::Month);
    let base = s.deterministic_path().unwrap();
    // Fees jump to 0.5 BTC a block (a Runes-style fee rush) in step 2 only.
    let mut fees = base.fees().to_vec();
    fees[2] = Fees::per_block("0.5 BTC".parse().unwrap()).unwrap();
    let rush = Path::new(base.prices().to_vec(), base.difficulties().to_vec(), fees).unwrap();
    let op = s21xp("$45/MWh");
    let a = project(&op, &s, &base).unwrap();
    let b = project(&op, &s, &rush).unwrap();
    for k in [0, 1, 3] {
        assert_eq!(
            a.steps()[k].economics.revenue,
            b.steps()[k].economics.revenue
        );
    }
    // (3.125 + 0.5) / (3.125 + 0.015) = 1.1545 times the step's revenue.
    let ratio =
        b.steps()[2].economics.mined().to_btc_f64() / a.steps()[2].economics.mined().to_btc_f64();
    assert!(
        (ratio - (3.125 + 0.5) / (3.125 + 0.015)).abs() < 1e-5,
        "{ratio}"
    );
}
