//! An operation along network projections and Monte Carlo paths, and CBECI.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use wattage_mining::cbeci::{network_power, trailing_mean_hashprice};
use wattage_mining::hashprice::{Fees, NetworkState};
use wattage_mining::network_montecarlo::{FeeProcess, NetworkMonteCarlo, NetworkMonteCarloSpec};
use wattage_mining::network_projection::{
    NetworkProjection, NetworkStart, PricePath, project_network,
};
use wattage_mining::network_response::{ResponseModel, ResponseSpec};
use wattage_mining::operation::Operation;
use wattage_mining::operation_projection::{StepLength, monte_carlo, project, project_path};
use wattage_mining::{BlockHeight, Error};
use wattage_units::{Btc, EnergyPrice, HashEfficiency, Time, Usd, unit};

/// Mid-2026 from `shared/data/bitcoin/` through the shipped history: on
/// 2026-06-15 retarget epoch 473 is in force (from height 953,568, nBits
/// 0x170240c3, difficulty 124,932,866,006,548.16); the BTC price on
/// 2026-07-14 ($62,242.32) and 2.19 BTC of fees on 2026-08-16, about
/// 0.015 BTC a block.
fn mid_2026() -> NetworkStart {
    let start = NetworkStart::from_history(
        NaiveDate::from_ymd_opt(2026, 6, 15).unwrap(),
        "$62,242.32/BTC".parse().unwrap(),
        "0.015 BTC".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(start.bits.to_consensus(), 0x1702_40c3);
    start
}

/// `days` days of the network from `start` with hashrate growing
/// `monthly` (a fraction) a month whatever the hashprice, at a flat price.
fn growing(start: &NetworkStart, monthly: f64, days: u32) -> NetworkProjection {
    let model = ResponseModel::exogenous(monthly.ln_1p()).unwrap();
    project_network(start, &model, &PricePath::Constant(start.btc_price), days).unwrap()
}

fn s21xp(power: &str) -> Operation {
    Operation::new(
        "270 TH/s".parse().unwrap(),
        "13.5 J/TH".parse().unwrap(),
        power.parse().unwrap(),
    )
}

/// "What does an S21 XP earn over 36 months if hashrate grows 3% a month
/// and the price is flat? When does it stop covering $45/MWh?"
///
/// The fixed-rate model this replaces (difficulty x 1.03 each 30.4375-day
/// month from the start, 600 s blocks) gave 0.08088274 BTC, $5,034.33 of
/// revenue and month index 22, checked then by an independent
/// computation. Growing the *hashrate* instead, blocks come about 1.3%
/// faster (3% a month, retargeted every two weeks), so the halving falls
/// 9 days earlier (2028-04-05 instead of 2028-04-14) and those 9 days are
/// paid half: about 0.0003 BTC less. The difficulty lags the hashrate by
/// about two weeks in both models (a month's step held from its start,
/// or a retarget to the last two weeks' mean).
#[test]
fn s21_xp_over_36_months() {
    let start = mid_2026();
    let network = growing(&start, 0.03, 1_096);
    let op = s21xp("$45/MWh");
    let p = project(&op, &network, StepLength::Month).unwrap();
    let total = p.total().unwrap();
    let mined = total.mined().to_btc_f64();
    assert!(
        (mined / 0.080_882_74 - 1.0).abs() < 0.01,
        "{mined} vs the fixed-rate model's 0.08088274"
    );
    assert_eq!(total.mined(), Btc::from_sat(8_044_077));
    // 3.645 kW for 1,096 x 24 h = 95.87808 MWh at $45 = $4,314.5136.
    assert!((total.energy.get(unit::MEGAWATT_HOUR) - 95.878_08).abs() < 1e-6);
    assert_eq!(total.power_cost, "$4,314.5136".parse().unwrap());
    assert_eq!(
        total.revenue.checked_sub(total.power_cost).unwrap(),
        p.total_cash_margin()
    );
    // The first day: 270 TH/s x 86,400 s / (124.93 T x 2^32) x 3.14 BTC
    // x $62,242.32 / (3.645 kW x 24 h) = $97.13/MWh.
    let first = &p.steps()[0];
    let day0 =
        270e12 * 86_400.0 / (124_932_866_006_548.16 * 2f64.powi(32)) * (3.125 + 0.015) * 62_242.32
            / (3.645 * 24.0 / 1_000.0);
    assert!((day0 - 97.13).abs() < 0.01, "{day0}");
    // June's second half holds a retarget (to 125.73 T on 2026-06-28).
    let june = first.economics.revenue_per_mwh().unwrap().to_f64();
    assert!(june < day0 && june > day0 * 124.93 / 125.73, "{june}");
    // Stops covering $45/MWh in the month of the 2028 halving...
    let power: EnergyPrice = "$45/MWh".parse().unwrap();
    assert_eq!(p.first_step_revenue_per_mwh_below(power).unwrap(), Some(22));
    assert_eq!(p.first_unprofitable_step().unwrap(), Some(22));
    let halving_month = &p.steps()[22];
    assert_eq!(
        halving_month.start_date,
        NaiveDate::from_ymd_opt(2028, 4, 1).unwrap()
    );
    assert!(halving_month.start_height < BlockHeight::new(1_050_000));
    assert!(halving_month.end_height > BlockHeight::new(1_050_000));
    assert_eq!(
        network.halvings()[0].date().unwrap().to_string(),
        "2028-04-05"
    );
    // ... the month before still earns more than $45/MWh.
    let march = p.steps()[21].economics.revenue_per_mwh().unwrap().to_f64();
    assert!(march > 45.0 && march < 60.0, "{march}");
    // Steps tile the days and heights without gaps.
    for w in p.steps().windows(2) {
        assert_eq!(w[0].end_height, w[1].start_height);
        assert_eq!(w[1].start_date.day0(), 0);
    }
    assert_eq!(p.steps().iter().map(|s| s.days).sum::<u32>(), 1_096);
    assert_eq!(p.steps().len(), 37); // half of June 2026 ... half of June 2029
    assert_eq!(p.steps()[0].start_height, start.height);
    assert_eq!(
        p.steps().last().unwrap().end_height,
        network.days().last().unwrap().height
    );
}

/// A start `height` with the difficulty of mid-2026 and the hashrate it
/// implies (144 blocks a day), no fees, at $100,000.
fn at_height(height: u32) -> NetworkStart {
    let mut start = mid_2026();
    start.height = BlockHeight::new(height);
    start.btc_price = "$100,000/BTC".parse().unwrap();
    start.fees_per_block = Btc::ZERO;
    start
}

#[test]
fn a_day_across_the_halving_is_paid_at_both_subsidies() {
    let op = s21xp("$45/MWh");
    let mined = |h: u32| {
        let network = growing(&at_height(h), 0.0, 1);
        assert!((network.days()[0].blocks - 144.0).abs() < 1e-6);
        project(&op, &network, StepLength::Day)
            .unwrap()
            .total_mined()
            .unwrap()
            .to_sat()
    };
    // No retarget inside any of these days (heights 64, 1,280 and 1,608
    // into their epochs).
    let before = mined(1_000_000);
    let after = mined(1_100_000);
    // The day starts 72 blocks (half a day) before the 2028 halving.
    let across = mined(1_050_000 - 72);
    assert!((before - 2 * after).abs() <= 1, "{before} vs {after}");
    assert!(
        (across - (before + after) / 2).abs() <= 1,
        "{across} vs {}",
        (before + after) / 2
    );
}

#[test]
fn monthly_steps_sum_their_days() {
    let network = growing(&mid_2026(), 0.03, 400);
    let op = s21xp("$45/MWh");
    let months = project(&op, &network, StepLength::Month).unwrap();
    let days = project(&op, &network, StepLength::Day).unwrap();
    assert_eq!(days.steps().len(), 400);
    assert_eq!(months.total_mined().unwrap(), days.total_mined().unwrap());
    assert_eq!(months.total_cash_margin(), days.total_cash_margin());
    let mut k = 0;
    for m in months.steps() {
        let these = &days.steps()[k..k + m.days as usize];
        assert_eq!(these[0].start_date, m.start_date);
        assert_eq!(these[0].start_height, m.start_height);
        let sum = Btc::try_sum(these.iter().map(|d| d.economics.mined())).unwrap();
        assert_eq!(sum, m.economics.mined());
        k += m.days as usize;
    }
}

#[test]
fn a_flat_network_matches_the_network_state() {
    let start = mid_2026();
    let network = growing(&start, 0.0, 30);
    let op = s21xp("$45/MWh");
    let p = project(&op, &network, StepLength::Day).unwrap();
    let day = Time::new(1.0, unit::DAY).unwrap();
    let fees = Fees::per_block(start.fees_per_block).unwrap();
    let first_retarget = network.retargets()[0].date().unwrap();
    let mut checked = 0;
    for (s, d) in p.steps().iter().zip(network.days()) {
        if d.date >= first_retarget {
            break;
        }
        let state = NetworkState::at_height(d.difficulty, s.start_height, fees).unwrap();
        let direct = op.evaluate(&state, start.btc_price, day).unwrap();
        assert_eq!(s.economics.mined(), direct.mined());
        assert_eq!(s.economics.revenue, direct.revenue);
        checked += 1;
    }
    assert!(checked >= 12, "{checked}");
}

#[test]
fn payback_and_roi() {
    let network = growing(&mid_2026(), 0.0, 1_096);
    let capex: Usd = "$1,500".parse().unwrap();
    let op = s21xp("$30/MWh")
        .with_capex(capex, Time::new(36.0, unit::MONTH).unwrap())
        .unwrap();
    let p = project(&op, &network, StepLength::Month).unwrap();
    let step = p.payback_step().unwrap();
    assert!(p.steps()[step].cumulative_cash_margin >= capex);
    assert!(step == 0 || p.steps()[step - 1].cumulative_cash_margin < capex);
    let roi = p.roi().unwrap();
    let expected = (p.total_cash_margin().to_f64() - 1_500.0) / 1_500.0;
    assert!((rust_decimal::prelude::ToPrimitive::to_f64(&roi).unwrap() - expected).abs() < 1e-12);
    // Depreciation over the 36-month life (1,095.75 days) adds up to the
    // capex within the 1,096 days.
    let dep = p.total().unwrap().depreciation;
    assert!((dep.to_f64() - 1_500.0).abs() < 1e-6, "{dep}");
    // Without a machine cost there is nothing to repay: step 0.
    let free = project(&s21xp("$30/MWh"), &network, StepLength::Month).unwrap();
    assert_eq!(free.payback_step(), Some(0));
}

/// Depreciation stops when the life ends: 48 months of a $1,500 machine
/// on a 24-month life book $1,500, not $3,000.
#[test]
fn depreciation_stops_at_the_end_of_the_life() {
    let network = growing(&mid_2026(), 0.0, 1_461);
    let op = s21xp("$30/MWh")
        .with_capex(
            "$1,500".parse().unwrap(),
            Time::new(24.0, unit::MONTH).unwrap(),
        )
        .unwrap();
    let p = project(&op, &network, StepLength::Month).unwrap();
    let dep = p.total().unwrap().depreciation;
    assert_eq!(dep.round_to_cents(), "$1,500".parse().unwrap(), "{dep}");
    // July 2026 books 31 days of the 730.5-day life: $63.655.
    let july = p.steps()[1].economics.depreciation.to_f64();
    assert!((july - 1_500.0 * 31.0 / 730.5).abs() < 1e-6, "{july}");
    // The life ends on 2028-06-14 (730.5 days from 2026-06-15); nothing after.
    assert!(
        p.steps()
            .iter()
            .filter(|s| s.start_date >= NaiveDate::from_ymd_opt(2028, 7, 1).unwrap())
            .all(|s| s.economics.depreciation == Usd::ZERO)
    );
}

fn quiet_spec(paths: u32, days: u32) -> NetworkMonteCarloSpec {
    NetworkMonteCarloSpec {
        paths,
        days,
        price_volatility: 0.0,
        hashrate_volatility: 0.0,
        fees: FeeProcess {
            level_btc: 0.015,
            volatility: 0.0,
            spike_probability: 0.0,
            ..FeeProcess::default()
        },
        ..NetworkMonteCarloSpec::default()
    }
}

#[test]
fn a_monte_carlo_path_without_noise_is_the_projection() {
    let start = mid_2026();
    let model = ResponseModel::try_from(ResponseSpec::default()).unwrap();
    let mc = NetworkMonteCarlo::new(quiet_spec(3, 200), model.clone()).unwrap();
    let network =
        project_network(&start, &model, &PricePath::Constant(start.btc_price), 200).unwrap();
    let op = s21xp("$45/MWh");
    let direct = project(&op, &network, StepLength::Month).unwrap();
    let along = project_path(&op, &mc.path(&start, 1).unwrap(), StepLength::Month).unwrap();
    assert_eq!(along.total_mined().unwrap(), direct.total_mined().unwrap());
    assert_eq!(along.total_cash_margin(), direct.total_cash_margin());
    let bands = monte_carlo(&op, &mc, &start, StepLength::Month).unwrap();
    let last = bands.cumulative_cash_margin.last().unwrap();
    assert_eq!(
        (last.p05, last.p95),
        (direct.total_cash_margin(), direct.total_cash_margin())
    );
    assert_eq!(bands.start_date.len(), direct.steps().len());
}

#[test]
fn operation_bands_are_seeded_ordered_and_spread_with_the_price() {
    let start = mid_2026();
    let model = ResponseModel::try_from(ResponseSpec::default()).unwrap();
    let op = s21xp("$45/MWh");
    let spec = NetworkMonteCarloSpec {
        paths: 200,
        days: 365,
        seed: 7,
        ..NetworkMonteCarloSpec::default()
    };
    let mc = NetworkMonteCarlo::new(spec, model.clone()).unwrap();
    let a = monte_carlo(&op, &mc, &start, StepLength::Month).unwrap();
    assert_eq!(a, monte_carlo(&op, &mc, &start, StepLength::Month).unwrap());
    let other = NetworkMonteCarlo::new(NetworkMonteCarloSpec { seed: 8, ..spec }, model).unwrap();
    assert_ne!(
        a,
        monte_carlo(&op, &other, &start, StepLength::Month).unwrap()
    );
    for band in &a.cumulative_cash_margin {
        assert!(
            band.p05 <= band.p25
                && band.p25 <= band.p50
                && band.p50 <= band.p75
                && band.p75 <= band.p95
        );
    }
    let mined = a.total_mined;
    assert!(mined.p05 <= mined.p50 && mined.p50 <= mined.p95);
    // Every path starts at the start's price.
    assert_eq!(a.btc_price[0].p05, start.btc_price);
    assert_eq!(a.btc_price[0].p95, start.btc_price);
    // At 60% a year the year's price spread is wide, and the margin with it.
    let last = a.cumulative_cash_margin.last().unwrap();
    assert!(last.p95.to_f64() - last.p05.to_f64() > 100.0, "{last:?}");
    assert_eq!(a.paths, 200);
    assert!(a.paths_paid_back <= a.paths);
}

#[cfg(feature = "rayon")]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3))]
    #[test]
    fn operation_bands_are_identical_at_one_and_two_threads(seed in proptest::prelude::any::<u64>()) {
        let spec = NetworkMonteCarloSpec { paths: 16, days: 90, seed, ..NetworkMonteCarloSpec::default() };
        let mc = NetworkMonteCarlo::new(spec, ResponseModel::try_from(ResponseSpec::default()).unwrap()).unwrap();
        let op = s21xp("$45/MWh");
        let on = |threads| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| monte_carlo(&op, &mc, &mid_2026(), StepLength::Day).unwrap())
        };
        proptest::prop_assert_eq!(on(1), on(2));
    }
}

