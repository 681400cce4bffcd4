//! Monte Carlo over the network: ordered bands, per-path streams, threads.

use chrono::NaiveDate;
use proptest::prelude::*;
use wattage_mining::network_montecarlo::{NetworkMonteCarlo, NetworkMonteCarloSpec};
use wattage_mining::network_projection::NetworkStart;
use wattage_mining::network_response::{ResponseModel, ResponseSpec};

fn start() -> NetworkStart {
    let date = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    NetworkStart::from_history(
        date,
        "$105,000/BTC".parse().unwrap(),
        "0.03 BTC".parse().unwrap(),
    )
    .unwrap()
}

fn mc(spec: NetworkMonteCarloSpec) -> NetworkMonteCarlo {
    NetworkMonteCarlo::new(
        spec,
        ResponseModel::try_from(ResponseSpec::default()).unwrap(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    #[test]
    fn monte_carlo_bands_are_ordered_at_every_step(seed in any::<u64>(), vol in 0.0f64..1.5, rho in -1.0f64..=1.0) {
        let spec = NetworkMonteCarloSpec { paths: 24, days: 60, seed, price_volatility: vol, correlation: rho, ..Default::default() };
        let bands = mc(spec).run(&start()).unwrap();
        for series in [&bands.btc_price, &bands.hashrate_ehs, &bands.difficulty, &bands.fees_btc, &bands.hashprice] {
            prop_assert_eq!(series.len(), 60);
            for b in series.iter() {
                prop_assert!(b.p05 <= b.p25 && b.p25 <= b.p50 && b.p50 <= b.p75 && b.p75 <= b.p95, "{:?}", b);
            }
        }
    }
}

#[test]
fn price_and_hashrate_move_together() {
    let spec = NetworkMonteCarloSpec {
        paths: 200,
        days: 365,
        seed: 3,
        ..Default::default()
    };
    let paths = mc(spec).paths(&start()).unwrap();
    // Rank correlation proxy: paths whose price ends above the median end
    // with more hashrate on average than those below.
    let mut by_price: Vec<_> = paths
        .iter()
        .map(|p| {
            (
                *p.btc_price.last().unwrap(),
                *p.hashrate_ehs.last().unwrap(),
            )
        })
        .collect();
    by_price.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (low, high) = by_price.split_at(100);
    let mean = |s: &[(f64, f64)]| s.iter().map(|x| x.1).sum::<f64>() / s.len() as f64;
    assert!(
        mean(high) > mean(low) * 1.1,
        "{} vs {}",
        mean(high),
        mean(low)
    );
}

#[test]
fn a_path_is_recomputed_alone_from_seed_and_index() {
    let m = mc(NetworkMonteCarloSpec {
        paths: 20,
        days: 90,
        seed: 11,
        ..Default::default()
    });
    let all = m.paths(&start()).unwrap();
    assert_eq!(m.path(&start(), 13).unwrap(), all[13]);
    assert_ne!(all[13], all[14]);
    assert!(m.path(&start(), 20).is_err());
}

#[test]
fn a_price_collapse_keeps_the_path_at_the_floor_and_the_run_goes_on() {
    let spec = NetworkMonteCarloSpec {
        paths: 40,
        days: 365,
        price_drift: -2.0,
        price_volatility: 5.0,
        seed: 5,
        ..Default::default()
    };
    let bands = mc(spec).run(&start()).unwrap();
    assert!(bands.paths_at_price_floor > 0);
    assert_eq!(bands.paths, 40);
    assert!(bands.btc_price.last().unwrap().p05 >= 0.01);
}

#[cfg(feature = "rayon")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]
    #[test]
    fn the_same_seed_gives_bit_identical_bands_at_one_and_two_threads(seed in any::<u64>()) {
        let m = mc(NetworkMonteCarloSpec { paths: 32, days: 90, seed, ..Default::default() });
        let on = |threads| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| m.run(&start()).unwrap())
        };
        let (one, two) = (on(1), on(2));
        let bits = |b: &wattage_mining::network_montecarlo::NetworkBands| -> Vec<u64> {
            [&b.btc_price, &b.hashrate_ehs, &b.difficulty, &b.fees_btc, &b.hashprice]
                .into_iter()
                .flatten()
                .flat_map(|x| [x.p05, x.p25, x.p50, x.p75, x.p95])
                .map(f64::to_bits)
                .collect()
        };
        prop_assert_eq!(bits(&one), bits(&two));
        prop_assert_eq!(one, two);
    }
}

#[test]
fn an_extreme_price_path_stays_finite() {
    let spec = NetworkMonteCarloSpec {
        paths: 8,
        days: 3_650,
        price_drift: 2.0,
        price_volatility: 5.0,
        seed: 9,
        ..Default::default()
    };
    let bands = mc(spec).run(&start()).unwrap();
    assert!(bands.hashprice.iter().all(|b| b.p95.is_finite()));
    assert!(bands.btc_price.iter().all(|b| b.p95 <= 1e15));
}
