//! The network-response model, network projections and the backtest.

use chrono::NaiveDate;
use proptest::prelude::*;
use wattage_mining::Error;
use wattage_mining::backtest::{self, BacktestSpec, Model};
use wattage_mining::network_projection::{NetworkStart, PricePath, project_network};
use wattage_mining::network_response::{
    ElectricityPrices, PricePoint, ResponseModel, ResponseSpec,
};
use wattage_units::{Hashprice, Hashrate, unit};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn model() -> ResponseModel {
    ResponseModel::try_from(ResponseSpec::default()).unwrap()
}

proptest! {
    #[test]
    fn higher_hashprice_never_lowers_the_hashrate_target(
        low in 10.0f64..500.0, extra in 0.0f64..500.0, eh in 10.0f64..2000.0, year in 2018i32..2026,
    ) {
        let network = Hashrate::new(eh, unit::EXAHASH_PER_SECOND).unwrap();
        let date = day(year, 6, 1);
        let at = |h: f64| model().target_hashrate(network, Hashprice::from_f64(h).unwrap(), date);
        match (at(low), at(low + extra)) {
            (Ok(a), Ok(b)) => prop_assert!(b >= a),
            // Unprofitable at the lower price only: the target rises from none.
            (Err(Error::NoProfitableMachine { .. }), _) => {}
            (a, b) => prop_assert!(false, "{a:?} {b:?}"),
        }
    }
}

#[test]
fn no_profitable_machine_is_a_typed_error_with_the_hashprice() {
    let err = model()
        .target_hashrate(
            "600 EH/s".parse().unwrap(),
            "$1/PH/day".parse().unwrap(),
            day(2024, 1, 1),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::NoProfitableMachine { hashprice_usd_per_ph_day, .. } if hashprice_usd_per_ph_day == 1.0),
        "{err}"
    );
    assert!(matches!(
        model().frontier_efficiency(day(2014, 1, 1)),
        Err(Error::NoMachineOnOffer { .. })
    ));
    let zero = ElectricityPrices::new(vec![PricePoint {
        usd_per_mwh: 0.0,
        share: 1.0,
    }]);
    assert!(matches!(zero, Err(Error::NotPositive { value, .. }) if value == 0.0));
}

#[test]
fn faster_hashrate_growth_brings_the_halving_sooner() {
    let start = NetworkStart::from_history(
        day(2023, 6, 1),
        "$27,000/BTC".parse().unwrap(),
        "0.1 BTC".parse().unwrap(),
    )
    .unwrap();
    let halving = |g: f64| {
        let p = project_network(
            &start,
            &ResponseModel::exogenous(g).unwrap(),
            &PricePath::Constant(start.btc_price),
            500,
        )
        .unwrap();
        p.halvings()[0].time
    };
    let (flat, fast) = (halving(0.0), halving(0.05));
    assert!(fast < flat - 86_400 * 5, "{fast} vs {flat}");
    // The real halving came on 2024-04-20; the flat forecast lands within weeks of it.
    let flat_day = chrono::DateTime::from_timestamp(flat, 0)
        .unwrap()
        .date_naive();
    assert!(
        (flat_day - day(2024, 4, 20)).num_days().abs() < 40,
        "{flat_day}"
    );
}

#[test]
fn difficulty_follows_hashrate_through_clamped_retargets() {
    let start = NetworkStart::from_history(
        day(2024, 1, 1),
        "$42,000/BTC".parse().unwrap(),
        "0.2 BTC".parse().unwrap(),
    )
    .unwrap();
    let p = project_network(
        &start,
        &ResponseModel::exogenous(0.02).unwrap(),
        &PricePath::Constant(start.btc_price),
        365,
    )
    .unwrap();
    for pair in p.retargets().windows(2) {
        assert_eq!(pair[1].height.get() - pair[0].height.get(), 2016);
        let ratio = pair[1].difficulty.get() / pair[0].difficulty.get();
        assert!((0.25..=4.0).contains(&ratio));
        assert!(
            ratio > 1.0,
            "growing hashrate raises every retarget: {ratio}"
        );
    }
    // Block times are below 600 s while the hashrate outruns the difficulty.
    let d = &p.days()[200];
    assert!(d.blocks > 144.0, "{}", d.blocks);
}