#[test]
fn a_custom_fee_path_moves_revenue() {
    let start = mid_2026();
    let model = ResponseModel::try_from(ResponseSpec::default()).unwrap();
    let mc = NetworkMonteCarlo::new(quiet_spec(1, 4), model).unwrap();
    let base = mc.path(&start, 0).unwrap();
    // Fees jump to 0.5 BTC a block (a Runes-style fee rush) on day 2 only.
    let mut rush = base.clone();
    rush.fees_btc[2] = 0.5;
    let op = s21xp("$45/MWh");
    let a = project_path(&op, &base, StepLength::Day).unwrap();
    let b = project_path(&op, &rush, StepLength::Day).unwrap();
    for k in [0, 1, 3] {
        assert_eq!(
            a.steps()[k].economics.revenue,
            b.steps()[k].economics.revenue
        );
    }
    // (3.125 + 0.5) / (3.125 + 0.015) = 1.1545 times the day's revenue.
    let ratio =
        b.steps()[2].economics.mined().to_btc_f64() / a.steps()[2].economics.mined().to_btc_f64();
    assert!(
        (ratio - (3.125 + 0.5) / (3.125 + 0.015)).abs() < 1e-3,
        "{ratio}"
    );
    // A path whose series no longer line up is refused, not truncated.
    let mut short = base.clone();
    short.btc_price.pop();
    assert!(matches!(
        project_path(&op, &short, StepLength::Day),
        Err(Error::InvalidScenario { .. })
    ));
    let mut empty = base;
    for v in [
        &mut empty.difficulty,
        &mut empty.blocks,
        &mut empty.hashrate_ehs,
        &mut empty.btc_price,
        &mut empty.fees_btc,
    ] {
        v.clear();
    }
    empty.height.clear();
    assert!(matches!(
        project_path(&op, &empty, StepLength::Day),
        Err(Error::InvalidScenario { .. })
    ));
}