#[test]
fn a_price_collapse_switches_machines_off_without_failing() {
    let start = NetworkStart::from_history(
        day(2022, 6, 1),
        "$30,000/BTC".parse().unwrap(),
        "0.1 BTC".parse().unwrap(),
    )
    .unwrap();
    let cheap = PricePath::Constant("$500/BTC".parse().unwrap());
    let p = project_network(&start, &model(), &cheap, 120).unwrap();
    let first = p.days()[0].hashrate;
    let last = p.days().last().unwrap().hashrate;
    assert!(last.get(unit::HASH_PER_SECOND) < first.get(unit::HASH_PER_SECOND) / 4.0);
    assert!(p.days().iter().all(|d| d.hashprice.to_f64().is_finite()));
}

#[test]
fn the_response_models_12_month_error_is_no_worse_than_constant_growth() {
    let report = backtest::run(&BacktestSpec::default()).unwrap();
    assert_eq!(report.origins(), 90);
    let constant = report.mape(Model::ConstantGrowth, 12).unwrap();
    let response = report.mape(Model::NetworkResponse, 12).unwrap();
    assert!(
        response <= constant,
        "response {response:.1}% vs constant growth {constant:.1}%"
    );
}

#[test]
fn backtest_origins_past_the_history_are_typed_errors() {
    let spec = BacktestSpec {
        last_origin: day(2026, 1, 1),
        ..BacktestSpec::default()
    };
    assert!(matches!(
        backtest::run(&spec),
        Err(Error::PastHistory { .. })
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn projections_never_panic_and_every_ok_is_finite(
        price in 0.01f64..1e9, fees in 0.0f64..100.0, hurdle in 0.0f64..110.0, rate in 0.0f64..1.1,
        lag in 0.0f64..130.0, year in 2017i32..2027, days in 0u32..400,
    ) {
        let spec = ResponseSpec { hurdle, deployment_rate: rate, switch_off_rate: rate, adoption_lag_months: lag, ..ResponseSpec::default() };
        let Ok(model) = ResponseModel::try_from(spec) else { return Ok(()) };
        let Ok(price) = wattage_units::BtcPrice::from_f64(price) else { return Ok(()) };
        let fees = wattage_units::Btc::from_btc_rounded(rust_decimal::Decimal::try_from(fees).unwrap()).unwrap();
        let Ok(start) = NetworkStart::from_history(day(year, 3, 1), price, fees) else { return Ok(()) };
        let projected = project_network(&start, &model, &PricePath::Constant(price), days);
        // The one error a valid start may meet: no catalog machine released
        // `lag` months before a date (the earliest catalog releases are in
        // 2016, so a 2017 start with a long lag has none).
        let no_machine = matches!(projected, Err(Error::NoMachineOnOffer { .. }));
        prop_assert!(projected.is_ok() || days == 0 || no_machine, "{projected:?}");
        if let Ok(p) = projected {
            for d in p.days() {
                prop_assert!(d.hashrate.get(unit::HASH_PER_SECOND).is_finite() && d.blocks.is_finite());
                prop_assert!(d.difficulty.get().is_finite() && d.hashprice.to_f64().is_finite());
            }
        }
    }
}

/// Shares near `f64::MAX` summed to infinity, normalised every share to
/// zero, and the quantile fell to the dearest price whatever `q` was.
#[test]
fn capacity_shares_near_the_largest_float_keep_their_proportions() {
    let point = |usd_per_mwh, share| PricePoint { usd_per_mwh, share };
    let huge =
        ElectricityPrices::new(vec![point(30.0, f64::MAX), point(90.0, f64::MAX / 3.0)]).unwrap();
    let plain = ElectricityPrices::new(vec![point(30.0, 3.0), point(90.0, 1.0)]).unwrap();
    for q in [0.1, 0.5, 0.75, 0.76, 1.0] {
        assert_eq!(huge.quantile(q).unwrap(), plain.quantile(q).unwrap(), "{q}");
    }
    assert_eq!(huge.quantile(0.5).unwrap(), 30.0);
}

/// An electricity price near `f64::MAX` $/MWh made the marginal cost
/// infinite inside an `Ok`.
#[test]
fn a_marginal_cost_that_is_not_finite_is_refused_when_the_model_is_built() {
    let point = PricePoint {
        usd_per_mwh: f64::MAX / 2.0,
        share: 1.0,
    };
    let spec = ResponseSpec {
        electricity: ElectricityPrices::new(vec![point]).unwrap(),
        ..ResponseSpec::default()
    };
    let err = ResponseModel::try_from(spec).unwrap_err();
    assert!(
        matches!(
            err,
            Error::OutOfRange {
                unit: "($/PH/day)",
                ..
            }
        ),
        "{err}"
    );
    let cost = model().marginal_cost(day(2025, 1, 1)).unwrap();
    assert!(cost.is_finite() && cost > 0.0);
}