#[test]
fn a_compounding_price_and_its_bad_growth() {
    let start = mid_2026();
    let path = PricePath::Compounding {
        start: start.btc_price,
        monthly_growth: 0.02,
    };
    let model = ResponseModel::exogenous(0.0).unwrap();
    let network = project_network(&start, &model, &path, 400).unwrap();
    let p = project(&s21xp("$45/MWh"), &network, StepLength::Month).unwrap();
    // Month k starts about k - 0.5 months in; its price ~ 1.02^(days / 30.436875).
    let july = p.steps()[1].btc_price.to_f64();
    assert!(
        (july / 62_242.32 - 1.02f64.powf(16.0 / 30.436_875)).abs() < 1e-9,
        "{july}"
    );
    assert!(
        p.steps()
            .windows(2)
            .all(|w| w[1].btc_price > w[0].btc_price)
    );
    let bad = PricePath::Compounding {
        start: start.btc_price,
        monthly_growth: -1.5,
    };
    assert_eq!(
        project_network(&start, &model, &bad, 10)
            .unwrap_err()
            .to_string(),
        "the monthly price growth must be finite, above -1 (-100%) and at most 10 (+1000%), \
         got -1.5 (fraction per month)"
    );
    assert!(project_network(&start, &model, &PricePath::Daily(vec![]), 10).is_err());
}

#[test]
fn the_catalog_s21_xp_is_the_one_in_the_question() {
    let miner = wattage_hardware::catalog::asic("Antminer S21 XP").unwrap();
    let from_catalog = Operation::from_miner(&miner, 1, "$45/MWh".parse().unwrap()).unwrap();
    let explicit = s21xp("$45/MWh");
    let network = growing(&mid_2026(), 0.03, 1_096);
    let a = project(&from_catalog, &network, StepLength::Month).unwrap();
    let b = project(&explicit, &network, StepLength::Month).unwrap();
    assert_eq!(a.total_mined().unwrap(), b.total_mined().unwrap());
    assert_eq!(a.total_cash_margin(), b.total_cash_margin());
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
